"""Shared fixtures: the built demo site (once per session) and the manifest that parametrises browser tests."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The demo site built from every component spec, in a temporary folder."""
    from wetkit.site import build_site

    out = tmp_path_factory.mktemp("site")
    build_site(out)
    return out
