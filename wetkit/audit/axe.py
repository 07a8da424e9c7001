"""Run axe-core in the page: injected through axe-selenium-python, options passed as script arguments.

The engine is the axe-core pinned in ``package-lock.json`` (``npm ci`` puts it in ``node_modules/axe-core``), never
the 2018 copy bundled with axe-selenium-python. Tags are checked against ``axe.getRules()`` before the first run: an
unknown tag would silently run zero rules. Errors inside axe become Python exceptions.
"""

from __future__ import annotations

import json
from pathlib import Path

from wetkit.audit import find_test_tool
from wetkit.errors import WetkitError

TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice")
REQUIRED_MAJOR_MINOR = "4.14"
# axe's category for rules whose outcome depends on colours alone: in 4.14, among the suite's tags, color-contrast
# (1.4.3) and link-in-text-block (1.4.1); color-contrast-enhanced is also cat.color but AAA (wcag2aaa, not in TAGS).
# These are all that change when only the colour scheme changes, so the dark-mode pass runs just them.
COLOUR_CATEGORY = "cat.color"


class AxeError(WetkitError, RuntimeError):
    """axe-core could not be found, failed to load, or threw while running."""


def find_axe_script(start: Path | None = None) -> Path:
    """``node_modules/axe-core/axe.min.js`` from ``WETKIT_AXE_SCRIPT``, or the nearest node_modules upwards."""
    found = find_test_tool("WETKIT_AXE_SCRIPT", "axe-core/axe.min.js", start)
    if found is not None:
        return found
    raise AxeError(
        "axe-core not found: run `npm ci` in the wetkit checkout (package-lock.json pins axe-core "
        f"{REQUIRED_MAJOR_MINOR}.x), or set WETKIT_AXE_SCRIPT to an axe.min.js"
    )


# How results come back from the page: per node its target, HTML, axe's fix summary, the errors of checks that threw,
# and ``reasons``: the message keys of the checks that could not decide (``elmPartiallyObscured``...).
_SHAPE = """
function nodes(list) {
  return list.map(function (node) {
    var checks = [].concat(node.any, node.all, node.none).filter(Boolean);
    var errors = checks.filter(function (c) { return c.error; })
      .map(function (c) { return c.id + ": " + (c.error.message || c.error); });
    var reasons = checks.map(function (c) { return c.data && c.data.messageKey; }).filter(Boolean);
    return {target: node.target, html: node.html, summary: node.failureSummary || "", errors: errors,
            reasons: reasons};
  });
}
function rules(list) {
  return list.map(function (rule) {
    return {id: rule.id, impact: rule.impact, help: rule.help, helpUrl: rule.helpUrl, nodes: nodes(rule.nodes)};
  });
}
"""

_RUN = _SHAPE + """
const context = arguments[0], options = arguments[1], done = arguments[arguments.length - 1];
if (typeof axe === "undefined") { done({error: "axe is not loaded in this page"}); return; }
axe.run(context || document, options).then(function (results) {
  done({version: axe.version, violations: rules(results.violations), incomplete: rules(results.incomplete)});
}, function (error) { done({error: String(error && error.stack || error)}); });
"""

# Whether the page already has the pinned axe (registered for new documents, see AxeRunner.inject); if so, its
# messages are set to ``arguments[1]`` (an axe locale, or null for English).
_READY = """
var version = arguments[0], locale = arguments[1];
if (typeof axe === "undefined" || !axe || axe.version !== version) return false;
if (locale) axe.configure({locale: locale});
return true;
"""

#: Why axe may leave a colour result undecided that scrolling can settle: the element is partly clipped by a scroll
#: region it overflows, or lies outside the viewport.
OUT_OF_VIEW = frozenset({"elmPartiallyObscured", "outsideViewport"})

