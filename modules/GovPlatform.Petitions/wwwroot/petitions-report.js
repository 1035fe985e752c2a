// The field report's "use my location" button: fills the longitude and latitude inputs from the device's location
// (navigator.geolocation) and says where it found the worker. Without JavaScript the button stays hidden and the
// worker types the coordinates. Loaded with <script src defer>; no inline code (CSP).
'use strict';

(() => {
  const format = (template, values) =>
    Object.entries(values).reduce((text, [name, value]) => text.replaceAll(`{${name}}`, value), template ?? '');

  for (const button of document.querySelectorAll('button[data-locate-report]')) {
    const form = button.form ?? button.closest('form');
    const status = document.getElementById(button.getAttribute('data-status') ?? '');
    const longitude = form?.querySelector('input[name="longitude"]');
    const latitude = form?.querySelector('input[name="latitude"]');
    const manual = form?.querySelector('details.report-manual');
    if (!longitude || !latitude) continue;

    const say = (text) => { if (status) status.textContent = text; };
    const fallBack = (text) => {
      say(text);
      if (manual) manual.open = true;
    };

    button.hidden = false;
    button.addEventListener('click', () => {
      if (!('geolocation' in navigator)) {
        fallBack(button.dataset.unsupported);
        return;
      }

      button.disabled = true;
      say(button.dataset.locating);
      navigator.geolocation.getCurrentPosition(
        (position) => {
          button.disabled = false;
          longitude.value = position.coords.longitude.toFixed(6);
          latitude.value = position.coords.latitude.toFixed(6);
          say(format(button.dataset.located, {
            lon: longitude.value,
            lat: latitude.value,
            acc: String(Math.round(position.coords.accuracy ?? 0)),
          }));
        },
        () => {
          button.disabled = false;
          fallBack(button.dataset.failed);
        },
        { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 });
    });
  }
})();
