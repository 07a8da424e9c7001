/* Conditional reveal, shared by radios and checkboxes (always bundled, like core.js).

   "conditional-reveal" (on .wet-choices): an input with data-aria-controls="<id>" reveals the element <id> while it
   is checked. The script sets aria-controls and hides the content of unchecked inputs with the `hidden` attribute;
   without it (or before it runs) all conditional content is shown, so nothing is lost. Any "change" event on a
   choice (a user's, or one a script dispatches) brings the content in line.

   A checkbox that reveals content also gets aria-expanded="true|false", kept in step with its checked state, so a
   screen reader says that checking it shows more. Radios get none: aria-expanded is not allowed on role radio, and
   the revealed content follows them in the reading order anyway. */
(function (window, document, wetkit) {
  "use strict";

  function reveal(input) {
    var target = document.getElementById(input.getAttribute("aria-controls"));
    if (!target) return;
    target.hidden = !input.checked;
    if (input.type === "checkbox") input.setAttribute("aria-expanded", input.checked ? "true" : "false");
  }

  // Checking a radio unchecks the others of its group without any event: update every revealing radio of the group.
  function update(input) {
    if (input.type !== "radio") {
      if (input.hasAttribute("aria-controls")) reveal(input);
      return;
    }
    var radios = document.querySelectorAll('input[type="radio"][aria-controls]');
    for (var i = 0; i < radios.length; i++) {
      if (radios[i].name === input.name && radios[i].form === input.form) reveal(radios[i]);
    }
  }

  function updateAll() {
    var inputs = document.querySelectorAll("input[aria-controls][data-aria-controls]");
    for (var i = 0; i < inputs.length; i++) reveal(inputs[i]);
  }

  function changed(event) {
    var input = event.target;
    if (input && (input.type === "radio" || input.type === "checkbox")) update(input);
  }

  wetkit.register("conditional_reveal", function (element) {
    var inputs = element.querySelectorAll("input[data-aria-controls]");
    for (var i = 0; i < inputs.length; i++) {
      var id = inputs[i].getAttribute("data-aria-controls");
      if (!document.getElementById(id)) continue;
      inputs[i].setAttribute("aria-controls", id);
      reveal(inputs[i]);
    }
  });
  // Page-wide, once (not per group): any change, and a page restored from the back/forward cache, which keeps
  // the inputs' states.
  wetkit.on("change", changed);
  wetkit.on("pageshow", updateAll);
})(window, document, window.wetkit);
