// The client's live place in the queue and any seat held for them, from the queue service's
// API (the booking pages cannot call its code), with links to its actions' pages.
(function () {
  'use strict';
  var box = document.getElementById('queue-position');
  if (!box) return;
  var client = box.getAttribute('data-client');

  function text(name, values) {
    return box.getAttribute('data-text-' + name).replace(/\{(\w+)\}/g, function (match, key) {
      return values && key in values ? String(values[key]) : match;
    });
  }

  // As people in Finland write it, in Helsinki time: d.m.yyyy hh:mm.
  function when(value) {
    var parts = {};
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Helsinki',
      day: 'numeric',
      month: 'numeric',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(value))
      .forEach(function (part) {
        parts[part.type] = part.value;
      });
    return parts.day + '.' + parts.month + '.' + parts.year + ' ' + parts.hour + ':' + parts.minute;
  }

  function paragraph(content, id) {
    var p = document.createElement('p');
    if (id) p.id = id;
    p.textContent = content;
    box.appendChild(p);
    return p;
  }

  function links(pairs) {
    var div = document.createElement('div');
    div.className = 'actions';
    pairs.forEach(function (pair) {
      var a = document.createElement('a');
      a.className = 'button';
      a.href = pair[1];
      a.textContent = pair[0];
      div.appendChild(a);
    });
    box.appendChild(div);
  }

  function render(entry) {
    box.textContent = '';
    if (entry.status === 'waiting') {
      paragraph(
        text('place', {
          position: entry.position,
          length: entry.queueLength,
          days: entry.waitingDays,
        }),
        'queue-place',
      );
      if (entry.priority) paragraph(text('priority', { reason: entry.priorityReason || '–' }));
      var base = '/clients/' + client + '/queue/' + entry.entryId;
      links([
        [text('set-priority'), base + '/priority'],
        [text('remove'), base + '/remove'],
      ]);
    } else {
      paragraph(text('not-waiting'), 'queue-place');
    }
    (entry.openOffers || []).forEach(function (offer) {
      paragraph(
        text('offer', { course: offer.courseName, until: when(offer.expiresAt) }),
      ).className = 'notice';
      var base = '/clients/' + client + '/offers/' + offer.id;
      links([
        [text('book'), base + '/book'],
        [text('decline'), base + '/decline'],
      ]);
    });
  }

  fetch(box.getAttribute('data-source'), { credentials: 'same-origin' })
    .then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    })
    .then(render)
    .catch(function () {
      box.textContent = '';
      paragraph(text('unavailable'));
    });
})();
