/* Checkboxes: the exclusive "None of these" box (on .wet-choices with an exclusive item).

   Checking the data-wetkit-behaviour="exclusive" box unchecks the others of the same name, and checking another
   unchecks it. Each box unchecked this way gets a "change" event, so conditional content follows. Nothing is
   announced: the boxes' own checked state says it when the user moves to them. */
(function (wetkit) {
  "use strict";

  wetkit.register("checkboxes", function (element) {
    element.addEventListener("change", function (event) {
      var box = event.target;
      if (box.type !== "checkbox" || !box.checked) return;
      var exclusive = box.getAttribute("data-wetkit-behaviour") === "exclusive";
      var boxes = element.querySelectorAll('input[type="checkbox"]');
      for (var i = 0; i < boxes.length; i++) {
        var other = boxes[i];
        if (other === box || other.name !== box.name || !other.checked) continue;
        if (exclusive || other.getAttribute("data-wetkit-behaviour") === "exclusive") {
          other.checked = false;
          other.dispatchEvent(new Event("change", {bubbles: true}));
        }
      }
    });
  });
})(window.wetkit);
