"""pytest plugin: ``wetkit_check`` audits a page from your own tests and fails the test on a barrier.

Installed with ``pip install "wetkit[audit]"`` (registered through the ``pytest11`` entry point; nothing to add to
``conftest.py``)::

    def test_apply_page(client, wetkit_check):
        wetkit_check(client.get("/apply"))                 # a Flask/Werkzeug (or Django) test response
        wetkit_check("<!DOCTYPE html><html lang=en>...")   # an HTML string
        wetkit_check("http://127.0.0.1:5000/apply")         # a URL your test server answers

Each call runs every ``wetkit check`` check on the page (axe-core 4.14, reflow, text spacing, keyboard focus,
console errors) in one headless Chromium shared by the test session (one per xdist worker), prints the same lines as
``wetkit check``, raises ``AssertionError`` listing the barriers, and returns the
:class:`~wetkit.audit.runner.PageResult` (``result.needs_review`` holds what a person must look at).

An HTML string or a response is served from a loopback server for the audit, at the path it was requested from (a
response's own request path; ``path=`` for a string), with the response's headers (so its Content-Security-Policy
applies). Every other request (stylesheets, scripts, images) goes to the WSGI app the ``wetkit_app`` fixture
returns: override it in your ``conftest.py`` (``return app`` for Flask, ``get_wsgi_application()`` for Django).
Without an app those requests answer 404 and show up as console errors, except ``/favicon.ico`` (204).

Options: ``allow=("rule-id",)`` excuses axe rules on that page (say why in the test), ``keyboard=False`` skips the
focus walk, ``app=`` and ``path=`` override the above. ``WETKIT_WEBDRIVER_URL`` points the session's browser at a
remote WebDriver, as for ``wetkit check``.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import pytest

_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding", "upgrade"}


class CheckError(Exception):
    """``wetkit_check`` was given something it cannot audit."""


@dataclass
class _Page:
    path: str
    status: str
    headers: list[tuple[str, str]]
    body: bytes


class _Dispatcher:
    """The WSGI app of the loopback server: the page under test at its path, everything else from ``app``."""

    def __init__(self):
        self.page: _Page | None = None
        self.app = None
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO") or "/"
        page, app = self.page, self.app
        if page is not None and path == page.path and environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            start_response(page.status, page.headers + [("Content-Length", str(len(page.body)))])
            return [page.body]
        if app is not None:
            return app(environ, start_response)
        if path == "/favicon.ico":
            start_response("204 No Content", [])
            return [b""]
        start_response("404 Not Found", [("Content-Type", "text/plain; charset=utf-8")])
        return [b"not found: wetkit_check serves only the page; return your app from the wetkit_app fixture"]


def _start_server(dispatcher: _Dispatcher):
    from socketserver import ThreadingMixIn
    from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

    class Server(ThreadingMixIn, WSGIServer):
        daemon_threads = True

    class Quiet(WSGIRequestHandler):
        def log_message(self, format, *args):  # noqa: A002 - stdlib signature
            pass

    server = make_server("127.0.0.1", 0, dispatcher, server_class=Server, handler_class=Quiet)
    thread = threading.Thread(target=server.serve_forever, name="wetkit-check-server", daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_port}"


def _as_page(target, path: str | None) -> _Page:
    """An HTML string or a test response as the page to serve."""
    if isinstance(target, (bytes, bytearray)):
        target = bytes(target).decode("utf-8")
    if isinstance(target, str):
        return _Page(path or "/", "200 OK", [("Content-Type", "text/html; charset=utf-8")], target.encode("utf-8"))
    if callable(getattr(target, "get_data", None)):  # Flask / Werkzeug (test client) responses
        body = target.get_data()
        status = getattr(target, "status", None) or "200 OK"
        headers = list(target.headers.items())
        request = getattr(target, "request", None)
        path = path or getattr(request, "path", None) or "/"
    elif isinstance(getattr(target, "content", None), bytes):  # Django's HttpResponse, requests' Response
        body = target.content
        code = getattr(target, "status_code", 200)
        status = f"{code} {getattr(target, 'reason_phrase', None) or getattr(target, 'reason', None) or 'OK'}"
        headers = list(getattr(target, "headers", {}).items())
        request = getattr(target, "wsgi_request", None) or getattr(target, "request", None)
        path = path or getattr(request, "path", None) or "/"
    else:
        raise CheckError(f"wetkit_check takes a URL, an HTML string or a test response, not {type(target).__name__}")
    if str(status)[:1] not in ("2", "4", "5"):
        raise CheckError(f"wetkit_check: the response is a {status} (a redirect?): follow it first "
                         "(client.get(..., follow_redirects=True))")
    kind = dict((k.lower(), v) for k, v in headers).get("content-type", "text/html")
    if "html" not in kind:
        raise CheckError(f"wetkit_check: the response is {kind}, not an HTML page")
    headers = [(k, v) for k, v in headers if k.lower() not in _HOP_BY_HOP]
    # served as 200 whatever its status: an error page's own accessibility is what the test asks about (a URL target
    # answering 4xx/5xx is an http-error finding instead)
    return _Page(path if path.startswith("/") else "/" + path, "200 OK", headers, body)


class WetkitCheck:
    """The callable the ``wetkit_check`` fixture returns (one browser and one loopback server per session)."""

    def __init__(self, app=None):
        self.app = app
        self._auditor = None
        self._server = None
        self._base = None
        self._dispatcher = _Dispatcher()

    def __call__(self, target, *, allow=(), keyboard: bool = True, app=None, path: str | None = None):
        __tracebackhide__ = True  # the failure is the page's, not this function's
        from wetkit.audit import reports

        if isinstance(target, str) and target.strip().lower().startswith(("http://", "https://")):
            url = target.strip()
            result = self._audit(url, allow, keyboard)
        else:
            page = _as_page(target, path)
            with self._dispatcher.lock:  # one page at a time in this session's server
                self._dispatcher.page = page
                self._dispatcher.app = app if app is not None else self.app
                try:
                    result = self._audit(self._ensure_server() + page.path, allow, keyboard)
                finally:
                    self._dispatcher.page = None
        reports.explain_load(result)
        report = reports.Report([result])
        lines = reports.page_lines(report, 0)
        print("\n".join(lines))
        if report.exit_code:
            counts = ", ".join(f"{rule} ({check}) x{new}" for check, rule, new, _known in report.by_rule())
            raise AssertionError(f"wetkit_check: {len(report.new_findings())} barrier(s) on {result.url}: {counts}\n"
                                 + "\n".join(lines))
        return result

    def _ensure_server(self) -> str:
        if self._server is None:
            self._server, self._base = _start_server(self._dispatcher)
        return self._base

    def _audit(self, url: str, allow, keyboard: bool):
        if self._auditor is None:
            from wetkit.audit.runner import Auditor

            self._auditor = Auditor()
        return self._auditor.audit(url, allow=allow, focus_walk=keyboard)

    def close(self) -> None:
        if self._auditor is not None:
            self._auditor.close()
            self._auditor = None
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None


@pytest.fixture(scope="session")
def wetkit_app():
    """The WSGI app that serves a checked page's CSS, JS and images. None: override it in your conftest.py."""
    return None


@pytest.fixture(scope="session")
def _wetkit_session_check(wetkit_app):
    checker = WetkitCheck(wetkit_app)
    yield checker
    checker.close()


@pytest.fixture
def wetkit_check(_wetkit_session_check):
    """``wetkit_check(url_or_html_or_response, allow=(), keyboard=True, app=None, path=None)``: audit the page and
    fail the test on a barrier (see wetkit.audit.pytest_plugin)."""
    return _wetkit_session_check
