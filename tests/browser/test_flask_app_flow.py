"""The example service end to end in Chromium: errors, the error summary, fixing them, check page, confirmation,
and the page a form gets without its CSRF token.

Every state of every page is audited like the demo pages (axe at 1280 and 320 px, reflow, text spacing, focus,
forced colours, console/CSP).
"""

from __future__ import annotations

import datetime as _dt
import sys
import threading
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
REQUIRED_FIELDS = ["full_name", "email", "province", "permit_type", "waters", "start_date-day"]


@pytest.fixture(scope="module")
def service_url():
    from werkzeug.serving import make_server

    sys.path.insert(0, str(ROOT / "examples" / "flask_app"))
    try:
        from app import create_app
    finally:
        sys.path.pop(0)
    server = make_server("127.0.0.1", 0, create_app(secret_key="test"), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def _assert_clean(auditor, label):
    result = auditor.audit_current(label=label)
    assert result.ok, result.report(label)


def _follow(driver, element, timeout: float = 15) -> None:
    """Click ``element`` (a link or a submit button) and wait until the page it leads to has replaced this one and
    finished loading: a click can return before a form's POST (or its redirect) has even started, so the next page
    is waited for, never assumed."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    old = driver.find_element(By.TAG_NAME, "html")
    element.click()
    wait = WebDriverWait(driver, timeout, poll_frequency=0.05)
    wait.until(expected_conditions.staleness_of(old))
    wait.until(lambda d: d.execute_script("return document.readyState") == "complete")


def _active(driver):
    return driver.execute_script("return document.activeElement")


def _described_error(driver, element) -> str:
    """The text of the error message the control (or its fieldset) lists in aria-describedby."""
    return driver.execute_script(
        """
        var el = arguments[0], owners = [el, el.closest('fieldset')];
        for (var i = 0; i < owners.length; i++) {
          var ids = ((owners[i] && owners[i].getAttribute('aria-describedby')) || '').split(/\\s+/);
          for (var j = 0; j < ids.length; j++) {
            var target = ids[j] && document.getElementById(ids[j]);
            if (target && target.classList.contains('wet-error-message')) return target.textContent;
          }
        }
        return '';
        """,
        element,
    )


def test_apply_check_confirm(auditor, service_url):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    driver = auditor.driver or (auditor._ensure_browser() or auditor.driver)
    start = auditor.audit(f"{service_url}/en/")
    assert start.ok, start.report("start page")
    _follow(driver, driver.find_element(By.LINK_TEXT, "Start now"))
    assert driver.current_url.endswith("/en/apply")
    _assert_clean(auditor, "empty form")

    # 1. Submit nothing: the summary is shown and focused, and lists every required field.
    _follow(driver, driver.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
    assert driver.title.startswith("Error:")
    summary = driver.find_element(By.CSS_SELECTOR, ".wet-error-summary")
    assert _active(driver) == summary, "the error summary takes focus on load"
    links = summary.find_elements(By.CSS_SELECTOR, "a")
    targets = [link.get_attribute("href").split("#", 1)[1] for link in links]
    assert targets == REQUIRED_FIELDS

    # 2. Each link moves focus to its field, whose error is announced through aria-describedby.
    for index, target in enumerate(targets):
        driver.find_elements(By.CSS_SELECTOR, ".wet-error-summary a")[index].click()
        active = _active(driver)
        assert active.get_attribute("id") == target
        error = _described_error(driver, active)
        assert error.startswith("Error: "), f"{target}: aria-describedby gives {error!r}"
    _assert_clean(auditor, "form with errors")

    # 3. Fix the answers and continue.
    next_year = _dt.date.today().year + 1
    driver.find_element(By.ID, "full_name").send_keys("Alex Tremblay")
    driver.find_element(By.ID, "email").send_keys("alex@example.ca")
    Select(driver.find_element(By.ID, "province")).select_by_value("nb")
    driver.find_element(By.CSS_SELECTOR, "input[name=permit_type][value=seasonal]").click()
    driver.find_element(By.CSS_SELECTOR, "input[name=waters][value=rivers]").click()
    driver.find_element(By.ID, "start_date-day").send_keys("15")
    driver.find_element(By.ID, "start_date-month").send_keys("5")
    driver.find_element(By.ID, "start_date-year").send_keys(str(next_year))
    _follow(driver, driver.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
    assert driver.current_url.endswith("/en/check"), driver.find_element(By.TAG_NAME, "main").text
    text = driver.find_element(By.TAG_NAME, "main").text
    for answer in ("Alex Tremblay", "alex@example.ca", "New Brunswick", "Seasonal permit", "Rivers and streams",
                   f"{next_year}-05-15"):
        assert answer in text
    _assert_clean(auditor, "check your answers")

    # 4. A change link goes back to the form with the answers kept.
    _follow(driver, driver.find_element(By.CSS_SELECTOR, ".wet-summary-list a[href$='#email']"))
    assert driver.find_element(By.ID, "email").get_attribute("value") == "alex@example.ca"
    _follow(driver, driver.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
    assert driver.current_url.endswith("/en/check"), driver.current_url

    # 5. Send: the confirmation panel gives the reference.
    _follow(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert driver.current_url.endswith("/en/confirmation"), driver.current_url
    panel = driver.find_element(By.CSS_SELECTOR, ".wet-panel")
    assert "Application complete" in panel.text and "FP-" in panel.text
    _assert_clean(auditor, "confirmation")


def test_form_without_its_token_gets_a_page_that_leads_back(auditor, service_url):
    """A POST whose CSRF token is missing (as from another site) is refused with an accessible page, not a crash."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver = auditor.driver or (auditor._ensure_browser() or auditor.driver)
    driver.get(f"{service_url}/en/apply")
    token = driver.find_element(By.CSS_SELECTOR, "form input[type=hidden][name=csrf_token]")
    assert token.get_attribute("value"), "the form carries its token"
    driver.execute_script("arguments[0].remove()", token)
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    refused = "Sorry, your answers could not be sent"
    WebDriverWait(driver, 20, ignored_exceptions=(WebDriverException,)).until(
        lambda d: d.find_element(By.TAG_NAME, "h1").text == refused
    )  # the click only starts the POST: wait for the answer page
    result = auditor.audit_current(label="form refused without its token")
    # Chromium logs the page's own 400 status as a console error: that status is the point here
    own_status = "the server responded with a status of 400"
    problems = [p for p in result.problems if not (p.check == "console" and own_status in p.message)]
    assert not problems, result.report("form refused without its token")
    driver.find_element(By.LINK_TEXT, "Go back to the form and try again").click()
    WebDriverWait(driver, 20).until(lambda d: d.current_url.endswith("/en/apply"))
    driver.get_log("browser")  # the 400 above is this test's own: leave no console entry for the next test
