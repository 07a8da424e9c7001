"""The pytest plugin as a team would use it: a tiny Flask app and its test file, run by a separate pytest that finds
``wetkit_check`` through the ``pytest11`` entry point (no conftest line, no ``-p``)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.browser

APP_TESTS = textwrap.dedent('''
    import flask
    import pytest

    app = flask.Flask(__name__)
    PAGE = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            '<link rel="icon" href="data:,">{head}</head><body><main><h1>{title}</h1>{body}</main></body></html>')


    @app.get("/clean")
    def clean():
        return PAGE.format(title="Clean", head="", body='<p><label for="q">Search</label> <input id="q" name="q"></p>')


    @app.get("/unlabelled")
    def unlabelled():
        return PAGE.format(title="Unlabelled", head="", body='<p><input type="text" name="q"></p>')


    @app.get("/styled/page")
    def styled():
        return PAGE.format(title="Styled", head='<link rel="stylesheet" href="/static/site.css">',
                           body="<p>Styled by the app's own stylesheet.</p>")


    @pytest.fixture(scope="session")
    def wetkit_app():
        return app


    def test_clean_page(wetkit_check):
        result = wetkit_check(app.test_client().get("/clean"))
        assert result.ok


    def test_missing_label(wetkit_check):
        wetkit_check(app.test_client().get("/unlabelled"))


    def test_assets_come_from_the_app(wetkit_check):
        wetkit_check(app.test_client().get("/styled/page"))


    def test_html_string(wetkit_check):
        wetkit_check(PAGE.format(title="String", head="", body="<p>From a string.</p>"), path="/a/b")
''')


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("team-app")
    (folder / "test_app_pages.py").write_text(APP_TESTS)
    (folder / "static").mkdir()
    (folder / "static" / "site.css").write_text("main { max-width: 40rem; }\n")
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rA", "-q", "-p", "no:xdist",
                           "test_app_pages.py"], cwd=folder, capture_output=True, text=True, timeout=600)


def test_clean_pages_pass(run):
    assert "PASSED test_app_pages.py::test_clean_page" in run.stdout, run.stdout + run.stderr
    assert "PASSED test_app_pages.py::test_assets_come_from_the_app" in run.stdout, run.stdout
    assert "PASSED test_app_pages.py::test_html_string" in run.stdout, run.stdout


def test_missing_label_fails_with_the_rule_name(run):
    assert "FAILED test_app_pages.py::test_missing_label" in run.stdout, run.stdout + run.stderr
    assert "1 failed, 3 passed" in run.stdout
    failure = run.stdout.split("test_missing_label", 1)[1]
    # found at 1280 px; at 320 px the page's markup and rendered elements are the same, so it is not found twice
    assert "wetkit_check: 1 barrier(s)" in failure and "label (axe)" in failure
    assert "[axe] label: input" in failure  # the same lines as `wetkit check`
    assert "Form elements must have labels" in failure
