"""Apply for a recreational fishing permit: a small service built with wetkit, Flask and WTForms.

Pages: start → apply (a form validated on the server) → check your answers → confirmation. Every string goes
through gettext and every URL carries the language (/en/...), so a French catalogue switches the whole service.

Run it:  python examples/flask_app/app.py   (http://127.0.0.1:5000/)

Security (see README.md): every POST carries a CSRF token (Flask-WTF's ``CSRFProtect``; a POST without a valid one
gets a 400 page); the session cookie is ``HttpOnly``, ``SameSite=Lax`` and ``Secure`` unless the request's host is
loopback; every free-text answer has a length limit so the answers always fit in the session cookie.
"""

from __future__ import annotations

import datetime as _dt
import functools
import hashlib
import ipaddress
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask, abort, g, redirect, render_template, request, session, url_for
from flask.sessions import SecureCookieSessionInterface
from flask_wtf.csrf import CSRFError, CSRFProtect
from wtforms import (
    EmailField,
    Form,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import DataRequired, InputRequired, Length, Regexp

try:  # WTForms 3.3 deprecates (value, label) tuples
    from wtforms.fields.choices import SelectChoice
except ImportError:  # pragma: no cover - older WTForms
    def SelectChoice(value, label):  # noqa: N802 - stands in for the class
        return (value, label)

from wetkit.flask import init_app
from wetkit.jinja import translations
from wetkit.wtforms import DateInputField, normalize_newlines

LANGUAGES = ("en",)  # add "fr" once the French catalogues are in wetkit/locale and translations/
SERVICE_CSP = "default-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'self'"
#: Longest answers, in characters. The answers live in the session cookie, which browsers drop silently above 4 KB:
#: at these limits, even in random characters that take 4 bytes each, the cookie stays under 3 KB.
MAX_NAME = 100
MAX_EMAIL = 254  # the longest address SMTP can deliver to (RFC 5321)
MAX_COMMENTS = 200


def _(text: str) -> str:
    """gettext for the current request's language (marks strings for extraction too)."""
    return translations(getattr(g, "lang", "en")).gettext(text)


PERMITS = {"annual": "Annual permit", "seasonal": "Seasonal permit (1 May to 30 September)", "day": "One-day permit"}
WATERS = {"lakes": "Lakes", "rivers": "Rivers and streams", "coastal": "Coastal waters"}
PROVINCES = {
    "": "Select a province or territory", "ab": "Alberta", "bc": "British Columbia", "mb": "Manitoba",
    "nb": "New Brunswick", "nl": "Newfoundland and Labrador", "ns": "Nova Scotia", "nt": "Northwest Territories",
    "nu": "Nunavut", "on": "Ontario", "pe": "Prince Edward Island", "qc": "Quebec", "sk": "Saskatchewan",
    "yt": "Yukon",
}


def not_in_the_past(form, field):
    if field.data and field.data < _dt.date.today():
        raise ValidationError(_("The start date must be today or in the future"))


@functools.cache
def application_form(lang: str) -> type[Form]:
    """The application form with its labels and messages in ``lang`` (one class per language)."""
    t = translations(lang).gettext

    class ApplicationForm(Form):
        full_name = StringField(
            t("Full name"),
            validators=[
                InputRequired(t("Enter your full name")),
                Length(max=MAX_NAME,
                       message=t("Your full name must be %(max)d characters or fewer") % {"max": MAX_NAME}),
            ],
        )
        email = EmailField(
            t("Email address"),
            description=t("We will send your permit to this address."),
            validators=[
                InputRequired(t("Enter your email address")),
                Length(max=MAX_EMAIL,
                       message=t("Your email address must be %(max)d characters or fewer") % {"max": MAX_EMAIL}),
                Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
                       message=t("Enter an email address in the correct format, like name@example.com")),
            ],
        )
        province = SelectField(
            t("Province or territory where you will fish"),
            choices=[SelectChoice(key, t(text)) for key, text in PROVINCES.items()],
            validators=[DataRequired(t("Select the province or territory where you will fish"))],
        )
        permit_type = RadioField(
            t("Which permit do you need?"),
            choices=[SelectChoice(key, t(text)) for key, text in PERMITS.items()],
            validators=[InputRequired(t("Select the permit you need"))],
        )
        waters = SelectMultipleField(
            t("Where will you fish?"),
            description=t("Select all that apply."),
            choices=[SelectChoice(key, t(text)) for key, text in WATERS.items()],
            validators=[DataRequired(t("Select where you will fish"))],
        )
        start_date = DateInputField(
            t("When should your permit start?"),
            description=t("For example, 27 5 2027"),
            validators=[InputRequired(t("Enter the date your permit should start")), not_in_the_past],
        )
        comments = TextAreaField(
            t("Anything else we should know? (optional)"),
            filters=[normalize_newlines],
            validators=[Length(max=MAX_COMMENTS,
                               message=t("Your answer must be %(max)d characters or fewer") % {"max": MAX_COMMENTS})],
        )

    return ApplicationForm


