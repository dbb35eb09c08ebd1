/**
 * The report page's own script (plain browser JavaScript, inlined by html.ts): draws the charts,
 * runs the search, opens paper details and "show more", links the map to the list, and filters
 * the page to one broad group or topic of the topic tree (picked in the tree chart, the map's
 * legend or labels, or the group buttons), which the map and the tree chart show through their
 * `focusGroup` / `focusTopic` params. In a flat report (INDEX.flat: every broad group is one
 * topic) there are no groups to pick: the map's legend and labels pick a topic, and picking it
 * again shows everything.
 * Dump text only ever reaches the page through textContent / createTextNode, and links are built
 * from a fixed arXiv address plus encodeURIComponent, so no title can become markup or a script URL.
 */
export const REPORT_SCRIPT = String.raw`(function () {
  'use strict';
  // The paper index ships as base64 of raw-deflated JSON: a quarter of the bytes, and the browser
  // parses the page in about a third of the time at 5,000 papers. Inflating it takes ~0.2 s, after
  // the page is already shown; a browser without DecompressionStream keeps the lists as written.
  var node = document.getElementById('paper-index');
  function inflate(base64) {
    var bytes = Uint8Array.from(atob(base64), function (c) { return c.charCodeAt(0); });
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    return new Response(stream).text().then(JSON.parse);
  }
  var loading = typeof DecompressionStream === 'function'
    ? inflate(node.textContent)
    : Promise.reject(new Error('this browser cannot inflate the paper index (DecompressionStream)'));
  loading.then(start, function (error) {
    console.warn('Search and paper details are off: ' + error.message);
    start({ rows: [], pageSize: 25, topics: [], groups: [], covered: 0, total: 0 });
  });

  function start(INDEX) {
  var ROWS = INDEX.rows;
  var PAGE = INDEX.pageSize;
  var TOPICS = INDEX.topics;
  var byId = new Map();
  var rowsByTopic = new Map();
  ROWS.forEach(function (r, i) {
    byId.set(r[0], i);
    if (!rowsByTopic.has(r[2])) rowsByTopic.set(r[2], []);
    rowsByTopic.get(r[2]).push(i);
  });
  var topicById = new Map(TOPICS.map(function (t) { return [t.id, t]; }));
  var GROUPS = INDEX.groups || [];
  var FLAT = INDEX.flat === true;
  var topicByName = new Map(TOPICS.map(function (t) { return [t.name, t]; }));
  var groupById = new Map(GROUPS.map(function (g) { return [g.id, g]; }));
  var groupByName = new Map(GROUPS.map(function (g) { return [g.name, g]; }));
  var groupOfTopic = new Map();
  GROUPS.forEach(function (g) { g.topics.forEach(function (id) { groupOfTopic.set(id, g.id); }); });
  // What the tree filter shows (a group id, and maybe one of its topic ids), and what the search hides.
  var filter = { group: null, topic: null };
  var searchHidden = new Set();
  var views = [];
  var haystack = null;
  var terms = [];
  var matchesByTopic = new Map();
  var mapView = null;
  var lastHits = [];
  window.__searchTimings = [];
  // When search and paper details work: what the browser test reports as the page being interactive.
  window.__interactiveAt = performance.now();
  window.__mapTimings = [];

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** The text with every occurrence of the search terms in <mark>, as nodes (never as HTML). */
  function highlighted(text, words) {
    var fragment = document.createDocumentFragment();
    var lower = text.toLowerCase();
    if (!words.length || lower.length !== text.length) { fragment.appendChild(document.createTextNode(text)); return fragment; }
    var ranges = [];
    words.forEach(function (w) {
      for (var at = lower.indexOf(w); at >= 0; at = lower.indexOf(w, at + w.length)) ranges.push([at, at + w.length]);
    });
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var pos = 0;
    ranges.forEach(function (r) {
      if (r[0] < pos) return;
      if (r[0] > pos) fragment.appendChild(document.createTextNode(text.slice(pos, r[0])));
      fragment.appendChild(el('mark', '', text.slice(r[0], r[1])));
      pos = r[1];
    });
    if (pos < text.length) fragment.appendChild(document.createTextNode(text.slice(pos)));
    return fragment;
  }

  function shortMeta(r) {
    var parts = [];
    if (r[3]) parts.push(r[3]);
    else if (r[4]) parts.push('listed ' + r[4]);
    if (r[6] !== null) parts.push(r[6] + (r[6] === 1 ? ' upvote' : ' upvotes'));
    if (r[11]) parts.push('new');
    return parts.join(' · ');
  }

  function paperItem(i, words) {
    var r = ROWS[i];
    var li = el('li', r[11] ? 'paper new' : 'paper');
    li.dataset.paperId = r[0];
    var button = el('button', 'ptitle');
    button.type = 'button';
    button.setAttribute('aria-expanded', 'false');
    button.appendChild(highlighted(r[1], words));
    li.appendChild(button);
    li.appendChild(el('span', 'pmeta', shortMeta(r)));
    return li;
  }

  function arxivSearch(title) {
    return 'https://arxiv.org/search/?query=' + encodeURIComponent(title) + '&searchtype=title';
  }

  function detail(id, fallbackTitle, withAbstract) {
    var box = el('div', 'detail');
    var i = byId.get(id);
    var title = i === undefined ? fallbackTitle : ROWS[i][1];
    if (i === undefined) {
      box.appendChild(el('p', 'note', 'This paper\u2019s abstract is not embedded (the report stays under 10 MB); papers.csv has it.'));
    } else {
      var r = ROWS[i];
      var meta = el('p', 'dmeta');
      var bits = [];
      bits.push(r[3] ? 'Date ' + r[3] : r[4] ? 'Listed ' + r[4] + ' (the page\u2019s date)' : 'No date');
      if (r[5] !== null) bits.push(r[5] + (r[5] === 1 ? ' author' : ' authors'));
      if (r[6] !== null) bits.push(r[6] + (r[6] === 1 ? ' upvote' : ' upvotes'));
      meta.appendChild(document.createTextNode(bits.join(' · ') + ' · topic '));
      var topic = topicById.get(r[2]);
      var link = el('a', '', topic ? topic.name : String(r[2]));
      link.href = '#topic-' + r[2];
      meta.appendChild(link);
      if (r[10] !== null) meta.appendChild(document.createTextNode(' (similarity ' + r[10].toFixed(2) + ')'));
      box.appendChild(meta);
      if (withAbstract) {
        var abstract = el('p', 'abstract');
        abstract.appendChild(highlighted(r[7], terms));
        box.appendChild(abstract);
      }
    }
    var out = el('a', 'ext', 'Search arXiv for this title \u2197');
    out.href = arxivSearch(title);
    out.target = '_blank';
    out.rel = 'noopener noreferrer';
    var p = el('p', 'links');
    p.appendChild(out);
    box.appendChild(p);
    return box;
  }

  function toggle(li, open) {
    var shown = li.querySelector(':scope > .detail');
    var button = li.querySelector(':scope > .ptitle');
    if (shown && open !== true) { shown.remove(); button.setAttribute('aria-expanded', 'false'); return; }
    if (!shown) {
      // A representative paper already shows its abstract: the details add the rest, not it again.
      li.appendChild(detail(li.dataset.paperId, button.textContent, !li.querySelector(':scope > .abstract')));
      button.setAttribute('aria-expanded', 'true');
    }
  }

  /** Shows paper id in its topic's list (adding it at the top when not listed), opened. */
  function openPaper(id, datum) {
    var i = byId.get(id);
    var topicId = i !== undefined ? ROWS[i][2] : null;
    var list = topicId !== null ? document.getElementById('list-' + topicId) : null;
    if (!list) return;
    if (!inFilter(topicId)) setFilter(null, null);
    var section = list.closest('section');
    if (section) section.hidden = false;
    var block = list.closest('.group-block');
    if (block) block.hidden = false;
    var li = list.querySelector('[data-paper-id="' + CSS.escape(id) + '"]');
    if (!li) {
      li = i !== undefined ? paperItem(i, terms) : null;
      if (!li) return;
      list.insertBefore(li, list.firstChild);
    }
    toggle(li, true);
    li.classList.remove('flash');
    void li.offsetWidth;
    li.classList.add('flash');
    li.scrollIntoView({ block: 'center' });
    if (datum) li.querySelector('.ptitle').focus({ preventScroll: true });
  }

  document.addEventListener('click', function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    var title = target.closest('.paper > .ptitle');
    if (title) { toggle(title.parentElement); return; }
    var more = target.closest('button.more');
    if (more) { showMore(Number(more.dataset.topic)); return; }
    var groupButton = target.closest('.gbtn');
    if (groupButton) { pickGroup(groupButton.dataset.group); return; }
    var topicButton = target.closest('.tbtn');
    if (topicButton) { pickTopic(Number(topicButton.dataset.topic)); return; }
    if (target.closest('#filter-clear')) { setFilter(null, null); return; }
    // A link to a topic or group the filter hides shows everything again before it is followed.
    var link = target.closest('a[href^="#topic-"], a[href^="#group-"]');
    if (link) {
      var goal = document.getElementById(link.getAttribute('href').slice(1));
      if (goal && goal.hidden && filter.group !== null) setFilter(null, null);
    }
  });

  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && filter.group !== null && event.target instanceof Element && event.target.closest('#group-nav, #filter-chip')) setFilter(null, null);
  });

  function inFilter(topicId) {
    if (filter.topic !== null) return topicId === filter.topic;
    return filter.group === null || groupOfTopic.get(topicId) === filter.group;
  }

  /** Shows each topic (table row, section) that the search and the filter both let through. */
  function applyVisibility() {
    var shown = new Set();
    TOPICS.forEach(function (topic) {
      var visible = !searchHidden.has(topic.id) && inFilter(topic.id);
      if (visible) shown.add(topic.id);
      var section = document.getElementById('topic-' + topic.id);
      var row = document.querySelector('tr[data-topic="' + topic.id + '"]');
      if (section) section.hidden = !visible;
      if (row) row.hidden = !visible;
    });
    GROUPS.forEach(function (g) {
      var any = g.topics.some(function (id) { return shown.has(id); });
      var block = document.getElementById('group-' + g.id);
      var row = document.querySelector('tr.group-row[data-group="' + CSS.escape(g.id) + '"]');
      if (block) block.hidden = !any;
      if (row) row.hidden = !any;
    });
  }

  var chip = document.getElementById('filter-chip');
  /** Filters the page to a group (null: everything), or to one topic (its group follows). */
  function setFilter(group, topic) {
    if (topic !== null) group = groupOfTopic.has(topic) ? groupOfTopic.get(topic) : null;
    if (group === null || !groupById.has(group)) { group = null; topic = null; }
    filter = { group: group, topic: topic };
    document.querySelectorAll('#group-nav .gbtn').forEach(function (b) { b.setAttribute('aria-pressed', String(b.dataset.group === group)); });
    document.querySelectorAll('#group-nav .tlist').forEach(function (list) { list.hidden = list.dataset.group !== group; });
    document.querySelectorAll('#group-nav .tbtn').forEach(function (b) { b.setAttribute('aria-pressed', String(Number(b.dataset.topic) === topic)); });
    if (chip) {
      chip.hidden = group === null;
      var name = group === null ? '' : topic !== null ? (topicById.get(topic) || { name: String(topic) }).name : groupById.get(group).name;
      document.getElementById('filter-name').textContent = name;
    }
    document.body.classList.toggle('filtered', group !== null);
    views.forEach(focusView);
    applyVisibility();
  }

  function focusView(view) {
    view.signal('focusGroup', filter.group).signal('focusTopic', filter.topic).runAsync();
    // The map legend's own selection greys the other entries; it must not outlive the filter. It is
    // emptied after the click that may have set it has been handled by the view (a task later).
    if (fromLegend && filter.group !== null) return;
    setTimeout(function () {
      try { view.data('legendPick_store', []).runAsync(); } catch (error) { /* a view without that legend */ }
    }, 0);
  }
  var fromLegend = false;

  /** Picking the group already shown shows everything again. */
  function pickGroup(group) {
    if (filter.group === group && filter.topic === null) setFilter(null, null);
    else setFilter(group, null);
  }
  /** Picking the topic already shown goes back to its whole group (flat: to everything). */
  function pickTopic(topic) {
    if (filter.topic === topic) setFilter(FLAT ? null : groupOfTopic.get(topic), null);
    else setFilter(null, topic);
  }

  /** A click in the map or the tree chart: a paper's dot opens it; a group or topic filters to it. */
  function chartClick(item) {
    var d = item && item.datum;
    if (!d) return;
    if (typeof d.id === 'string') { openPaper(d.id, d); return; }
    if (typeof d.tid === 'number') { pickTopic(d.tid); return; }
    if (typeof d.gid === 'string') { pickGroup(d.gid); return; }
    // A legend entry of the map names its group (flat: its topic).
    if (typeof d.value === 'string' && FLAT && topicByName.has(d.value)) {
      fromLegend = true;
      pickTopic(topicByName.get(d.value).id);
      fromLegend = false;
    } else if (typeof d.value === 'string' && groupByName.has(d.value)) {
      fromLegend = true;
      pickGroup(groupByName.get(d.value).id);
      fromLegend = false;
    }
  }

  // Lists as the page was written, to come back to when the search is cleared.
  var original = new Map();
  document.querySelectorAll('ul.papers').forEach(function (list) {
    original.set(list, Array.from(list.children));
  });

  function moreButton(topicId) { return document.querySelector('button.more[data-topic="' + topicId + '"]'); }

  function setMore(topicId, shown, available, total) {
    var button = moreButton(topicId);
    if (!button) return;
    var left = available - shown;
    button.hidden = left <= 0;
    button.textContent = 'Show ' + Math.min(PAGE, left) + ' more (' + left + ' not shown)';
    var note = document.getElementById('csv-note-' + topicId);
    if (note) note.hidden = !(left <= 0 && total > available);
  }

  function showMore(topicId) {
    var list = document.getElementById('list-' + topicId);
    var pool = terms.length ? matchesByTopic.get(topicId) || [] : rowsByTopic.get(topicId) || [];
    var shown = list.querySelectorAll(':scope > .paper').length;
    var fragment = document.createDocumentFragment();
    pool.slice(shown, shown + PAGE).forEach(function (i) { fragment.appendChild(paperItem(i, terms)); });
    list.appendChild(fragment);
    var topic = topicById.get(topicId);
    setMore(topicId, Math.min(pool.length, shown + PAGE), pool.length, terms.length ? pool.length : topic.size);
  }

  // At most this many rings: past it they cover the map and only cost time.
  var MAX_RINGS = 400;
  var mapPending = false;
  /** Rings the hits on the map once per frame, after the list has been filtered. */
  function updateMap(hits) {
    lastHits = hits;
    if (!mapView || mapPending) return;
    mapPending = true;
    requestAnimationFrame(function () {
      mapPending = false;
      var started = performance.now();
      var points = [];
      // Past MAX_RINGS, every step-th hit, so the rings spread over every topic the hits are in.
      var step = Math.max(1, Math.ceil(lastHits.length / MAX_RINGS));
      for (var k = 0; k < lastHits.length; k += step) {
        var r = ROWS[lastHits[k]];
        points.push({ x: r[8], y: r[9], id: r[0], title: r[1] });
      }
      mapView.data('hits', points);
      mapView.runAsync().then(function () { window.__mapTimings.push(performance.now() - started); });
    });
  }

  function buildHaystack() {
    if (!haystack) haystack = ROWS.map(function (r) { return (r[1] + '\n' + r[7]).toLowerCase(); });
  }
  // Lower-cased text to search, built while the page is idle rather than on the first keystroke.
  (window.requestIdleCallback || setTimeout)(buildHaystack);

  var status = document.getElementById('search-status');

  function search(query) {
    var started = performance.now();
    terms = query.toLowerCase().split(/\s+/).filter(Boolean);
    matchesByTopic = new Map();
    var hits = [];
    if (terms.length) {
      buildHaystack();
      for (var i = 0; i < haystack.length; i++) {
        var text = haystack[i];
        var ok = true;
        for (var t = 0; t < terms.length; t++) if (text.indexOf(terms[t]) < 0) { ok = false; break; }
        if (ok) {
          hits.push(i);
          var topicId = ROWS[i][2];
          if (!matchesByTopic.has(topicId)) matchesByTopic.set(topicId, []);
          matchesByTopic.get(topicId).push(i);
        }
      }
    }
    document.body.classList.toggle('searching', terms.length > 0);
    searchHidden.clear();
    var topicsShown = 0;
    TOPICS.forEach(function (topic) {
      var section = document.getElementById('topic-' + topic.id);
      var row = document.querySelector('tr[data-topic="' + topic.id + '"]');
      var list = document.getElementById('list-' + topic.id);
      var heading = section && section.querySelector('.tname');
      if (!terms.length) {
        if (row) row.querySelector('.matches').textContent = '';
        if (heading) heading.replaceChildren(document.createTextNode(topic.name));
        if (list) list.replaceChildren.apply(list, original.get(list));
        var all = rowsByTopic.get(topic.id) || [];
        setMore(topic.id, Math.min(PAGE, all.length), all.length, topic.size);
        return;
      }
      var matches = matchesByTopic.get(topic.id) || [];
      var topicText = topic.text;
      var topicHit = terms.every(function (w) { return topicText.indexOf(w) >= 0; });
      var visible = matches.length > 0 || topicHit;
      if (visible) topicsShown++;
      if (visible) searchHidden.delete(topic.id);
      else searchHidden.add(topic.id);
      if (row) {
        row.querySelector('.matches').textContent = matches.length ? matches.length + ' match' + (matches.length === 1 ? '' : 'es') : '';
      }
      if (heading) heading.replaceChildren(highlighted(topic.name, terms));
      if (list && visible) {
        var fragment = document.createDocumentFragment();
        matches.slice(0, PAGE).forEach(function (i) { fragment.appendChild(paperItem(i, terms)); });
        list.replaceChildren(fragment);
        setMore(topic.id, Math.min(PAGE, matches.length), matches.length, matches.length);
      }
    });
    applyVisibility();
    if (!terms.length) status.textContent = '';
    else {
      status.textContent = hits.length + (hits.length === 1 ? ' paper matches' : ' papers match') + ' in ' + topicsShown + (topicsShown === 1 ? ' topic' : ' topics') +
        (INDEX.covered < INDEX.total ? ' (the search covers ' + INDEX.covered + ' of ' + INDEX.total + ' papers)' : '');
    }
    window.__searchTimings.push(performance.now() - started);
    updateMap(hits);
  }

  var input = document.getElementById('search');
  input.addEventListener('input', function () { search(input.value); });
  if (input.value) search(input.value);

  /** The map gets a layer of rings for the search hits, over its dots (and under its labels). */
  function withHitLayer(spec) {
    if (!Array.isArray(spec.layer)) return spec;
    var at = spec.layer.findIndex(function (layer) { return layer.name === 'focused'; });
    if (at < 0) at = spec.layer.findIndex(function (layer) { return layer.name === 'papers'; });
    var points = spec.layer.find(function (layer) { return layer.name === 'papers'; });
    if (at < 0 || !points) return spec;
    var rings = {
      data: { name: 'hits' },
      mark: { type: 'circle', size: 260, filled: false, stroke: '#111', strokeWidth: 2.5 },
      encoding: { x: points.encoding.x, y: points.encoding.y },
    };
    var layers = spec.layer.slice();
    layers.splice(at + 1, 0, rings);
    return Object.assign({}, spec, { layer: layers });
  }

  document.querySelectorAll('[data-chart]').forEach(function (node) {
    var name = node.dataset.chart;
    var spec = JSON.parse(document.getElementById('spec-' + name).textContent);
    if (name === 'topic-map') spec = withHitLayer(spec);
    vegaEmbed(node, spec, { actions: false, renderer: 'svg' }).then(function (result) {
      if (name !== 'topic-map' && name !== 'topic-tree') return;
      var view = result.view;
      views.push(view);
      view.addEventListener('click', function (event, item) { chartClick(item); });
      if (filter.group !== null) focusView(view);
      if (name === 'topic-map') {
        mapView = view;
        if (lastHits.length) updateMap(lastHits);
      }
      node.dataset.ready = 'true';
    }).catch(function (error) {
      node.textContent = 'This chart could not be drawn: ' + error.message;
      console.error(error);
    });
  });
  }
})();
`;
