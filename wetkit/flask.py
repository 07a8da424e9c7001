"""Flask integration: ``init_app(app)`` adds wetkit to ``app.jinja_env`` and serves the theme CSS and JS.

    from wetkit.flask import init_app
    init_app(app)                      # CSS/JS at /static/wetkit/wetkit.min.css and wetkit.min.js
    init_app(app, components=["components"], themes=["themes"], theme="brand")   # with a team's own parts

The stylesheet is compiled once per process (libsass, ~50 ms) and served with an ETag; ``wetkit/page.html``
links to it by default. Pass ``url_prefix`` to serve it elsewhere (the templates get it as ``static_url``).

Language of each request (docs/i18n.md), the first of these that gives one:

1. ``get_lang()``, a callable you pass (reads the request, a cookie, the session...), returning a BCP 47 tag or None;
2. Flask-Babel's locale (``flask_babel.get_locale()``, so its ``locale_selector``) when the app uses Flask-Babel;
3. the route's ``lang`` part (``@app.get("/<any(en, fr):lang>/apply")``), from ``request.view_args``;
4. ``app.config["WETKIT_LANG"]`` (the ``lang`` argument; default ``"en"``).

The tag must have a catalogue (wetkit's, or one in ``catalogues``); otherwise rendering raises LanguageError. Flask-
Babel may be set up before or after ``init_app``: wetkit's messages still come from wetkit's catalogues, and the app's
own ``_()`` strings from Flask-Babel's.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from wetkit.jinja import install

URL_PREFIX = "/static/wetkit"


def init_app(app, url_prefix: str = URL_PREFIX, theme: str = "base", *, components: Any = None, themes: Any = None,
             lang: str | None = None, get_lang: Callable[[], str | None] | None = None, catalogues: Any = ()):
    """Register wetkit with a Flask app; returns the app. ``lang``, ``get_lang``, ``catalogues``: the language of
    each request (see the module docstring) and a team's catalogue folders (see :func:`wetkit.install`).
    ``components`` and ``themes``: a team's folders, loaded alongside wetkit's (see :func:`wetkit.install`); when
    not given, ``app.config["WETKIT_COMPONENTS"]`` and ``app.config["WETKIT_THEMES"]`` (lists of folders), if set.
    ``theme`` may be one of the team's themes."""
    from flask import Blueprint, Response, abort, request

    from wetkit import paths

    if lang is not None:
        app.config["WETKIT_LANG"] = lang
    default = app.config.setdefault("WETKIT_LANG", "en")
    if components is None:
        components = app.config.get("WETKIT_COMPONENTS", ())
    if themes is None:
        themes = app.config.get("WETKIT_THEMES", ())
    install(app.jinja_env, components=components, themes=themes, lang=default, catalogues=catalogues,
            _where="wetkit.flask.init_app")
    wetkit_setup = app.jinja_env.wetkit
    localizer = app.jinja_env.globals["wet_i18n"]
    localizer.selector = _selector(app, localizer, get_lang)

    @app.before_request
    def wetkit_gettext():
        # Flask-Babel set up after init_app replaces the environment's gettext: put wetkit's back in front of it.
        localizer.install(app.jinja_env)
    assets = {}

    def load(filename: str):
        if filename not in assets:
            if filename == "wetkit.min.css":
                assets[filename] = (wetkit_setup.css(theme), "text/css")
            elif filename == "wetkit.min.js":
                assets[filename] = (wetkit_setup.js(), "text/javascript")
            elif filename == "favicon.svg":
                assets[filename] = ((paths.PACKAGE_DIR / "static" / "favicon.svg").read_text(), "image/svg+xml")
            else:
                return None
        return assets[filename]

    blueprint = Blueprint("wetkit", __name__, url_prefix=url_prefix)

    @blueprint.get("/<path:filename>")
    def static(filename: str):
        found = load(filename)
        if found is None:
            abort(404)
        body, mimetype = found
        etag = hashlib.sha256(body.encode()).hexdigest()[:16]
        if request.if_none_match and etag in request.if_none_match:
            return Response(status=304)
        response = Response(body, mimetype=mimetype)
        response.set_etag(etag)
        response.cache_control.public = True
        response.cache_control.max_age = 3600
        return response

    app.register_blueprint(blueprint)

    @app.context_processor
    def wetkit_context():
        return {"static_url": url_prefix}

    return app


def _selector(app, localizer, get_lang: Callable[[], str | None] | None) -> Callable[[], str | None]:
    """The request's language tag (None outside a request), worked out once per request and checked."""
    from flask import g, has_request_context, request

    def request_lang() -> str | None:
        tag = get_lang() if get_lang is not None else None
        if not tag and "babel" in app.extensions:
            from flask_babel import get_locale

            locale = get_locale()
            tag = str(locale).replace("_", "-") if locale is not None else None  # Babel writes fr_CA
        if not tag and request.view_args:
            tag = request.view_args.get("lang")
        return tag or app.config["WETKIT_LANG"]

    def selector() -> str | None:
        if not has_request_context():
            return None
        tag = g.get("_wetkit_lang")
        if tag is None:
            tag = request_lang()
            localizer.messages(tag, "wetkit.flask (this request's language)", "lang")
            g._wetkit_lang = tag
        return tag

    return selector
