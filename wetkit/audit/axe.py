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


_RUN = """
const context = arguments[0], options = arguments[1], done = arguments[arguments.length - 1];
if (typeof axe === "undefined") { done({error: "axe is not loaded in this page"}); return; }
axe.run(context || document, options).then(function (results) {
  function nodes(list) {
    return list.map(function (node) {
      var errors = [].concat(node.any, node.all, node.none)
        .filter(function (c) { return c && c.error; })
        .map(function (c) { return c.id + ": " + (c.error.message || c.error); });
      return {target: node.target, html: node.html, summary: node.failureSummary || "", errors: errors};
    });
  }
  function rules(list) {
    return list.map(function (rule) {
      return {id: rule.id, impact: rule.impact, help: rule.help, helpUrl: rule.helpUrl, nodes: nodes(rule.nodes)};
    });
  }
  done({version: axe.version, violations: rules(results.violations), incomplete: rules(results.incomplete)});
}, function (error) { done({error: String(error && error.stack || error)}); });
"""


class AxeRunner:
    """Injects axe into the current page and runs it with the suite's tags."""

    def __init__(self, driver, script: Path | None = None, tags: tuple[str, ...] = TAGS):
        from axe_selenium_python import Axe

        self.script = Path(script) if script else find_axe_script()
        self.tags = tags
        self.driver = driver
        self._axe = Axe(driver, script_url=str(self.script))
        self._checked = False
        self.version = None

    def inject(self) -> None:
        self._axe.inject()
        if not self._checked:
            self._check_engine()

    def _check_engine(self) -> None:
        info = self.driver.execute_script(
            "if (typeof axe === 'undefined') return null;"
            "var tags = arguments[0], counts = {};"
            "tags.forEach(function (t) { counts[t] = axe.getRules([t]).length; });"
            "return {version: axe.version, counts: counts};",
            list(self.tags),
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
        self._checked = True

    def run(self, context=None) -> dict:
        """Violations and incomplete results for the page (axe already injected)."""
        options = {"runOnly": {"type": "tag", "values": list(self.tags)},
                   "resultTypes": ["violations", "incomplete"]}
        result = self.driver.execute_async_script(_RUN, context, options)
        if not isinstance(result, dict):
            raise AxeError(f"axe returned {json.dumps(result)[:200]}")
        if "error" in result:
            raise AxeError(f"axe failed: {result['error']}")
        return result
