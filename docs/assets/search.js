// Pagefind's default UI, started with the query from ?q= (the header form sends it here).
(function () {
  // Thai has no spaces between words. The build indexes Thai text split into words
  // (akmn.render.thai_search_words); the query is split here the same way, with the browser's
  // own word segmenter, so a word from the middle of a Thai sentence is found.
  var thai = /[\u0E00-\u0E7F]+/g;
  var segmenter = window.Intl && Intl.Segmenter ? new Intl.Segmenter("th", { granularity: "word" }) : null;
  function splitThai(term) {
    if (!segmenter) { return term; }
    return term.replace(thai, function (run) {
      return Array.from(segmenter.segment(run), function (s) { return s.segment; }).join(" ");
    });
  }
  // Pagefind's UI inserts excerpts as HTML. Defence in depth against markup in record text:
  // escape every excerpt and keep only Pagefind's own <mark> highlighting.
  function safeHtml(excerpt) {
    var box = document.createElement("div");
    box.textContent = excerpt || "";
    return box.innerHTML.replace(/&lt;(\/?)mark&gt;/g, "<$1mark>");
  }
  function safeResult(result) {
    result.excerpt = safeHtml(result.excerpt);
    (result.sub_results || []).forEach(function (sub) { sub.excerpt = safeHtml(sub.excerpt); });
    return result;
  }
  var ui = new PagefindUI({
    element: "#akmn-search",
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    openFilters: ["kind"],
    translations: { placeholder: "Search experts, countries, meetings, practices" },
    processTerm: splitThai,
    processResult: safeResult
  });
  // Pagefind labels its box with a title only; screen readers need a real label.
  var box = document.querySelector("#akmn-search .pagefind-ui__search-input");
  if (box) { box.setAttribute("aria-label", "Search the knowledge base"); }
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) { ui.triggerSearch(query); }
})();
