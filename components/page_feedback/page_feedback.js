/* Page feedback: sends each step with fetch (the same POST the form would make, as FormData, plus the button
   pressed) and moves on in place: Yes, or the details, show the thanks; No shows the "What was wrong?" form and
   focuses its box. The thanks is said by the role=status message, which also takes focus (the form that had it
   is gone). If the request fails (no network, or an answer other than 2xx), the message says so and the form
   stays as it was, usable, so the user can try again. */
(function (window, document) {
  "use strict";

  window.wetkit.register("page_feedback", function (box) {
    var ask = box.querySelector(".wet-page-feedback__ask");
    var problem = box.querySelector(".wet-page-feedback__problem");
    var message = box.querySelector(".wet-page-feedback__message");
    if (!ask || !problem || !message || typeof window.fetch !== "function") return;

    function say(key) {
      message.textContent = box.getAttribute("data-text-" + key);
      message.classList.toggle("wet-page-feedback__message--error", key === "error");
    }

    function send(form, submitter) {
      var data = new window.FormData(form);
      if (submitter && submitter.name) data.append(submitter.name, submitter.value);
      var buttons = form.querySelectorAll("button");
      for (var i = 0; i < buttons.length; i++) buttons[i].setAttribute("aria-disabled", "true");
      return window.fetch(form.action, {
        method: "POST", body: data, credentials: "same-origin", headers: { "Accept": "application/json, text/html" }
      }).then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
      }).finally(function () {
        for (var j = 0; j < buttons.length; j++) buttons[j].removeAttribute("aria-disabled");
      });
    }

    function thank() {
      ask.hidden = true;
      problem.hidden = true;
      say("thanks");
      message.focus();
    }

    function failed() {
      say("error");
    }

    ask.addEventListener("submit", function (event) {
      event.preventDefault();
      var submitter = event.submitter;
      if (submitter && submitter.getAttribute("aria-disabled") === "true") return;
      var no = submitter && submitter.value === "no";
      send(ask, submitter).then(function () {
        if (!no) return thank();
        ask.hidden = true;
        problem.hidden = false;
        message.textContent = "";
        problem.querySelector("textarea").focus();
      }, failed);
    });

    problem.addEventListener("submit", function (event) {
      event.preventDefault();
      if (event.submitter && event.submitter.getAttribute("aria-disabled") === "true") return;
      send(problem, null).then(thank, failed);
    });
  });
})(window, document);
