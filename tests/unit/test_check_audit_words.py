"""The pure-Python parts of the audit that need no browser: the report words and WCAG names (i18n.py), how a problem
says where it was found and which focus states are problems (checks.py, runner.py), and which browser the audit
starts with which flags (browser.py). What the browser does with them is tests/browser/test_audit_checks.py's job."""

from __future__ import annotations

import pytest

from wetkit.audit import browser, i18n
from wetkit.audit.checks import Problem, _focus_problems
from wetkit.audit.runner import PageResult, _at

# -- i18n.py ---------------------------------------------------------------------------------------------------------


def test_words_fall_back_to_english_and_fill_in_values():
    assert i18n.text("fr", "pages") == "Pages vérifiées"
    assert i18n.text("de", "pages") == "Pages checked"
    assert i18n.text("fr", "at_width", width=320) == "320 px"
    assert i18n.text("en", "more", count=3) == "... and 3 more"
    assert i18n.text("en", "title") == "Accessibility report"  # no values: the string as it is, braces and all
    assert i18n.text("en", "screenshot_alt", target="{x}", where="1px") == "Screenshot of {x} at 1px"


def test_a_word_missing_in_french_is_said_in_english(monkeypatch):
    monkeypatch.setitem(i18n.STRINGS, "fr", {k: v for k, v in i18n.STRINGS["fr"].items() if k != "footer"})
    assert i18n.text("fr", "footer") == i18n.STRINGS["en"]["footer"]
    monkeypatch.setitem(i18n.STRINGS["fr"], "skip", "")
    assert i18n.text("fr", "skip") == "Skip to the barriers"


def test_text_with_braces_in_the_template_only_formats_when_given_values(monkeypatch):
    monkeypatch.setitem(i18n.STRINGS["en"], "raw", "{kept}")
    assert i18n.text("en", "raw") == "{kept}"


@pytest.mark.parametrize(("lang", "scheme", "name"), [
    ("fr", "dark", "sombre"), ("fr", "forced-colors", "couleurs forcées"), ("en", "dark", "dark"),
    ("de", "dark", "dark"), ("fr", "sepia", "sepia"), ("en", "light", "light"),
])
def test_scheme_names(lang, scheme, name):
    assert i18n.scheme_name(lang, scheme) == name


def test_criterion_names_in_both_languages_and_their_understanding_pages():
    assert i18n.criterion("2.4.7") == "2.4.7 Focus Visible"
    assert i18n.criterion("2.4.7", "fr") == "2.4.7 Visibilité du focus"
    assert i18n.criterion("2.4.7", "de") == "2.4.7 Focus Visible"
    assert i18n.understanding_url("4.1.1") == "https://www.w3.org/WAI/WCAG22/Understanding/parsing"
    assert i18n.understanding_url("3.3.4") == (
        "https://www.w3.org/WAI/WCAG22/Understanding/error-prevention-legal-financial-data")
    assert i18n.understanding_url("9.9.9") is None


@pytest.mark.parametrize(("tags", "expected"), [
    (["wcag2410", "wcag111", "wcag1410", "wcag143"], ["1.1.1", "1.4.3", "1.4.10", "2.4.10"]),
    (["wcag1", "wcag11", "wcag11111", "xwcag111", "wcag111x", "WCAG111"], []),
    (["wcag258"], ["2.5.8"]),
    (None, []),
    ([412], []),
])
def test_axe_tags_to_criteria_in_wcag_order(tags, expected):
    assert i18n.criteria_for_tags(tags) == expected


def test_wetkit_checks_name_their_criteria_and_axe_rules_use_their_tags():
    assert i18n.criteria_for("ids", "duplicate-id") == ["4.1.2"]
    assert i18n.criteria_for("forced-colors", "x") == ["2.4.7"]
    assert i18n.criteria_for("reflow", "horizontal-scroll", ["wcag2aa", "wcag143"]) == ["1.4.3"]
    assert i18n.criteria_for("axe", "region", []) == []
    assert i18n.criteria_for("load", "unreachable") == []


def test_a_rule_of_its_own_wins_over_the_check(monkeypatch):
    monkeypatch.setitem(i18n.CHECK_CRITERIA, ("focus", "focus-trap"), ("2.1.2",))
    assert i18n.criteria_for("focus", "focus-trap") == ["2.1.2"]
    assert i18n.criteria_for("focus", "focus-not-visible") == ["2.4.7"]


# -- checks.py and runner.py -----------------------------------------------------------------------------------------

def test_a_problem_describes_itself_with_where_and_help():
    problem = Problem("axe", "color-contrast", "p.note", "low contrast", "https://h/cc", 320, "dark")
    assert problem.describe("page.html") == ("page.html at 320px in dark mode: [axe] color-contrast: p.note\n"
                                             "      low contrast\n      help: https://h/cc")
    assert Problem("console", "console-error", "app.js", "boom").describe("p") == (
        "p: [console] console-error: app.js\n      boom")
    assert Problem("focus", "r", "a", "m", scheme="sepia").describe("p") == "p in sepia: [focus] r: a\n      m"
    assert Problem("focus", "r", "a", "m", width=0, scheme="light").describe("p") == "p: [focus] r: a\n      m"


