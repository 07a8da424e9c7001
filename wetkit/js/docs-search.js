/* Docs search (the demo site's search page, not part of the component bundle): looks up the site's prebuilt index
   (<lang>/search-index.json, written by `wetkit build`) in the browser, so it needs no server of its own. Each word
   typed must appear in a page's title or text, ignoring case and accents; pages whose title holds every word come
   first. The results are links in a list; the count is written to the role=status element once typing pauses, so
   screen readers hear it once. Enter searches in place. A ?q= in the URL (the header's search box sends one) is
   searched on load. Without JS the form stays hidden and the page's note leads to the lists of pages. Words come
   from the element's data-text-* attributes (the page's language). */
(function (window, document) {
  "use strict";
  var DELAY = 400; // ms without typing before the results change and are announced

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  window.wetkit.register("docs_search", function (element, wetkit) {
    var form = element.querySelector("form");
    var field = form && form.querySelector("input[type=search]");
    var status = element.querySelector("[role=status]");
    var list = element.querySelector("ul");
    if (!field || !status || !list) {
      wetkit.warn("docs_search", element, "needs a form with a search field, a role=status element and a list");
      return;
    }
    var base = element.getAttribute("data-base") || "";
    var pages = null;
    var timer = null;
    var note = element.querySelector("[data-no-script]");
    if (note) note.hidden = true;
    form.hidden = false;

    function say(key, count, query) {
      return wetkit.text(element, key, count).replace("%{num}", count).replace("%{query}", query);
    }

    function result(page) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = base + page.url;
      link.textContent = page.title;
      if (page.lang) link.lang = page.lang;
      var about = document.createElement("span");
      about.className = "wet-muted";
      about.textContent = " - " + page.kind + ". ";
      var text = document.createElement("span");
      text.textContent = page.text;
      if (page.lang) text.lang = page.lang;
      about.appendChild(text);
      item.appendChild(link);
      item.appendChild(about);
      return item;
    }

    function search() {
      if (!pages) return;
      var query = field.value.trim();
      var words = fold(query).split(/\s+/).filter(Boolean);
      list.textContent = "";
      if (!words.length) {
        status.textContent = "";
        return;
      }
      var found = [];
      pages.forEach(function (page, order) {
        var title = fold(page.title);
        var all = title + " " + fold(page.text);
        if (!words.every(function (word) { return all.indexOf(word) !== -1; })) return;
        var inTitle = words.every(function (word) { return title.indexOf(word) !== -1; });
        found.push({ page: page, rank: (inTitle ? 0 : 1) * pages.length + order });
      });
      found.sort(function (a, b) { return a.rank - b.rank; });
      found.forEach(function (hit) { list.appendChild(result(hit.page)); });
      status.textContent = found.length ? say("results", found.length, query) : say("none", 0, query);
    }

    field.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(search, DELAY);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      window.clearTimeout(timer);
      search();
    });

    window.fetch(element.getAttribute("data-index"), { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + response.statusText);
        return response.json();
      })
      .then(function (index) {
        pages = index.pages;
        var asked = new window.URLSearchParams(window.location.search).get(field.name);
        if (asked) field.value = asked;
        search();
      })
      .catch(function (error) {
        status.textContent = wetkit.text(element, "unavailable");
        wetkit.warn("docs_search", element, "the search index could not be loaded: " + error);
      });
  });
})(window, document);
