/* Password input: unhides the Show/Hide button. Pressing it switches the input between type=password and
   type=text, changes the button's visible word (its hidden suffix keeps it "Show password" / "Hide password")
   and says the new state through a polite live region. Sending the form, or coming back to the page from the
   back-forward cache, hides the password again so it is never left visible or saved as plain text. */
(function (window, document) {
  "use strict";

  window.wetkit.register("password_input", function (element) {
    var input = element.querySelector(".wet-password-input__input");
    var button = element.querySelector(".wet-password-input__toggle");
    var label = button && button.querySelector(".wet-password-input__toggle-text");
    if (!input || !label) return;
    var live = document.createElement("div");
    live.className = "wet-visually-hidden";
    live.setAttribute("aria-live", "polite");
    element.appendChild(live);

    function set(visible, announce) {
      input.setAttribute("type", visible ? "text" : "password");
      label.textContent = element.getAttribute(visible ? "data-text-hide" : "data-text-show");
      live.textContent = announce ? element.getAttribute(visible ? "data-text-shown" : "data-text-hidden") : "";
    }

    button.addEventListener("click", function () {
      set(input.getAttribute("type") === "password", true);
    });
    // A page-wide listener: works whichever form owns the input (form= attribute included).
    window.wetkit.on("submit", function (event) {
      if (event.target === input.form) set(false, false);
    });
    window.wetkit.on("pageshow", function (event) {
      if (event.persisted) set(false, false);
    });
    button.hidden = false;
  });
})(window, document);
