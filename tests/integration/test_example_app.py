"""The example service (examples/flask_app) over HTTP: CSRF tokens, session cookie flags, answer length limits and
strict date parsing (security review, issue #6)."""

from __future__ import annotations

import datetime as _dt
import random
import re
import sys
from pathlib import Path

import pytest

pytest.importorskip("flask")
pytest.importorskip("wtforms")
pytest.importorskip("flask_wtf")

ROOT = Path(__file__).resolve().parents[2]
COOKIE_LIMIT = 4093  # bytes of name=value a browser keeps (RFC 6265 asks for at least 4096 per cookie)
REFUSED = "Sorry, your answers could not be sent"


@pytest.fixture(scope="module")
def create_app():
    sys.path.insert(0, str(ROOT / "examples" / "flask_app"))
    try:
        from app import create_app
    finally:
        sys.path.pop(0)
    return create_app


@pytest.fixture
def client(create_app):
    return create_app(secret_key="test").test_client()


def token_from(html: str) -> str:
    found = re.search(r'<input type="hidden" name="csrf_token" value="([^"]+)">', html)
    assert found, "the page has no CSRF token input"
    return found.group(1)


def answers(**changes) -> dict:
    next_year = _dt.date.today().year + 1
    data = {"full_name": "Alex Tremblay", "email": "alex@example.ca", "province": "nb", "permit_type": "seasonal",
            "waters": ["rivers"], "start_date-day": "15", "start_date-month": "5", "start_date-year": str(next_year),
            "comments": ""}
    data.update(changes)
    return data


def apply(client, base_url: str = "http://localhost", **changes):
    """Post the form with what the form page holds (its CSRF token), as a browser would."""
    page = client.get("/en/apply", base_url=base_url).get_data(as_text=True)
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page))
    return client.post("/en/apply", base_url=base_url, headers={"Referer": f"{base_url}/en/apply"},
                       data={**hidden, **answers(**changes)})


def session_cookie(response) -> str:
    cookies = [h for h in response.headers.getlist("Set-Cookie") if h.startswith("session=")]
    assert len(cookies) == 1, response.headers.getlist("Set-Cookie")
    return cookies[0]


# ---- CSRF ----------------------------------------------------------------------------------------------------


def test_every_post_form_carries_a_token(client):
    assert apply(client).status_code == 302
    for path in ("/en/apply", "/en/check"):
        html = client.get(path).get_data(as_text=True)
        forms = re.findall(r"<form\b[^>]*>.*?</form>", html, re.S)
        posting = [form for form in forms if 'method="post"' in form]
        assert posting, path
        for form in posting:
            token_from(form)
        assert "<script>" not in html, "the token needs no inline script (CSP default-src 'self')"


def test_sending_without_a_token_is_refused(client, create_app):
    """A cross-site form (another origin auto-submitting to /en/check) has no token: nothing is sent."""
    assert apply(client).status_code == 302
    refused = client.post("/en/check", headers={"Origin": "https://evil.example", "Referer": "https://evil.example/"})
    assert refused.status_code == 400
    html = refused.get_data(as_text=True)
    assert f"<h1 class=\"wet-heading-xl\">{REFUSED}</h1>" in html and 'href="/en/apply"' in html
    assert "default-src 'self'" in refused.headers["Content-Security-Policy"]
    with client.session_transaction() as session:
        assert "reference" not in session
    assert client.get("/en/confirmation").headers["Location"].endswith("/en/")

    other = create_app(secret_key="test").test_client()  # a token from someone else's session does not work either
    stolen = token_from(other.get("/en/apply").get_data(as_text=True))
    assert client.post("/en/check", data={"csrf_token": stolen}).status_code == 400
    assert client.post("/en/check", data={"csrf_token": "x"}).status_code == 400


def test_answers_without_a_token_are_refused(client):
    """Another site cannot overwrite a person's answers either."""
    response = client.post("/en/apply", data=answers())
    assert response.status_code == 400 and REFUSED in response.get_data(as_text=True)
    with client.session_transaction() as session:
        assert "answers" not in session


def test_sending_with_the_token_from_the_page_works(client):
    assert apply(client).headers["Location"].endswith("/en/check")
    page = client.get("/en/check").get_data(as_text=True)
    sent = client.post("/en/check", data={"csrf_token": token_from(page)})
    assert sent.status_code == 302 and sent.headers["Location"].endswith("/en/confirmation")
    confirmation = client.get("/en/confirmation").get_data(as_text=True)
    assert "Application complete" in confirmation and "FP-" in confirmation


