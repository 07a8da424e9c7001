"""Security review findings (issue 6): the URL policy, the attribute policy, and wetkit's own errors for bad input.

URL slots and components are found from the specs, so a component that lands later is covered with no edit here.
"""

from __future__ import annotations

import jinja2
import pytest
from markupsafe import Markup

import wetkit
from wetkit import policy
from wetkit.errors import ParameterError, SpecError
from wetkit.jinja import html_attrs
from wetkit.registry import get_registry, load_spec

REGISTRY = get_registry()

#: Spellings that browsers read as a script (or data) URL.
HOSTILE_URLS = [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "java\nscript:alert(1)",
    "java\rscript:alert(1)", "\x01javascript:alert(1)", " javascript:alert(1)", "\x00\x1fjavascript:alert(1)",
    "javascript\t:alert(1)", "j\na\tv\ra\nscript:alert(1)", "vb\nscript:x", "vbscript:x",
    "data:text/html,<script>alert(1)</script>", "da\tta:text/html,x", " \x0cdata:,x", "javascript:alert(1)\x00",
]
SAFE_URLS = ["/apply", "apply/start", "#main", "?page=2", "https://www.canada.ca/en.html", "http://x.example/",
             "mailto:help@example.gc.ca", "tel:+1-800-555-0199", "//cdn.example/x", "./a:b", ""]


def _url_slots():
    """(component, example params, path) for every url parameter, top level or inside list/dict/part fields."""
    slots = []
    for spec in REGISTRY:
        for example in spec.examples.values():
            for path in _paths(spec.params, example.params, ()):
                slots.append((spec, example, path))
    for spec in REGISTRY:  # a top-level url parameter that no example gives: set it on the first example
        first = next(iter(spec.examples.values()))
        for name, schema in spec.params.items():
            if schema.type == "url" and not any((spec.name, (name,)) == (s.name, p) for s, _, p in slots):
                slots.append((spec, first, (name,)))
    seen, unique = set(), []
    for spec, example, path in slots:
        key = (spec.name, tuple(p for p in path if isinstance(p, str)))
        if key not in seen:
            seen.add(key)
            unique.append((spec, example, path))
    return unique


def _paths(schemas, given, prefix):
    for name, schema in schemas.items():
        value = given.get(name) if isinstance(given, dict) else None
        if schema.type == "url" and value is not None:
            yield (*prefix, name)
        elif schema.fields and isinstance(value, dict):
            yield from _paths(schema.fields, value, (*prefix, name))
        elif schema.fields and isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, dict):
                    yield from _paths(schema.fields, item, (*prefix, name, index))


def _with(params, path, value):
    """A deep copy of params with the value at path replaced."""
    import copy

    params = copy.deepcopy(params)
    target = params
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return params



URL_SLOTS = _url_slots()


@pytest.fixture(scope="module")
def wet():
    return wetkit.environment(undefined=jinja2.StrictUndefined).globals["wet"]


def _call(wet, spec, example, params):
    component = getattr(wet, spec.name)
    if example.content is not None:
        return component(caller=lambda: Markup(example.content), **params)
    return component(**params)


def _url_schemas(schemas, prefix=()):
    for name, schema in schemas.items():
        if schema.type == "url":
            yield (*prefix, name)
        if schema.fields:
            yield from _url_schemas(schema.fields, (*prefix, name))


def test_every_url_parameter_is_found():
    """Each url parameter the specs declare, nested ones included, is exercised by a slot (none silently missed)."""
    declared = {(spec.name, path) for spec in REGISTRY for path in _url_schemas(spec.params)}
    covered = {(spec.name, tuple(p for p in path if isinstance(p, str))) for spec, _, path in URL_SLOTS}
    assert declared and declared == covered
    assert len(declared) >= 12


