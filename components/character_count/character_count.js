/* Character count: a live count under the textarea, in characters or words.
   Without JS the limit message (#<id>-info) describes the field. With JS a visible count (#<id>-status) replaces
   it and becomes the field's description; it is aria-hidden, because screen readers get the same words from a
   separate polite live region, updated only once typing pauses so they are not flooded. With data-threshold the
   count shows only once that percentage of the limit is used; below it the limit message stays. */
(function (window, document) {
  "use strict";
  var DELAY = 1000; // ms without typing before the live region speaks
  var SURROGATE_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

  // aria-describedby with one id replaced by another, in place (other ids and their order are kept).
  function swapId(list, from, to) {
    var ids = (list || "").split(/\s+/).filter(Boolean);
    var at = ids.indexOf(from);
    if (ids.indexOf(to) !== -1) {
      if (at !== -1) ids.splice(at, 1);
    } else if (at === -1) {
      ids.push(to);
    } else {
      ids[at] = to;
    }
    return ids.join(" ");
  }

  window.wetkit.register("character_count", function (element) {
    var field = element.querySelector("textarea");
    var info = field && document.getElementById(field.id + "-info");
    if (!info) return;
    var limit = parseInt(element.getAttribute("data-limit"), 10);
    var words = element.getAttribute("data-unit") === "words";
    var threshold = parseInt(element.getAttribute("data-threshold"), 10);
    var serverError = field.classList.contains("wet-textarea--error");
    var timer = null;
    var shown = null;

    var status = document.createElement("div");
    status.id = field.id + "-status";
    status.className = "wet-hint wet-character-count__status";
    status.setAttribute("aria-hidden", "true");
    var live = document.createElement("div");
    live.className = "wet-visually-hidden";
    live.setAttribute("aria-live", "polite");
    info.parentNode.insertBefore(status, info.nextSibling);
    info.parentNode.insertBefore(live, status.nextSibling);

    function count() {
      var value = field.value;
      if (words) return (value.match(/\S+/g) || []).length;
      return value.replace(SURROGATE_PAIR, "_").length;
    }

    function text(key, n) {
      return window.wetkit.text(element, key, n).replace("%{count}", n);
    }

    function update(announce) {
      var used = count();
      var left = limit - used;
      var over = left < 0;
      var message = over ? text("too-many", -left) : text("remaining", left);
      var visible = isNaN(threshold) || used >= limit * threshold / 100;
      status.textContent = message;
      status.classList.toggle("wet-character-count__status--error", over);
      field.classList.toggle("wet-textarea--error", over || serverError);
      if (visible !== shown) {
        shown = visible;
        status.hidden = !visible;
        info.hidden = visible;
        field.setAttribute("aria-describedby", swapId(field.getAttribute("aria-describedby"),
          visible ? info.id : status.id, visible ? status.id : info.id));
      }
      window.clearTimeout(timer);
      if (!announce) return;
      timer = window.setTimeout(function () {
        live.textContent = visible ? message : "";
      }, DELAY);
    }

    field.addEventListener("input", function () { update(true); });
    window.wetkit.on("pageshow", function () { update(false); }); // values restored by Back
    update(false);
  });
})(window, document);