# ``arguments[0]``: top-document selectors axe could not judge because they were out of view; ``arguments[1]``: the
# rule; ``arguments[2]``: OUT_OF_VIEW. In turn, each element still undecided is scrolled into view (its scroll regions
# and the window) and axe runs the rule again on all the undecided ones: what it decides now is settled. An element
# still out of view when its own turn is over stays "incomplete". Every scroll position is put back before the answer.
# Returns {impact, violations: [node...], incomplete: [node...]}.
_IN_VIEW = _SHAPE + """
const selectors = arguments[0], rule = arguments[1], outOfView = arguments[2], done = arguments[arguments.length - 1];
var root = document.scrollingElement, saved = [[root, root.scrollLeft, root.scrollTop]];
var pending = selectors.map(function (sel) { return document.querySelector(sel); }).filter(Boolean);
pending.forEach(function (el) {
  for (var box = el.parentElement; box; box = box.parentElement) {
    var scrolls = box.scrollWidth > box.clientWidth || box.scrollHeight > box.clientHeight;
    if (scrolls) saved.push([box, box.scrollLeft, box.scrollTop]);
  }
});
var out = {impact: null, violations: [], incomplete: []};
function restore() { saved.reverse().forEach(function (s) { s[0].scrollLeft = s[1]; s[0].scrollTop = s[2]; }); }
function next() {
  if (!pending.length) { restore(); done(out); return; }
  var first = pending[0];
  first.scrollIntoView({block: "nearest", inline: "nearest"});
  axe.run({include: pending}, {runOnly: {type: "rule", values: [rule]}, elementRef: true,
                               resultTypes: ["passes", "violations", "incomplete"]}).then(function (results) {
    var decided = new Set();
    function each(list, keep) {
      list.forEach(function (r) {
        r.nodes.forEach(function (node) {
          var shaped = nodes([node])[0];
          var unsure = shaped.reasons.some(function (k) { return outOfView.indexOf(k) >= 0; });
          if (keep === out.incomplete && unsure && node.element !== first) return;  // its own turn is still to come
          decided.add(node.element);
          if (keep === out.violations) out.impact = r.impact;
          if (keep) keep.push(shaped);
        });
      });
    }
    each(results.passes, null);
    each(results.violations, out.violations);
    each(results.incomplete, out.incomplete);
    pending = pending.filter(function (el) { return el !== first && !decided.has(el); });
    next();
  }, function (error) { restore(); done({error: String(error && error.stack || error)}); });
}
next();
"""


def load_axe_locale(lang: str, script: Path | None = None) -> dict | None:
    """axe-core's own translation for ``lang`` (``locales/<lang>.json`` beside ``axe.min.js``); None for English
    (axe's built-in language). Raises AxeError when the axe-core install has no such locale."""
    if lang in ("", "en") or lang.startswith("en-"):
        return None
    folder = Path(script or find_axe_script()).parent / "locales"
    file = folder / f"{lang.replace('-', '_')}.json"
    if not file.is_file():
        found = ", ".join(sorted(p.stem for p in folder.glob("*.json") if not p.stem.startswith("_"))) or "none"
        raise AxeError(f"axe-core has no {lang!r} locale in {folder} (found: {found})")
    try:
        return json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise AxeError(f"{file}: not a readable axe locale ({err})") from err


