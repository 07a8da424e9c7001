/* Error summary: takes focus when the page loads (so screen readers read it and keyboard users start there), and
   makes each link land well. A plain "#id" link would scroll the field to the very top of the window, hiding the
   question it answers; instead the field's legend or label is scrolled into view and the field is focused without
   scrolling again. Without JS the links are ordinary in-page links and still reach the field.
   The focused box is not the alert: the role=alert element inside it holds the heading and the list, so JAWS on
   Chrome/Edge reads the errors and not only the heading (see error_summary.html).
   data-disable-auto-focus="true" leaves focus where it is (for summaries shown without a page reload). */
(function (window, document) {
  "use strict";

  // The text that names the field: its group's legend when the question is asked there (radios, checkboxes, a
  // date's boxes) and the legend is close enough to show with the field; otherwise its label.
  function caption(field) {
    var fieldset = field.closest("fieldset");
    var legend = fieldset && fieldset.querySelector("legend");
    if (legend && fieldset.contains(legend)) {
      if (field.type === "checkbox" || field.type === "radio") return legend;
      var legendTop = legend.getBoundingClientRect().top;
      var box = field.getBoundingClientRect();
      if (box.top + box.height - legendTop < window.innerHeight / 2) return legend;
    }
    var label = document.querySelector("label[for='" + field.id.replace(/(['\\])/g, "\\$1") + "']");
    return label || field.closest("label");
  }

  function visible(element) {
    return element && element.getClientRects().length > 0 && element.offsetWidth > 1;
  }

  function focusField(id) {
    var field = document.getElementById(id);
    if (!field) return false;
    var target = caption(field);
    (visible(target) ? target : field).scrollIntoView();
    field.focus({ preventScroll: true });
    return true;
  }

  window.wetkit.register("error_summary", function (summary) {
    if (summary.getAttribute("data-disable-auto-focus") !== "true") summary.focus();

    summary.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a");
      if (!link || !summary.contains(link)) return;
      var href = link.getAttribute("href") || "";
      if (href.charAt(0) !== "#" || href.length < 2) return;
      var id;
      try {
        id = decodeURIComponent(href.slice(1));
      } catch (error) {
        id = href.slice(1);
      }
      if (focusField(id)) event.preventDefault();
    });
  });
})(window, document);
