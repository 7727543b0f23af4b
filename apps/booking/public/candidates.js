// Fills a course page with the waiting clients who fit the course, in queue order, from the
// queue service (GET /api/courses/:id/candidates). Clients of other offices show only their
// place in the queue. Every text goes in with textContent: names are never markup.
(function () {
  'use strict';
  var box = document.getElementById('candidates');
  var tokenField = document.querySelector('input[name="_csrf"]');
  if (!box || !tokenField) return;
  var courseId = box.getAttribute('data-course-id');
  var heads = box.getAttribute('data-heads').split('|');

  function message(text) {
    box.textContent = '';
    var p = document.createElement('p');
    p.textContent = text;
    box.appendChild(p);
  }

  function cell(row, text, tag) {
    var element = document.createElement(tag || 'td');
    element.textContent = text;
    row.appendChild(element);
    return element;
  }

  function bookForm(candidate) {
    var form = document.createElement('form');
    form.method = 'post';
    form.action = '/courses/' + encodeURIComponent(courseId) + '/seats';
    [
      ['_csrf', tokenField.value],
      ['clientId', candidate.clientId],
    ].forEach(function (pair) {
      var input = document.createElement('input');
      input.type = 'hidden';
      input.name = pair[0];
      input.value = pair[1];
      form.appendChild(input);
    });
    var button = document.createElement('button');
    button.type = 'submit';
    button.className = 'primary';
    button.textContent = box.getAttribute('data-book-label');
    var hidden = document.createElement('span');
    hidden.className = 'visually-hidden';
    hidden.textContent = ': ' + candidate.firstName + ' ' + candidate.lastName;
    button.appendChild(hidden);
    form.appendChild(button);
    return form;
  }

  function render(result) {
    if (!result.candidates || result.candidates.length === 0) {
      message(box.getAttribute('data-none'));
      return;
    }
    var table = document.createElement('table');
    var head = table.createTHead().insertRow();
    heads.forEach(function (text) {
      cell(head, text, 'th').scope = 'col';
    });
    var body = table.createTBody();
    result.candidates.forEach(function (candidate) {
      var row = body.insertRow();
      row.setAttribute('data-candidate', candidate.clientId || '');
      cell(row, String(candidate.position));
      cell(row, candidate.clientId ? candidate.lastName + ', ' + candidate.firstName : '–');
      cell(row, String(candidate.startLevel).replace('below-', '< '));
      cell(row, String(candidate.waitingDays));
      var actions = cell(row, '');
      if (candidate.clientId) actions.appendChild(bookForm(candidate));
    });
    box.textContent = '';
    box.appendChild(table);
  }

  fetch('/api/courses/' + encodeURIComponent(courseId) + '/candidates', {
    credentials: 'same-origin',
  })
    .then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    })
    .then(render)
    .catch(function () {
      message(box.getAttribute('data-unavailable'));
    });
})();
