/* On this page: marks the link of the section being read with aria-current="true". The current section is the
   last one whose heading has scrolled above a line near the top of the window (a quarter of the way down, at most
   120 px, so a short section's successor is not taken for it) (or the last section, once
   the page is scrolled to its end). Worked out on scroll and resize, at most once a frame; only the colour and
   border of a link change, never its size, so nothing moves. Links whose target is missing are left alone. */
(function (window, document) {
  "use strict";

  window.wetkit.register("on_this_page", function (nav) {
    var links = nav.querySelectorAll("a[href^='#']");
    var sections = [];
    for (var i = 0; i < links.length; i++) {
      var id;
      try { id = decodeURIComponent(links[i].getAttribute("href").slice(1)); } catch (error) { continue; }
      var target = document.getElementById(id);
      if (target) sections.push({ link: links[i], target: target });
    }
    if (!sections.length) return;
    var current = null;
    var queued = false;

    function mark() {
      queued = false;
      var line = Math.min(window.innerHeight / 4, 120);
      var found = null;
      var end = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2;
      for (var i = 0; i < sections.length; i++) {
        if (sections[i].target.getBoundingClientRect().top <= line) found = sections[i];
      }
      if (end && found && sections[sections.length - 1].target.getBoundingClientRect().top < window.innerHeight) {
        found = sections[sections.length - 1];
      }
      if (found === current) return;
      if (current) current.link.removeAttribute("aria-current");
      if (found) found.link.setAttribute("aria-current", "true");
      current = found;
    }

    function queue() {
      if (queued) return;
      queued = true;
      window.requestAnimationFrame(mark);
    }

    window.wetkit.on("scroll", queue);
    window.wetkit.on("resize", queue);
    window.wetkit.on("hashchange", queue);
    mark();
  });
})(window, document);
