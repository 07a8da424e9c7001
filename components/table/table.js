/* Table: (1) the wrapper is a focusable, named scroll region only while the table overflows it: a ResizeObserver
   adds or removes tabindex, role and aria-labelledby as widths change (without JS, or without ResizeObserver, the
   server's tabindex=0 stays, so a wide table can always be scrolled by keyboard). (2) Each header with
   data-sort-type gets a sort button: ascending first, then it flips; aria-sort marks the sorted header only, and a
   polite live region the macro renders (<id>-status) says the new order with the page's data-text-ascending/-descending message. */
(function (window, document) {
  "use strict";

  function fit(wrap, label) {
    var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
    [["tabindex", "0"], ["role", "region"], ["aria-labelledby", label]].forEach(function (pair) {
      if (scrolls) wrap.setAttribute(pair[0], pair[1]);
      else wrap.removeAttribute(pair[0]);
    });
  }

  function key(cell, number) {
    var value = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
    if (!number) return value;
    value = parseFloat(value.replace(/[^\d.eE-]/g, ""));
    return isNaN(value) ? -Infinity : value;
  }

  window.wetkit.register("table", function (wrap, wetkit) {
    var table = wrap.querySelector("table");
    var body = table && table.tBodies[0];
    if (!body || !table.tHead) return wetkit.warn("table", wrap, "no table with thead and tbody");
    var label = wrap.getAttribute("aria-labelledby");
    if (window.ResizeObserver && label) {
      var observer = new window.ResizeObserver(function () { fit(wrap, label); });
      observer.observe(wrap);
      observer.observe(table);
    }
    var heads = table.tHead.rows[0].cells;
    var live = document.getElementById(table.id + "-status") || {};
    var collator = new window.Intl.Collator((wrap.closest("[lang]") || {}).lang || [], { numeric: true });

    function sort(index) {
      var head = heads[index];
      var number = head.getAttribute("data-sort-type") === "number";
      var up = head.getAttribute("aria-sort") !== "ascending";
      [].map.call(body.rows, function (row, at) {
        return { row: row, at: at, key: key(row.cells[index], number) };
      }).sort(function (a, b) {
        var order = number ? a.key - b.key : collator.compare(a.key, b.key);
        return (up ? order : -order) || a.at - b.at;
      }).forEach(function (item) { body.appendChild(item.row); });
      for (var i = 0; i < heads.length; i++) heads[i].removeAttribute("aria-sort");
      head.setAttribute("aria-sort", up ? "ascending" : "descending");
      live.textContent = (wrap.getAttribute("data-text-" + head.getAttribute("aria-sort")) || "")
        .replace("%{column}", head.textContent.trim());
    }

    [].forEach.call(heads, function (head, index) {
      if (!head.hasAttribute("data-sort-type")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "wet-table__sort";
      while (head.firstChild) button.appendChild(head.firstChild);
      head.appendChild(button);
      button.addEventListener("click", function () { sort(index); });
    });
  });
})(window, document);
