/* wetkit core: starts each component's module on the elements that ask for it. The module pattern:

     wetkit.register("name", function (element, wetkit) { ... });

   - "name" is the component's name (snake_case). data-wetkit-module="name" (several names: space-separated) on an
     element starts it; a kebab-case spelling ("error-summary") names the same module, for older markup.
   - The start function runs once per element and module, however often wetkit.initAll(root) runs (idempotent).
   - Incomplete markup: wetkit.warn(name, element, "what is missing") and return; never throw (a throw is caught
     and logged as an error, which fails the browser suite).
   - Page-wide events (pageshow, scroll, submit, change, beforeprint...): wetkit.on(type, handler), never
     document/window.addEventListener in a start function. The page gets one capturing listener on window per
     event type, however many elements or modules ask; it calls each handler in turn.
   - Words come from the markup (data-text-* attributes the macro renders in the page's language), never from here:
     wetkit.text(element, "key", n) is data-text-key, or data-text-key-one when n is singular in the element's
     language (Intl.PluralRules) and the markup gives that form.
   A module registered after the page has started (its file loaded alone, later) starts at once. */
(function (window, document) {
  "use strict";
  if (window.wetkit) return; // loaded twice: keep the first, and its record of what has started
  var modules = {};
  var handlers = {};
  var done = new WeakMap();
  var started = false;
  var console = window.console;

  function key(name) { return name.replace(/-/g, "_"); }

  function plural(element, n) {
    var holder = element.closest("[lang]");
    try {
      return new window.Intl.PluralRules((holder && holder.getAttribute("lang")) || "en").select(n);
    } catch (error) {
      return n === 1 ? "one" : "other";
    }
  }

  function initElement(element, only) {
    var names = (element.getAttribute("data-wetkit-module") || "").split(/\s+/);
    var seen = done.get(element) || {};
    done.set(element, seen);
    for (var i = 0; i < names.length; i++) {
      var name = key(names[i]);
      if (!name || seen[name] || !modules[name] || (only && only !== name)) continue;
      seen[name] = true;
      try {
        modules[name](element, api);
      } catch (error) {
        if (console) console.error("wetkit: " + name + " failed to start", error);
      }
    }
  }

  function initAll(root, only) {
    var scope = root || document;
    if (scope === document) started = true;
    var elements = scope.querySelectorAll("[data-wetkit-module]");
    for (var i = 0; i < elements.length; i++) initElement(elements[i], only);
    if (scope.nodeType === 1 && scope.hasAttribute("data-wetkit-module")) initElement(scope, only);
  }

  var api = window.wetkit = {
    register: function (name, start) {
      modules[key(name)] = start;
      if (started) initAll(document, key(name));
    },
    initAll: function (root) { initAll(root); },
    on: function (type, handler) {
      if (!handlers[type]) {
        var list = handlers[type] = [];
        window.addEventListener(type, function (event) {
          for (var i = 0; i < list.length; i++) list[i](event);
        }, true);
      }
      handlers[type].push(handler);
    },
    text: function (element, key, n) {
      var name = "data-text-" + key;
      return (n !== undefined && plural(element, n) === "one" && element.getAttribute(name + "-one")) ||
        element.getAttribute(name) || "";
    },
    warn: function (name, element, what) {
      if (console) console.warn("wetkit: " + name + ": " + what, element);
    }
  };
  var root = document.documentElement;
  root.className = root.className.replace(/\bwet-no-js\b/, "wet-js");
})(window, document);
