// Batch-prints the invitations of one day's test sessions through the documents API: the
// batch is rendered in the background, so the page asks how far it is until it is done.
(function () {
  'use strict';
  var form = document.getElementById('batch-form');
  var status = document.getElementById('batch-status');
  if (!form || !status) return;
  var token = form.querySelector('input[name="_csrf"]').value;
  var field = document.getElementById('sessionDate');
  var POLL_MS = 1000;

  function say(text) {
    status.textContent = text;
  }

  function isoDay(text) {
    var match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text.trim());
    if (!match) return null;
    return match[3] + '-' + ('0' + match[2]).slice(-2) + '-' + ('0' + match[1]).slice(-2);
  }

  function showFieldError(show) {
    var error = document.getElementById('sessionDate-error');
    if (show && !error) {
      error = document.createElement('p');
      error.className = 'error';
      error.id = 'sessionDate-error';
      error.textContent = form.getAttribute('data-invalid');
      field.parentNode.insertBefore(error, field);
    }
    if (!show && error) error.remove();
    field.setAttribute('aria-invalid', show ? 'true' : 'false');
    field.setAttribute('aria-describedby', 'sessionDate-hint' + (show ? ' sessionDate-error' : ''));
    field.parentNode.classList.toggle('has-error', show);
    if (show) field.focus();
  }

  function offer(batch) {
    status.textContent = form.getAttribute('data-ready') + ' ';
    var link = document.createElement('a');
    link.href = '/api/letters/batch/' + encodeURIComponent(batch.id) + '/pdf';
    link.setAttribute('download', 'letters-' + batch.id.slice(0, 8) + '.pdf');
    link.setAttribute('data-batch-link', batch.id);
    link.textContent = link.getAttribute('download');
    status.appendChild(link);
    link.focus();
  }

  function follow(id) {
    fetch('/api/letters/batch/' + encodeURIComponent(id), { credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (batch) {
        if (batch.status === 'done' && batch.total === 0)
          return say(form.getAttribute('data-empty'));
        if (batch.status === 'done') return offer(batch);
        if (batch.status === 'failed') return say(form.getAttribute('data-failed'));
        say(
          form
            .getAttribute('data-working')
            .replace('{done}', batch.done)
            .replace('{total}', batch.total),
        );
        setTimeout(function () {
          follow(id);
        }, POLL_MS);
      })
      .catch(function () {
        say(form.getAttribute('data-failed'));
      });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var day = isoDay(field.value);
    showFieldError(!day);
    if (!day) return;
    fetch('/api/letters/batch', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': token },
      body: JSON.stringify({ kind: 'test-invitation', sessionDate: day }),
    })
      .then(function (response) {
        if (response.status === 400) {
          showFieldError(true);
          return null;
        }
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (batch) {
        if (batch) follow(batch.id);
      })
      .catch(function () {
        say(form.getAttribute('data-failed'));
      });
  });
})();
