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
    ("summary: W.\n" + GOOD_PARAMS + "examples:\n  one: {params: {text: Hi}, lang: de}\n", "examples.one.lang"),
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


FR = "summary: W.\nparams:\n  text: {type: text, required: true}\n  small: {type: bool}\ncontent: {doc: Body.}\n"


@pytest.mark.parametrize(("example", "field", "says"), [
    ("{params: {text: Hi}, params_fr: {txt: Salut}}", "examples.one.params_fr.txt", "unknown key"),
    ("{params: {text: Hi}, params_fr: {small: true}}", "examples.one.params_fr.small", "keys of this example's params"),
    ("{params: {text: Hi, small: false}, params_fr: {small: oui}}", "examples.one.params_fr", "'oui'"),
    ("{params: {text: Hi}, params_fr: {text: [Salut]}}", "examples.one.params_fr", "text"),
    ("{params: {text: Hi}, params_fr: {text: '  '}}", "examples.one.params_fr", "text"),
    ("{params: {text: Hi}, params_fr: [Salut]}", "examples.one.params_fr", "mapping"),
    ("{params: {text: Hi}, params_fr: {}}", "examples.one.params_fr", "non-empty mapping"),
    ("{params: {text: Salut}, lang: fr, params_fr: {text: Salut}}", "examples.one.params_fr", "written in French"),
    ("{params: {text: Hi}, content_fr: <p>Bonjour</p>}", "examples.one.content_fr", "lacks"),
    ("{params: {text: Hi}, content: <p>Hi</p>, content_fr: [x]}", "examples.one.content_fr", "a string"),
    ("{params: {text: Hi}, after_fr: <p>Bonjour</p>}", "examples.one.after_fr", "lacks"),
    ("{params: {text: Hi}, before_fr: <p>Bonjour</p>}", "examples.one.before_fr", "lacks"),
    ("{params: {text: Hi}, before: <p>Hi</p>, before_fr: [x]}", "examples.one.before_fr", "a string"),
])
def test_bad_french_version_names_field_and_what_is_allowed(tmp_path, example, field, says):
    folder = _spec(tmp_path, FR + f"examples:\n  one: {example}\n")
    with pytest.raises(SpecError) as info:
        load_spec(folder)
    message = str(info.value)
    assert f": {field}:" in message and str(folder / "widget.yaml") in message
    assert says in message


def test_french_version_is_laid_over_params(tmp_path):
    spec = load_spec(_spec(tmp_path, FR + "examples:\n"
                           "  one: {params: {text: Hi, small: true}, params_fr: {text: Salut}, content: <p>Hi</p>,\n"
                           "        content_fr: <p>Salut</p>}\n"
                           "  two: {params: {text: Hi}}\n"
                           "  trois: {params: {text: Bonjour}, lang: fr}\n"))
    one, two, trois = spec.examples["one"], spec.examples["two"], spec.examples["trois"]
    assert one.params_for("fr") == {"text": "Salut", "small": True}
    assert one.params_for("en") == {"text": "Hi", "small": True}
    assert (one.content_for("fr"), one.content_for("en")) == ("<p>Salut</p>", "<p>Hi</p>")
    assert one.has_version("fr") and one.has_version("en")
    assert two.params_for("fr") == {"text": "Hi"} and not two.has_version("fr")
    assert trois.params_for("en") == trois.params_for("fr") == {"text": "Bonjour"}
    assert trois.has_version("fr") and not trois.has_version("en")


def _reads(spec, params) -> bool:
    """True when an example's params hold words a person reads: a text or part value, or a list/dict of them."""
    for key, value in params.items():
        schema = spec.params[key]
        if schema.type in ("text", "part") and value:
            return True
        if schema.type in ("list", "dict") and schema.fields and any(
                field.type in ("text", "part") for field in schema.fields.values()):
            return True
    return False


def test_every_wetkit_example_with_words_has_a_french_version():
    """A French demo page is French throughout: every English example that carries text gives params_fr (the
    built-in strings come from the catalogue)."""
    from wetkit.registry import get_registry

    missing = [f"{spec.name}/{ex.name}" for spec in get_registry() for ex in spec.examples.values()
               if ex.lang == "en" and (_reads(spec, ex.params) or ex.content) and not ex.has_version("fr")]
    assert not missing, f"examples without params_fr/content_fr: {', '.join(missing)}"


def _typed(value):
    """A parsed spec with every value's type kept (``Markup("x") == "x"``, so equality alone would not tell)."""
    if isinstance(value, dict):
        return {_typed(key): _typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_typed(item) for item in value]
    return (type(value).__name__, value)


def test_libyaml_and_the_pure_python_parser_read_every_spec_alike():
    """Specs are parsed on libyaml for speed; the pure-Python parser (kept for its messages) reads each shipped spec,
    tags and all, to the same values and types."""
    import yaml

    from wetkit.paths import COMPONENTS_DIR
    from wetkit.registry import _FastSpecLoader, _SpecLoader

    specs = sorted(COMPONENTS_DIR.glob("*/*.yaml"))
    assert specs and issubclass(_FastSpecLoader, yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader)
    for spec in specs:
        text = spec.read_text(encoding="utf-8")
        fast, pure = yaml.load(text, Loader=_FastSpecLoader), yaml.load(text, Loader=_SpecLoader)  # noqa: S506
        assert _typed(fast) == _typed(pure), spec.name


@pytest.mark.parametrize("text", ["summary: W.\nsummary: X.\n", "summary: [unclosed\n", "a: {b: 1, b: 2}\n"])
def test_a_yaml_error_quotes_the_line_whichever_parser_found_it(tmp_path, text):
    folder = _spec(tmp_path, text)
    with pytest.raises(SpecError) as info:
        load_spec(folder)
    assert ": yaml:" in str(info.value) and "^" in str(info.value)  # the pure-Python parser's caret under the line