def test_focus_states_that_are_problems():
    states = [{"name": "a#ok", "onScreen": True, "changed": True},
              {"name": "a#same", "onScreen": True, "changed": False},
              {"name": "a#tiny", "onScreen": False, "changed": True},
              {"name": "a#both", "onScreen": False, "changed": False}]
    assert _focus_problems(states) == [
        Problem("focus", "focus-not-visible", "a#same",
                "looks the same focused and unfocused (WCAG 2.4.7 Focus Visible)"),
        Problem("focus", "focus-not-visible", "a#tiny",
                "takes keyboard focus but has no size on screen (WCAG 2.4.7, 2.4.11)"),
        Problem("focus", "focus-not-visible", "a#both",
                "takes keyboard focus but has no size on screen (WCAG 2.4.7, 2.4.11)"),
    ]
    assert _focus_problems([]) == []


def test_a_page_result_is_ok_only_without_problems_and_reports_each():
    assert PageResult("http://a/").ok
    assert PageResult("http://a/", needs_review=["region at 320px: #x"]).ok
    two = PageResult("http://a/", [Problem("ids", "duplicate-id", "#x", "twice"),
                                   Problem("axe", "label", "input", "no label", width=320)])
    assert not two.ok
    assert two.report() == ("http://a/: [ids] duplicate-id: #x\n      twice\n"
                            "http://a/ at 320px: [axe] label: input\n      no label")
    assert two.report("form page").startswith("form page: [ids]")


def test_a_problem_is_placed_at_a_width_and_keeps_its_scheme_unless_given_one():
    problem = Problem("axe", "label", "input", "m", scheme="dark")
    assert _at(problem, 320) == Problem("axe", "label", "input", "m", width=320, scheme="dark")
    assert _at(problem, 1280, "forced-colors") == Problem("axe", "label", "input", "m", width=1280,
                                                          scheme="forced-colors")
    assert _at(Problem("axe", "label", "input", "m"), 320).scheme is None


# -- browser.py ------------------------------------------------------------------------------------------------------

@pytest.fixture
def machine(monkeypatch):
    """This machine's programs: ``machine["which"]`` (name -> path) and ``machine["files"]`` (paths that exist)."""
    found = {"which": {}, "files": set()}
    for name in ("WETKIT_CHROMIUM", "WETKIT_CHROMEDRIVER", "WETKIT_REMOTE_CHROMIUM", "WETKIT_WEBDRIVER_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(browser.shutil, "which", lambda name: found["which"].get(name))
    monkeypatch.setattr(browser.os.path, "exists", lambda path: path in found["files"])
    return found


def test_the_first_browser_on_the_path_is_used_and_the_debian_driver_as_a_last_resort(machine):
    assert browser.find_chromium() == (None, None)
    machine["files"].add("/usr/bin/chromedriver")
    machine["which"].update({"google-chrome": "/opt/chrome", "chrome": "/bin/chrome"})
    assert browser.find_chromium() == ("/opt/chrome", "/usr/bin/chromedriver")
    machine["which"].update({"chromium-browser": "/snap/chromium", "chromedriver": "/usr/local/chromedriver"})
    assert browser.find_chromium() == ("/snap/chromium", "/usr/local/chromedriver")
    machine["which"]["chromium"] = "/usr/bin/chromium"
    assert browser.find_chromium() == ("/usr/bin/chromium", "/usr/local/chromedriver")


def test_a_browser_installed_as_chrome_is_found(machine):
    machine["which"]["chrome"] = "/usr/local/bin/chrome"
    assert browser.find_chromium() == ("/usr/local/bin/chrome", None)


def test_the_environment_names_the_browser_and_driver(machine, monkeypatch):
    machine["which"].update({"chromium": "/usr/bin/chromium", "chromedriver": "/usr/bin/chromedriver"})
    monkeypatch.setenv("WETKIT_CHROMIUM", "/mine/chrome")
    monkeypatch.setenv("WETKIT_CHROMEDRIVER", "/mine/driver")
    assert browser.find_chromium() == ("/mine/chrome", "/mine/driver")


def test_chrome_options_are_headless_sized_canadian_and_keep_the_console_log():
    options = browser.chrome_options("/usr/bin/chromium")
    assert options.arguments == [*browser.HEADLESS_FLAGS, "--window-size=1280,900", "--lang=en-CA"]
    assert options.binary_location == "/usr/bin/chromium"
    assert options.to_capabilities()["goog:loggingPrefs"] == {"browser": "ALL"}
    assert browser.chrome_options().binary_location == ""


def test_a_remote_browser_gets_this_machines_chromium_only_on_loopback(machine, monkeypatch):
    machine["which"]["chromium"] = "/usr/bin/chromium"
    for url in ("http://localhost:4444", "http://127.0.0.2:9515/wd/hub", "http://[::1]:4444", "http://LOCALHOST"):
        assert browser.remote_options(url).binary_location == "/usr/bin/chromium", url
    for url in ("http://grid.example:4444", "http://128.0.0.1:4444", "http://localhost.example.org/"):
        assert browser.remote_options(url).binary_location == "", url
    monkeypatch.setenv("WETKIT_REMOTE_CHROMIUM", "/node/chrome")
    assert browser.remote_options("http://grid.example:4444").binary_location == "/node/chrome"
    monkeypatch.setenv("WETKIT_REMOTE_CHROMIUM", "")  # empty: let the node choose, even on loopback
    assert browser.remote_options("http://localhost:4444").binary_location == ""
    assert browser.remote_options("http://localhost:4444").arguments[:len(browser.HEADLESS_FLAGS)] == list(
        browser.HEADLESS_FLAGS)
