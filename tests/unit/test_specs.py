"""Spec loading: a malformed spec fails with the file and the field at fault."""

from __future__ import annotations

import pytest

from wetkit.errors import SpecError
from wetkit.registry import load_spec

GOOD_PARAMS = "params:\n  text: {type: text, required: true}\n"
GOOD_EXAMPLES = "examples:\n  one: {params: {text: Hi}}\n"


def _spec(tmp_path, text, macro=True):
    folder = tmp_path / "widget"
    folder.mkdir()
    (folder / "widget.yaml").write_text(text)
    if macro:
        (folder / "widget.html").write_text("")
    return folder


@pytest.mark.parametrize(("text", "field"), [
    (GOOD_PARAMS + GOOD_EXAMPLES, "summary"),
    ("summary: W.\nparams:\n  text: {type: txt}\n" + GOOD_EXAMPLES, "params.text.type"),
    ("summary: W.\nparams:\n  v: {type: enum}\n" + GOOD_EXAMPLES, "params.v.values"),
    ("summary: W.\nparams:\n  v: {type: enum, values: [a, b], default: c}\n" + GOOD_EXAMPLES, "params.v.default"),
    ("summary: W.\nparams:\n  t: {type: text, colour: red}\n" + GOOD_EXAMPLES, "params.t.colour"),
    ("summary: W.\n" + GOOD_PARAMS, "examples"),
    ("summary: W.\n" + GOOD_PARAMS + "examples:\n  one: {params: {txt: Hi}}\n", "examples.one.params"),
    ("summary: W.\n" + GOOD_PARAMS + "examples:\n  one: {params: {}}\n", "examples.one.params"),
    ("summary: W.\n" + GOOD_PARAMS + GOOD_EXAMPLES + "a11y:\n  allow: [{rule: region}]\n", "a11y.allow[0]"),
    ("summary: W.\n" + GOOD_PARAMS + GOOD_EXAMPLES + "page_region: sidebar\n", "page_region"),
    ("summary: W.\nparams:\n  classes: {type: classes}\n" + GOOD_EXAMPLES, "params.classes"),
    ("summary: [unclosed\n", "yaml"),
])
def test_malformed_spec_names_file_and_field(tmp_path, text, field):
    folder = _spec(tmp_path, text)
    with pytest.raises(SpecError) as info:
        load_spec(folder)
    message = str(info.value)
    assert str(folder / "widget.yaml") in message
    assert f": {field}:" in message


def test_missing_macro_is_reported(tmp_path):
    folder = _spec(tmp_path, "summary: W.\n" + GOOD_PARAMS + GOOD_EXAMPLES, macro=False)
    with pytest.raises(SpecError, match="missing widget.html"):
        load_spec(folder)


def test_good_spec_loads_with_common_params(tmp_path):
    spec = load_spec(_spec(tmp_path, "summary: W.\n" + GOOD_PARAMS + GOOD_EXAMPLES))
    assert list(spec.params) == ["text", "classes", "attrs"]
    assert spec.examples["one"].params == {"text": "Hi"}
