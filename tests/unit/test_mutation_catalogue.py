"""The semantic mutation catalogue stays applicable: each mutation's text is found exactly once in its file, so an
edit to the code a mutation targets fails here at once, not 40 minutes into ``nox -s mutants``."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.mutation.catalogue import MUTATIONS

ROOT = Path(__file__).resolve().parents[2]
LAYERS = {"template", "js", "scss", "theme", "python", "audit", "build"}


@pytest.mark.parametrize("mutation", MUTATIONS, ids=[m.name for m in MUTATIONS])
def test_each_mutation_finds_its_text_once(mutation):
    text = (ROOT / mutation.file).read_text(encoding="utf-8")
    assert text.count(mutation.find) == 1, f"{mutation.name}: {mutation.find!r} in {mutation.file}"
    assert mutation.replace != mutation.find and mutation.layer in LAYERS and mutation.tests


def test_names_are_unique_and_the_catalogue_is_large_enough():
    assert [name for name, count in Counter(m.name for m in MUTATIONS).items() if count > 1] == []
    assert len(MUTATIONS) >= 40
