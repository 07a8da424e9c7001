"""The scripts of filter, notification_banner, page_feedback and on_this_page, in Chromium: what a keyboard or
screen reader user notices, and an audit of each state reached (after typing, dismissing, sending).

The pages are the built demo site, served by a server of this module that also answers the feedback POSTs
(same origin, as the pages' CSP requires), records them, and can be told to fail like a dropped connection.
"""

from __future__ import annotations

import functools
import time
import urllib.parse

import pytest
from loopback import serving

from wetkit import serve

pytestmark = pytest.mark.browser


class _Handler(serve._Handler):
    """The demo site's handler, plus POST: records the form and answers 204, or drops the connection."""

    posts: list[dict] = []
    fail = False

    def do_POST(self) -> None:  # noqa: N802 - stdlib name
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if _Handler.fail:
            self.close_connection = True  # no answer at all: fetch rejects, as when the network is down
            return
        _Handler.posts.append({"path": self.path, "type": self.headers.get("Content-Type", ""), "body": body})
        self.send_response(204)
        self.end_headers()


@pytest.fixture(scope="module")
def base(built_site):
    with serving(functools.partial(_Handler, directory=str(built_site))) as url:
        yield url + "/"


@pytest.fixture(autouse=True)
def _reset():
    _Handler.posts.clear()
    _Handler.fail = False
    yield
    _Handler.fail = False


def _open(driver, base, component, example):
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(f"{base}en/components/{component}/{example}/")
    WebDriverWait(driver, 5).until(lambda d: d.execute_script(
        "return document.documentElement.classList.contains('wet-js') && document.readyState === 'complete'"))


def _css(driver, selector):
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, selector)


def _wait(driver, condition, seconds=5):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, seconds).until(condition)


def _visible_items(driver, selector):
    return driver.execute_script(
        "return Array.prototype.filter.call(document.querySelectorAll(arguments[0]), function (e) {"
        " return !e.hidden && e.getClientRects().length > 0; }).map(function (e) { return e.textContent.trim(); });",
        selector)


def _audit(auditor, label):
    result = auditor.audit_current(label=label)
    assert result.ok, result.report(label)


# ---- filter ----------------------------------------------------------------------------------------------------


def test_filter_narrows_as_the_user_types_and_announces_the_count_once(driver, base, auditor):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    _open(driver, base, "filter", "list")
    assert not _css(driver, ".wet-filter__button").is_displayed(), "the list narrows while typing: no button"
    assert _css(driver, "#filter-count").text == "8 of 8 shown"
    live = _css(driver, ".wet-filter [aria-live=polite]")
    _css(driver, "label[for=filter]").click()
    assert driver.switch_to.active_element.get_attribute("id") == "filter", "the label focuses the box"
    ActionChains(driver).send_keys("PASS").perform()
    assert _visible_items(driver, "#service-list li") == [
        "Apply for a passport", "Renew a passport", "Report a lost or stolen passport"]
    assert _css(driver, "#filter-count").text == "3 of 8 shown", "the visible count changes at once"
    assert live.get_attribute("textContent") == "", "the live region waits for a pause"
    _wait(driver, lambda d: live.get_attribute("textContent") == "3 of 8 shown")
    ActionChains(driver).send_keys(" renew", Keys.ENTER).perform()
    time.sleep(0.3)
    assert driver.current_url.endswith("/components/filter/list/"), "Enter filters in place, no page load"
    assert _visible_items(driver, "#service-list li") == ["Renew a passport"]
    assert _css(driver, "#filter-count").text == "1 of 8 shown"
    _audit(auditor, "filter: after typing")


def test_filter_ignores_accents_and_keeps_a_tables_header(driver, base):
    _open(driver, base, "filter", "table")
    _css(driver, "#office").send_keys("quebec")
    assert _visible_items(driver, "#office-table tbody td:first-child") == ["Gatineau", "Montréal"]
    assert _css(driver, "#office-table thead tr").is_displayed()
    assert _css(driver, "#office-count").text == "2 of 5 shown"
    _css(driver, "#office").send_keys("zzz")
    assert _visible_items(driver, "#office-table tbody tr") == []
    assert _css(driver, "#office-count").text == "0 of 5 shown"


