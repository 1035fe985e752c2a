// Grid maps (rendered by SvgMap on the server): turns a click on a pickable map into a longitude and latitude, and
// fills the same inputs from the browser's location. Loaded with <script src defer>; no inline code (CSP).
//
// A pickable map is <svg class="grid-map" data-pick ...> carrying the inverse of its projection, in viewBox units:
//   longitude = data-lon0 + x / data-kx,  latitude = data-lat0 - y / data-ky.
// data-lon-input / data-lat-input name the ids of the inputs to fill (default "longitude" / "latitude");
// data-submit submits the enclosing form after a pick.
//
// A <button data-locate> fills the inputs named by its own data-lon-input / data-lat-input (same defaults) from
// navigator.geolocation and submits its form; data-status names an element that receives data-error's text on failure.
'use strict';

(() => {
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const MARKER_RADIUS = 6;

  const number = (el, name) => Number.parseFloat(el.getAttribute(name) ?? '');

  const inputs = (el) => [
    document.getElementById(el.getAttribute('data-lon-input') || 'longitude'),
    document.getElementById(el.getAttribute('data-lat-input') || 'latitude'),
  ];

  const fill = (el, lon, lat) => {
    const [lonInput, latInput] = inputs(el);
    for (const [input, value] of [[lonInput, lon], [latInput, lat]]) {
      if (input) {
        input.value = value.toFixed(6);
        input.dispatchEvent(new Event('change', { bubbles: true }));
      }
    }
    return lonInput?.form ?? latInput?.form ?? null;
  };

  const submit = (form) => {
    if (!form) return;
    if (typeof form.requestSubmit === 'function') form.requestSubmit();
    else form.submit();
  };

  // The click in viewBox coordinates, whatever size the svg is shown at.
  const toViewBox = (svg, event) => {
    const ctm = svg.getScreenCTM();
    if (!ctm) return null;
    if (typeof svg.createSVGPoint === 'function') {
      const point = svg.createSVGPoint();
      point.x = event.clientX;
      point.y = event.clientY;
      return point.matrixTransform(ctm.inverse());
    }
    return new DOMPoint(event.clientX, event.clientY).matrixTransform(ctm.inverse());
  };

  const placeMarker = (svg, x, y) => {
    let marker = svg.querySelector('circle.grid-map-marker');
    if (!marker) {
      marker = document.createElementNS(SVG_NS, 'circle');
      marker.setAttribute('class', 'grid-map-marker');
      marker.setAttribute('r', String(MARKER_RADIUS));
      svg.appendChild(marker);
    }
    marker.setAttribute('cx', x.toFixed(1));
    marker.setAttribute('cy', y.toFixed(1));
  };

  const pickable = (svg) => {
    const lon0 = number(svg, 'data-lon0');
    const lat0 = number(svg, 'data-lat0');
    const kx = number(svg, 'data-kx');
    const ky = number(svg, 'data-ky');
    if (![lon0, lat0, kx, ky].every(Number.isFinite) || kx === 0 || ky === 0) return;

    svg.addEventListener('click', (event) => {
      const point = toViewBox(svg, event);
      if (!point) return;
      event.preventDefault(); // a pick, not a link to follow
      const lon = lon0 + point.x / kx;
      const lat = lat0 - point.y / ky;
      placeMarker(svg, point.x, point.y);
      const form = fill(svg, lon, lat) ?? svg.closest('form');
      if (svg.hasAttribute('data-submit')) submit(form);
    });
  };

  const locate = (button) => {
    if (!('geolocation' in navigator)) {
      button.hidden = true;
      return;
    }
    button.addEventListener('click', (event) => {
      event.preventDefault();
      const status = document.getElementById(button.getAttribute('data-status') || '');
      button.disabled = true;
      navigator.geolocation.getCurrentPosition(
        (position) => {
          button.disabled = false;
          const { longitude, latitude } = position.coords;
          const form = fill(button, longitude, latitude) ?? button.form ?? button.closest('form');
          submit(form);
        },
        (error) => {
          button.disabled = false;
          if (status) status.textContent = button.getAttribute('data-error') || error.message;
        },
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
      );
    });
  };

  const init = () => {
    document.querySelectorAll('svg.grid-map[data-pick]').forEach(pickable);
    document.querySelectorAll('button[data-locate]').forEach(locate);
  };

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
