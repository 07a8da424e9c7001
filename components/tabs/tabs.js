/* Tabs (WAI-ARIA tabs pattern): the contents list becomes a tablist whose links are tabs with a roving tabindex;
   Left/Right (mirrored when the list is right-to-left) move along the tabs and wrap, Home/End go to the ends. With
   data-activation="automatic" the panel follows focus; with "manual" Enter or Space shows it. The selected panel's
   id goes in the URL hash (replaceState, so no jump and no extra history entry); a hash naming a panel selects it
   on load and when the hash changes. Without this script the links lead to headed sections, all shown. */
(function (window, document) {
  "use strict";

  window.wetkit.register("tabs", function (box, wetkit) {
    var list = box.querySelector(".wet-tabs__list");
    var tabs = list ? [].slice.call(list.querySelectorAll(".wet-tabs__tab")) : [];
    var panels = tabs.map(function (tab) { return document.getElementById(tab.hash.slice(1)); });
    if (!tabs.length || panels.indexOf(null) !== -1) return wetkit.warn("tabs", box, "a tab without its panel");
    var manual = box.getAttribute("data-activation") === "manual";

    function select(index, keepHash) {
      tabs.forEach(function (tab, at) {
        var on = at === index;
        tab.setAttribute("aria-selected", on);
        tab.tabIndex = on ? 0 : -1;
        panels[at].hidden = !on;
      });
      if (!keepHash) window.history.replaceState(null, "", tabs[index].hash);
    }

    function fromHash() {
      var index = tabs.map(function (tab) { return tab.hash; }).indexOf(window.location.hash);
      if (index !== -1) select(index, true);
      return index;
    }

    box.classList.add("wet-tabs--js");
    list.setAttribute("role", "tablist");
    list.setAttribute("aria-labelledby", box.id + "-title");
    tabs.forEach(function (tab, at) {
      tab.parentNode.setAttribute("role", "presentation");
      tab.setAttribute("role", "tab");
      tab.setAttribute("aria-controls", panels[at].id);
      panels[at].setAttribute("role", "tabpanel");
      panels[at].setAttribute("aria-labelledby", tab.id);
      panels[at].tabIndex = 0;
    });
    if (fromHash() === -1) select(0, true);

    list.addEventListener("click", function (event) {
      var index = tabs.indexOf(event.target.closest("[role=tab]"));
      if (index === -1) return;
      event.preventDefault();
      select(index);
      tabs[index].focus();
    });
    list.addEventListener("keydown", function (event) {
      var index = tabs.indexOf(event.target), last = tabs.length - 1;
      if (index === -1 || event.altKey || event.ctrlKey || event.metaKey) return;
      var back = window.getComputedStyle(list).direction === "rtl" ? "ArrowRight" : "ArrowLeft";
      var to = { Home: 0, End: last }[event.key];
      if (event.key === back) to = index ? index - 1 : last;
      else if (/^Arrow(Left|Right)$/.test(event.key)) to = index === last ? 0 : index + 1;
      if (event.key === " " || event.key === "Enter") to = index;
      if (to === undefined) return;
      event.preventDefault();
      tabs[to].focus();
      if (!manual || to === index) select(to);
    });
    wetkit.on("hashchange", fromHash);
  });
})(window, document);
