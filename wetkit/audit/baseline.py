"""Baselines: adopt ``wetkit check`` on a site that already has barriers, and fail only on new ones.

``wetkit check SITE --baseline a11y-baseline.json``:

- the file does not exist: today's findings are recorded in it and the run passes (exit 0);
- it exists: a finding recorded in it is **known**, anything else is **new**. Only new findings fail the run.
  Known findings are still listed in every report (terminal, JSON, JUnit, HTML) as "known": a baseline hides
  nothing, it only changes the exit code. Recorded findings no longer found are listed as **fixed since baseline**
  (only for pages checked in this run whose page loaded: a page not checked proves nothing);
- ``--update-baseline`` rewrites the file from this run: the findings of the pages checked now replace theirs, and
  the entries of pages not checked in this run are kept.

A finding's key is stable across runs: the page's path (and query) without the origin (so a folder served on
another port, or staging and production, match), the check, the rule and the element's selector; never the message,
the width or the order of findings. Selectors that carry measurements (a reflow report's "right edge 608px") are
reduced to their stable part, and a console error is keyed by its source. Pages that could not be loaded
(``load`` findings: unreachable, timeouts, a crashed browser) are never recorded: an unreachable page must always
fail, or a baseline made during an outage would hide it.

The file is JSON, sorted, with no timestamp, so that it diffs cleanly in review.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from wetkit.errors import WetkitError

FORMAT = 1
NEVER_RECORDED = ("load",)
_MEASURE = re.compile(r"\s*\((?:right edge|width|height)[^)]*\)")


class BaselineError(WetkitError, ValueError):
    """The baseline file exists but cannot be read as one (a usage error: exit 2)."""


@dataclass(frozen=True, order=True)
class Key:
    page: str
    check: str
    rule: str
    target: str

    def describe(self) -> str:
        return f"{self.page}: [{self.check}] {self.rule}: {self.target}"

    def as_dict(self) -> dict:
        return {"page": self.page, "check": self.check, "rule": self.rule, "target": self.target}


def stable_target(check: str, target: str) -> str:
    """The part of a problem's target that does not move between runs."""
    if check == "reflow":
        return ", ".join(part for part in (_MEASURE.sub("", t).strip() for t in target.split(", ")) if part)
    return target.strip()


def key_for(page: str, problem) -> Key:
    return Key(page, problem.check, problem.rule, stable_target(problem.check, problem.target))


@dataclass
class Comparison:
    """Current findings against a baseline: ``known`` holds the current keys recorded in the baseline."""

    known: set[Key] = field(default_factory=set)
    new: set[Key] = field(default_factory=set)
    fixed: list[Key] = field(default_factory=list)
    not_checked: list[Key] = field(default_factory=list)


def load(path: str | Path) -> set[Key] | None:
    """The recorded keys; None when the file does not exist. BaselineError when it is not a wetkit baseline."""
    file = Path(path)
    if not file.exists():
        return None
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as err:
        raise BaselineError(f"--baseline {path}: not a readable wetkit baseline ({err}); fix it, or delete it to "
                            "record a new one") from err
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise BaselineError(f"--baseline {path}: not a wetkit baseline (a JSON object with a 'findings' list)")
    if data.get("format", FORMAT) > FORMAT:
        raise BaselineError(f"--baseline {path}: written by a newer wetkit (format {data['format']})")
    keys = set()
    for number, entry in enumerate(data["findings"], 1):
        try:
            keys.add(Key(*(str(entry[name]) for name in ("page", "check", "rule", "target"))))
        except (KeyError, TypeError) as err:
            raise BaselineError(f"--baseline {path}: finding {number} needs page, check, rule and target") from err
    return keys


def save(path: str | Path, keys: Iterable[Key], about: dict | None = None) -> int:
    """Write the baseline atomically (a temporary file renamed over the old one); returns the number of keys."""
    keys = sorted(set(keys))
    data = {"format": FORMAT, "tool": "wetkit check", **(about or {}),
            "findings": [key.as_dict() for key in keys]}
    file = Path(path)
    file.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=file.parent, prefix=f".{file.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        os.replace(temporary, file)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return len(keys)


def recordable(keys: Iterable[Key]) -> set[Key]:
    return {key for key in keys if key.check not in NEVER_RECORDED}


def compare(recorded: set[Key], current: Iterable[Key], checked_pages: Iterable[str]) -> Comparison:
    """Which current findings are new and which known; which recorded ones are fixed (on a page checked now) or
    could not be confirmed (their page was not checked, or did not load)."""
    current = set(current)
    checked = set(checked_pages)
    result = Comparison(known=current & recorded, new=current - recorded)
    for key in sorted(recorded - current):
        (result.fixed if key.page in checked else result.not_checked).append(key)
    return result


def merged(recorded: set[Key] | None, current: Iterable[Key], checked_pages: Iterable[str]) -> set[Key]:
    """The baseline ``--update-baseline`` writes: this run's findings for the pages it checked, the old entries for
    the others."""
    checked = set(checked_pages)
    kept = {key for key in (recorded or set()) if key.page not in checked}
    return kept | recordable(current)
