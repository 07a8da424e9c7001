"""Tables in docs/ that state facts of the specs or of the page template are generated from them or checked
against them, so a change there cannot leave a guide behind."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import jinja2.meta
import pytest

import wetkit
from wetkit import paths
from wetkit.doctables import TABLES, positional_table, regenerate, stale_guides
from wetkit.errors import WetkitError
from wetkit.registry import get_registry

DOCS = paths.PACKAGE_DIR.parent / "docs"
REGISTRY = get_registry()


def test_generated_tables_match_the_specs():
    stale = stale_guides(DOCS, REGISTRY)
    assert not stale, f"regenerate with `python -m wetkit.doctables`: {[str(p) for p in stale]}"


def test_every_generated_table_is_used():
    used = {m for path in DOCS.glob("*.md") for m in re.findall(r"<!-- table:([a-z_]+) -->",
                                                                  path.read_text(encoding="utf-8"))}
    assert used == set(TABLES)


def test_positional_table_lists_every_positional_parameter():
    table = positional_table(REGISTRY)
    for spec in REGISTRY:
        row = next((line for line in table.splitlines() if f"`{spec.name}`" in line), None)
        if spec.signature.positional:
            assert row is not None and row.endswith(f"| {', '.join(f'`{p}`' for p in spec.signature.positional)} |")
        else:
            assert row is None


def test_a_stale_table_is_rewritten_and_an_unknown_one_refused(tmp_path):
    guide = tmp_path / "guide.md"
    guide.write_text("Intro\n<!-- table:positional -->\n| old | table |\n<!-- /table:positional -->\nEnd\n")
    assert stale_guides(tmp_path, REGISTRY, write=True) == [guide]
    assert guide.read_text() == f"Intro\n<!-- table:positional -->\n{positional_table(REGISTRY)}\n" \
                                "<!-- /table:positional -->\nEnd\n"
    assert stale_guides(tmp_path, REGISTRY) == []
    with pytest.raises(WetkitError, match=r"guide\.md: no generated table called 'colours'; known: positional"):
        regenerate("<!-- table:colours --><!-- /table:colours -->", REGISTRY, where="guide.md")


# ---- hand tables checked against the specs -------------------------------------------------------------------


def _table_rows(path: Path, header: str) -> list[list[str]]:
    """The cells of each body row of the table whose header row is ``header`` in ``path``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index(header) + 2
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    assert rows, f"{path}: the table {header!r} is empty"
    return rows


def _vocabulary(params) -> set[str]:
    """Every name a guide may cite for these parameters: their names, their fields' names, their enum values."""
    words = set()
    for name, schema in params.items():
        words.add(name)
        words.update(str(v) for v in schema.values or ())
        words |= _vocabulary(schema.fields or {})
    return words


def test_forms_guide_table_names_real_components_and_parameters():
    """docs/forms.md's "which component" table: each component exists, and each `name` its notes cite is one of
    that component's parameters, fields or enum values (HTML like `<h1>` and Python literals aside)."""
    rows = _table_rows(DOCS / "forms.md", "| question | component | notes |")
    for question, component, notes in rows:
        name = re.fullmatch(r"`wet\.([a-z_]+)`", component)
        assert name and name.group(1) in REGISTRY, f"forms.md row {question!r}: {component} is no component"
        known = _vocabulary(REGISTRY[name.group(1)].params)
        for code in re.findall(r"`([^`]+)`", notes):
            if code.startswith("<"):
                continue
            cited = [w for w in re.findall(r"[A-Za-z_]+", code) if w not in ("True", "False", "None")]
            unknown = [w for w in cited if w not in known]
            assert not unknown, f"forms.md row {question!r}: `{code}` cites {unknown}, not in wet.{name.group(1)}"


def test_page_template_table_lists_exactly_the_page_variables():
    """docs/getting-started.md's table of wetkit/page.html's variables is the set the template reads."""
    env = wetkit.environment()
    source = (paths.TEMPLATES_DIR / "page.html").read_text(encoding="utf-8")
    read = jinja2.meta.find_undeclared_variables(env.parse(source)) - set(env.globals)
    rows = _table_rows(DOCS / "getting-started.md", "| variable | what it does | default |")
    listed = {re.fullmatch(r"`([a-z_]+)`", row[0]).group(1) for row in rows}
    assert listed == read
    assert isinstance(env.get_template("wetkit/page.html"), jinja2.Template)
