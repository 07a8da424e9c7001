/* Site menu (WAI-ARIA disclosure navigation, not an ARIA menu): each section's label becomes a button with
   aria-expanded and aria-controls over its list of links, which starts hidden. Opening one section closes the
   others; Escape closes the open one and returns focus to its button; focus or a click moving outside the menu
   closes it (the click through wetkit.on, the core's one page-wide listener). Without this script all links are shown. */
(function (window, document) {
  "use strict";

  function close(nav, except) {
    [].forEach.call(nav.querySelectorAll(".wet-site-menu__toggle"), function (button) {
      if (button === except) return;
      button.setAttribute("aria-expanded", "false");
      document.getElementById(button.getAttribute("aria-controls")).hidden = true;
    });
  }

  window.wetkit.register("site_menu", function (nav, wetkit) {
    var labels = nav.querySelectorAll(".wet-site-menu__label");
    for (var i = 0; i < labels.length; i++) {
      var list = labels[i].nextElementSibling;
      if (!list || !list.id) {
        wetkit.warn("site_menu", labels[i], "a section without its list of links");
        continue;
      }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "wet-site-menu__toggle";
      button.textContent = labels[i].textContent;
      button.setAttribute("aria-controls", list.id);
      labels[i].parentNode.replaceChild(button, labels[i]);
    }
    nav.classList.add("wet-site-menu--js");
    close(nav);
    wetkit.on("click", function (event) {
      if (!nav.contains(event.target)) close(nav);
    });

    nav.addEventListener("click", function (event) {
      var button = event.target.closest(".wet-site-menu__toggle");
      if (!button) return;
      var open = button.getAttribute("aria-expanded") !== "true";
      close(nav, button);
      button.setAttribute("aria-expanded", open);
      document.getElementById(button.getAttribute("aria-controls")).hidden = !open;
    });
    nav.addEventListener("keydown", function (event) {
      var open = nav.querySelector(".wet-site-menu__toggle[aria-expanded=true]");
      if (event.key !== "Escape" || !open) return;
      close(nav);
      open.focus();
    });
    nav.addEventListener("focusout", function (event) {
      if (event.relatedTarget && !nav.contains(event.relatedTarget)) close(nav);
    });
  });
})(window, document);
