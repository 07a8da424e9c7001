"""Dialog and session timeout markup (what shows without JavaScript, what the scripts are handed) and the mistakes
they refuse, with their whole messages. Their scripts are tested in tests/browser/test_interactive_c.py."""

from __future__ import annotations

import pytest
from markup import Tags, refused
from markupsafe import Markup

URLS = {"keepalive_url": "/keep-alive", "signout_url": "/sign-out"}


# ---- dialog -------------------------------------------------------------------------------------------------------


def test_dialog_without_js_is_a_link_to_a_labelled_section(wet):
    tags = Tags(wet.dialog("How we use it", opener="Read how", id="use", body="Only for <this>.", heading_level=3))
    root = tags.first("wet-dialog")
    assert root["data-wetkit-module"] == "dialog" and "data-alert" not in root
    assert tags.first("wet-dialog__opener") == {"class": "wet-btn wet-btn--secondary wet-dialog__opener",
                                                "href": "#use"}
    section = tags.first("wet-dialog__section")
    assert section["id"] == "use" and section["aria-labelledby"] == "use-title" and "hidden" not in section
    assert ("h3", {"class": "wet-dialog__title", "id": "use-title"}) in tags.tags
    close = tags.first("wet-dialog__close")
    assert "hidden" in close and close["type"] == "button", "Close is the script's to show"
    assert "Only for <this>." in " ".join(tags.texts), "the body is text, escaped"
    assert "<this>" not in str(wet.dialog("H", opener="O", id="use", body="Only for <this>."))


def test_dialog_call_block_is_the_content(wet):
    html = wet.dialog("Documents", opener="See them", id="docs", caller=lambda: Markup("<ul><li>passport</li></ul>"))
    assert '<div class="wet-dialog__body" id="docs-body"><ul><li>passport</li></ul></div>' in str(html)


def test_dialog_refuses_neither_or_both_body_and_call_block(wet):
    assert refused(lambda: wet.dialog("H", opener="O", id="d")) == (
        "wet.dialog: parameter 'body' got None (NoneType); allowed: a text, or a {% call %} block with the dialog's"
        " content")
    assert refused(lambda: wet.dialog("H", opener="O", id="d", body="x", caller=lambda: Markup("<p>y</p>"))) == (
        "wet.dialog: parameter 'body' got 'x' (str); allowed: None when a {% call %} block gives the content")


# ---- session timeout ----------------------------------------------------------------------------------------------


def test_session_timeout_without_js_states_the_length_and_hides_the_warning(wet):
    tags = Tags(wet.session_timeout(session=20, warning=2, **URLS))
    notice = "For your security, you will be signed out after 20 minutes without activity."
    assert tags.texts[0] == notice
    assert "hidden" in tags.first("wet-dialog__section"), "the warning needs the script"
    seconds = Tags(wet.session_timeout(session=21, warning=20, unit="seconds", **URLS))
    assert seconds.texts[0] == "For your security, you will be signed out after 21 seconds without activity."


def test_session_timeout_hands_the_script_seconds_urls_and_words(wet):
    tags = Tags(wet.session_timeout(session=20, warning=2, keepalive_url="/keep?a=1&b=2", signout_url="/out"))
    root = tags.first("wet-session-timeout")
    assert root == {
        "class": "wet-session-timeout", "data-wetkit-module": "session_timeout", "data-session": "1200",
        "data-warning": "120", "data-keepalive": "/keep?a=1&b=2", "data-timeout": "/out",
        "data-text-message": "You will be signed out in %{time}. Select Continue session to stay signed in.",
        "data-text-minutes-one": "%{num} minute", "data-text-minutes": "%{num} minutes",
        "data-text-seconds-one": "%{num} second", "data-text-seconds": "%{num} seconds",
    }
    box = tags.first("wet-dialog")
    assert box["data-wetkit-module"] == "dialog" and box["data-alert"] == "session-timeout-message"
    assert tags.first("wet-session-timeout__message")["id"] == "session-timeout-message"
    assert "You will be signed out in 2 minutes." in " ".join(tags.texts)
    assert tags.first("wet-session-timeout__live") == {"class": "wet-visually-hidden wet-session-timeout__live",
                                                      "aria-live": "polite"}
    assert "data-dialog-focus" in tags.first("wet-session-timeout__continue"), "focus on the least destructive action"
    assert tags.first("wet-session-timeout__signout")["href"] == "/out"
    assert not [a for _, a in tags.tags if "wet-dialog__close" in (a.get("class") or "")], "its own two actions"


def test_session_timeout_seconds_and_timeout_url(wet):
    root = Tags(wet.session_timeout(session=40, warning=20, unit="seconds", timeout_url="/ended", id="st",
                                    **URLS)).first("wet-session-timeout")
    assert (root["data-session"], root["data-warning"], root["data-timeout"]) == ("40", "20", "/ended")
    html = str(wet.session_timeout(session=40, warning=20, unit="seconds", id="st", **URLS))
    assert 'id="st"' in html and 'id="st-title"' in html and "You will be signed out in 20 seconds." in html


