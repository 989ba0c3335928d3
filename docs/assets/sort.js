// Re-sort a data table by a column: a button in each column heading (progressive enhancement;
// without JavaScript the table reads as printed, highest value first). Cells carry their sort
// key in data-sort, so numbers sort as numbers; rows without a value stay last.
(function () {
  function key(row, index) {
    var cell = row.children[index];
    var raw = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
    return raw === "" ? null : (isNaN(Number(raw)) ? raw.toLowerCase() : Number(raw));
  }

  function sort(table, index, button) {
    var heading = button.parentNode;
    var descending = heading.getAttribute("aria-sort") !== "descending";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a, index), y = key(b, index);
      if (x === null || y === null) return (x === null) - (y === null);
      var order = x < y ? -1 : x > y ? 1 : 0;
      return descending ? -order : order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) { th.removeAttribute("aria-sort"); });
    heading.setAttribute("aria-sort", descending ? "descending" : "ascending");
  }

  // The buttons' tooltip in the page's language: the template sets it ("Sort by {column}").
  document.querySelectorAll(".akmn-sortable table").forEach(function (table) {
    var title = table.closest(".akmn-sortable").getAttribute("data-sort-title");
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "akmn-sort";
      button.textContent = th.textContent;
      // split/join: replace() would read "$&" or "$'" in a heading (an indicator's name) as patterns
      button.setAttribute("title", title.split("{column}").join(th.textContent));
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () { sort(table, index, button); });
    });
  });
})();
