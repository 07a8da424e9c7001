/* Dialog: moves the section into a native <dialog> opened with showModal(), so the page behind is inert and Tab
   stays inside. Focus goes to the element with data-dialog-focus, else to the heading (tabindex=-1); Escape (the
   native cancel) and the Close button close it, and focus returns to what had it before. The opener link
   (href="#<id>") becomes a button. data-alert="<id>" on the root makes it an alertdialog described by that element.
   Other modules open it with a "wetkit:open" event on the root; "close" is the <dialog>'s native event.
   Without showModal() (old browsers) the section stays where it is, as without JS. */
(function (document, wetkit) {
  "use strict";

  wetkit.register("dialog", function (root) {
    var section = root.querySelector(".wet-dialog__section");
    var heading = section && document.getElementById(section.id + "-title");
    var dialog = document.createElement("dialog");
    var alert = root.getAttribute("data-alert");
    var link = root.querySelector("a.wet-dialog__opener");
    var close = section && section.querySelector(".wet-dialog__close");
    var back;
    if (!heading || !dialog.showModal) return wetkit.warn("dialog", root, "no section with its heading, or no showModal");
    dialog.className = "wet-dialog__dialog";
    dialog.setAttribute("aria-labelledby", heading.id);
    if (alert) {
      dialog.setAttribute("role", "alertdialog");
      dialog.setAttribute("aria-describedby", alert);
    }
    section.removeAttribute("aria-labelledby");
    section.hidden = false;
    heading.tabIndex = -1;
    section.parentNode.insertBefore(dialog, section);
    dialog.appendChild(section);

    function open() {
      if (dialog.open) return;
      back = document.activeElement;
      dialog.showModal();
      (section.querySelector("[data-dialog-focus]") || heading).focus();
    }

    if (close) {
      close.hidden = false;
      close.addEventListener("click", function () { dialog.close(); });
    }
    if (link) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = link.className;
      button.textContent = link.textContent;
      button.addEventListener("click", open);
      link.parentNode.replaceChild(button, link);
    }
    root.addEventListener("wetkit:open", open);
    dialog.addEventListener("close", function () {
      if (back && back.isConnected) back.focus();
    });
  });
})(document, window.wetkit);