def is_loopback_host(host: str) -> bool:
    """True for ``localhost``, ``*.localhost``, ``127.x.x.x`` and ``[::1]``, with or without a port."""
    try:
        hostname = (urlsplit("//" + host).hostname or "").rstrip(".")  # lower case, without port and [ ]
    except ValueError:  # a malformed Host header
        return False
    if hostname == "localhost" or hostname.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(hostname).is_loopback
    except ValueError:
        return False


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie session, whose cookie is ``Secure`` unless the request's host is loopback.

    A browser does not send a ``Secure`` cookie over plain HTTP, so the example still runs on http://127.0.0.1 and
    http://localhost; any other host gets a ``Secure`` cookie and must be served over HTTPS. ``SESSION_COOKIE_SECURE``
    (or the environment variable ``PERMIT_COOKIE_SECURE=1``) forces it on every host: set it behind a reverse proxy
    that forwards requests with a loopback ``Host`` header.
    """

    def get_cookie_secure(self, app) -> bool:
        if app.config["SESSION_COOKIE_SECURE"]:
            return True
        return not (request and is_loopback_host(request.host))


def reference_for(answers: dict) -> str:
    digest = hashlib.sha256(repr(sorted(answers.items())).encode()).hexdigest().upper()
    return f"FP-{digest[:4]}-{digest[4:8]}"


def create_app(secret_key: str | None = None) -> Flask:
    app = Flask(__name__, template_folder=str(Path(__file__).parent / "templates"))
    app.secret_key = secret_key or os.environ.get("PERMIT_SECRET_KEY") or os.urandom(16)
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,  # scripts cannot read the answers or the CSRF secret
        SESSION_COOKIE_SAMESITE="Lax",  # not sent with a cross-site POST (a second line behind the CSRF token)
        SESSION_COOKIE_SECURE=os.environ.get("PERMIT_COOKIE_SECURE", "") in ("1", "true", "yes"),
        # the token lives as long as the session (until the browser closes): no time limit to run out while a
        # person takes their time over the form (WCAG 2.2.1)
        WTF_CSRF_TIME_LIMIT=None,
    )
    app.session_interface = SessionInterface()
    app.json.ensure_ascii = False  # the session holds UTF-8: 4 bytes for U+1F600, not 12 for "\ud83d\ude00"
    CSRFProtect(app)
    init_app(app)
    app.jinja_env.install_gettext_callables(lambda s: _(s), lambda s, p, n: _(s if n == 1 else p), newstyle=True)

    @app.url_value_preprocessor
    def pull_lang(endpoint, values):
        g.lang = (values or {}).pop("lang", "en")
        if g.lang not in LANGUAGES:
            abort(404)

    @app.url_defaults
    def add_lang(endpoint, values):
        if "lang" not in values and app.url_map.is_endpoint_expecting(endpoint, "lang"):
            values["lang"] = g.lang

    @app.context_processor
    def page_context():
        return {
            "lang": g.get("lang", "en"),
            "site_name": _("Fishing permits"),
            "header": {"service_name": _("Apply for a fishing permit"), "service_href": url_for("start"),
                       "organisation": _("Government of Canada")},
            "footer": {"sub_links": [{"text": _("Privacy"), "href": url_for("start") + "#privacy"},
                                     {"text": _("Accessibility"), "href": url_for("start") + "#accessibility"}]},
        }

    @app.after_request
    def security_headers(response):
        response.headers["Content-Security-Policy"] = SERVICE_CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response

    @app.errorhandler(CSRFError)
    def csrf_refused(error):
        """A POST without a valid token: from another site, or a page kept open after the browser was closed."""
        title = _("Sorry, your answers could not be sent")
        return render_template("refused.html", title=title), 400

    @app.get("/")
    def root():
        return redirect(url_for("start", lang="en"))

    @app.get("/<lang>/")
    def start():
        return render_template("start.html", title=_("Apply for a fishing permit"))

    @app.route("/<lang>/apply", methods=["GET", "POST"])
    def apply():
        if request.method == "POST":
            form = application_form(g.lang)(request.form)
            if form.validate():
                session["answers"] = {
                    "full_name": form.full_name.data, "email": form.email.data, "province": form.province.data,
                    "permit_type": form.permit_type.data, "waters": form.waters.data,
                    "start_date": form.start_date.data.isoformat(), "comments": form.comments.data or "",
                }
                return redirect(url_for("check"))
        else:
            form = application_form(g.lang)(data=_answers_as_data(session.get("answers")))
        # errors=: wetkit's page starts the <title> with "Error: " (translated) and leaves the <h1> alone
        return render_template("apply.html", form=form, title=_("Your permit application"), errors=form.errors)

    @app.route("/<lang>/check", methods=["GET", "POST"])
    def check():
        answers = session.get("answers")
        if not answers:
            return redirect(url_for("apply"))
        if request.method == "POST":
            session["reference"] = reference_for(answers)
            return redirect(url_for("confirmation"))
        return render_template("check.html", title=_("Check your answers before sending your application"),
                               rows=_summary_rows(answers))

    @app.get("/<lang>/confirmation")
    def confirmation():
        if "reference" not in session:
            return redirect(url_for("start"))
        return render_template("confirmation.html", title=_("Application complete"),
                               reference=session["reference"], email=session["answers"]["email"])

    return app


def _answers_as_data(answers: dict | None) -> dict | None:
    if not answers:
        return None
    data = dict(answers)
    data["start_date"] = _dt.date.fromisoformat(answers["start_date"])
    return data


def _summary_rows(answers: dict) -> list[dict]:
    def row(key: str, value: str, field: str, hidden: str) -> dict:
        change = {"href": url_for("apply") + "#" + field, "text": _("Change"), "visually_hidden_text": hidden}
        return {"key": key, "value": value, "actions": [change]}

    start = _dt.date.fromisoformat(answers["start_date"])
    return [
        row(_("Full name"), answers["full_name"], "full_name", _("full name")),
        row(_("Email address"), answers["email"], "email", _("email address")),
        row(_("Province or territory"), _(PROVINCES[answers["province"]]), "province", _("province or territory")),
        row(_("Permit"), _(PERMITS[answers["permit_type"]]), "permit_type", _("permit")),
        row(_("Where you will fish"), ", ".join(_(WATERS[w]) for w in answers["waters"]), "waters",
            _("where you will fish")),
        row(_("Start date"), start.isoformat(), "start_date-day", _("start date")),
        row(_("Anything else"), answers["comments"] or _("None"), "comments", _("anything else")),
    ]


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    create_app().run(host="127.0.0.1", port=port, debug=False)