@pytest.mark.parametrize("url", HOSTILE_URLS, ids=repr)
@pytest.mark.parametrize(("spec", "example", "path"), URL_SLOTS,
                         ids=[f"{s.name}-{'.'.join(map(str, p))}" for s, _, p in URL_SLOTS])
def test_script_urls_are_refused_in_every_url_parameter(wet, spec, example, path, url):
    with pytest.raises(ParameterError) as info:
        _call(wet, spec, example, _with(example.params, path, url))
    message = str(info.value)
    assert message.startswith(f"wet.{spec.name}: parameter {path[0]!r}"), message
    assert "browsers read the scheme" in message and "http, https, mailto, tel" in message


@pytest.mark.parametrize("url", SAFE_URLS, ids=repr)
def test_relative_and_allowed_urls_pass(wet, url):
    html = str(wet.button(text="Go", href=url)) if url else str(wet.button(text="Go", href="/x"))
    assert "<a " in html


def test_markup_url_is_checked_and_escaped(wet):
    with pytest.raises(ParameterError):
        wet.button(text="x", href=Markup("java\tscript:alert(1)"))
    html = str(wet.button(text="x", href=Markup('/a"onmouseover="x')))
    assert 'href="/a&#34;onmouseover=&#34;x"' in html


@pytest.mark.parametrize(("url", "scheme"), [
    ("java\tscript:x", "javascript"), ("\x01JAVASCRIPT:x", "javascript"), ("/javascript:x", None),
    ("#javascript:x", None), ("https://a", "https"), ("a+b.c-d:x", "a+b.c-d"), ("1a:x", None), ("ｊavascript:x", None),
    ("java script:x", None), ("java\x00script:x", None),
])
def test_scheme_is_read_as_browsers_read_it(url, scheme):
    assert policy.url_scheme(url) == scheme


def test_a_team_widens_the_schemes_on_purpose_only(wet):
    with pytest.raises(ParameterError):
        wet.button(text="Text us", href="sms:+15555550100")
    try:
        policy.allow_schemes("sms")
        assert 'href="sms:+15555550100"' in str(wet.button(text="Text us", href="sms:+15555550100"))
        for never in ("javascript", "JavaScript", "data", "vbscript"):
            with pytest.raises(ValueError, match="never allowed"):
                policy.allow_schemes(never)
        with pytest.raises(ValueError, match="not a URL scheme"):
            policy.allow_schemes("no such")
    finally:
        policy.reset_schemes()
    with pytest.raises(ParameterError):
        wet.button(text="Text us", href="sms:+15555550100")


URL_ATTRIBUTES = ["href", "src", "action", "formaction", "xlink:href", "poster", "background", "cite", "data",
                  "HREF", "ping", "srcset"]


@pytest.mark.parametrize("name", URL_ATTRIBUTES)
@pytest.mark.parametrize("spec", list(REGISTRY), ids=[s.name for s in REGISTRY])
def test_attrs_urls_go_through_the_same_policy(wet, spec, name):
    example = next(iter(spec.examples.values()))
    value = "java\tscript:alert(1)" if name != "srcset" else "/a.png 1x, javascript:alert(1) 2x"
    with pytest.raises(ParameterError) as info:
        _call(wet, spec, example, {**example.params, "attrs": {name: value}})
    assert f"wet.{spec.name}: parameter 'attrs'[{name!r}]" in str(info.value)


def test_attrs_cannot_replace_a_checked_url(wet):
    with pytest.raises(ParameterError, match=r"may not set 'href'.*pass href= instead"):
        wet.button(text="x", href="/safe", attrs={"href": "/elsewhere"})
    with pytest.raises(ParameterError, match=r"may not set 'action'.*pass action= instead"):
        wet.site_search(action="/search", attrs={"action": "/elsewhere"})


@pytest.mark.parametrize("name", ["style\n", "style", "STYLE", "onclick", "OnClick", "onclick\n",
                                  "x onclick=alert(1) y", 'a"b', "a>b", "", "srcdoc", "a b", "\nstyle"])
