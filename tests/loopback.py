"""A throw-away HTTP server on the loopback address, for tests that need a site with behaviour of their own (a login,
a crash, a redirect, a recorded POST). Only 127.0.0.1 is ever a target of test traffic."""

from __future__ import annotations

import contextlib
import http.server
import threading
from collections.abc import Iterator


@contextlib.contextmanager
def serving(handler) -> Iterator[str]:
    """Serve ``handler`` (a request handler class, or a factory such as ``functools.partial(SimpleHTTPRequestHandler,
    directory=...)``) on 127.0.0.1 at a free port, in daemon threads; yields ``http://127.0.0.1:PORT``. Stopped and
    its socket closed on exit."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True, name="loopback-server").start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
