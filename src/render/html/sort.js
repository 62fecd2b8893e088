// Sort the answers table by a column when its heading is clicked (again: the other way).
// Each cell's data-sort holds its key; numeric columns say so on their heading. Ties keep
// the current order, so sorting by verdict and then by LP groups verdicts within LPs.
(function () {
  "use strict";
  var table = document.getElementById("answers-table");
  if (!table || !table.tHead || !table.tBodies.length) return;
  var body = table.tBodies[0];
  var heads = table.tHead.rows[0].cells;
  var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
  function sortBy(col) {
    var th = heads[col];
    var numeric = th.getAttribute("data-type") === "num";
    var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
    var rows = Array.prototype.slice.call(body.rows);
    var keyed = rows.map(function (row, i) {
      var cell = row.cells[col];
      var raw = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent;
      return { key: numeric ? parseFloat(raw) : raw, i: i, row: row };
    });
    keyed.sort(function (a, b) {
      var c = numeric ? a.key - b.key : collator.compare(a.key, b.key);
      return c !== 0 ? c * dir : a.i - b.i;
    });
    var frag = document.createDocumentFragment();
    keyed.forEach(function (k) { frag.appendChild(k.row); });
    body.appendChild(frag);
    for (var j = 0; j < heads.length; j++) heads[j].removeAttribute("aria-sort");
    th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
  }
  Array.prototype.forEach.call(heads, function (th, col) {
    var button = th.querySelector("button");
    if (button) button.addEventListener("click", function () { sortBy(col); });
  });
})();
