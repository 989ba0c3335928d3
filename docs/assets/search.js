// Pagefind's default UI, started with the query from ?q= (the header form sends it here).
(function () {
  var ui = new PagefindUI({
    element: "#akmn-search",
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    openFilters: ["kind"],
    translations: { placeholder: "Search experts, countries, meetings, practices" }
  });
  // Pagefind labels its box with a title only; screen readers need a real label.
  var box = document.querySelector("#akmn-search .pagefind-ui__search-input");
  if (box) { box.setAttribute("aria-label", "Search the knowledge base"); }
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) { ui.triggerSearch(query); }
})();