def test_attribute_names_are_checked_with_a_full_match(wet, name):
    with pytest.raises(ParameterError):
        wet.button(text="x", attrs={name: "1"})
    with pytest.raises(ParameterError, match="wet_attrs"):
        html_attrs({name: "1"})


def test_public_wet_attrs_filter_applies_the_policy():
    env = wetkit.environment()
    template = env.from_string("<a{{ attrs|wet_attrs }}>x</a>")
    assert template.render(attrs={"href": "/ok", "data-x": "1"}) == '<a href="/ok" data-x="1">x</a>'
    for attrs in ({"x onclick=alert(1) y": 1}, {"href": "java\nscript:alert(1)"}, {"style\n": "x"},
                  {"srcset": "a.png 1x,javascript:x 2x"}, {1: "x"}):
        with pytest.raises(ParameterError):
            template.render(attrs=attrs)
    extra = env.from_string("<a{{ none|wet_attrs(href=url) }}>x</a>")
    with pytest.raises(ParameterError):
        extra.render(url="\x01javascript:alert(1)")


# ---- wetkit's own errors, never a bare Python one (review item 7) ------------------------------------------------


@pytest.mark.parametrize(("call", "expected"), [
    (lambda wet: wet.button(text="x", variant=["primary"]), r"wet\.button: parameter 'variant' got \['primary'\]"),
    (lambda wet: wet.button(text="x", variant={"a": 1}), r"wet\.button: parameter 'variant'"),
    (lambda wet: wet.text_input(name="n", label={1: "x"}), r"wet\.text_input: parameter 'label'\[1\]"),
    (lambda wet: wet.alert(caller="x"), r"wet\.alert: 'caller' is the \{% call %\} block's content"),
    (lambda wet: wet.fieldset(legend={"size": "l"}), r"wet\.fieldset: parameter 'legend'.text is required"),
    (lambda wet: wet.fieldset(legend={"text": "Q", "sise": "l"}), r"unknown field 'sise'.*did you mean 'size'"),
    (lambda wet: wet.fieldset(legend={"text": "Q", "size": "xxl"}), r"'legend'.size got 'xxl'"),
    (lambda wet: wet.label(text=""), r"wet\.label: parameter 'text' is required|wet\.label: parameter 'text' got ''"),
    (lambda wet: wet.label(text="  \n"), r"wet\.label: parameter 'text' got"),
    (lambda wet: wet.button(""), r"wet\.button: parameter 'text' got ''"),
    (lambda wet: wet.text_input(name="n", label=""), r"wet\.text_input: parameter 'label' got ''"),
    (lambda wet: wet.text_input(name="n", label={"text": " "}), r"wet\.text_input \(in one of its parts\): wet\.label"),
    (lambda wet: wet.radios(name="r", legend="", items=[{"value": "a", "text": "A"}, {"value": "b", "text": "B"}]),
     r"wet\.radios: parameter 'legend' got ''"),
    (lambda wet: wet.radios(name="r", legend="Q", items=[{"value": "a", "text": ""}, {"value": "b", "text": "B"}]),
     r"wet\.radios: parameter 'items\[0\]\.text' got ''"),
    (lambda wet: wet.checkboxes(name="c", legend="Q", items=[{"value": "a", "text": " "}]),
     r"wet\.checkboxes: parameter 'items\[0\]\.text'"),
    (lambda wet: wet.select(name="s", label="S", items=[{"value": "a", "text": "A"}], value=["a"]),
     r"wet\.select: parameter 'value'"),
])
def test_bad_values_raise_wetkit_s_error(wet, call, expected):
    with pytest.raises(ParameterError, match=expected):
        call(wet)