def test_filter_applies_the_query_the_page_was_asked_with(driver, base):
    _open(driver, base, "filter", "with-query")
    assert len(_visible_items(driver, "#form-list li")) == 2
    assert _css(driver, "#filter-count").text == "2 of 4 shown"


def test_filter_on_a_server_answer_counts_out_of_the_servers_total_and_keeps_the_button(driver, base):
    _open(driver, base, "filter", "server-answer")
    assert _css(driver, "#filter-count").text == "2 of 8 shown"
    button = _css(driver, ".wet-filter__button")
    assert button.is_displayed(), "a wider query must go to the server"
    field = _css(driver, "#filter")
    field.clear()
    field.send_keys("pension")
    assert _css(driver, "#filter-count").text == "1 of 8 shown"
    button.click()
    _wait(driver, lambda d: "filter=pension" in d.current_url)
    assert urllib.parse.urlsplit(driver.current_url).query == "filter=pension", "a normal GET parameter"


# ---- notification banner ---------------------------------------------------------------------------------------


def test_success_banner_has_focus_after_load(driver, base):
    _open(driver, base, "notification_banner", "success")
    active = driver.switch_to.active_element
    assert active.get_attribute("role") == "region" and active.get_attribute("id") == "notification-banner"


def test_dismiss_hides_the_banner_remembers_it_and_moves_focus_to_the_heading(driver, base, auditor):
    from selenium.webdriver.common.keys import Keys

    _open(driver, base, "notification_banner", "dismissible")
    driver.execute_script("localStorage.clear()")
    driver.refresh()
    _wait(driver, lambda d: d.execute_script("return document.readyState === 'complete'"))
    banner = _css(driver, "#notification-banner")
    button = _css(driver, "#notification-banner button")
    assert button.text == "Dismiss" and button.get_attribute("type") == "button"
    button.send_keys(Keys.ENTER)
    assert not banner.is_displayed()
    active = driver.switch_to.active_element
    assert active.tag_name == "h1", "focus goes to the page's heading, not lost with the banner"
    status = _css(driver, "#notification-banner + [role=status]")
    assert status.get_attribute("textContent") == "Message dismissed."
    _audit(auditor, "notification banner: after dismissing")
    driver.refresh()
    _wait(driver, lambda d: d.execute_script("return document.documentElement.classList.contains('wet-js')"))
    assert not _css(driver, "#notification-banner").is_displayed(), "the choice is remembered"
    driver.execute_script("localStorage.clear()")


def test_dismiss_with_a_server_form_stays_in_place_with_javascript(driver, base):
    _open(driver, base, "notification_banner", "dismiss-server")
    driver.execute_script("localStorage.clear()")
    driver.refresh()
    _wait(driver, lambda d: d.execute_script("return document.readyState === 'complete'"))
    _css(driver, "#tax-banner button[type=submit]").click()
    assert not _css(driver, "#tax-banner").is_displayed()
    assert driver.current_url.endswith("/dismiss-server/") and _Handler.posts == [], "no post, no page load"
    assert driver.execute_script("return localStorage.getItem('wetkit-dismissed:tax-season-2027')") == "1"
    driver.execute_script("localStorage.clear()")


# ---- page feedback ---------------------------------------------------------------------------------------------


def _fields(post) -> dict:
    body = post["body"].decode("utf-8")
    if post["type"].startswith("multipart/form-data"):
        import email.parser

        message = email.parser.BytesParser().parsebytes(
            b"Content-Type: " + post["type"].encode() + b"\r\n\r\n" + post["body"])
        return {part.get_param("name", header="content-disposition"): part.get_payload(decode=True).decode()
                for part in message.get_payload()}
    return dict(urllib.parse.parse_qsl(body))


