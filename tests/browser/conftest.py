"""Browser fixtures: one site server and one reused browser per test worker."""

from __future__ import annotations

import pytest

from wetkit.audit.runner import Auditor


@pytest.fixture(scope="session")
def site_url(built_site):
    from wetkit.serve import serve_in_thread

    server, url = serve_in_thread(built_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def auditor():
    """One browser for the whole worker; restarted by the Auditor itself if a page wedges it."""
    with Auditor() as auditor:
        yield auditor


@pytest.fixture(scope="session")
def driver(auditor):
    """The auditor's browser, for tests that drive pages directly (keyboard, flows)."""
    auditor._ensure_browser()
    return auditor.driver
