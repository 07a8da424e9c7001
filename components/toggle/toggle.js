/* Toggle (the WAI-ARIA disclosure pattern): shows the hidden button, gives it aria-controls and aria-expanded,
   and hides or shows the region as the button is pressed (a button: Enter and Space work natively). With
   data-print="open" a hidden region is shown while the page prints and hidden again afterwards. */
(function (document, wetkit) {
  "use strict";

  function set(button, region, open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    region.hidden = !open;
  }

  wetkit.register("toggle", function (element) {
    var button = element.querySelector(".wet-toggle__button");
    var region = button && document.getElementById(button.getAttribute("data-controls"));
    if (!region) return wetkit.warn("toggle", element, "no button, or no region with its data-controls id");
    button.setAttribute("aria-controls", region.id);
    set(button, region, element.getAttribute("data-open") === "true");
    button.hidden = false;
    button.addEventListener("click", function () {
      set(button, region, region.hidden);
    });
    if (element.getAttribute("data-print") !== "open") return;
    var restore = false;
    wetkit.on("beforeprint", function () {
      restore = region.hidden;
      region.hidden = false;
    });
    wetkit.on("afterprint", function () {
      if (restore) region.hidden = true;
      restore = false;
    });
  });
})(document, window.wetkit);
