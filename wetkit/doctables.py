"""Tables in docs/*.md that state facts of the component specs, generated from the specs.

A generated table sits between ``<!-- table:NAME -->`` and ``<!-- /table:NAME -->`` in a guide; ``TABLES`` maps
each NAME to the function that writes it from a Registry. ``python -m wetkit.doctables`` rewrites them in a
checkout's docs/ (``--check`` only reports the stale ones and exits 1); tests/unit/test_doc_tables.py fails when one
differs from the specs, so a spec change cannot leave a guide behind.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

from wetkit import paths
from wetkit.errors import WetkitError
from wetkit.registry import Registry, get_registry

DOCS_DIR = paths.PACKAGE_DIR.parent / "docs"


def positional_table(registry: Registry) -> str:
    """Which components take which parameters by position (the specs' ``positional``), one row per parameter list."""
    rows: dict[tuple[str, ...], list[str]] = {}
    for spec in registry:
        if spec.signature.positional:
            rows.setdefault(tuple(spec.signature.positional), []).append(spec.name)
    lines = ["| component | positional parameter |", "|---|---|"]
    for params, names in sorted(rows.items(), key=lambda row: (-len(row[1]), row[0])):
        lines.append(f"| {', '.join(f'`{n}`' for n in names)} | {', '.join(f'`{p}`' for p in params)} |")
    return "\n".join(lines)


TABLES: dict[str, Callable[[Registry], str]] = {"positional": positional_table}

_BLOCK = re.compile(r"(?P<open><!-- table:(?P<name>[a-z_]+) -->)(?P<body>.*?)(?P<close><!-- /table:(?P=name) -->)",
                    re.DOTALL)


def regenerate(text: str, registry: Registry, where: str = "the guide") -> str:
    """``text`` with every generated table rewritten from ``registry``; an unknown table name is an error."""

    def replace(match: re.Match) -> str:
        name = match.group("name")
        if name not in TABLES:
            raise WetkitError(f"{where}: no generated table called {name!r}; known: {', '.join(sorted(TABLES))}")
        return f"{match.group('open')}\n{TABLES[name](registry)}\n{match.group('close')}"

    return _BLOCK.sub(replace, text)


def stale_guides(docs_dir: Path = DOCS_DIR, registry: Registry | None = None, write: bool = False) -> list[Path]:
    """The guides whose generated tables differ from the specs (rewritten when ``write``)."""
    registry = get_registry() if registry is None else registry
    stale = []
    for path in sorted(Path(docs_dir).glob("*.md")):
        text = path.read_text(encoding="utf-8")
        fresh = regenerate(text, registry, where=str(path))
        if fresh != text:
            stale.append(path)
            if write:
                path.write_text(fresh, encoding="utf-8")
    return stale


def main(argv: list[str] | None = None) -> int:
    check = "--check" in (sys.argv[1:] if argv is None else argv)
    stale = stale_guides(write=not check)
    for path in stale:
        print(f"{path}: {'stale' if check else 'rewritten'}")
    return 1 if stale and check else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
