"""`wetkit serve` never lists a folder, answers every bad path with a small error page (never a dropped connection),
and sends its CSP and Cache-Control on every response (issue #6, item 7)."""

from __future__ import annotations

import http.client
import socket

import pytest

from wetkit.serve import CSP, serve_in_thread


@pytest.fixture(scope="module")
def port(tmp_path_factory):
    root = tmp_path_factory.mktemp("served")
    (root / "index.html").write_text("<!DOCTYPE html><title>Home</title><p>home page</p>")
    (root / "page.html").write_text("<!DOCTYPE html><title>Page</title><p>a page</p>")
    (root / "docs").mkdir()
    (root / "docs" / "index.html").write_text("<p>docs index</p>")
    (root / "assets").mkdir()
    (root / "assets" / "secret-draft.css").write_text("body {}")
    outside = tmp_path_factory.mktemp("outside")
    (outside / "secret.txt").write_text("not for the web")
    (root / "escape").symlink_to(outside, target_is_directory=True)
    server, _ = serve_in_thread(root)
    yield server.server_port
    server.shutdown()
    server.server_close()


def _request(port, path, method="GET"):
    """Send ``path`` exactly as given (no client-side normalising); returns (status, headers, body)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest(method, path, skip_host=False, skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def _raw(port, request: bytes):
    """Send raw bytes (http.client refuses a NUL in a URL); returns the status line, headers and body."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return head.decode("latin-1"), body


def _assert_error_page(headers, body):
    assert headers["Content-Security-Policy"] == CSP
    assert headers["Cache-Control"] == "no-store"
    assert headers["Content-Type"].startswith("text/html")
    assert body.startswith(b"<!DOCTYPE html>") and b"Traceback" not in body


def test_a_page_is_served_with_the_csp(port):
    status, headers, body = _request(port, "/page.html")
    assert status == 200
    assert headers["Content-Security-Policy"] == CSP
    assert headers["Cache-Control"] == "no-store"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert b"a page" in body
    assert _request(port, "/")[2].endswith(b"home page</p>")


def test_a_folder_serves_its_index_and_a_folder_without_one_is_not_listed(port):
    status, headers, body = _request(port, "/docs/")
    assert (status, body) == (200, b"<p>docs index</p>")
    status, headers, _ = _request(port, "/docs")
    assert (status, headers["Location"]) == (301, "/docs/")
    for method in ("GET", "HEAD"):
        status, headers, body = _request(port, "/assets/", method)
        assert status == 404
        assert b"secret-draft" not in body
        assert headers["Content-Security-Policy"] == CSP
    _assert_error_page(headers, _request(port, "/assets/")[2])


@pytest.mark.parametrize("path", [
    "/%00",
    "/page.html%00.txt",
    "/%zz",
    "/%ff%fe",
    "/a%5c..%5cpage.html",
    "/" + "a" * 5000,
])
def test_a_bad_path_answers_400_with_an_error_page(port, path):
    status, headers, body = _request(port, path)
    assert status == 400
    _assert_error_page(headers, body)


@pytest.mark.parametrize("path", ["/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/docs/../../etc/passwd",
                                  "/docs/%2E%2E/page.html"])
def test_dot_dot_is_refused(port, path):
    status, headers, body = _request(port, path)
    assert status == 400
    _assert_error_page(headers, body)
    assert b"root:" not in body


def test_a_symlink_out_of_the_folder_is_not_followed(port):
    status, headers, body = _request(port, "/escape/secret.txt")
    assert status == 404
    assert b"not for the web" not in body
    _assert_error_page(headers, body)


@pytest.mark.parametrize("request_bytes", [
    b"GET /\x00 HTTP/1.0\r\n\r\n",
    b"GET /page.html\x00 HTTP/1.1\r\nHost: x\r\n\r\n",
    b"NONSENSE\r\n\r\n",
])
def test_raw_nul_and_garbage_get_an_answer_with_headers(port, request_bytes):
    head, body = _raw(port, request_bytes)
    assert head.startswith("HTTP/1.0 400 ")
    assert f"Content-Security-Policy: {CSP}" in head
    assert "Cache-Control: no-store" in head
    assert body.startswith(b"<!DOCTYPE html>")
