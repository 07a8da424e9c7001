"""Serve a built site on loopback, with the Content-Security-Policy every wetkit page must work under.

A small static file server for looking at the demo site and for the audit, not a production server:

- a file is served as itself; a folder serves its ``index.html`` (a request without the trailing slash is
  redirected to it), and a folder without one is a 404: the contents of a folder are never listed;
- the path is checked before it reaches the file system: invalid percent-encoding, a percent-encoding that is not
  UTF-8, NUL or other control characters (raw or encoded), backslashes, ``..`` segments (raw or encoded) and paths
  over ``MAX_PATH`` characters answer ``400``; a path that leaves the folder through a symlink answers ``404``;
- every response, error pages included, carries the CSP, ``Cache-Control: no-store`` and
  ``X-Content-Type-Options: nosniff``; an error is a small HTML page, never a dropped connection or a traceback.
"""

from __future__ import annotations

import functools
import html
import http.server
import os
import re
import threading
import urllib.parse
from pathlib import Path

# frame-ancestors 'self': the component pages show each example page in an <iframe>; other sites still cannot frame.
CSP = "default-src 'self'; img-src 'self' data:; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
MAX_PATH = 2048  # characters of the request path (before decoding), query string excluded
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\\]")

_ERROR_PAGE = """\
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>%(code)d %(message)s</title></head>
<body><main><h1>%(code)d %(message)s</h1><p>%(explain)s</p></main></body>
</html>
"""


class BadPath(ValueError):
    """A request path the server will not map to a file (answered with 400)."""


def request_parts(target: str) -> list[str]:
    """The decoded path segments of a request target (``/a/b%20c/?q`` -> ``["a", "b c", ""]``): the last one is
    ``""`` when the path ends in ``/``. Raises ``BadPath`` for anything that is not a plain path inside the site."""
    path = target.split("?", 1)[0].split("#", 1)[0]
    if not path.startswith("/"):
        raise BadPath("the request path must start with /")
    if len(path) > MAX_PATH:
        raise BadPath(f"the request path is longer than {MAX_PATH} characters")
    if _BAD_PERCENT.search(path):
        raise BadPath("the request path has an invalid percent-encoding")
    try:
        decoded = urllib.parse.unquote(path, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise BadPath("the request path is not UTF-8") from None
    if _CONTROL.search(decoded):
        raise BadPath("the request path holds a control character or a backslash")
    parts = decoded.split("/")[1:]
    if ".." in parts:
        raise BadPath("the request path climbs out of the site with ..")
    return [part for part in parts[:-1] if part not in ("", ".")] + [parts[-1] if parts[-1] != "." else ""]


class _Handler(http.server.SimpleHTTPRequestHandler):
    default_request_version = "HTTP/1.0"  # so even an unparseable request line gets a reply with headers
    error_message_format = _ERROR_PAGE
    error_content_type = "text/html; charset=utf-8"

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        message = message or self.responses.get(code, ("Error",))[0]
        explain = explain or self.responses.get(code, ("", ""))[1]
        super().send_error(code, message, explain)

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        self._answer(body=True)

    def do_HEAD(self) -> None:  # noqa: N802 - stdlib name
        self._answer(body=False)

    def _answer(self, body: bool) -> None:
        headers_sent = False
        try:
            found = self._locate()
            if found is None:
                return
            path, size = found
            with open(path, "rb") as handle:
                self.send_response(200)
                self.send_header("Content-Type", self._content_type(path))
                self.send_header("Content-Length", str(size))
                self.end_headers()
                headers_sent = True
                if body:
                    self.copyfile(handle, self.wfile)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        except Exception as err:  # noqa: BLE001 - a request must end in an answer, never in a dropped connection
            self.log_error("error answering %r: %r", self.path, err)
            if headers_sent:
                self.close_connection = True
            else:
                self.send_error(500, "Internal Server Error", "The server could not read this page.")

    def _locate(self) -> tuple[str, int] | None:
        """The file to send and its size; or None after sending a redirect or an error page."""
        try:
            parts = request_parts(self.path)
        except BadPath as err:
            self.send_error(400, "Bad Request", str(err))
            return None
        root = Path(self.directory).resolve()
        target = root.joinpath(*parts)
        try:
            resolved = target.resolve()
            inside = resolved == root or root in resolved.parents
            if inside and resolved.is_dir():
                if parts[-1] != "":  # /components/alert -> /components/alert/, as a browser needs for relative links
                    self._redirect_to_folder(parts)
                    return None
                resolved = resolved / "index.html"
            elif parts[-1] == "":  # a trailing slash names a folder, and this is not one
                inside = False
            if inside and resolved.is_file():
                return str(resolved), resolved.stat().st_size
        except OSError:  # a name too long for the file system, a loop of symlinks, no permission
            pass
        self.send_error(404, "Not Found", "There is no page at this address.")
        return None

    def _redirect_to_folder(self, parts: list[str]) -> None:
        location = "/" + "/".join(urllib.parse.quote(part) for part in parts) + "/"
        query = urllib.parse.urlsplit(self.path).query
        if query:
            location += "?" + urllib.parse.quote(query, safe="=&+%")
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        page = f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Moved</title></head>' \
               f'<body><p><a href="{html.escape(location)}">{html.escape(location)}</a></p></body></html>\n'
        data = page.encode("utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _content_type(self, path: str) -> str:
        kind = self.guess_type(path)
        if kind.startswith("text/") or kind in ("application/javascript", "image/svg+xml", "application/json"):
            kind += "; charset=utf-8"
        return kind

    def list_directory(self, path):  # never reached (_locate decides); kept closed should a stdlib path call it
        self.send_error(404, "Not Found", "There is no page at this address.")
        return None

    def log_message(self, format, *args):  # noqa: A002 - stdlib signature
        if getattr(self.server, "verbose", False):
            super().log_message(format, *args)


def make_server(root: Path | str, host: str = "127.0.0.1", port: int = 0, verbose: bool = False):
    """A ThreadingHTTPServer for ``root`` (port 0 picks a free one: see ``server.server_port``)."""
    handler = functools.partial(_Handler, directory=os.fspath(root))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    server.verbose = verbose
    return server


def serve_in_thread(root: Path | str, host: str = "127.0.0.1", port: int = 0):
    """Start serving in a daemon thread; returns (server, base_url). Call ``server.shutdown()`` to stop."""
    server = make_server(root, host, port)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://{host}:{server.server_port}/"
