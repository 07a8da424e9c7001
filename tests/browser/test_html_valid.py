"""Every page of the built site is valid HTML by the Nu HTML Checker (one batched run)."""

from __future__ import annotations

import json

import pytest

from wetkit.audit.html import validate_files

pytestmark = pytest.mark.browser


def test_every_page_is_valid_html(built_site):
    """Every HTML file the build wrote (its manifest's list): what the build made, whatever else a test put beside."""
    written = json.loads((built_site / "manifest.json").read_text(encoding="utf-8"))["files"]
    pages = sorted(built_site / name for name in written if name.endswith(".html"))
    assert len(pages) >= len(list(built_site.glob("*/components/*/index.html"))) > 10
    errors = validate_files(pages)
    report = "\n".join(f"{name}\n  " + "\n  ".join(lines) for name, lines in errors.items())
    assert not errors, f"{sum(map(len, errors.values()))} HTML error(s):\n{report}"


def test_checker_reports_invalid_markup(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text('<!DOCTYPE html><html lang="en"><head><title>x</title></head>'
                   '<body><ul><div>not a list item</div></ul><label for="nope">L</label></body></html>')
    errors = validate_files([bad])
    text = " ".join(errors.get(str(bad), []))
    assert "div" in text and "nope" in text
