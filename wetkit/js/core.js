/* wetkit core: finds [data-wetkit-module] elements and runs each module's init once per element.
   Components register with wetkit.register(name, init); init(element) enhances markup that already works
   without JS. Safe to call wetkit.initAll(root) again after inserting markup: each element is set up once. */
(function (window, document) {
  "use strict";
  var modules = {};
  var done = typeof WeakMap === "function" ? new WeakMap() : null;

  function initElement(element) {
    var names = (element.getAttribute("data-wetkit-module") || "").split(/\s+/);
    var seen = done.get(element) || {};
    for (var i = 0; i < names.length; i++) {
      var name = names[i];
      if (!name || seen[name] || !modules[name]) continue;
      seen[name] = true;
      try {
        modules[name](element);
      } catch (error) {
        if (window.console) window.console.error("wetkit: " + name + " failed to start", error);
      }
    }
    done.set(element, seen);
  }

  function initAll(root) {
    if (!done) return;
    var scope = root || document;
    var elements = scope.querySelectorAll("[data-wetkit-module]");
    for (var i = 0; i < elements.length; i++) initElement(elements[i]);
    if (scope.nodeType === 1 && scope.hasAttribute("data-wetkit-module")) initElement(scope);
  }

  window.wetkit = {
    register: function (name, init) { modules[name] = init; },
    initAll: initAll
  };
  var root = document.documentElement;
  root.className = root.className.replace(/\bwet-no-js\b/, "wet-js");
})(window, document);
