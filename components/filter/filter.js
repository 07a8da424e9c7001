/* Filter: narrows the items of a list (its <li>s) or a table (its body rows) to those holding every word typed,
   ignoring case and accents, and keeps a count ("12 of 40 shown"). The count under the box changes at once; a
   separate polite live region repeats it once typing pauses, so screen readers hear it once, not per key. The
   submit button is hidden: Enter filters in place. Without JS the form is sent with GET and the server answers.
   When the page holds only the server's matches (data-total, the server's total, is more than the items here), the
   count is out of that total and the button stays: a wider query must go to the server. */
(function (window, document) {
  "use strict";
  var DELAY = 600; // ms without typing before the count is announced

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  window.wetkit.register("filter", function (form) {
    var target = document.getElementById(form.getAttribute("data-target"));
    var field = form.querySelector("input[type=search]");
    var count = field && document.getElementById(field.id + "-count");
    if (!target || !count) return;
    var rows = target.tagName === "TABLE" ? target.tBodies : [target];
    var items = [];
    for (var i = 0; i < rows.length; i++) {
      for (var j = 0; j < rows[i].children.length; j++) {
        var item = rows[i].children[j];
        items.push({ element: item, text: fold(item.textContent) });
      }
    }
    var total = parseInt(form.getAttribute("data-total"), 10);
    var partial = total > items.length;
    if (!partial) total = items.length;
    var button = form.querySelector(".wet-filter__button");
    var live = document.createElement("div");
    live.className = "wet-visually-hidden";
    live.setAttribute("aria-live", "polite");
    count.parentNode.insertBefore(live, count.nextSibling);
    if (button && !partial) button.hidden = true;
    var timer = null;

    function message(shown) {
      return window.wetkit.text(form, "count", shown).replace("%{shown}", shown).replace("%{total}", total);
    }

    function update(announce) {
      var words = fold(field.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      items.forEach(function (item) {
        var match = words.every(function (word) { return item.text.indexOf(word) !== -1; });
        item.element.hidden = !match;
        if (match) shown += 1;
      });
      var text = message(shown);
      count.textContent = text;
      window.clearTimeout(timer);
      if (announce) timer = window.setTimeout(function () { live.textContent = text; }, DELAY);
    }

    field.addEventListener("input", function () { update(true); });
    form.addEventListener("submit", function (event) {
      if (partial) return;
      event.preventDefault();
      update(true);
    });
    window.wetkit.on("pageshow", function () { update(false); }); // a value restored by Back
    update(false);
  });
})(window, document);
