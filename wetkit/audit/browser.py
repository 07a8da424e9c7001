"""Start the browser the audits run in: Debian's Chromium + chromedriver, headless, or a remote WebDriver.

Lookup order for a local browser: ``WETKIT_CHROMIUM`` / ``WETKIT_CHROMEDRIVER`` if set, then ``chromium``,
``chromium-browser``, ``google-chrome`` on PATH and ``chromedriver`` on PATH (Debian: ``/usr/bin/chromedriver``).
Selenium Manager is used only when no driver is installed at all (it cannot download browsers offline).
``WETKIT_WEBDRIVER_URL`` (or ``remote_url=``) points at a Selenium Grid or a bare ``chromedriver --port``.
"""

from __future__ import annotations

import os
import shutil
import tempfile

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
            driver = webdriver.Remote(command_executor=remote_url, options=chrome_options())
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
        raise BrowserNotFound(f"the browser did not start: {err.msg or err}. " + INSTALL_HINT) from err
    driver.set_page_load_timeout(page_load_timeout)
    driver.set_script_timeout(SCRIPT_TIMEOUT)
    return driver


def set_viewport(driver, width: int, height: int = 900) -> None:
    """Exact CSS-pixel viewport through CDP (window sizes include browser chrome and are not exact)."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )
