"""Dialog and session timeout in Chromium: every key of the WAI-ARIA dialog pattern, focus in, trapped and back,
the alertdialog of the session timeout with a driven clock, an audit of each open state, and the same pages with
JavaScript switched off (CDP Emulation.setScriptExecutionDisabled), where the content must still be reachable.

The session timeout's clock is driven by a script added before the page's own (CDP
Page.addScriptToEvaluateOnNewDocument): window.__wetkitClock(ms) makes Date.now() read that long after the document
started (the module starts its count a few milliseconds later), and time runs on from there.
"""

from __future__ import annotations

import functools
import re
import time

import pytest
from loopback import serving

from wetkit import serve

pytestmark = pytest.mark.browser

_CLOCK = ("(function () { var now = Date.now, start = now(), offset = 0;"
          " window.__wetkitClock = function (ms) { offset = start + ms - now(); };"
          " Date.now = function () { return now() + offset; }; })();")


class _Handler(serve._Handler):
    """The demo site's handler, recording each fetch() GET (the keep-alive) it answers."""

    fetched: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        if self.headers.get("Sec-Fetch-Mode") not in (None, "navigate", "no-cors"):
            _Handler.fetched.append(self.path)
        super().do_GET()


@pytest.fixture(scope="module")
def base(built_site):
    with serving(functools.partial(_Handler, directory=str(built_site))) as url:
        yield url + "/"


@pytest.fixture
def clock(driver):
    """A driven clock for the pages this test opens; ``clock(seconds)`` sets the page's time since it started."""
    added = driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": _CLOCK})
    _Handler.fetched.clear()

    def move(seconds: float) -> None:
        driver.execute_script("window.__wetkitClock(arguments[0]);", seconds * 1000)

    yield move
    driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": added["identifier"]})


@pytest.fixture
def no_js(driver):
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    yield
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})


def _open(driver, base, component, example, js=True):
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(f"{base}en/components/{component}/{example}/")
    ready = "document.readyState === 'complete'"
    if js:
        ready = "document.documentElement.classList.contains('wet-js') && " + ready
    WebDriverWait(driver, 5).until(lambda d: d.execute_script("return " + ready))


def _wait(driver, condition, seconds=5):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, seconds).until(condition)


def _keys(driver, *keys):
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(driver).send_keys(*keys).perform()


def _focused(driver):
    """The focused element: its tag, id, class and text, and whether it sits in an open <dialog>."""
    return driver.execute_script(
        "var e = document.activeElement; return {tag: e.tagName.toLowerCase(), id: e.id, cls: e.className,"
        " text: e.textContent.trim(), inDialog: !!(e.closest('dialog') && e.closest('dialog').open)};")


def _dialog(driver):
    return driver.execute_script(
        "var d = document.querySelector('dialog'); return d && {open: d.open, modal: d.matches(':modal'),"
        " role: d.getAttribute('role'), labelledby: d.getAttribute('aria-labelledby'),"
        " describedby: d.getAttribute('aria-describedby'),"
        " name: document.getElementById(d.getAttribute('aria-labelledby')).textContent};")


def _audit(auditor, label):
    result = auditor.audit_current(label=label)
    assert result.ok, result.report(label)


# ---- dialog ----------------------------------------------------------------------------------------------------


def test_dialog_opens_traps_focus_and_returns_it(driver, base, auditor):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    _open(driver, base, "dialog", "with-content")
    opener = driver.find_element(By.CSS_SELECTOR, ".wet-dialog__opener")
    assert opener.tag_name == "button" and opener.text == "See the documents you need"
    assert _dialog(driver) == {"open": False, "modal": False, "role": None, "labelledby": "documents-dialog-title",
                               "describedby": None, "name": "Documents you need"}
    driver.execute_script("arguments[0].focus();", opener)
    _keys(driver, Keys.ENTER)
    assert _dialog(driver)["open"] and _dialog(driver)["modal"], "Enter opens a modal dialog"
    assert _focused(driver)["id"] == "documents-dialog-title", "focus moves to the heading"
    assert driver.execute_script("return document.querySelector('h1').checkVisibility() &&"
                                 " document.elementFromPoint(1, 1).tagName") != "H1"

    # Tab and Shift+Tab stay inside: the link, then Close, then round again. After the last one a native modal
    # lets focus leave to the browser's own controls (document.activeElement is then <body>), never to the page.
    order = []
    for _ in range(5):
        _keys(driver, Keys.TAB)
        order.append(_focused(driver))
    assert all(f["inDialog"] or f["tag"] == "body" for f in order), order
    assert [f["text"] for f in order if f["inDialog"]][:3] == ["Read about accepted documents", "Close",
                                                              "Read about accepted documents"]
    from selenium.webdriver.common.action_chains import ActionChains

    back = []
    for _ in range(3):
        ActionChains(driver).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
        back.append(_focused(driver))
    assert all(f["inDialog"] or f["tag"] == "body" for f in back), back
    assert sum(f["inDialog"] for f in back) >= 2, "Shift+Tab moves backwards through the dialog"
    _audit(auditor, "dialog: open")

    _keys(driver, Keys.ESCAPE)
    assert not _dialog(driver)["open"], "Escape closes"
    assert _focused(driver)["cls"].endswith("wet-dialog__opener"), "focus returns to the opener"

    _keys(driver, " ")
    assert _dialog(driver)["open"], "Space opens too"
    close = driver.find_element(By.CSS_SELECTOR, ".wet-dialog__close")
    driver.execute_script("arguments[0].focus();", close)
    _keys(driver, Keys.ENTER)
    assert not _dialog(driver)["open"], "the Close button closes"
    assert _focused(driver)["cls"].endswith("wet-dialog__opener")


def test_dialog_starting_twice_changes_nothing(driver, base):
    _open(driver, base, "dialog", "default")
    before = driver.execute_script("return document.querySelector('main').innerHTML")
    driver.execute_script("wetkit.initAll(document);")
    assert driver.execute_script("return document.querySelector('main').innerHTML") == before
    assert driver.execute_script("return document.querySelectorAll('dialog').length") == 1


def test_dialog_without_javascript_is_a_section_the_link_reaches(driver, base, no_js):
    from selenium.webdriver.common.by import By

    _open(driver, base, "dialog", "default", js=False)
    assert driver.execute_script("return document.querySelectorAll('dialog').length") == 0
    link = driver.find_element(By.CSS_SELECTOR, "a.wet-dialog__opener")
    section = driver.find_element(By.ID, "privacy-dialog")
    assert section.is_displayed() and "keep them for 2 years" in section.text
    assert not driver.find_element(By.CSS_SELECTOR, ".wet-dialog__close").is_displayed()
    link.click()
    assert driver.current_url.endswith("#privacy-dialog")


# ---- session timeout -------------------------------------------------------------------------------------------


def test_session_timeout_warns_announces_sparingly_and_continues(driver, base, auditor, clock):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    _open(driver, base, "session_timeout", "default")
    notice = driver.find_element(By.CSS_SELECTOR, ".wet-session-timeout__notice")
    assert notice.text == "For your security, you will be signed out after 20 minutes without activity."
    # Not "main a[href='../']": pick the back link by its text.
    back = driver.find_element(By.LINK_TEXT, "All session timeout examples and parameters")
    driver.execute_script("arguments[0].focus();", back)
    assert _focused(driver)["text"] == "All session timeout examples and parameters"
    time.sleep(1.2)
    assert not _dialog(driver)["open"], "no warning before the last 2 minutes"

    clock(20 * 60 - 119.5)
    _wait(driver, lambda d: _dialog(d)["open"])
    state = _dialog(driver)
    assert state == {"open": True, "modal": True, "role": "alertdialog", "labelledby": "session-timeout-title",
                     "describedby": "session-timeout-message", "name": "Your session is about to end"}
    assert _focused(driver)["text"] == "Continue session", "focus on the least destructive action"
    message = driver.find_element(By.ID, "session-timeout-message")
    live = driver.find_element(By.CSS_SELECTOR, ".wet-session-timeout__live")
    assert re.fullmatch(r"You will be signed out in (2 minutes|1 minute 5\d seconds)\."
                        r" Select Continue session to stay signed in\.", message.text), message.text
    assert live.get_attribute("textContent") == "", "the alertdialog is read when it opens; nothing doubles it"
    time.sleep(2.2)
    assert live.get_attribute("textContent") == "", "not spoken every second"

    clock(20 * 60 - 59.5)
    _wait(driver, lambda d: live.get_attribute("textContent"))
    assert re.fullmatch(r"You will be signed out in (1 minute|5\d seconds)\..*", live.get_attribute("textContent"))
    spoken = live.get_attribute("textContent")
    time.sleep(2.2)
    assert live.get_attribute("textContent") == spoken, "within the minute, nothing new is spoken"
    clock(20 * 60 - 29.5)
    _wait(driver, lambda d: live.get_attribute("textContent") != spoken)
    assert re.fullmatch(r"You will be signed out in (29|30) seconds\..*", live.get_attribute("textContent")), (
        live.get_attribute("textContent"))
    _audit(auditor, "session timeout: warning open")

    _Handler.fetched.clear()
    driver.execute_script("document.querySelector('.wet-session-timeout__continue').focus();")
    _keys(driver, Keys.ENTER)
    assert not _dialog(driver)["open"], "Continue session closes the warning"
    assert _focused(driver)["text"] == "All session timeout examples and parameters", "focus returns to where it was"
    _wait(driver, lambda d: _Handler.fetched)
    assert _Handler.fetched == ["/en/components/session_timeout/default/"], "one keep-alive GET"
    time.sleep(2.2)
    assert not _dialog(driver)["open"], "the count started again"

    # Escape is a way of continuing too; the count runs from the keep-alive's answer.
    clock(2 * 20 * 60 - 100)
    _wait(driver, lambda d: _dialog(d)["open"])
    _keys(driver, Keys.ESCAPE)
    assert not _dialog(driver)["open"]
    _wait(driver, lambda d: len(_Handler.fetched) == 2)


def test_session_timeout_warns_again_when_the_keep_alive_fails(driver, base, clock):
    from selenium.webdriver.common.keys import Keys

    _open(driver, base, "session_timeout", "default")
    driver.execute_script("document.querySelector('.wet-session-timeout').setAttribute('data-keepalive',"
                          " 'no-such-keep-alive/');")
    clock(20 * 60 - 100)
    _wait(driver, lambda d: _dialog(d)["open"])
    _keys(driver, Keys.ESCAPE)
    assert not _dialog(driver)["open"]
    _wait(driver, lambda d: _dialog(d)["open"], seconds=5)
    assert _focused(driver)["text"] == "Continue session"
    driver.get_log("browser")  # the 404 and the module's warning: expected here, not left for the next test


def test_session_timeout_signs_out_when_time_runs_out(driver, base, clock):
    from selenium.webdriver.common.by import By

    _open(driver, base, "session_timeout", "short")
    # the demo signs out to its own page (a fresh session): a link that lands in every theme variant too
    assert driver.find_element(By.CSS_SELECTOR, ".wet-session-timeout__signout").get_attribute("href").endswith(
        "/en/components/session_timeout/short/")
    clock(25)
    _wait(driver, lambda d: _dialog(d)["open"])
    message = driver.find_element(By.ID, "session-timeout-message").text
    assert re.match(r"You will be signed out in 1\d seconds", message), message
    clock(41)
    _wait(driver, lambda d: d.current_url.endswith("/en/components/session_timeout/short/") and not _dialog(d)["open"])


def test_session_timeout_own_words_and_singular_forms(driver, base, clock):
    from selenium.webdriver.common.by import By

    _open(driver, base, "session_timeout", "own-texts")
    clock(30 * 60 - 60.5)
    _wait(driver, lambda d: _dialog(d)["open"])
    assert _dialog(driver)["name"] == "Still there?"
    assert driver.find_element(By.ID, "session-timeout-message").text in (
        "For your security, we will close your application in 1 minute. Your answers so far are saved.",
        "For your security, we will close your application in 59 seconds. Your answers so far are saved.")
    assert _focused(driver)["text"] == "Keep working"
    clock(30 * 60 - 62.5)  # each text stays a whole second: the wait polls every half second
    _wait(driver, lambda d: "in 1 minute 1 second." in d.find_element(By.ID, "session-timeout-message").text)


def test_session_timeout_without_javascript_states_the_length(driver, base, no_js):
    from selenium.webdriver.common.by import By

    _open(driver, base, "session_timeout", "short", js=False)
    assert driver.find_element(By.CSS_SELECTOR, ".wet-session-timeout__notice").text == (
        "For your security, you will be signed out after 40 seconds without activity.")
    assert not driver.find_element(By.ID, "session-timeout").is_displayed(), "no warning without the script"
