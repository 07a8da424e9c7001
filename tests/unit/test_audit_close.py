"""Closing an Auditor never hangs the suite: a browser that does not quit in time is killed."""

from __future__ import annotations

import subprocess
import sys
import time

from wetkit.audit import runner
from wetkit.audit.runner import Auditor


class _Service:
    def __init__(self, process):
        self.process = process


class _WedgedDriver:
    """``quit()`` waits until its chromedriver process is gone, as a driver whose renderer is stuck in a loop does."""

    def __init__(self):
        self.service = _Service(subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"]))
        self.quit_called = False

    def quit(self):
        self.quit_called = True
        while self.service.process.poll() is None:
            time.sleep(0.02)


class _PoliteDriver:
    def __init__(self):
        self.quit_called = False

    def quit(self):
        self.quit_called = True


def test_a_browser_that_will_not_quit_is_killed(monkeypatch):
    monkeypatch.setattr(runner, "QUIT_TIMEOUT", 0.3)
    auditor = Auditor(axe_script="unused")
    driver = auditor.driver = _WedgedDriver()
    started = time.monotonic()
    auditor.close()
    assert time.monotonic() - started < 5
    assert driver.quit_called and driver.service.process.wait(timeout=5) is not None  # killed, not left running
    assert auditor.driver is None and auditor.axe is None


def test_a_browser_that_quits_is_not_killed(monkeypatch):
    killed = []
    monkeypatch.setattr("wetkit.audit.pool.kill_browser", lambda *args: killed.append(args))
    auditor = Auditor(axe_script="unused")
    driver = auditor.driver = _PoliteDriver()
    auditor.close()
    assert driver.quit_called and killed == [] and auditor.driver is None
