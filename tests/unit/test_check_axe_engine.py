"""The scripts AxeRunner sends to the page, run against the pinned axe-core itself, without a browser.

The engine check (version, rules per tag, the colour rules of the dark pass) and the locale switch are JavaScript
strings that only mean something next to a real axe. A browser is slow to start; axe-core's rule list and
``axe.configure`` need no DOM, so here the page is a Node.js ``vm`` context that runs exactly what a WebDriver page
would: axe_selenium_python's injection of ``axe.min.js``, then AxeRunner's own scripts. Running axe on a document
(``AxeRunner.run``) needs a browser: tests/browser/test_audit_checks.py.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from wetkit.audit.axe import TAGS, AxeError, AxeRunner, find_axe_script, load_axe_locale

NODE = shutil.which("node") or shutil.which("nodejs")

#: A page for WebDriver's ``execute_script``: each line in is ``{"script", "args"}``, each line out the script's
#: return value (``{"value": ...}``) or what it threw (``{"error": ...}``). One context per process, like one page.
PAGE_JS = r"""
const vm = require("vm");
const page = vm.createContext({setTimeout, clearTimeout, setInterval, clearInterval, console,
                               getComputedStyle: function () { return {}; }});
page.window = page;
require("readline").createInterface({input: process.stdin, crlfDelay: Infinity}).on("line", function (line) {
  const call = JSON.parse(line);
  let answer;
  try {
    page.__arguments = call.args;
    const value = vm.runInContext("(function () {\n" + call.script + "\n}).apply(window, __arguments)", page);
    answer = {value: value === undefined ? null : value};
  } catch (error) {
    answer = {error: String(error)};
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
});
"""


class ScriptError(Exception):
    """What a script threw in the page (a WebDriver JavascriptException)."""


class NodePage:
    """A stand-in WebDriver whose page is a Node.js context (no DOM): ``execute_script`` only."""

    def __init__(self):
        if not NODE:
            pytest.skip("node is not installed (it is needed for `npm ci` too)")
        self.process = subprocess.Popen([NODE, "-e", PAGE_JS], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True, encoding="utf-8")

    def execute_script(self, script, *args):
        self.process.stdin.write(json.dumps({"script": script, "args": list(args)}) + "\n")
        self.process.stdin.flush()
        answer = json.loads(self.process.stdout.readline())
        if "error" in answer:
            raise ScriptError(answer["error"])
        return answer["value"]

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)


@pytest.fixture
def page():
    opened = NodePage()
    yield opened
    opened.close()


def test_the_engine_check_reads_the_pinned_axe_core(page):
    runner = AxeRunner(page, script=find_axe_script())
    runner.inject()
    assert runner.version.startswith("4.14.")
    assert runner.version == page.execute_script("return axe.version;")
    # every tag of the suite, each with the number of rules axe itself lists for it
    assert runner.rule_counts == {tag: page.execute_script("return axe.getRules([arguments[0]]).length;", tag)
                                  for tag in TAGS}
    assert all(count > 0 for count in runner.rule_counts.values())
    # the dark-mode pass: the rules among the suite's tags that depend only on colours
    assert runner.colour_rules == ("color-contrast", "link-in-text-block")


def test_a_page_where_axe_did_not_load_is_refused(page, tmp_path):
    empty = tmp_path / "axe.min.js"
    empty.write_text("/* not axe */", encoding="utf-8")
    runner = AxeRunner(page, script=empty)
    with pytest.raises(AxeError) as info:
        runner.inject()
    assert str(info.value) == f"{empty} did not define axe in the page"


def test_an_unknown_tag_is_refused_by_the_real_engine(page):
    runner = AxeRunner(page, script=find_axe_script(), tags=("wcag2a", "wcag99x"))
    with pytest.raises(AxeError) as info:
        runner.inject()
    assert str(info.value) == (f"axe-core {runner.version} has no rules for tag(s) wcag99x: an unknown tag runs "
                               "zero rules")


def test_axe_speaks_french_after_the_injection(page):
    runner = AxeRunner(page, script=find_axe_script(), locale=load_axe_locale("fr"))
    runner.inject()
    help_of = ("var id = arguments[0]; return axe.getRules(['wcag2aa'])"
               ".filter(function (r) { return r.ruleId === id; })[0].help;")
    assert page.execute_script(help_of, "color-contrast") == (
        "Les éléments doivent avoir un contraste de couleurs suffisant")


def test_a_runner_without_a_script_uses_the_pinned_axe_core(page):
    runner = AxeRunner(page)
    assert runner.script == find_axe_script()
    runner.inject()
    assert runner.version.startswith("4.14.")


def test_the_axe_script_is_looked_for_from_the_folder_given(tmp_path, monkeypatch):
    monkeypatch.delenv("WETKIT_AXE_SCRIPT", raising=False)
    mine = tmp_path / "site" / "node_modules" / "axe-core" / "axe.min.js"
    mine.parent.mkdir(parents=True)
    mine.write_text("/* a team's own axe-core */", encoding="utf-8")
    (tmp_path / "site" / "deeper").mkdir()
    assert find_axe_script(tmp_path / "site" / "deeper") == mine


def test_without_axe_core_the_error_says_how_to_get_it(tmp_path, monkeypatch):
    monkeypatch.delenv("WETKIT_AXE_SCRIPT", raising=False)
    monkeypatch.setattr("wetkit.audit.Path.is_file", lambda self: False)
    with pytest.raises(AxeError) as info:
        find_axe_script(tmp_path)
    assert str(info.value) == ("axe-core not found: run `npm ci` in the wetkit checkout (package-lock.json pins "
                               "axe-core 4.14.x), or set WETKIT_AXE_SCRIPT to an axe.min.js")


def test_an_axe_core_without_locales_says_it_found_none(tmp_path):
    (tmp_path / "locales").mkdir()
    (tmp_path / "locales" / "_template.json").write_text("{}", encoding="utf-8")
    with pytest.raises(AxeError) as info:
        load_axe_locale("fr", tmp_path / "axe.min.js")
    assert str(info.value) == f"axe-core has no 'fr' locale in {tmp_path / 'locales'} (found: none)"
