// bilan report: the side panel and the highlight toggles. No network, no innerHTML:
// every value from the data block is set with textContent, so article text stays text.
(function () {
  "use strict";
  var dataNode = document.getElementById("bilan-data");
  if (!dataNode) { return; }
  var claims = JSON.parse(dataNode.textContent).claims;
  var panel = document.getElementById("panel-body");
  var pinned = null;

  function group(n) {
    return n === null || n === undefined ? "" : String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f");
  }

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    if (cls) { node.className = cls; }
    return node;
  }

  function show(index) {
    var c = claims[index];
    if (!c || !panel) { return; }
    var check = c.check || {};
    var box = el("div", null, "v-" + c.verdict);
    var head = el("p");
    head.appendChild(el("strong", "#" + (index + 1) + " "));
    head.appendChild(el("span", c.verdict_label, "chip v-" + c.verdict));
    box.appendChild(head);
    box.appendChild(el("blockquote", "\u201c" + c.text + "\u201d"));
    var dl = el("dl");
    var value = (c.qualifier && c.qualifier !== "exact" ? c.qualifier + " " : "") + group(c.value) +
      (c.value_max ? "\u2013" + group(c.value_max) : "");
    var rows = [
      ["value", value], ["category", c.category], ["side", c.side],
      ["scope", c.scope + (c.period ? " (" + c.period + ")" : "")], ["as of", c.as_of],
      ["source", c.source], ["attributed to", c.attribution],
      ["record", check.record_value !== null && check.record_value !== undefined ?
        group(check.record_value) + " on " + check.record_date : null],
      ["expected", check.expected_value !== null && check.expected_value !== undefined ?
        group(check.expected_value) : null],
      ["lag", check.lag_days !== null && check.lag_days !== undefined ? check.lag_days + " days" : null],
      ["Oryx", check.oryx_value !== null && check.oryx_value !== undefined ?
        group(check.oryx_value) + " on " + check.oryx_date : null]
    ];
    rows.forEach(function (row) {
      if (row[1] === null || row[1] === undefined || row[1] === "") { return; }
      dl.appendChild(el("dt", row[0]));
      dl.appendChild(el("dd", row[1]));
    });
    box.appendChild(dl);
    if (check.explanation) { box.appendChild(el("p", check.explanation, "explanation")); }
    panel.replaceChildren(box);
    document.querySelectorAll(".selected").forEach(function (n) { n.classList.remove("selected"); });
    document.querySelectorAll('[data-claim="' + index + '"]').forEach(function (n) { n.classList.add("selected"); });
  }

  function claimOf(target) {
    var node = target && target.closest ? target.closest("mark.claim, tr[data-claim]") : null;
    return node ? Number(node.getAttribute("data-claim")) : null;
  }

  document.addEventListener("mouseover", function (event) {
    var index = claimOf(event.target);
    if (index !== null && pinned === null) { show(index); }
  });
  document.addEventListener("focusin", function (event) {
    var index = claimOf(event.target);
    if (index !== null) { show(index); }
  });
  document.addEventListener("click", function (event) {
    var index = claimOf(event.target);
    if (index === null) { return; }
    pinned = pinned === index ? null : index;
    show(index);
    if (event.target.closest("tr")) {
      var mark = document.getElementById("claim-" + index);
      if (mark) { mark.scrollIntoView({block: "center"}); }
    }
  });

  // A claims table sorts by a click (or Enter) on a column header; a second one reverses.
  // Cells with data-value sort as numbers (a missing figure first), the others as text.
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var headers = table.querySelectorAll("thead th");
    headers.forEach(function (header, column) {
      header.tabIndex = 0;
      header.classList.add("sort-header");
      function key(row) {
        var cell = row.cells[column];
        var value = cell.getAttribute("data-value");
        if (value === null) { return cell.textContent.trim().toLowerCase(); }
        return value === "" ? -Infinity : parseFloat(value);
      }
      function sortBy() {
        var descending = header.getAttribute("aria-sort") === "ascending";
        headers.forEach(function (other) { other.setAttribute("aria-sort", "none"); });
        header.setAttribute("aria-sort", descending ? "descending" : "ascending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var order = x === y ? 0 : (x > y ? 1 : -1);  // (no less-than sign: tests refuse one in the report's script)
          return descending ? -order : order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      header.addEventListener("click", sortBy);
      header.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sortBy(); }
      });
    });
  });

  document.querySelectorAll("[data-toggle]").forEach(function (box) {
    var name = box.getAttribute("data-toggle");
    function apply() {
      document.body.classList.toggle("show-" + name, box.checked);
      document.body.classList.toggle("hide-" + name, !box.checked);
    }
    apply();
    box.addEventListener("change", apply);
  });
})();
