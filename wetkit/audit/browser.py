"""Start the browser the audits run in: Debian's Chromium + chromedriver, headless, or a remote WebDriver.

Lookup order for a local browser: ``WETKIT_CHROMIUM`` / ``WETKIT_CHROMEDRIVER`` if set, then ``chromium``,
``chromium-browser``, ``google-chrome`` on PATH and ``chromedriver`` on PATH (Debian: ``/usr/bin/chromedriver``).
Selenium Manager is used only when no driver is installed at all (it cannot download browsers offline).
``WETKIT_WEBDRIVER_URL`` (or ``remote_url=``) points at a Selenium Grid or a bare ``chromedriver --port``. A remote
browser gets the same headless flags; its binary (``goog:chromeOptions.binary``) is ``WETKIT_REMOTE_CHROMIUM`` if set
(empty: let the node choose), else this machine's Chromium when the WebDriver runs on loopback (a Grid or chromedriver
started here, whose node is this machine), else none: the node's driver finds its own browser. A WebDriver URL that
does not answer raises BrowserNotFound naming the URL.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import urllib.parse

from wetkit.errors import BrowserNotFound

HEADLESS_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
)
INSTALL_HINT = (
    "Install Chromium and its driver: on Debian/Ubuntu `sudo apt-get install -y chromium chromium-driver`; "
    "on macOS `brew install --cask chromium chromedriver`. Or set WETKIT_CHROMIUM and WETKIT_CHROMEDRIVER to their "
    "paths, or WETKIT_WEBDRIVER_URL to a remote WebDriver."
)
PAGE_LOAD_TIMEOUT = 20
SCRIPT_TIMEOUT = 30


def find_chromium() -> tuple[str | None, str | None]:
    """(browser binary, chromedriver) found on this machine; either may be None."""
    binary = os.environ.get("WETKIT_CHROMIUM") or next(
        (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome", "chrome")) if p), None
    )
    driver = os.environ.get("WETKIT_CHROMEDRIVER") or shutil.which("chromedriver")
    if driver is None and os.path.exists("/usr/bin/chromedriver"):
        driver = "/usr/bin/chromedriver"
    return binary, driver


def chrome_options(binary: str | None = None):
    from selenium.webdriver.chrome.options import Options

    options = Options()
    for flag in HEADLESS_FLAGS:
        options.add_argument(flag)
    options.add_argument("--window-size=1280,900")
    options.add_argument("--lang=en-CA")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if binary:
        options.binary_location = binary
    return options


def start_browser(remote_url: str | None = None, page_load_timeout: float = PAGE_LOAD_TIMEOUT):
    """A ready WebDriver with timeouts set. Raises BrowserNotFound (with install steps) when none can start."""
    try:
        from selenium import webdriver
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.chrome.service import Service
    except ImportError as err:  # pragma: no cover - depends on the install
        raise BrowserNotFound("the audit needs selenium: pip install 'wetkit[audit]'") from err

    remote_url = remote_url or os.environ.get("WETKIT_WEBDRIVER_URL")
    try:
        if remote_url:
            driver = _start_remote(webdriver, remote_url)
        else:
            binary, driver_path = find_chromium()
            if binary is None and driver_path is None:
                raise BrowserNotFound("no Chromium or chromedriver found. " + INSTALL_HINT)
            options = chrome_options(binary)
            options.add_argument("--user-data-dir=" + tempfile.mkdtemp(prefix="wetkit-chromium-"))
            # With a driver path Selenium Manager is never consulted; without one it looks for a driver itself.
            service = Service(executable_path=driver_path) if driver_path else Service()
            driver = webdriver.Chrome(service=service, options=options)
    except WebDriverException as err:
        if remote_url:
            raise BrowserNotFound(f"the remote WebDriver at {remote_url} did not start a browser: "
                                  f"{err.msg or err}") from err
        raise BrowserNotFound(f"the browser did not start: {err.msg or err}. " + INSTALL_HINT) from err
    driver.set_page_load_timeout(page_load_timeout)
    driver.set_script_timeout(SCRIPT_TIMEOUT)
    return driver


def remote_options(remote_url: str):
    """Options for a remote Chromium: the local headless flags, and the browser binary where it is known (see the
    module docstring: ``WETKIT_REMOTE_CHROMIUM``, else this machine's Chromium for a loopback WebDriver)."""
    binary = os.environ.get("WETKIT_REMOTE_CHROMIUM")
    if binary is None and _is_loopback(remote_url):
        binary = find_chromium()[0]
    return chrome_options(binary or None)


def _is_loopback(url: str) -> bool:
    host = (urllib.parse.urlsplit(url).hostname or "").lower()
    return host in ("localhost", "::1") or host.startswith("127.")


def _start_remote(webdriver, remote_url: str):
    """A session on a Selenium Grid or a bare chromedriver. The driver class adds ``get_log`` (console errors), which
    selenium keeps for local Chromium only; CDP commands go through chromedriver's ``goog/cdp/execute`` endpoint,
    which a Grid forwards to its node."""
    import urllib3.exceptions
    from selenium.webdriver.remote.command import Command

    class RemoteChromium(webdriver.Remote):
        def get_log(self, log_type: str):
            return self.execute(Command.GET_LOG, {"type": log_type})["value"]

    try:
        return RemoteChromium(command_executor=remote_url, options=remote_options(remote_url))
    except (OSError, urllib3.exceptions.HTTPError) as err:
        reason = getattr(err, "reason", None) or err
        raise BrowserNotFound(
            f"no WebDriver answers at {remote_url} ({reason}): start the Selenium Grid or `chromedriver --port=N`, "
            "or fix WETKIT_WEBDRIVER_URL / --webdriver"
        ) from err


def set_viewport(driver, width: int, height: int = 900, *, next_frame: bool = True) -> None:
    """Exact CSS-pixel viewport through CDP (window sizes include browser chrome and are not exact). Returns after
    the next rendered frame, so the page's own answers to the new size (ResizeObserver callbacks, which run in that
    frame: the table's scroll-region tab stop, for one) are in place, as they are before a person can act.
    ``next_frame=False`` returns at once: for a size set before loading a page, which is laid out at it anyway."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )
    if next_frame:
        driver.execute_async_script(_NEXT_FRAME)


# A frame's rendering steps (resize observers included) run after its requestAnimationFrame callbacks; a task queued
# from one runs once that frame is done.
_NEXT_FRAME = "var done = arguments[0]; requestAnimationFrame(function () { setTimeout(done, 0); });"


# The colour schemes the audit emulates, as CDP media features. Every call sets both features, so one scheme never
# leaks into the next. Forced colours use Chromium's light system palette (black on white, like Windows' "Desert"
# contrast theme): one palette is enough for the focus check, which asks whether focus draws anything at all.
SCHEME_FEATURES = {
    "light": {"prefers-color-scheme": "light", "forced-colors": "none"},
    "dark": {"prefers-color-scheme": "dark", "forced-colors": "none"},
    "forced-colors": {"prefers-color-scheme": "light", "forced-colors": "active"},
}


def emulate_scheme(driver, scheme: str | None) -> None:
    """Emulate a colour scheme (a key of ``SCHEME_FEATURES``) through CDP ``Emulation.setEmulatedMedia``, whatever the
    host's own setting; None goes back to the browser's default."""
    if scheme is not None and scheme not in SCHEME_FEATURES:
        raise ValueError(f"unknown colour scheme {scheme!r}: use one of {', '.join(SCHEME_FEATURES)}")
    features = [{"name": name, "value": value} for name, value in SCHEME_FEATURES.get(scheme, {}).items()]
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": features})
