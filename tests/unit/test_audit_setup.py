"""Audit setup errors are clear: a missing browser says how to install one; a missing axe says `npm ci`."""

from __future__ import annotations

import pytest

from wetkit.audit import browser
from wetkit.audit.axe import AxeError, find_axe_script
from wetkit.errors import BrowserNotFound


def test_missing_browser_says_how_to_install(monkeypatch):
    monkeypatch.delenv("WETKIT_CHROMIUM", raising=False)
    monkeypatch.delenv("WETKIT_CHROMEDRIVER", raising=False)
    monkeypatch.delenv("WETKIT_WEBDRIVER_URL", raising=False)
    monkeypatch.setattr(browser.shutil, "which", lambda name: None)
    monkeypatch.setattr(browser.os.path, "exists", lambda path: False)
    with pytest.raises(BrowserNotFound, match=r"apt-get install -y chromium chromium-driver"):
        browser.start_browser()


def test_missing_axe_says_npm_ci(monkeypatch, tmp_path):
    monkeypatch.delenv("WETKIT_AXE_SCRIPT", raising=False)
    monkeypatch.setattr("wetkit.audit.Path.is_file", lambda self: False)
    with pytest.raises(AxeError, match="npm ci"):
        find_axe_script(tmp_path)
