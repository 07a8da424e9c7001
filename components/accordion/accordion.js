/* Accordion: native <details> sections, plus a show-all button. The button's aria-expanded is "true" while every
   section is open, and its words (data-text-show / data-text-hide) say what pressing it does. With data-remember
   ("session" or "local") the ids of the open sections are kept in that storage under "wetkit-accordion:<id>" and
   restored on the next load; if storage is refused the accordion works, unremembered. */
(function (window, document, wetkit) {
  "use strict";

  wetkit.register("accordion", function (element) {
    var sections = element.querySelectorAll(":scope > details");
    var button = element.querySelector(".wet-accordion__all");
    if (!sections.length || !button) return wetkit.warn("accordion", element, "no sections, or no show-all button");
    var store = null;
    var key = "wetkit-accordion:" + element.id;
    try {
      var remember = element.getAttribute("data-remember");
      store = remember && window[remember === "local" ? "localStorage" : "sessionStorage"];
      var saved = store && store.getItem(key);
      if (typeof saved === "string") {
        saved = saved.split(" ");
        for (var i = 0; i < sections.length; i++) sections[i].open = saved.indexOf(sections[i].id) !== -1;
      }
    } catch (error) { store = null; }

    function each(run) { return Array.prototype.map.call(sections, run); }

    function update(event) {
      var all = each(function (section) { return section.open; }).indexOf(false) === -1;
      button.setAttribute("aria-expanded", all ? "true" : "false");
      button.textContent = wetkit.text(element, all ? "hide" : "show");
      if (!store || !event) return;
      try {
        store.setItem(key, each(function (section) { return section.open ? section.id : ""; }).join(" "));
      } catch (error) { /* kept for this page only */ }
    }

    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      each(function (section) { section.open = open; });
      update(true);
    });
    element.addEventListener("toggle", update, true);
    button.hidden = false;
    update();
  });
})(window, document, window.wetkit);
