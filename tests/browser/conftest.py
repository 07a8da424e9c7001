"""Browser fixtures: one site server and one reused browser per test worker."""

from __future__ import annotations

from pathlib import Path

import pytest

from wetkit.audit.runner import Auditor


@pytest.fixture(scope="session")
def site_url(built_site):
    from wetkit.serve import serve_in_thread

    server, url = serve_in_thread(built_site)
    yield url
    server.shutdown()


REPORTS = Path(__file__).resolve().parents[2] / "reports"
_REVIEW: dict[str, list[str]] = {}


@pytest.fixture(scope="session")
def auditor():
    """One browser for the whole worker; restarted by the Auditor itself if a page wedges it."""
    with Auditor() as auditor:
        yield auditor
        _REVIEW.update(auditor.needs_review)


def pytest_terminal_summary(terminalreporter):
    """axe's "needs review" results are not failures, but a person must look at them: count and list them."""
    if not _REVIEW:
        return
    REPORTS.mkdir(exist_ok=True)
    target = REPORTS / "a11y-needs-review.txt"
    lines = [f"{page}\n" + "\n".join(f"  {item}" for item in items) for page, items in sorted(_REVIEW.items())]
    target.write_text("\n".join(lines) + "\n")
    total = sum(map(len, _REVIEW.values()))
    terminalreporter.write_line(f"axe: {total} result(s) on {len(_REVIEW)} page(s) need a person's review: {target}")


@pytest.fixture(scope="session")
def driver(auditor):
    """The auditor's browser, for tests that drive pages directly (keyboard, flows)."""
    auditor._ensure_browser()
    return auditor.driver