class AxeRunner:
    """Injects axe into the current page and runs it with the suite's tags."""

    def __init__(self, driver, script: Path | None = None, tags: tuple[str, ...] = TAGS, locale: dict | None = None):
        """``locale``: an axe-core locale object (``axe-core/locales/fr.json``, see :func:`load_axe_locale`), applied
        with ``axe.configure({locale})`` after each injection: axe's help texts and fix summaries in that language."""
        from axe_selenium_python import Axe

        self.script = Path(script) if script else find_axe_script()
        self.tags = tags
        self.locale = locale
        self.driver = driver
        self._axe = Axe(driver, script_url=str(self.script))
        self._checked = False
        self.version = None
        self.colour_rules: tuple[str, ...] = ()

    def inject(self) -> None:
        """Make the pinned axe ready in the current page, in ``locale``. After the first page, where the driver speaks
        CDP, the script is registered with the browser to run in every new top-level document before the page's own
        scripts (``Page.addScriptToEvaluateOnNewDocument``): a page then arrives with axe defined and is only asked
        whether it has it, which saves sending, parsing and running 650 KB of script per page. A page without it, or
        with another ``axe`` of its own, gets the pinned one by ``execute_script`` as before."""
        if self._checked and self.driver.execute_script(_READY, self.version, self.locale):
            return
        self._axe.inject()
        if not self._checked:
            self._check_engine()
            self._register()
        if self.locale:
            self.driver.execute_script("axe.configure({locale: arguments[0]});", self.locale)

    def _register(self) -> None:
        """Ask the browser to run axe in every new top-level document (frames skip it: axe is not injected in frames,
        as before). Best effort: a driver without CDP keeps injecting page by page."""
        from selenium.common.exceptions import WebDriverException

        if not hasattr(self.driver, "execute_cdp_cmd"):
            return
        source = self.script.read_text(encoding="utf-8")
        try:
            self.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",
                                        {"source": "if (window === window.top) {\n" + source + "\n}"})
        except WebDriverException:
            return

    def _check_engine(self) -> None:
        info = self.driver.execute_script(
            "if (typeof axe === 'undefined') return null;"
            "var tags = arguments[0], category = arguments[1], counts = {};"
            "tags.forEach(function (t) { counts[t] = axe.getRules([t]).length; });"
            "var colour = axe.getRules(tags).filter(function (r) { return r.tags.indexOf(category) >= 0; });"
            "return {version: axe.version, counts: counts, colour: colour.map(function (r) { return r.ruleId; })};",
            list(self.tags), COLOUR_CATEGORY,
        )
        if info is None:
            raise AxeError(f"{self.script} did not define axe in the page")
        self.version = info["version"]
        if not self.version.startswith(REQUIRED_MAJOR_MINOR + "."):
            raise AxeError(f"axe-core {self.version} loaded from {self.script}; the suite pins "
                           f"{REQUIRED_MAJOR_MINOR}.x (run `npm ci`)")
        empty = [tag for tag, count in info["counts"].items() if count == 0]
        if empty:
            raise AxeError(f"axe-core {self.version} has no rules for tag(s) {', '.join(empty)}: "
                           "an unknown tag runs zero rules")
        self.rule_counts = info["counts"]
        self.colour_rules = tuple(sorted(info["colour"]))
        if not self.colour_rules:
            raise AxeError(f"axe-core {self.version} has no {COLOUR_CATEGORY} rules in tag(s) {', '.join(self.tags)}: "
                           "the dark-mode pass would run zero rules")
        self._checked = True

    def judge_in_view(self, rule: str, selectors: list[str]) -> dict:
        """``rule`` again on elements axe left undecided because they were out of view (``OUT_OF_VIEW``), each one
        scrolled into view in turn (see ``_IN_VIEW``): ``{"impact", "violations": [node...], "incomplete":
        [node...]}``, nodes shaped as in :meth:`run`. Scroll positions are restored."""
        result = self.driver.execute_async_script(_IN_VIEW, selectors, rule, sorted(OUT_OF_VIEW))
        if not isinstance(result, dict):
            raise AxeError(f"axe returned {json.dumps(result)[:200]}")
        if "error" in result:
            raise AxeError(f"axe failed: {result['error']}")
        return result

    def run(self, context=None, rules: tuple[str, ...] | None = None) -> dict:
        """Violations and incomplete results for the page (axe already injected): the suite's tags, or only the
        ``rules`` given (by id)."""
        run_only = {"type": "rule", "values": list(rules)} if rules else {"type": "tag", "values": list(self.tags)}
        options = {"runOnly": run_only, "resultTypes": ["violations", "incomplete"]}
        result = self.driver.execute_async_script(_RUN, context, options)
        if not isinstance(result, dict):
            raise AxeError(f"axe returned {json.dumps(result)[:200]}")
        if "error" in result:
            raise AxeError(f"axe failed: {result['error']}")
        return result
