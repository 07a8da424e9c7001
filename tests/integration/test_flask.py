"""Flask: init_app wires templates and serves the theme assets."""

from __future__ import annotations

import pytest

flask = pytest.importorskip("flask")

from wetkit.flask import init_app  # noqa: E402


@pytest.fixture
def client():
    app = flask.Flask(__name__)
    init_app(app)

    @app.get("/")
    def home():
        return flask.render_template_string(
            '{% extends "wetkit/page.html" %}{% block content %}{{ wet.button("Start", href="/a", variant="start") }}'
            "{% endblock %}", title="Apply")

    return app.test_client()


def test_page_renders_with_component(client):
    html = client.get("/").get_data(as_text=True)
    assert "<title>Apply</title>" in html and 'class="wet-btn wet-btn--start"' in html
    assert 'href="/static/wetkit/wetkit.min.css"' in html


def test_assets_are_served_with_etag(client):
    css = client.get("/static/wetkit/wetkit.min.css")
    assert css.status_code == 200 and css.mimetype == "text/css" and b".wet-btn" in css.data
    again = client.get("/static/wetkit/wetkit.min.css", headers={"If-None-Match": css.headers["ETag"]})
    assert again.status_code == 304
    assert client.get("/static/wetkit/wetkit.min.js").mimetype == "text/javascript"
    assert client.get("/static/wetkit/nope.css").status_code == 404
