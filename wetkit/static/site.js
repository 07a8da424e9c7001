/* Docs site only (not in the component bundle): "Copy" buttons for the code blocks of the component pages, and an
   example page shown in a component page's preview frame scrolled to its example.
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

  // An example page inside the component page's preview frame: bring #wet-example to the top of the frame. Only the
  // frame's own window scrolls; a #fragment in the frame's URL would scroll the component page around it as well.
  if (window.self !== window.top) {
    document.addEventListener("DOMContentLoaded", function () {
      var example = document.getElementById("wet-example");
      if (example) window.scrollTo(0, example.getBoundingClientRect().top + window.scrollY);
    });
  }
})(document, window, window.wetkit);
