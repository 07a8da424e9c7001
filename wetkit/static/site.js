/* Docs site only (not in the component bundle): "Copy" buttons for the code blocks of the component pages.
   Markup: an element with data-wetkit-module="copy" holding a <code>, a hidden <button data-copy> and an empty
   role="status" element; the words come from data-text-copied and data-text-select (in the page's language).
   Without JavaScript the button stays hidden and the code can be selected as usual. When the clipboard is not
   available (an insecure origin, a refused permission) the code is selected instead, and the status says so. */
(function (document, window, wetkit) {
  "use strict";

  function select(code) {
    var range = document.createRange();
    range.selectNodeContents(code);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  wetkit.register("copy", function (element) {
    var code = element.querySelector("code");
    var button = element.querySelector("button[data-copy]");
    var status = element.querySelector("[role=status]");
    if (!code || !button || !status) return wetkit.warn("copy", element, "no <code>, button[data-copy] or status");
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = code.textContent;
      function copied() { status.textContent = wetkit.text(element, "copied"); }
      function refused() {
        select(code);
        status.textContent = wetkit.text(element, "select");
      }
      status.textContent = "";
      if (!window.navigator.clipboard || !window.isSecureContext) return refused();
      window.navigator.clipboard.writeText(text).then(copied, refused);
    });
  });
})(document, window, window.wetkit);
