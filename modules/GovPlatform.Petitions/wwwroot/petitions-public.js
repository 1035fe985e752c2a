// The public petition form's small helpers; the form works without them. Loaded with <script src defer>; no inline
// code (CSP).
//
// Location cascade: the selects <select data-petition-level="0|1|…"> list every unit of their level, grouped in
// <optgroup data-parent="code"> by parent. Once a level is chosen, the next select keeps only the units of that
// choice, and a choice below that no longer fits is cleared.
//
// "Use my location": <button data-petition-locate> (hidden until the browser can locate) fills #longitude and
// #latitude from navigator.geolocation without submitting; data-status names an element for data-error's text.
'use strict';

(() => {
  const cascade = () => {
    const selects = [...document.querySelectorAll('select[data-petition-level]')]
      .sort((a, b) => Number(a.dataset.petitionLevel) - Number(b.dataset.petitionLevel));
    // Every select's groups as the server rendered them, to rebuild from.
    const groups = selects.map((select) => [...select.querySelectorAll('optgroup[data-parent]')].map((g) => g.cloneNode(true)));

    const refill = (index) => {
      const select = selects[index];
      if (!select || groups[index].length === 0) return;
      // The nearest chosen level above decides; with nothing chosen above, every unit is offered.
      let parent = '';
      for (let i = index - 1; i >= 0 && !parent; i--) parent = selects[i].value;
      const value = select.value;
      select.querySelectorAll('optgroup').forEach((g) => g.remove());
      for (const group of groups[index]) {
        if (!parent || group.dataset.parent === parent || isBelow(group.dataset.parent, index - 1, parent)) {
          select.appendChild(group.cloneNode(true));
        }
      }
      select.value = [...select.options].some((o) => o.value === value) ? value : '';
    };

    // Whether the unit `code` of level `level` lies under `ancestor`, by the groups of the levels above.
    const isBelow = (code, level, ancestor) => {
      for (let i = level; i >= 0 && code; i--) {
        const owner = groups[i].find((g) => [...g.querySelectorAll('option')].some((o) => o.value === code));
        code = owner?.dataset.parent ?? '';
        if (code === ancestor) return true;
      }
      return false;
    };

    selects.forEach((select, index) => {
      select.addEventListener('change', () => {
        for (let i = index + 1; i < selects.length; i++) refill(i);
      });
    });
    for (let i = 1; i < selects.length; i++) refill(i);
  };

  const locate = (button) => {
    if (!('geolocation' in navigator)) return;
    button.hidden = false;
    button.addEventListener('click', (event) => {
      event.preventDefault();
      const status = document.getElementById(button.dataset.status || '');
      button.disabled = true;
      navigator.geolocation.getCurrentPosition(
        (position) => {
          button.disabled = false;
          const { longitude, latitude } = position.coords;
          for (const [id, value] of [['longitude', longitude], ['latitude', latitude]]) {
            const input = document.getElementById(id);
            if (input) input.value = value.toFixed(6);
          }
          if (status) status.textContent = '';
        },
        (error) => {
          button.disabled = false;
          if (status) status.textContent = button.dataset.error || error.message;
        },
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
      );
    });
  };

  const init = () => {
    cascade();
    document.querySelectorAll('button[data-petition-locate]').forEach(locate);
  };

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
