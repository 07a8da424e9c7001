/* Notification banner. data-focus="true": focus the banner once the page loads (the page after an action), so
   screen readers read it and keyboard users start there. data-dismiss-key: a "Dismiss" button (the server's form,
   when there is one, or a button made here) hides the banner and remembers that in localStorage under the key;
   a banner dismissed before is hidden as soon as the script runs. Focus then goes to data-dismiss-focus (an id) or
   the page's <h1>, and a polite status says the message was dismissed. If storage is refused (private windows,
   blocked cookies) the banner still hides for this page. */
(function (window, document) {
  "use strict";
  var PREFIX = "wetkit-dismissed:";

  function remembered(key) {
    try { return window.localStorage.getItem(PREFIX + key) === "1"; } catch (error) { return false; }
  }

  function remember(key) {
    try { window.localStorage.setItem(PREFIX + key, "1"); } catch (error) { /* hidden for this page only */ }
  }

  function focusAfter(banner) {
    var id = banner.getAttribute("data-dismiss-focus");
    var target = (id && document.getElementById(id)) || document.querySelector("h1") ||
      document.querySelector("main") || document.body;
    if (!target.hasAttribute("tabindex") && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) {
      target.setAttribute("tabindex", "-1");
    }
    target.focus();
  }

  window.wetkit.register("notification_banner", function (banner) {
    var key = banner.getAttribute("data-dismiss-key");
    if (key) {
      if (remembered(key)) {
        banner.hidden = true;
        return;
      }
      var status = document.createElement("div");
      status.className = "wet-visually-hidden";
      status.setAttribute("role", "status");
      banner.parentNode.insertBefore(status, banner.nextSibling);
      var form = banner.querySelector(".wet-notification-banner__dismiss");
      var dismiss = function (event) {
        if (event) event.preventDefault();
        remember(key);
        banner.hidden = true;
        status.textContent = banner.getAttribute("data-dismissed-text");
        focusAfter(banner);
      };
      if (form) {
        form.addEventListener("submit", dismiss);
      } else {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "wet-btn wet-btn--link wet-notification-banner__button";
        button.textContent = banner.getAttribute("data-dismiss-text");
        button.addEventListener("click", function () { dismiss(); });
        banner.querySelector(".wet-notification-banner__content").appendChild(button);
      }
    }
    if (banner.getAttribute("data-focus") === "true") banner.focus();
  });
})(window, document);
