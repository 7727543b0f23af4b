// Keeps the free-place counts of the test places live while an official looks at them:
// other offices book the same sessions at the same time.
(function () {
  'use strict';
  var cells = document.querySelectorAll('[data-places-left]');
  if (cells.length === 0) return;
  var REFRESH_MS = 20000;

  function refresh() {
    fetch('/api/test-sessions?available=false&limit=1000', { credentials: 'same-origin' })
      .then(function (response) {
        return response.ok ? response.json() : [];
      })
      .then(function (sessions) {
        var left = {};
        sessions.forEach(function (session) {
          left[session.id] = session.placesLeft;
        });
        cells.forEach(function (cell) {
          var id = cell.getAttribute('data-places-left');
          if (id in left && String(left[id]) !== cell.textContent) cell.textContent = left[id];
        });
      })
      .catch(function () {
        // A missed refresh is not worth a message: the next one follows.
      });
  }

  setInterval(refresh, REFRESH_MS);
})();
