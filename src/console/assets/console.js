// The ops console's few lines of script (served by the service; htmx does the rest).
// - times: written in UTC by the server, shown in the operator's local time (UTC on hover);
// - copy buttons: copy the field they point at;
// - a webhook endpoint's events: "All event types" and single types exclude each other;
// - live activity: follows the tenant's Server-Sent Events while its page is shown.
(function () {
  'use strict';

  var dateFormat = new Intl.DateTimeFormat(undefined, {
    year: 'numeric',
    month: 'short',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });

  function localTimes(root) {
    var nodes = root.querySelectorAll('time[data-local]');
    for (var i = 0; i < nodes.length; i++) {
      var node = nodes[i];
      var date = new Date(node.getAttribute('datetime'));
      if (!isNaN(date.getTime())) node.textContent = dateFormat.format(date);
      node.removeAttribute('data-local');
    }
  }

  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('[data-copy]');
    if (!button) return;
    var field = document.querySelector(button.getAttribute('data-copy'));
    if (!field) return;
    var done = function () {
      button.textContent = 'Copied';
      setTimeout(function () {
        button.textContent = 'Copy';
      }, 2000);
    };
    field.select();
    if (navigator.clipboard && navigator.clipboard.writeText)
      navigator.clipboard.writeText(field.value).then(done, function () {
        document.execCommand('copy');
        done();
      });
    else {
      document.execCommand('copy');
      done();
    }
  });

  document.addEventListener('change', function (event) {
    var box = event.target;
    var group = box && box.type === 'checkbox' && box.checked && box.closest && box.closest('[data-event-choices]');
    if (!group) return;
    var others = box.hasAttribute('data-events-all')
      ? group.querySelectorAll('[data-event-type-choice]')
      : group.querySelectorAll('[data-events-all]');
    for (var i = 0; i < others.length; i++) others[i].checked = false;
  });

  var source = null;
  var sourceUrl = null;

  function eventSummary(event) {
    var data = event.data || {};
    // order.created / updated / deleted / expired carry the order itself.
    if (data.order && typeof data.order === 'object') data = data.order;
    var parts = [];
    if (data.orderId) parts.push(data.orderId);
    if (data.type && data.type !== event.type) parts.push(data.type);
    if (data.code) parts.push(data.code);
    if (typeof data.saturation === 'number') parts.push('saturation ' + Math.round(data.saturation * 100) + ' %');
    if (typeof data.orderCount === 'number') parts.push(data.orderCount + ' orders');
    if (Array.isArray(data.lines)) parts.push(data.lines.length + ' line' + (data.lines.length === 1 ? '' : 's'));
    return parts.join(' · ');
  }

  function addEvent(list, event) {
    var item = document.createElement('li');
    item.className = 'feed-item';
    item.setAttribute('data-event-type', event.type);
    var time = document.createElement('time');
    time.setAttribute('datetime', event.at);
    time.title = event.at.replace('T', ' ').slice(0, 19) + ' UTC';
    time.textContent = dateFormat.format(new Date(event.at));
    var type = document.createElement('span');
    type.className = 'badge badge-info';
    type.textContent = event.type;
    var text = document.createElement('span');
    text.className = 'feed-text mono';
    text.textContent = eventSummary(event);
    item.appendChild(time);
    item.appendChild(type);
    item.appendChild(text);
    list.insertBefore(item, list.firstChild);
    while (list.children.length > 200) list.removeChild(list.lastChild);
    var empty = document.querySelector('[data-live-empty]');
    if (empty) empty.hidden = true;
  }

  function markLive() {
    var status = document.querySelector('[data-live-status]');
    if (status) {
      status.textContent = 'Live';
      status.setAttribute('data-state', 'live');
    }
  }

  function follow() {
    var list = document.querySelector('[data-live-feed]');
    var url = list ? list.getAttribute('data-live-feed') : null;
    if (source && url === sourceUrl) {
      if (source.readyState === 1) markLive();
      return;
    }
    if (source) {
      source.close();
      source = null;
      sourceUrl = null;
    }
    if (!url) return;
    // Looked up at each message: htmx may have swapped the page (same feed) meanwhile.
    var say = function (text, state) {
      var status = document.querySelector('[data-live-status]');
      if (status) {
        status.textContent = text;
        status.setAttribute('data-state', state);
      }
    };
    source = new EventSource(url);
    sourceUrl = url;
    source.onopen = function () {
      say('Live', 'live');
    };
    source.onerror = function () {
      say('Reconnecting…', 'down');
    };
    source.onmessage = function (message) {
      var current = document.querySelector('[data-live-feed]');
      if (!current) return;
      try {
        addEvent(current, JSON.parse(message.data));
      } catch (e) {
        /* not an event */
      }
    };
  }

  function refresh(root) {
    localTimes(root || document);
    follow();
    var flash = document.querySelector('[data-flash]');
    if (flash && !flash.hasAttribute('data-seen')) flash.setAttribute('data-seen', '');
  }

  document.addEventListener('DOMContentLoaded', function () {
    refresh(document);
  });
  // htmx swapped in a new page (boosted links and forms): its times and feed too.
  document.addEventListener('htmx:afterSettle', function () {
    refresh(document);
  });
  window.addEventListener('pagehide', function () {
    if (source) source.close();
    source = null;
    sourceUrl = null;
  });
})();
