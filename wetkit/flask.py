"""Flask integration: ``init_app(app)`` adds wetkit to ``app.jinja_env`` and serves the theme CSS and JS.

    from wetkit.flask import init_app
    init_app(app)                      # CSS/JS at /static/wetkit/wetkit.min.css and wetkit.min.js

The stylesheet is compiled once per process (libsass, ~50 ms) and served with an ETag; ``wetkit/page.html``
links to it by default. Pass ``url_prefix`` to serve it elsewhere (the templates get it as ``static_url``).
"""

from __future__ import annotations

import hashlib

from wetkit.jinja import install

URL_PREFIX = "/static/wetkit"


def init_app(app, url_prefix: str = URL_PREFIX, theme: str = "base"):
    """Register wetkit with a Flask app; returns the app."""
    from flask import Blueprint, Response, abort, request

    from wetkit import paths
    from wetkit.assets import bundle_js
    from wetkit.sass import compile_theme

    install(app.jinja_env)
    assets = {}

    def load(filename: str):
        if filename not in assets:
            if filename == "wetkit.min.css":
                assets[filename] = (compile_theme(theme), "text/css")
            elif filename == "wetkit.min.js":
                assets[filename] = (bundle_js(), "text/javascript")
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
