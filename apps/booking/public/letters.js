// Prints a letter through the documents API (POST /api/letters) and offers the PDF to
// download. The session cookie signs the request; the page's CSRF token proves it is ours.
(function () {
  'use strict';
  var status = document.getElementById('letter-status');
  var tokenField = document.querySelector('input[name="_csrf"]');
  if (!status || !tokenField) return;

  function show(text) {
    status.textContent = text;
  }

  function offer(id) {
    status.textContent = status.getAttribute('data-ready') + ' ';
    var link = document.createElement('a');
    link.href = '/api/letters/' + encodeURIComponent(id) + '/pdf';
    link.setAttribute('download', 'letter-' + id.slice(0, 8) + '.pdf');
    link.setAttribute('data-letter-link', id);
    link.textContent = link.getAttribute('download');
    status.appendChild(link);
    link.focus();
  }

  function print(button) {
    var kind = button.getAttribute('data-letter-kind');
    var subject = button.getAttribute('data-letter-subject');
    var body = { kind: kind };
    body[kind === 'test-invitation' ? 'bookingId' : 'seatId'] = subject;
    button.disabled = true;
    show(status.getAttribute('data-working'));
    fetch('/api/letters', {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'Content-Type': 'application/json',
        'X-CSRF-Token': tokenField.value,
        // The same click twice (a slow printer, an impatient hand) prints one letter.
        'Idempotency-Key': kind + '-' + subject + '-' + Math.floor(Date.now() / 60000),
      },
      body: JSON.stringify(body),
    })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (letter) {
        offer(letter.id);
      })
      .catch(function () {
        show(status.getAttribute('data-failed'));
      })
      .finally(function () {
        button.disabled = false;
      });
  }

  document.addEventListener('click', function (event) {
    var button = event.target.closest('button[data-letter-kind]');
    if (button) print(button);
  });
})();
