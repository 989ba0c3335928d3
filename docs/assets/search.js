// The search page: our own small interface over Pagefind's JavaScript API (pagefind.js).
// Pagefind's default UI puts filter values and excerpts into the page as HTML, shows filters
// only after a query, keeps no state in the URL and brings the theme's admonition styling into
// its <details>; here every record text is set with textContent, filters are plain checkbox
// groups, and the query and filters live in the address (shareable, Back works).
// Every interface string comes from search.html (#akmn-search-strings), not from this file.
(function () {
  "use strict";
  var root = document.getElementById("akmn-search");
  if (!root) { return; }
  var strings = JSON.parse(document.getElementById("akmn-search-strings").textContent);
  var facets = JSON.parse(document.getElementById("akmn-search-facets").textContent);
  var form = document.getElementById("akmn-search-form");
  var input = document.getElementById("akmn-search-q");
  var status = document.getElementById("akmn-search-status");
  var list = document.getElementById("akmn-search-results");
  var more = document.getElementById("akmn-search-more");
  var panel = document.getElementById("akmn-filters");
  var toggle = document.getElementById("akmn-filters-toggle");
  var clear = document.getElementById("akmn-filters-clear");
  var PAGE = 10;
  var pagefind = null;
  var state = readUrl();
  var results = [];
  var shown = 0;
  var run = 0;  // a newer search makes an older one's answer stale
  var allFilters = null;
  var panelOpen = false;
  var byNumber = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

  // Thai has no spaces between words. The build indexes Thai text split into words
  // (akmn.search.thai_search_words); the query is split here the same way, with the browser's
  // own word segmenter, so a word from the middle of a Thai sentence is found.
  var thai = /[\u0E00-\u0E7F]+/g;
  var segmenter = window.Intl && Intl.Segmenter ? new Intl.Segmenter("th", { granularity: "word" }) : null;
  function splitThai(term) {
    if (!segmenter) { return term; }
    return term.replace(thai, function (run) {
      return Array.from(segmenter.segment(run), function (s) { return s.segment; }).join(" ");
    });
  }

  // The searches records are pinned for on this edition (akmn.views.pages pinned_keys), compared
  // as akmn.schema.search_key writes them.
  var pinned = JSON.parse(document.getElementById("akmn-search-pinned").textContent);
  function searchKey(text) {
    return text.normalize("NFKC").toLowerCase().split(/\s+/).filter(Boolean).join(" ");
  }

  function format(text, values) {
    return text.replace(/\{(\w+)\}/g, function (_, key) { return String(values[key]); });
  }

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    var chosen = {};
    facets.forEach(function (f) {
      var values = params.getAll(f.name);
      if (values.length) { chosen[f.name] = values; }
    });
    return { q: params.get("q") || "", filters: chosen };
  }

  function stateUrl() {
    var params = new URLSearchParams();
    if (state.q) { params.set("q", state.q); }
    Object.keys(state.filters).forEach(function (name) {
      state.filters[name].forEach(function (value) { params.append(name, value); });
    });
    var query = params.toString();
    return window.location.pathname + (query ? "?" + query : "");
  }

  function remember(push) {
    var url = stateUrl();
    if (url === window.location.pathname + window.location.search) { return; }
    history[push ? "pushState" : "replaceState"](null, "", url);
  }

  function hasFilters() { return Object.keys(state.filters).length > 0; }

  function pagefindFilters() {
    var out = {};
    Object.keys(state.filters).forEach(function (name) { out[name] = { any: state.filters[name] }; });
    return out;
  }

  function load() {
    if (!pagefind) {
      var bundle = new URL(root.getAttribute("data-bundle"), document.baseURI).href;
      pagefind = import(bundle + "pagefind.js").then(function (module) {
        // noWorker: Pagefind's web worker is a second 41 KB script before the first result,
        // a tenth of the first query at 10,000 records (docs/dev/scale.md); a query's own work
        // in the page takes milliseconds.
        // Pagefind searches metadata too. `type` names what kind of topic a page is ("Migration
        // type", "이주 유형") for the result's line: a query word in that name says nothing about the
        // page, so it finds the page but adds nothing to its rank (title and summary keep theirs).
        var ranking = { metaWeights: { type: 0 } };
        return module.options({ excerptLength: 24, noWorker: true, ranking: ranking }).then(function () { return module; });
      });
    }
    return pagefind;
  }

  // Filter data (every filter's values and counts) is loaded when the reader opens the filter
  // panel, not with the first query, which then downloads only what it needs (docs/dev/scale.md).
  function loadFilters() {
    if (allFilters) { return Promise.resolve(allFilters); }
    return load().then(function (api) { return api.filters(); }).then(function (found) {
      allFilters = found;
      return found;
    });
  }

  function setPanel(open) {
    panelOpen = open;
    toggle.setAttribute("aria-expanded", String(open));
    panel.classList.toggle("akmn-filters--open", open);
    return refreshFilters();
  }

  function refreshFilters() {
    if (!panelOpen) { return Promise.resolve(); }
    var mine = run;
    var term = state.q.trim();
    return loadFilters().then(function () {
      return term || hasFilters() ? groupCounts(term) : null;
    }).then(function (counts) { if (mine === run) { drawFilters(counts); } });
  }

  // The language menu leads to this search in the other edition, query included. Filter
  // values are names in each edition's language (a country's name), so they stay behind.
  function carryQuery() {
    document.querySelectorAll("a.md-select__link[hreflang]").forEach(function (link) {
      var url = new URL(link.href);
      url.search = state.q ? "?" + new URLSearchParams({ q: state.q }) : "";
      link.href = url.href;
    });
  }

  function search() {
    var mine = ++run;
    carryQuery();
    var term = state.q.trim();
    if (!term && !hasFilters()) {
      results = [];
      list.textContent = "";
      more.hidden = true;
      status.textContent = strings.prompt;
      return setPanel(true);  // nothing to show but the filters: browse by them
    }
    status.textContent = strings.searching;
    return load().then(function (api) {
      var query = term ? splitThai(term) : null;
      var key = searchKey(term);
      return Promise.all([
        api.search(query, { filters: pagefindFilters() }),
        pinned.indexOf(key) >= 0
          ? api.search(query, { filters: Object.assign(pagefindFilters(), { pinned: key }) }) : null,
      ]);
    }).then(function (answers) {
      if (mine !== run) { return null; }
      return ordered(answers[0], answers[1], term);
    }).then(function (found) {
      if (!found || mine !== run) { return null; }
      results = found.results;
      list.textContent = "";
      shown = 0;
      return showMore().then(function () {
        announce();
        return refreshFilters();
      });
    });
  }

  // The pages a record's editors pinned for this very search come first (schema.PINNED_SEARCHES:
  // a word on most pages, whose counts cannot tell which page answers it), then exact title and
  // acronym matches ("EPS" finds the Employment Permit System, not a programme whose title
  // mentions it): Pagefind ranks by word frequency only. Only the first page of results is
  // reordered: its data is loaded here anyway to show it. A pinned search costs one more Pagefind
  // search, with the `pinned` filter.
  function ordered(found, pins, term) {
    var wanted = term.toLocaleLowerCase();
    var isPinned = {};
    var first = pins ? pins.results : [];
    first.forEach(function (r) { isPinned[r.id] = true; });
    var all = first.concat(found.results.filter(function (r) { return !isPinned[r.id]; }));
    var top = all.slice(0, PAGE);
    return Promise.all(top.map(function (r) { return r.data(); })).then(function (data) {
      var loaded = top.map(function (r, i) {
        return { data: resolved(data[i]), rank: isPinned[r.id] ? 0 : (isExact(data[i], wanted) ? 1 : 2) };
      });
      var sorted = [0, 1, 2].reduce(function (out, rank) {
        return out.concat(loaded.filter(function (r) { return r.rank === rank; }));
      }, []);
      found.results = sorted.concat(all.slice(top.length));
      return found;
    });
  }

  function resolved(value) { return function () { return Promise.resolve(value); }; }

  function isExact(data, wanted) {
    return !!wanted && [data.meta.title, data.meta.acronym].some(function (text) {
      return (text || "").toLocaleLowerCase() === wanted;
    });
  }

  // Values of one group are alternatives (any of them). A group with a choice counts its values
  // as if it had none, the other groups' choices applied: the usual faceted-search counts.
  function groupCounts(term) {
    var names = Object.keys(state.filters);
    var query = term ? splitThai(term) : null;
    return load().then(function (api) {
      return Promise.all([api.search(query, { filters: pagefindFilters() })].concat(names.map(function (name) {
        var others = pagefindFilters();
        delete others[name];
        return api.search(query, { filters: others });
      })));
    }).then(function (answers) {
      var out = Object.assign({}, answers[0].filters);
      names.forEach(function (name, i) { out[name] = answers[i + 1].filters[name] || {}; });
      return out;
    });
  }

  function announce() {
    var count = results.length;
    var text = count === 0 ? strings.none : (count === 1 ? strings.one : strings.many);
    status.textContent = format(state.q.trim() ? text : strings.browse, { n: count, query: state.q.trim() });
  }

  function showMore() {
    var page = results.slice(shown, shown + PAGE);
    shown += page.length;
    return Promise.all(page.map(function (r) { return r.data(); })).then(function (data) {
      data.forEach(function (d) { list.appendChild(resultItem(d)); });
      more.hidden = shown >= results.length;
    });
  }

  function resultItem(data) {
    var item = document.createElement("li");
    item.className = "akmn-result";
    var meta = document.createElement("p");
    meta.className = "akmn-result__meta";
    var kind = (data.filters.kind || [])[0];
    if (kind) {
      var badge = document.createElement("span");
      badge.className = "akmn-result__kind";
      badge.textContent = kind;
      meta.appendChild(badge);
    }
    var countries = data.filters.country || [];
    if (data.meta.type) { meta.appendChild(document.createTextNode(" " + data.meta.type)); }
    if (countries.length) {
      var shownCountries = countries.slice(0, 3).join(", ");
      var rest = countries.length - 3;
      meta.appendChild(document.createTextNode(" " + (rest > 0
        ? format(strings.countriesMore, { list: shownCountries, n: rest }) : shownCountries)));
    }
    var heading = document.createElement("h2");
    heading.className = "akmn-result__title";
    var link = document.createElement("a");
    link.className = "akmn-result__link";
    link.href = data.url;
    link.textContent = data.meta.title || data.url;
    inLanguage(link, data, "title-lang");
    heading.appendChild(link);
    item.appendChild(meta);
    item.appendChild(heading);
    // The record's summary starts the entry with a whole sentence; the matching passage follows.
    if (data.meta.summary) {
      item.appendChild(inLanguage(paragraph("akmn-result__summary", data.meta.summary), data, "summary-lang"));
    }
    if (state.q.trim() && data.excerpt && !isIndexText(data.excerpt)) {
      var excerpt = paragraph("akmn-result__excerpt", "");
      markedText(excerpt, "… " + data.excerpt + " …");
      var written = scriptLang(excerpt.textContent);
      if (written && written !== pageLang) { excerpt.lang = written; }
      markRuns(excerpt, written || pageLang);
      item.appendChild(excerpt);
    }
    return item;
  }

  // A result's title or summary in another language than the page's (an untranslated record on
  // the Korean edition) is named by the build as a filter of its page (akmn.search.result_langs),
  // so screen readers read it with the right voice.
  function inLanguage(element, data, name) {
    var code = (data.filters[name] || [])[0];
    if (code) { element.lang = code; }
    return element;
  }

  // An excerpt is whichever passage matched: on a translated page too it may be a field nobody
  // translated. So its language is read from its letters by akmn.i18n.text_lang's rules, which
  // the build writes into the page (#akmn-search-scripts, i18n.script_rules): the first script
  // present names it (Hangul, Thai, Vietnamese marks), unless it is one with letters of its own
  // and the excerpt has more Latin letters than its letters: then it is the records' English with
  // a name in it. Off the source language's pages, Latin letters with no mark are English too;
  // none when no letter shows a language (digits), so the page's language stands.
  var pageLang = document.documentElement.lang;
  var rules = JSON.parse(document.getElementById("akmn-search-scripts").textContent);
  var scripts = rules.scripts.map(function (pair) { return { code: pair[0], pattern: new RegExp(pair[1], "g") }; });
  var latin = new RegExp(rules.latin, "g");
  function count(pattern, text) { return (text.match(pattern) || []).length; }
  function scriptLang(text) {
    var found = scripts.filter(function (s) { return count(s.pattern, text) > 0; })[0];
    var code = found ? found.code : null;
    var ownLetters = code === null || rules.own_letters.indexOf(code) >= 0;
    if (!ownLetters || (code === null && pageLang === rules.source)) { return code; }
    return count(latin, text) > (found ? count(found.pattern, text) : 0) ? rules.source : code;
  }

  // An excerpt joins passages of several fields, so runs in another language than its own are
  // marked inside it, as akmn.i18n.mark_runs marks them on the pages: a Korean or Thai run in an
  // English excerpt; in a Korean or Thai one, three English words or more (a field nobody
  // translated).
  var runs = rules.runs.map(function (pair) { return { code: pair[0], pattern: new RegExp(pair[1], "g") }; });
  var englishRun = { code: rules.source, pattern: new RegExp(rules.english_run, "g") };
  function markRuns(element, written) {
    var marks = runs.filter(function (r) { return r.code !== written; });
    if (rules.own_letters.indexOf(written) >= 0) { marks.push(englishRun); }
    var texts = [];
    var walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) { texts.push(walker.currentNode); }
    texts.forEach(function (node) {
      var found = [];
      marks.forEach(function (m) {
        Array.from(node.data.matchAll(m.pattern), function (hit) {
          found.push({ code: m.code, start: hit.index, end: hit.index + hit[0].length });
        });
      });
      if (!found.length) { return; }
      found.sort(function (a, b) { return a.start - b.start; });
      var parts = document.createDocumentFragment();
      var at = 0;
      found.forEach(function (run) {
        if (run.start < at) { return; }  // the scripts' runs cannot overlap; this keeps it so
        parts.appendChild(document.createTextNode(node.data.slice(at, run.start)));
        var span = document.createElement("span");
        span.lang = run.code;
        span.textContent = node.data.slice(run.start, run.end);
        parts.appendChild(span);
        at = run.end;
      });
      parts.appendChild(document.createTextNode(node.data.slice(at)));
      node.parentNode.replaceChild(parts, node);
    });
  }

  function paragraph(className, text) {
    var p = document.createElement("p");
    p.className = className;
    p.textContent = text;
    return p;
  }

  // An excerpt from the Thai word list the build adds for the index (words split by spaces)
  // is not what the page says: the record's summary is shown instead.
  function isIndexText(excerpt) {
    return /[\u0E00-\u0E7F]+ [\u0E00-\u0E7F]+ [\u0E00-\u0E7F]+/.test(excerpt || "");
  }

  // Pagefind's excerpt is the page's text with entities escaped and the matches in <mark>.
  // It is rebuilt as text nodes (entities decoded by a <textarea>, which parses no markup)
  // and <mark> elements, so record text shows exactly as written and never becomes markup.
  function markedText(target, excerpt) {
    var decoder = document.createElement("textarea");
    (excerpt || "").split(/(<mark>|<\/mark>)/).reduce(function (inMark, part) {
      if (part === "<mark>") { return true; }
      if (part === "</mark>") { return false; }
      decoder.innerHTML = part;
      var node = document.createTextNode(decoder.value);
      if (inMark) {
        var mark = document.createElement("mark");
        mark.appendChild(node);
        target.appendChild(mark);
      } else {
        target.appendChild(node);
      }
      return inMark;
    }, false);
  }

  function drawFilters(counts) {
    var groups = document.getElementById("akmn-filter-groups");
    groups.textContent = "";
    facets.forEach(function (facet) {
      var values = Object.keys((allFilters || {})[facet.name] || {});
      if (!values.length) { return; }
      values.sort(byNumber.compare);
      var group = document.createElement("fieldset");
      group.className = "akmn-filter";
      var legend = document.createElement("legend");
      legend.textContent = facet.label;
      group.appendChild(legend);
      values.forEach(function (value) { group.appendChild(choice(facet.name, value, counts)); });
      groups.appendChild(group);
    });
    clear.hidden = !hasFilters();
    toggle.textContent = hasFilters() ? format(strings.filtersChosen, { n: chosenCount() }) : strings.filters;
  }

  function chosenCount() {
    return Object.keys(state.filters).reduce(function (n, k) { return n + state.filters[k].length; }, 0);
  }

  function choice(name, value, counts) {
    var label = document.createElement("label");
    label.className = "akmn-filter__choice";
    var box = document.createElement("input");
    box.type = "checkbox";
    box.name = name;
    box.value = value;
    box.checked = (state.filters[name] || []).indexOf(value) >= 0;
    box.addEventListener("change", function () { choose(name, value, box.checked); });
    var count = counts && counts[name] ? counts[name][value] : allFilters[name][value];
    var text = document.createElement("span");
    text.textContent = value;
    var number = document.createElement("span");
    number.className = "akmn-filter__count";
    number.textContent = String(count || 0);
    label.appendChild(box);
    label.appendChild(text);
    label.appendChild(number);
    return label;
  }

  function choose(name, value, on) {
    var values = (state.filters[name] || []).filter(function (x) { return x !== value; });
    if (on) { values.push(value); }
    if (values.length) { state.filters[name] = values; } else { delete state.filters[name]; }
    remember(true);
    search();
  }

  var typing = null;
  input.addEventListener("input", function () {
    clearTimeout(typing);
    typing = setTimeout(function () {
      state.q = input.value;
      remember(false);
      search();
    }, 250);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(typing);
    state.q = input.value;
    remember(true);
    search();
  });
  more.addEventListener("click", function () {
    var next = shown;
    showMore().then(function () {
      var first = list.children[next] && list.children[next].querySelector("a");
      if (first) { first.focus(); }
    });
  });
  clear.addEventListener("click", function () {
    state.filters = {};
    remember(true);
    search();
  });
  toggle.addEventListener("click", function () { setPanel(!panelOpen); });
  window.addEventListener("popstate", function () {
    state = readUrl();
    input.value = state.q;
    search();
  });
  input.value = state.q;
  root.classList.add("akmn-search--ready");
  panelOpen = hasFilters();  // a shared address with filters shows them
  setPanel(panelOpen);
  search();
})();