@pytest.mark.parametrize("template", [
    '{{ wet.summary_list(rows=[{"key": "k", "value": "v", "actions": missing}]) }}',
    '{{ wet.date_input(name="d", legend="When?", error="Enter a date", error_fields=[missing]) }}',
    '{{ wet.select(name="s", label="S", items=[{"value": "a", "text": missing}]) }}',
])
def test_undefined_variables_nested_in_lists_and_dicts_are_named(template):
    env = wetkit.environment(undefined=jinja2.StrictUndefined)
    with pytest.raises(ParameterError, match="a defined value"):
        env.from_string(template).render()


def test_errors_are_attributed_by_type_not_by_message_text(wet):
    """A part's error is wrapped once, naming the outer component and then the inner one."""
    with pytest.raises(ParameterError) as info:
        wet.text_input(name="n", label={"text": "Email", "size": "huge"})
    assert str(info.value).startswith("wet.text_input (in one of its parts): wet.label: parameter 'size'")
    assert info.value.component == "text_input"


def test_rules_that_span_parameters_run_before_the_template(wet):
    from wetkit.rules import rules_for

    for name in ("select", "radios", "checkboxes", "button", "character_count", "date_input", "error_summary"):
        assert rules_for(name), name
    with pytest.raises(ParameterError, match=r"wet\.button: parameter 'disabled' got True"):
        wet.button(text="x", href="/a", disabled=True)


def test_templates_hold_no_parameter_checks():
    """Checks live in wetkit/params.py and wetkit/rules.py; a template that raises would be a second place."""
    from wetkit import paths

    sources = [p for spec in REGISTRY for p in spec.folder.glob("*.html")] + list(paths.TEMPLATES_DIR.glob("*.html"))
    offenders = [str(p) for p in sources if "wet_error" in p.read_text(encoding="utf-8")]
    assert not offenders


def test_unknown_component_in_a_template_is_a_spec_error():
    env = wetkit.environment()
    with pytest.raises(SpecError, match=r"wetkit_component\('nope', \.\.\.\): no component 'nope'"):
        env.from_string('{% macro _render() %}{% endmacro %}{% set x = wetkit_component("nope", _render) %}').render()


def _spec_folder(tmp_path, text: str | bytes):
    folder = tmp_path / "widget"
    folder.mkdir()
    path = folder / "widget.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    (folder / "widget.html").write_text("")
    return folder


EXAMPLES = "examples:\n  one: {params: {text: Hi}}\n"


@pytest.mark.parametrize(("text", "field"), [
    (b"summary: Caf\xe9.\nparams:\n  text: {type: text, required: true}\n" + EXAMPLES.encode(), "encoding"),
    ("summary: W.\nparams:\n  text: {type: text, required: true}\n  v: {type: enum, values: [[a], b]}\n" + EXAMPLES,
     "params.v.values[0]"),
    ("summary: W.\nparams:\n  text: {type: text, required: true}\n  v: {type: enum, values: [{a: 1}]}\n" + EXAMPLES,
     "params.v.values[0]"),
    ("summary: W.\nparams:\n  text: {type: text, required: true}\n  v: {type: enum, values: [a], default: [a]}\n"
     + EXAMPLES, "params.v.default"),
    ("summary: W.\nparams:\n  text: {type: text, required: true}\n  text: {type: text}\n" + EXAMPLES, "yaml"),
    ("summary: W.\nsummary: X.\nparams:\n  text: {type: text, required: true}\n" + EXAMPLES, "yaml"),
    ("summary: W.\nparams:\n  text: {type: text, required: true}\nexamples:\n  one: {params: [text]}\n",
     "examples.one.params"),
    ("summary: W.\nparams:\n  text: {type: text, required: true}\n  v: {type: enum, values: [a, a]}\n" + EXAMPLES,
     "params.v.values"),
])
def test_bad_spec_files_name_the_file_and_field(tmp_path, text, field):
    folder = _spec_folder(tmp_path, text)
    with pytest.raises(SpecError) as info:
        load_spec(folder)
    message = str(info.value)
    assert str(folder / "widget.yaml") in message and f": {field}:" in message, message
