// The fauxport dashboard: reads the admin API of the server that served it (same origin) and
// renders every value as text (textContent, never markup). With `serve --admin-token T`, open
// /__admin/ui#token=T: the token is moved from the URL into sessionStorage and sent as
// `Authorization: Bearer T` on every admin request.
'use strict';

(() => {
  const TOKEN_KEY = 'fauxport-admin-token';
  const POLL_MS = 1000;
  const SHOWN_ROWS = 300; // journal rows in the table (the newest)
  const KEPT = 5000; // entries the page keeps for the timeline
  const SVG = 'http://www.w3.org/2000/svg';

  function takeToken() {
    const params = new URLSearchParams(location.hash.slice(1));
    if (params.has('token')) {
      sessionStorage.setItem(TOKEN_KEY, params.get('token'));
      history.replaceState(null, '', location.pathname + location.search);
    }
    return sessionStorage.getItem(TOKEN_KEY);
  }
  const token = takeToken();

  async function api(method, path, body) {
    const headers = {};
    if (token) headers.Authorization = 'Bearer ' + token;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const resp = await fetch('/__admin/' + path, {
      method, headers, cache: 'no-store', credentials: 'omit',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = await resp.json().catch(() => ({}));
    if (!resp.ok) {
      throw new Error(`${method} /__admin/${path}: HTTP ${resp.status}` +
        (data.error ? ` (${data.error})` : ''));
    }
    return data;
  }

  const $ = (id) => document.getElementById(id);
  function el(tag, cls, ...children) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    for (const c of children) e.append(c == null ? '' : (c instanceof Node ? c : String(c)));
    return e;
  }
  function svg(tag, attrs, text) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function status(text, isError) {
    const s = $('status');
    s.textContent = text;
    s.classList.toggle('error', !!isError);
  }
  function failed(err) {
    status(String(err.message || err), true);
  }

  // Projects.
  async function loadWorld() {
    const world = await api('GET', 'world');
    $('world-seed').textContent = `seed ${world.seed}`;
    const body = $('projects').tBodies[0];
    body.replaceChildren(...world.projects.map((p) => {
      const tr = el('tr', 'project', el('td', 'id', p.id), el('td', 'name', p.name),
        el('td', 'kind', p.kind), el('td', 'num rows', p.rows));
      tr.dataset.kind = p.kind;
      return tr;
    }));
  }

  // Scenarios and the default.
  async function loadScenarios() {
    const { scenarios } = await api('GET', 'scenarios');
    $('scenarios').replaceChildren(...scenarios.map((s) => {
      const card = el('div', 'scenario',
        el('h3', 'scenario-name', s.name),
        el('div', 'meta', `${s.origin} · expect ${s.expect || 'completes'}`),
        el('p', 'description', s.description || ''),
        el('details', null, el('summary', null, 'definition'),
          el('pre', 'definition', JSON.stringify(s, null, 2))));
      card.dataset.name = s.name;
      return card;
    }));
    const select = $('default-name');
    const chosen = select.value;
    select.replaceChildren(...scenarios.map((s) => {
      const o = el('option', null, s.name);
      o.value = s.name;
      return o;
    }));
    if (chosen) select.value = chosen;
  }

  async function loadDefault() {
    const d = await api('GET', 'default-scenario');
    $('default-current').textContent = d.seed == null ? d.name : `${d.name}:${d.seed}`;
    if (!$('default-name').dataset.touched) $('default-name').value = d.name;
  }

  $('default-name').addEventListener('change', (e) => { e.target.dataset.touched = '1'; });
  $('default-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = { name: $('default-name').value };
    const seed = $('default-seed').value.trim();
    if (seed !== '') body.seed = Number(seed);
    try {
      await api('PUT', 'default-scenario', body);
      await loadDefault();
      status(`default scenario set to ${$('default-current').textContent}`);
    } catch (err) { failed(err); }
  });
  $('default-clear').addEventListener('click', async () => {
    try {
      await api('DELETE', 'default-scenario');
      delete $('default-name').dataset.touched;
      await loadDefault();
      status(`default scenario back to ${$('default-current').textContent}`);
    } catch (err) { failed(err); }
  });

  // The journal: the newest entries first, then only what is new.
  let entries = []; // oldest first
  let lastSeq = null;
  let counts = null;

  function operation(e) {
    return e.operations && e.operations.length ? e.operations.join(', ') : `${e.method} ${e.path}`;
  }

  function renderJournal() {
    const rows = [];
    for (let i = entries.length - 1; i >= 0 && rows.length < SHOWN_ROWS; i--) {
      const e = entries[i];
      const tr = el('tr', 'entry',
        el('td', 'num seq', e.seq), el('td', 'num at', (e.at_ms / 1000).toFixed(3)),
        el('td', 'key', e.api_key || ''), el('td', 'operation', operation(e)),
        el('td', 'kind', e.kind), el('td', 'scenario', e.scenario || ''),
        el('td', 'num status', e.status), el('td', 'fault', e.fault || ''),
        el('td', 'num duration', e.duration_ms.toFixed(1)));
      if (e.fault) tr.classList.add('faulted');
      if (e.status >= 400) tr.classList.add('failed');
      tr.dataset.seq = e.seq;
      rows.push(tr);
    }
    $('journal').tBodies[0].replaceChildren(...rows);
    if (counts) {
      $('journal-counts').textContent = `${counts.total_recorded} recorded, ` +
        `${counts.evicted} evicted, capacity ${counts.capacity}; showing the newest ${rows.length}`;
    }
  }

  async function pollJournal() {
    const path = lastSeq == null ? `requests?limit=${KEPT}` : `requests?after_seq=${lastSeq}`;
    const j = await api('GET', path);
    counts = j;
    if (j.requests.length) {
      entries = entries.concat(j.requests).slice(-KEPT);
      lastSeq = entries[entries.length - 1].seq;
    } else if (lastSeq == null) {
      lastSeq = 0;
    }
    if (j.requests.length || !$('journal').tBodies[0].rows.length) {
      renderJournal();
      renderKeys();
      renderTimeline();
    }
  }

  // The timeline of one key.
  const keySelect = $('timeline-key');
  keySelect.addEventListener('change', () => { keySelect.dataset.touched = '1'; renderTimeline(); });

  function renderKeys() {
    const seen = new Map();
    for (const e of entries) {
      if (e.api_key) seen.set(e.api_key, (seen.get(e.api_key) || 0) + 1);
    }
    let chosen = keySelect.value;
    if (!keySelect.dataset.touched || !seen.has(chosen)) {
      const newest = entries.length ? entries[entries.length - 1].api_key : null;
      chosen = newest && seen.has(newest) ? newest : chosen;
    }
    keySelect.replaceChildren(...[...seen].map(([key, n]) => {
      const o = el('option', null, `${key} (${n} calls)`);
      o.value = key;
      return o;
    }));
    if (chosen && seen.has(chosen)) keySelect.value = chosen;
  }

  function lane(e) {
    if (e.kind === 'task') return 'task';
    if (e.kind === 'page' || e.kind === 'download') return 'page';
    if (e.kind === 'refused') return 'refused';
    return 'graphql';
  }
  // What makes two calls "the same call again": a page's path, or a GraphQL call's kind.
  function identity(e) {
    return lane(e) === 'page' ? `page ${e.path}` : `${e.kind} ${e.operations.join(',')}`;
  }
  const bad = (e) => !!e.fault || e.retryable || e.status >= 400;

  function renderTimeline() {
    const key = keySelect.value;
    const calls = entries.filter((e) => e.api_key === key).sort((a, b) => a.at_ms - b.at_ms);
    const box = $('timeline');
    const W = 1000, H = 150, left = 90, right = 10;
    box.setAttribute('viewBox', `0 0 ${W} ${H}`);
    box.setAttribute('preserveAspectRatio', 'none');
    const lanes = { graphql: 20, task: 50, page: 80, refused: 110 };
    const names = { graphql: 'GraphQL', task: 'polls', page: 'pages', refused: 'refused' };
    const parts = Object.entries(lanes).map(([k, y]) =>
      svg('text', { x: 4, y: y + 12, class: 'lane-label' }, names[k]));
    if (!calls.length) {
      box.replaceChildren(...parts);
      $('timeline-summary').textContent = key ? '' : 'no calls yet';
      return;
    }
    const t0 = calls[0].at_ms;
    const t1 = Math.max(...calls.map((e) => e.at_ms + e.duration_ms));
    const span = Math.max(t1 - t0, 1);
    const x = (t) => left + ((t - t0) / span) * (W - left - right);
    parts.push(svg('text', { x: left, y: H - 4, class: 'axis' }, '0 s'));
    parts.push(svg('text', { x: W - right - 40, y: H - 4, class: 'axis' },
      `${(span / 1000).toFixed(1)} s`));
    const last = new Map(); // identity -> the previous call
    let lastPoll = null;
    let retries = 0, polls = 0, pages = 0, faulted = 0, backoffMs = 0;
    for (const e of calls) {
      const l = lane(e), y = lanes[l], id = identity(e);
      const prev = last.get(id);
      const retry = prev && bad(prev);
      if (retry) {
        retries++;
        const from = prev.at_ms + prev.duration_ms;
        backoffMs += Math.max(0, e.at_ms - from);
        const gap = svg('line', { x1: x(from), y1: y + 8, x2: x(e.at_ms), y2: y + 8, class: 'backoff' });
        gap.append(svg('title', {}, `back-off ${(e.at_ms - from).toFixed(0)} ms before retrying ${operation(e)}`));
        parts.push(gap);
        parts.push(svg('path', { d: `M${x(e.at_ms)} ${y - 7} l4 6 l-8 0 z`, class: 'retry-mark' }));
      } else if (l === 'task' && lastPoll) {
        const from = lastPoll.at_ms + lastPoll.duration_ms;
        const gap = svg('line', { x1: x(from), y1: y + 8, x2: x(e.at_ms), y2: y + 8, class: 'gap' });
        gap.append(svg('title', {}, `${((e.at_ms - from) / 1000).toFixed(2)} s between polls`));
        parts.push(gap);
        if (x(e.at_ms) - x(from) > 28) {
          parts.push(svg('text', { x: (x(from) + x(e.at_ms)) / 2 - 12, y: y - 2, class: 'gap-label' },
            `${((e.at_ms - lastPoll.at_ms) / 1000).toFixed(1)} s`));
        }
      }
      if (l === 'task') { polls++; lastPoll = e; }
      if (l === 'page') pages++;
      if (e.fault) faulted++;
      const cls = `call k-${l}` + (e.fault ? ' faulted' : '') + (retry ? ' retry' : '');
      const r = svg('rect', {
        x: x(e.at_ms), y, width: Math.max(3, x(e.at_ms + e.duration_ms) - x(e.at_ms)), height: 16, class: cls,
      });
      r.dataset.seq = e.seq;
      r.append(svg('title', {}, `#${e.seq} ${operation(e)} · ${e.kind} · HTTP ${e.status}` +
        (e.fault ? ` · fault: ${e.fault}` : '') + ` · ${e.duration_ms.toFixed(1)} ms`));
      parts.push(r);
      last.set(id, e);
    }
    box.replaceChildren(...parts);
    $('timeline-summary').textContent = `${calls.length} calls over ${(span / 1000).toFixed(1)} s: ` +
      `${polls} polls, ${pages} page downloads, ${faulted} faulted, ${retries} retries` +
      (retries ? ` after ${(backoffMs / 1000).toFixed(1)} s of back-off` : '');
  }

  async function loop() {
    try {
      await pollJournal();
      status(`live: polling the journal every ${POLL_MS / 1000} s`);
    } catch (err) { failed(err); }
    setTimeout(loop, POLL_MS);
  }

  (async () => {
    try {
      await Promise.all([loadWorld(), loadScenarios()]);
      await loadDefault();
    } catch (err) { failed(err); }
    loop();
  })();
})();
