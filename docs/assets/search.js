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
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) { ui.triggerSearch(query); }
})();
