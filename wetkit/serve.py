"""Serve a built site on loopback, with the Content-Security-Policy every wetkit page must work under."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

CSP = "default-src 'self'; img-src 'self' data:; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"


class _Handler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format, *args):  # noqa: A002 - stdlib signature
        if getattr(self.server, "verbose", False):
            super().log_message(format, *args)


def make_server(root: Path | str, host: str = "127.0.0.1", port: int = 0, verbose: bool = False):
    """A ThreadingHTTPServer for ``root`` (port 0 picks a free one: see ``server.server_port``)."""
    handler = functools.partial(_Handler, directory=str(root))
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