def test_https_flow_works_with_a_same_origin_referer(client):
    base = "https://permits.example.ca"
    assert apply(client, base_url=base).headers["Location"].endswith("/en/check")
    page = client.get("/en/check", base_url=base).get_data(as_text=True)
    sent = client.post("/en/check", base_url=base, data={"csrf_token": token_from(page)},
                       headers={"Referer": f"{base}/en/check"})
    assert sent.headers["Location"].endswith("/en/confirmation")


# ---- session cookie --------------------------------------------------------------------------------------------


def flags(cookie: str) -> set[str]:
    return {part.strip().lower() for part in cookie.split(";")[1:]}


@pytest.mark.parametrize("base_url", ["http://localhost", "http://127.0.0.1:5000", "http://[::1]:5000",
                                      "http://permits.localhost"])
def test_cookie_is_httponly_and_lax_and_not_secure_on_loopback(client, base_url):
    cookie = session_cookie(client.get("/en/apply", base_url=base_url))
    assert {"httponly", "samesite=lax"} <= flags(cookie)
    assert "secure" not in flags(cookie), "a Secure cookie would not come back over http://127.0.0.1"


@pytest.mark.parametrize("base_url", ["https://permits.example.ca", "http://permits.example.ca",
                                      "http://192.0.2.10:5000", "https://[2001:db8::1]", "http://localhost.example.ca"])
def test_cookie_is_secure_on_any_other_host(client, base_url):
    cookie = session_cookie(client.get("/en/apply", base_url=base_url))
    assert {"httponly", "samesite=lax", "secure"} <= flags(cookie)


def test_cookie_can_be_made_secure_everywhere(create_app, monkeypatch):
    monkeypatch.setenv("PERMIT_COOKIE_SECURE", "1")
    cookie = session_cookie(create_app(secret_key="test").test_client().get("/en/apply"))
    assert "secure" in flags(cookie)


# ---- length limits and dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("field", "value", "message"), [
    ("full_name", "A" * 10_000, "Your full name must be 100 characters or fewer"),
    ("email", "a" * 10_000 + "@example.ca", "Your email address must be 254 characters or fewer"),
    ("comments", "x" * 10_000, "Your answer must be 200 characters or fewer"),
])
def test_overlong_answer_is_an_error_and_the_cookie_stays_small(client, field, value, message):
    response = apply(client, **{field: value})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert f'<a href="#{field}">{message}</a>' in html, "the error summary names the problem"
    assert html.count(message) == 2, "and so does the field"
    cookies = [h for h in response.headers.getlist("Set-Cookie") if h.startswith("session=")]
    assert all(len(c.split(";")[0]) < 1000 for c in cookies)
    with client.session_transaction() as session:
        assert "answers" not in session


def test_longest_answers_fit_in_the_cookie(client):
    """At the limits, with characters that take the most bytes and do not compress, the browser keeps the cookie."""
    rng = random.Random(6)

    def text(n: int) -> str:
        return "".join(chr(rng.randrange(0x10000, 0x110000)) for _ in range(n))  # 4 bytes each, random

    response = apply(client, full_name=text(100), email=text(120) + "@" + text(129) + "." + text(3),
                     comments=text(200))
    assert response.status_code == 302, "the answers are valid"
    cookie = session_cookie(response).split(";")[0]
    assert len(cookie.encode()) < COOKIE_LIMIT
    assert client.get("/en/check").status_code == 200, "the session came back"


@pytest.mark.parametrize(("box", "value", "message"), [
    ("year", "99999999999999999999", "The year must have 4 digits"),
    ("day", "99999999999999999999", "The day must be a number from 1 to 31"),
    ("month", "99999999999999999999", "The month must be a number from 1 to 12"),
    ("year", "\u0662\u0660\u0663\u0660", "The year must be a number, using only the digits 0 to 9"),
    ("year", "20_30", "The year must be a number, using only the digits 0 to 9"),
    ("day", "+1", "The day must be a number, using only the digits 0 to 9"),
])
def test_bad_date_is_a_message_not_a_server_error(client, box, value, message):
    response = apply(client, **{f"start_date-{box}": value})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert f'<a href="#start_date-{box}">{message}</a>' in html, "the summary links to the wrong box"
    marked = re.findall(r'id="start_date-(day|month|year)"[^>]*aria-invalid="true"', html)
    assert marked == [box]


def test_errors_start_the_title_and_leave_the_heading_alone(client):
    """The service passes errors=form.errors to wetkit's page: "Error: " in <title>, the <h1> unchanged."""
    page = apply(client, full_name="").get_data(as_text=True)
    assert "<title>Error: Your permit application" in page
    assert '<h1 class="wet-heading-xl">Your permit application</h1>' in page
    fresh = client.get("/en/apply").get_data(as_text=True)
    assert "<title>Your permit application" in fresh
