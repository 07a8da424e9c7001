"""``wetkit check --components-dir DIR --theme-dir DIR``: the suite on a team's own components and themes.

The demo site is built with the team's folders loaded alongside wetkit's (into a temporary folder, or ``--out``),
then its example pages are audited exactly like any ``wetkit check`` target (axe-core, reflow, text spacing, keyboard
focus, console, light and dark), and checked for HTML validity with the Nu HTML Checker in one batch. Which pages:

- every example page (English and French) of the team's components, when it has any;
- every example page of every component otherwise (a theme alone changes every component), or with
  ``all_examples``.
"""

from __future__ import annotations

import tempfile
import urllib.parse
from pathlib import Path

from wetkit.audit.checks import Problem
from wetkit.errors import WetkitError
from wetkit.site import Page, build_site


class TeamSite:
    """The demo site of a :class:`wetkit.jinja.Setup` (a team's registry and theme folders) in ``theme``, built into
    ``out`` (a temporary folder, removed by :meth:`close`, when None). ``pages`` are the pages to audit."""

    def __init__(self, setup, theme: str = "base", out: str | Path | None = None, all_examples: bool = False):
        self._temporary = tempfile.TemporaryDirectory(prefix="wetkit-check-") if out is None else None
        self.folder = Path(self._temporary.name if self._temporary else out).resolve()
        # One theme, the team's: no variant pages in the other themes (each would be one more page to audit).
        built = build_site(self.folder, theme=theme, registry=setup.registry, themes=setup.theme_dirs,
                           clean=self._temporary is not None, variants=())
        team = set(setup.registry.team_names())
        self.pages: list[Page] = [page for page in built if page.example is not None
                                  and (all_examples or not team or page.component in team)]
        if not self.pages:
            raise WetkitError(f"the site built in {self.folder} has no example pages to check")
        self.note = (f"checking {len(self.pages)} example pages of {len(team)} team component(s)"
                     if team and not all_examples else f"checking all {len(self.pages)} example pages")

    def select(self, urls: list[str], base: str) -> list[str]:
        """Of ``urls`` (the built folder served at ``base``), the chosen pages' URLs, in site order."""
        wanted = {base + urllib.parse.quote(page.path): page for page in self.pages}
        return [url for url in urls if url in wanted]

    def html_problems(self, base: str) -> dict[str, list[Problem]]:
        """Nu HTML Checker errors of the chosen pages (one batch), as problems by page URL (``base`` + path)."""
        from wetkit.audit.html import validate_files

        files = {str(self.folder / page.file): base + urllib.parse.quote(page.path) for page in self.pages}
        problems: dict[str, list[Problem]] = {}
        for name, lines in validate_files(list(files)).items():
            url = files.get(name)
            if url is None:
                raise WetkitError(f"the Nu HTML Checker reported on {name}, which was not one of the pages given")
            for line in lines:
                where, _, message = line.partition(": ")
                problems.setdefault(url, []).append(Problem("html", "nu-html-checker", f"line {where}", message))
        return problems

    def close(self) -> None:
        if self._temporary is not None:
            self._temporary.cleanup()

    def __enter__(self) -> TeamSite:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
