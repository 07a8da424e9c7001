"""Browser audits: the browser (browser.py), axe-core (axe.py), checks beyond axe (checks.py), the page runner
(runner.py) and the Nu HTML Checker (html.py)."""

from __future__ import annotations

import os
from pathlib import Path


def find_test_tool(env_var: str, relative: str, start: Path | None = None) -> Path | None:
    """A file from the npm-installed test tools: ``$env_var`` if set, else ``node_modules/<relative>`` in the
    current folder or a parent (a wetkit checkout after ``npm ci``). None when not found."""
    explicit = os.environ.get(env_var)
    if explicit:
        return Path(explicit)
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents, Path(__file__).resolve().parents[2]):
        candidate = folder / "node_modules" / relative
        if candidate.is_file():
            return candidate
    return None
