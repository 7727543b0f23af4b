// Draws a table of the queue service's answer (GET /api/waiting-lists…) into the page. The
// booking pages cannot call the queue service's code (the apps share only the database and
// BullMQ), so the browser asks its API, signed in by the session cookie.
(function () {
  'use strict';
  var labelsElement = document.getElementById('queue-labels');
  if (!labelsElement) return;
  var labels = JSON.parse(labelsElement.textContent);

  function day(value) {
    var parts = String(value).slice(0, 10).split('-');
    return parts.length === 3 ? Number(parts[2]) + '.' + Number(parts[1]) + '.' + parts[0] : '';
  }

  function shown(row, column) {
    var value = row[column];
    if (value === null || value === undefined) return '–';
    if (['oldestSince', 'waitingSince', 'courseStartsOn', 'expiresAt'].indexOf(column) >= 0)
      return day(value);
    if (column === 'pace' || column === 'targetLanguage')
      return labels.codes[column][value] || value;
    if (column === 'level') return String(value).replace('below-', '< ');
    if (column === 'name') return row.lastName + ', ' + row.firstName;
    return String(value);
  }

  function message(box, text) {
    box.textContent = '';
    var p = document.createElement('p');
    p.textContent = text;
    box.appendChild(p);
  }

  function render(box, columns, rows) {
    if (!Array.isArray(rows) || rows.length === 0)
      return message(box, box.getAttribute('data-none') || labels.none);
    var table = document.createElement('table');
    var head = table.createTHead().insertRow();
    columns.forEach(function (column) {
      var th = document.createElement('th');
      th.scope = 'col';
      th.textContent = labels.heads[column];
      head.appendChild(th);
    });
    var body = table.createTBody();
    rows.forEach(function (row) {
      var tr = body.insertRow();
      columns.forEach(function (column) {
        var td = tr.insertCell();
        if (column === 'length' && box.hasAttribute('data-link-entries')) {
          var link = document.createElement('a');
          link.href =
            '/waiting-lists/entries?targetLanguage=' +
            encodeURIComponent(row.targetLanguage) +
            '&pace=' +
            encodeURIComponent(row.pace) +
            '&level=' +
            encodeURIComponent(row.level);
          link.textContent = shown(row, column);
          td.appendChild(link);
        } else if (column === 'name' && row.clientId) {
          var client = document.createElement('a');
          client.href = '/clients/' + encodeURIComponent(row.clientId);
          client.textContent = shown(row, column);
          td.appendChild(client);
        } else {
          td.textContent = shown(row, column);
        }
      });
    });
    box.textContent = '';
    box.appendChild(table);
  }

  // Each box on the page draws its own source (the waiting lists, the seats held).
  document.querySelectorAll('[data-queue-source]').forEach(function (box) {
    var columns = box.getAttribute('data-columns').split(',');
    fetch(box.getAttribute('data-queue-source'), { credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (rows) {
        render(box, columns, rows);
      })
      .catch(function () {
        message(box, labels.unavailable);
      });
  });
})();
