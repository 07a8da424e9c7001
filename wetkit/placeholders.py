"""Placeholder text left in a component folder: what `wetkit new` writes for the contributor to replace.

A component cannot merge while its spec, macro, styles, script or examples still hold:

- ``TODO``, ``FIXME`` or ``XXX`` (as words, in capitals): every placeholder the scaffold writes (``wetkit new``,
  ``wetkit.scaffold``) carries ``TODO``, so this catches exactly the scaffold's placeholders, and any a contributor
  adds;
- ``lorem ipsum`` filler (any case);
- an empty ``automated: []`` or ``manual: []`` list under ``a11y`` (the spec must say what the suite proves and
  what a person must test).

``find_placeholders(folder)`` lists them with file and line; ``check_folder(folder)`` raises a WetkitError naming
each. tests/unit/test_placeholders.py runs the check over every folder in ``components/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from wetkit.errors import WetkitError

#: Files of a component folder that are read (others, such as images, are not text a person reads).
TEXT_SUFFIXES = (".yaml", ".yml", ".html", ".scss", ".js", ".md", ".txt")

_MARKERS = re.compile(r"\b(TODO|FIXME|XXX)\b|\blorem\b", re.IGNORECASE)
_CAPITALS_ONLY = {"todo", "fixme", "xxx"}  # these count only in capitals ("todo" can be a task list's own word)
_EMPTY_A11Y_LIST = re.compile(r"^\s+(automated|manual):\s*\[\s*\]\s*(#.*)?$")


@dataclass(frozen=True)
class Placeholder:
    """One placeholder: the file, its 1-based line, the marker found and the line's text."""

    file: Path
    line: int
    marker: str
    text: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.marker}: {self.text.strip()}"


def _markers(line: str) -> list[str]:
    found = []
    for match in _MARKERS.finditer(line):
        word = match.group(0)
        if word.lower() in _CAPITALS_ONLY and word != word.upper():
            continue
        found.append("lorem ipsum filler" if word.lower() == "lorem" else word)
    return found


def find_placeholders(folder: Path) -> list[Placeholder]:
    """Every placeholder in the text files of one component folder, in file and line order."""
    found = []
    for path in sorted(p for p in Path(folder).rglob("*") if p.is_file() and p.suffix in TEXT_SUFFIXES):
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as err:
            raise WetkitError(f"{path}: cannot be read as UTF-8 text to look for placeholders ({err})") from err
        in_a11y = False
        for number, line in enumerate(lines, start=1):
            found += [Placeholder(path, number, marker, line) for marker in _markers(line)]
            if path.suffix in (".yaml", ".yml"):
                if line and not line[0].isspace() and not line.startswith("#"):
                    in_a11y = line.startswith("a11y:")
                match = _EMPTY_A11Y_LIST.match(line)
                if in_a11y and match:
                    found.append(Placeholder(path, number, f"empty a11y.{match.group(1)} list", line))
    return found


def check_folder(folder: Path) -> None:
    """Raise a WetkitError naming every placeholder in ``folder`` (file, line, marker, text); None when clean."""
    found = find_placeholders(folder)
    if found:
        listed = "\n  ".join(str(p) for p in found)
        raise WetkitError(f"component {Path(folder).name!r} still holds {len(found)} placeholder(s); replace each "
                          f"with the real text (an a11y list says what is proven or must be tested):\n  {listed}")
