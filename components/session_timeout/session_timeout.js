/* Session timeout: counts down from page load (the server's last sign of activity) and, data-warning seconds before
   the data-session seconds are up, opens the dialog inside (dialog.js, through its "wetkit:open" event) with the time
   left. The time is shown each second but spoken politely only as each whole minute passes and at 30 seconds.
   Continue session, Escape or any other way of closing the dialog sends a GET to data-keepalive; when it answers
   2xx the count starts again, otherwise the warning comes back. At zero the page goes to data-timeout.
   Words come from data-text-* through wetkit.text: "%{time}" in data-text-message, "%{num}" in data-text-minutes
   and data-text-seconds (each with a -one form for the singular). */
(function (window, wetkit) {
  "use strict";

  wetkit.register("session_timeout", function (root) {
    function data(name) { return root.getAttribute("data-" + name); }
    function $(name) { return root.querySelector(".wet-session-timeout__" + name); }
    var session = data("session") * 1000;
    var lead = data("warning") * 1000;
    var box = root.querySelector(".wet-dialog");
    var message = $("message");
    var live = $("live");
    var end = Date.now() + session;
    var shown, pending, stage, timer;
    if (!box || !message || !live || !$("continue") || !(session > lead)) {
      return wetkit.warn("session_timeout", root, "no dialog, message, live region or Continue button, or bad times");
    }

    function unit(n, name) { return n ? wetkit.text(root, name, n).replace("%{num}", n) : ""; }

    function tick() {
      var s = Math.ceil((end - Date.now()) / 1000);
      var now = s > 30 ? Math.ceil(s / 60) : 0;
      if (s <= 0) {
        window.clearInterval(timer);
        window.location.assign(data("timeout"));
      } else if (s * 1000 <= lead && !pending) {
        message.textContent = wetkit.text(root, "message").replace("%{time}",
          (unit(Math.floor(s / 60), "minutes") + " " + unit(s % 60, "seconds")).trim());
        if (!shown) box.dispatchEvent(new window.CustomEvent("wetkit:open"));
        else if (now !== stage) live.textContent = message.textContent;
        shown = true;
        stage = now;
      }
    }

    timer = window.setInterval(tick, 1000);
    $("continue").addEventListener("click", function () { root.querySelector("dialog").close(); });
    root.addEventListener("close", function () {
      shown = false;
      pending = true;
      window.fetch(data("keepalive"), { credentials: "same-origin", cache: "no-store" }).then(function (response) {
        if (!response.ok) throw response.status;
        end = Date.now() + session;
      }).catch(function (error) {
        wetkit.warn("session_timeout", root, "keep-alive failed: " + error);
      }).then(function () { pending = false; });
    }, true);
  });
})(window, window.wetkit);