def test_session_timeout_keeps_urls_as_data(wet):
    html = str(wet.session_timeout(session=20, warning=2, keepalive_url='/k?x="><script>', signout_url="/o"))
    assert "<script>" not in html and 'data-keepalive="/k?x=&#34;&gt;&lt;script&gt;"' in html


_AT_LEAST = "WCAG 2.2.1 gives the user at least 20 seconds"
_SERVER = ("the URL of a server page: relative, http or https; not empty, not a #fragment of this page, not mailto: or"
           " tel:")


@pytest.mark.parametrize(("given", "message"), [
    ({"session": 40, "warning": 19, "unit": "seconds"},
     f"parameter 'warning' got 19 (int); allowed: at least 20 seconds: {_AT_LEAST}"),
    ({"session": 20, "warning": 0}, f"parameter 'warning' got 0 (int); allowed: at least 1 minute: {_AT_LEAST}"),
    ({"session": 20, "warning": 20},
     "parameter 'warning' got 20 (int); allowed: fewer minutes than session (20): the warning comes before the end"),
    ({"session": 30, "warning": 45, "unit": "seconds"},
     "parameter 'warning' got 45 (int); allowed: fewer seconds than session (30): the warning comes before the end"),
    ({"session": 1441, "warning": 2},
     "parameter 'session' got 1441 (int); allowed: a whole number of minutes from 1 to 1440 (24 hours)"),
    ({"session": 86_401, "warning": 20, "unit": "seconds"},
     "parameter 'session' got 86401 (int); allowed: a whole number of seconds from 1 to 86400 (24 hours)"),
    ({"session": 0, "warning": 2},
     "parameter 'session' got 0 (int); allowed: a whole number of minutes from 1 to 1440 (24 hours)"),
    ({"session": 20, "warning": 2, "unit": "hours"},
     "parameter 'unit' got 'hours' (str); allowed: one of 'minutes', 'seconds'"),
    ({"session": 20, "warning": 2, "keepalive_url": ""}, f"parameter 'keepalive_url' got '' (str); allowed: {_SERVER}"),
    ({"session": 20, "warning": 2, "signout_url": "  "}, f"parameter 'signout_url' got '  ' (str); allowed: {_SERVER}"),
    ({"session": 20, "warning": 2, "keepalive_url": "#keep"},
     f"parameter 'keepalive_url' got '#keep' (str); allowed: {_SERVER}"),
    ({"session": 20, "warning": 2, "timeout_url": "#top"},
     f"parameter 'timeout_url' got '#top' (str); allowed: {_SERVER}"),
    ({"session": 20, "warning": 2, "signout_url": "mailto:help@example.ca"},
     f"parameter 'signout_url' got 'mailto:help@example.ca' (str); allowed: {_SERVER}"),
    ({"session": 20, "warning": 2, "keepalive_url": "javascript:alert(1)"},
     "parameter 'keepalive_url' got 'javascript:alert(1)' (str); allowed: a relative URL, a #fragment, or a URL with"
     " the scheme http, https, mailto, tel (read as browsers do: tabs and newlines removed); browsers read the scheme"
     " 'javascript' here"),
    ({"session": 20, "warning": 2, "timeout_url": "data:text/html,x"},
     "parameter 'timeout_url' got 'data:text/html,x' (str); allowed: a relative URL, a #fragment, or a URL with the"
     " scheme http, https, mailto, tel (read as browsers do: tabs and newlines removed); browsers read the scheme"
     " 'data' here"),
])
def test_session_timeout_refuses(wet, given, message):
    assert refused(lambda: wet.session_timeout(**{**URLS, **given})) == f"wet.session_timeout: {message}"


def test_session_timeout_accepts_the_edges(wet):
    wet.session_timeout(session=21, warning=20, unit="seconds", **URLS)
    wet.session_timeout(session=1440, warning=1, **URLS)
    wet.session_timeout(session=86_400, warning=20, unit="seconds", keepalive_url="https://example.ca/a:b",
                        signout_url="out/")


def test_session_timeout_texts_replace_the_words_everywhere(wet):
    texts = {"heading": "Still there?", "message": "Closing in %{time} <soon>", "continue": "Keep working",
             "sign_out": "Leave"}
    tags = Tags(wet.session_timeout(session=30, warning=5, texts=texts, **URLS))
    assert tags.first("wet-session-timeout")["data-text-message"] == "Closing in %{time} <soon>"
    assert [t for t in tags.texts if t.strip()][1:] == ["Still there?", "Closing in 5 minutes <soon>", "Keep working",
                                                      "Leave"]
    partial = Tags(wet.session_timeout(session=30, warning=5, texts={"continue": "Keep working"}, **URLS))
    assert [t for t in partial.texts if t.strip()][1:] == [
        "Your session is about to end",
        "You will be signed out in 5 minutes. Select Continue session to stay signed in.", "Keep working", "Sign out"]


def test_session_timeout_texts_message_needs_the_time(wet):
    assert refused(lambda: wet.session_timeout(session=30, warning=5, texts={"message": "Soon."}, **URLS)) == (
        "wet.session_timeout: parameter 'texts.message' got 'Soon.' (str); allowed: a text with %{time} where the"
        " time left goes")
