// Sends an action form to another service's API (the queue service's priority, removal and
// seat offers): the booking pages cannot call that service's code, so the browser does,
// signed in by the session cookie and the page's CSRF token. Errors go beside the fields as
// the server-rendered forms show them; what was typed stays in the form.
(function () {
  'use strict';
  var form = document.querySelector('form[data-api]');
  if (!form) return;
  var box = document.getElementById('form-error');

  function body() {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!element.name || element.name === '_csrf' || element.value === '') return;
      // Yes/no choices are booleans in the API.
      data[element.name] =
        element.value === 'true' ? true : element.value === 'false' ? false : element.value;
    });
    return data;
  }

  function clear() {
    form.querySelectorAll('p.error[data-api-error]').forEach(function (p) {
      p.remove();
    });
    form.querySelectorAll('[aria-invalid]').forEach(function (element) {
      element.removeAttribute('aria-invalid');
      element.removeAttribute('aria-describedby');
      element.closest('.field').classList.remove('has-error');
    });
    box.hidden = true;
  }

  function showForm(text) {
    box.querySelector('p').textContent = text;
    box.hidden = false;
    box.focus();
  }

  function showField(name) {
    var element = form.elements.namedItem(name);
    if (!element || !element.closest) return false;
    var p = document.createElement('p');
    p.className = 'error';
    p.id = name + '-error';
    p.setAttribute('data-api-error', '');
    p.textContent = form.getAttribute(element.value === '' ? 'data-empty' : 'data-invalid');
    element.parentNode.insertBefore(p, element);
    element.setAttribute('aria-invalid', 'true');
    element.setAttribute('aria-describedby', p.id);
    element.closest('.field').classList.add('has-error');
    return true;
  }

  function refused(status, error) {
    if (status === 400 && Array.isArray(error.details)) {
      var shown = error.details.filter(function (problem) {
        return showField(problem.field);
      });
      if (shown.length > 0) return showForm(form.getAttribute('data-summary'));
    }
    // The service's own words are English; a known conflict is told in the page's language.
    var known = document.querySelector('[data-conflict-code="' + String(error.code) + '"]');
    if (known) return showForm(known.textContent);
    showForm(form.getAttribute(status >= 500 ? 'data-unavailable' : 'data-conflict'));
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    clear();
    var button = form.querySelector('button[type=submit]');
    button.disabled = true;
    fetch(form.getAttribute('data-api'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'Content-Type': 'application/json',
        'X-CSRF-Token': form.elements.namedItem('_csrf').value,
      },
      body: JSON.stringify(body()),
    })
      .then(function (response) {
        if (response.ok) {
          window.location.assign(form.getAttribute('data-next'));
          return;
        }
        return response.json().then(
          function (error) {
            refused(response.status, error);
          },
          function () {
            refused(response.status, {});
          },
        );
      })
      .catch(function () {
        showForm(form.getAttribute('data-unavailable'));
      })
      .finally(function () {
        button.disabled = false;
      });
  });
})();