def test_feedback_yes_posts_in_place_and_thanks_with_focus(driver, base, auditor):
    _open(driver, base, "page_feedback", "default")
    _css(driver, ".wet-page-feedback button[value=yes]").click()
    message = _css(driver, "#page-feedback-message")
    _wait(driver, lambda d: message.text == "Thank you for your feedback.")
    assert driver.switch_to.active_element == message and message.get_attribute("role") == "status"
    assert not _css(driver, ".wet-page-feedback__ask").is_displayed()
    assert len(_Handler.posts) == 1 and _Handler.posts[0]["path"] == "/feedback"
    assert _fields(_Handler.posts[0]) == {"csrf_token": "demo-token-123", "page": "/en/services/passports",
                                          "helpful": "yes"}
    _audit(auditor, "page feedback: thanked")


def test_feedback_no_opens_the_follow_up_then_sends_the_details(driver, base, auditor):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    _open(driver, base, "page_feedback", "default")
    no = _css(driver, ".wet-page-feedback button[value=no]")
    no.send_keys(Keys.ENTER)
    box = _css(driver, "#page-feedback-details")
    _wait(driver, lambda d: box.is_displayed() and d.switch_to.active_element == box)
    assert _fields(_Handler.posts[0])["helpful"] == "no"
    _audit(auditor, "page feedback: what was wrong")
    box = _css(driver, "#page-feedback-details")
    box.click()
    ActionChains(driver).send_keys("The fees are missing", Keys.TAB, Keys.ENTER).perform()
    message = _css(driver, "#page-feedback-message")
    _wait(driver, lambda d: message.text == "Thank you for your feedback.")
    sent = _fields(_Handler.posts[1])
    assert sent["helpful"] == "no" and sent["details"] == "The fees are missing"


def test_feedback_that_cannot_be_sent_says_so_and_stays_usable(driver, base, auditor):
    _open(driver, base, "page_feedback", "default")
    _Handler.fail = True
    yes = _css(driver, ".wet-page-feedback button[value=yes]")
    yes.click()
    message = _css(driver, "#page-feedback-message")
    _wait(driver, lambda d: message.text.startswith("Your feedback could not be sent"))
    assert _css(driver, ".wet-page-feedback__ask").is_displayed() and yes.is_enabled()
    assert yes.get_attribute("aria-disabled") is None
    from wetkit.audit.checks import check_console

    check_console(driver)  # drop Chromium's log of the dropped connection: the outage this test makes, not a fault
    _audit(auditor, "page feedback: could not send")
    _Handler.fail = False
    yes.click()
    _wait(driver, lambda d: message.text == "Thank you for your feedback.")
    assert len(_Handler.posts) == 1


# ---- on this page ----------------------------------------------------------------------------------------------


@pytest.fixture
def short_window(driver):
    from wetkit.audit.browser import set_viewport

    set_viewport(driver, 1280, 400)  # so that each section's heading can be scrolled to the top
    yield driver
    set_viewport(driver, 1280)


def test_contents_marks_the_section_being_read_without_moving_anything(short_window, base, auditor):
    driver = short_window
    _open(driver, base, "on_this_page", "default")
    links = driver.execute_script("return Array.from(document.querySelectorAll('.wet-on-this-page__link'))")
    sizes = [(link.size["width"], link.size["height"]) for link in links]

    def current():
        return [link.text for link in links if link.get_attribute("aria-current") == "true"]

    for heading in ("documents", "how-to-apply"):
        driver.execute_script("document.getElementById(arguments[0]).scrollIntoView()", heading)
        _wait(driver, lambda d, h=heading: current() == [_css(d, f"a[href='#{h}']").text])
    assert [(link.size["width"], link.size["height"]) for link in links] == sizes, "marking moves nothing"
    driver.execute_script("window.scrollTo(0, 0)")
    _wait(driver, lambda d: current() == [])
    links[2].click()
    _wait(driver, lambda d: current() == ["How to apply"])
    _audit(auditor, "on this page: a section marked")
