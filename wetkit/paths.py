"""Where wetkit's own files live, installed or in a source checkout.

A wheel carries ``components/`` and ``themes/`` inside the package (``wetkit/components``); a source checkout or an
editable install keeps them at the repository root. Everything else asks this module, never builds paths itself.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        "wetkit cannot find its data folder; looked in: " + ", ".join(str(c) for c in candidates)
    )


COMPONENTS_DIR = _first_existing(PACKAGE_DIR / "components", PACKAGE_DIR.parent / "components")
THEMES_DIR = _first_existing(PACKAGE_DIR / "themes", PACKAGE_DIR.parent / "themes")
TEMPLATES_DIR = PACKAGE_DIR / "templates"
SCSS_DIR = PACKAGE_DIR / "scss"
JS_DIR = PACKAGE_DIR / "js"
LOCALE_DIR = PACKAGE_DIR / "locale"
