// The ops console's few lines of script (served by the service; htmx does the rest).
// - times: written in UTC by the server, shown in the operator's local time (UTC on hover);
// - copy buttons: copy the field they point at;
// - a webhook endpoint's events: "All event types" and single types exclude each other;
// - live activity: follows the tenant's Server-Sent Events while its page is shown.
(() => {
  const dateFormat = new Intl.DateTimeFormat(undefined, {
    year: 'numeric',
    month: 'short',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });

  function localTimes(root) {
    const nodes = root.querySelectorAll('time[data-local]');
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      const date = new Date(node.getAttribute('datetime'));
      if (!Number.isNaN(date.getTime())) node.textContent = dateFormat.format(date);
      node.removeAttribute('data-local');
    }
  }

  document.addEventListener('click', (event) => {
    const button = event.target.closest?.('[data-copy]');
    if (!button) return;
    const field = document.querySelector(button.getAttribute('data-copy'));
    if (!field) return;
    const done = () => {
      button.textContent = 'Copied';
      setTimeout(() => {
        button.textContent = 'Copy';
      }, 2000);
    };
    field.select();
    if (navigator.clipboard?.writeText)
      navigator.clipboard.writeText(field.value).then(done, () => {
        document.execCommand('copy');
        done();
      });
    else {
      document.execCommand('copy');
      done();
    }
  });

  document.addEventListener('change', (event) => {
    const box = event.target;
    const group = box && box.type === 'checkbox' && box.checked && box.closest?.('[data-event-choices]');
    if (!group) return;
    const others = box.hasAttribute('data-events-all')
      ? group.querySelectorAll('[data-event-type-choice]')
      : group.querySelectorAll('[data-events-all]');
    for (let i = 0; i < others.length; i++) others[i].checked = false;
  });

  let source = null;
  let sourceUrl = null;

  function eventSummary(event) {
    let data = event.data || {};
    // order.created / updated / deleted / expired carry the order itself.
    if (data.order && typeof data.order === 'object') data = data.order;
    const parts = [];
    if (data.orderId) parts.push(data.orderId);
    if (data.type && data.type !== event.type) parts.push(data.type);
    if (data.code) parts.push(data.code);
    if (typeof data.saturation === 'number') parts.push(`saturation ${Math.round(data.saturation * 100)} %`);
    if (typeof data.orderCount === 'number') parts.push(`${data.orderCount} orders`);
    if (Array.isArray(data.lines)) parts.push(`${data.lines.length} line${data.lines.length === 1 ? '' : 's'}`);
    return parts.join(' · ');
  }

  function addEvent(list, event) {
    const item = document.createElement('li');
    item.className = 'feed-item';
    item.setAttribute('data-event-type', event.type);
    const time = document.createElement('time');
    time.setAttribute('datetime', event.at);
    time.title = `${event.at.replace('T', ' ').slice(0, 19)} UTC`;
    time.textContent = dateFormat.format(new Date(event.at));
    const type = document.createElement('span');
    type.className = 'badge badge-info';
    type.textContent = event.type;
    const text = document.createElement('span');
    text.className = 'feed-text mono';
    text.textContent = eventSummary(event);
    item.appendChild(time);
    item.appendChild(type);
    item.appendChild(text);
    list.insertBefore(item, list.firstChild);
    while (list.children.length > 200) list.removeChild(list.lastChild);
    const empty = document.querySelector('[data-live-empty]');
    if (empty) empty.hidden = true;
  }

  function markLive() {
    const status = document.querySelector('[data-live-status]');
    if (status) {
      status.textContent = 'Live';
      status.setAttribute('data-state', 'live');
    }
  }

  function follow() {
    const list = document.querySelector('[data-live-feed]');
    const url = list ? list.getAttribute('data-live-feed') : null;
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
    const say = (text, state) => {
      const status = document.querySelector('[data-live-status]');
      if (status) {
        status.textContent = text;
        status.setAttribute('data-state', state);
      }
    };
    source = new EventSource(url);
    sourceUrl = url;
    source.onopen = () => {
      say('Live', 'live');
    };
    source.onerror = () => {
      say('Reconnecting…', 'down');
    };
    source.onmessage = (message) => {
      const current = document.querySelector('[data-live-feed]');
      if (!current) return;
      try {
        addEvent(current, JSON.parse(message.data));
      } catch {
        /* not an event */
      }
    };
  }

  function refresh(root) {
    localTimes(root || document);
    follow();
    const flash = document.querySelector('[data-flash]');
    if (flash && !flash.hasAttribute('data-seen')) flash.setAttribute('data-seen', '');
  }

  document.addEventListener('DOMContentLoaded', () => {
    refresh(document);
  });
  // htmx swapped in a new page (boosted links and forms): its times and feed too.
  document.addEventListener('htmx:afterSettle', () => {
    refresh(document);
  });
  window.addEventListener('pagehide', () => {
    if (source) source.close();
    source = null;
    sourceUrl = null;
  });
})();
