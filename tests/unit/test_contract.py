"""The macro API contract, proven for every component from its spec (no component is listed by hand).

For each component: every example renders under StrictUndefined; unknown, missing, wrongly typed and
out-of-range parameters raise a ParameterError naming the component, the parameter, the value and what is allowed;
text is escaped and Markup kept; classes= and attrs= reach the markup; no inline style or script is emitted.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import html5lib
import jinja2
import pytest
from markupsafe import Markup

import wetkit
from wetkit.errors import ParameterError
from wetkit.registry import get_registry
from wetkit.site import render_example

REGISTRY = get_registry()
SPECS = list(REGISTRY)
EXAMPLES = [(spec, example) for spec in SPECS for example in spec.examples.values()]


class Opaque:
    """A value no parameter type accepts."""

    def __repr__(self):
        return "<Opaque sentinel>"


@pytest.fixture(scope="module")
def env():
    return wetkit.environment(undefined=jinja2.StrictUndefined)


def _render(env, spec, params, content=None):
    """Call the component as a template would; ``content`` becomes a {% call %} block."""
    component = getattr(env.globals["wet"], spec.name)
    if content is not None:
        return component(caller=lambda: Markup(content), **params)
    return component(**params)


def _first(spec):
    return next(iter(spec.examples.values()))


def _base_params(spec):
    """The params of the component's first example: a valid call to vary one parameter at a time."""
    return dict(_first(spec).params)


def _call(env, spec, **changes):
    """The first example, with some parameters changed (None removes one)."""
    params = {k: v for k, v in {**_base_params(spec), **changes}.items() if v is not None}
    return _render(env, spec, params, _first(spec).content)


def test_there_are_components():
    assert len(REGISTRY) >= 1


@pytest.mark.parametrize(("spec", "example"), EXAMPLES, ids=[f"{s.name}-{e.name}" for s, e in EXAMPLES])
def test_example_renders_clean_markup(env, other_process, spec, example):
    html = str(render_example(env, spec, example))
    assert html.strip(), "renders nothing"
    assert not re.search(r"\sstyle=", html), "inline style attributes break under CSP"
    assert "<script" not in html, "inline script breaks under CSP"
    assert not re.search(r"\son[a-z]+=", html), "inline event handlers break under CSP"
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), f"duplicate ids: {ids}"
    for ref in re.findall(r'(?:aria-describedby|aria-labelledby|aria-controls|for)="([^"]+)"', html):
        for target in ref.split():
            assert target in ids, f"{target!r} is referenced but no element has that id"
    key = f"{spec.name}-{example.name}"
    assert html == other_process[key], "output differs from another process's (hash seed, call order or a counter)"


@pytest.fixture(scope="module")
def other_process() -> dict[str, str]:
    """Every example rendered by another Python process, with another string-hash seed, a fresh environment and
    the examples in reverse order: the independent reference the renders above must equal byte for byte."""
    seed = "1" if os.environ.get("PYTHONHASHSEED") != "1" else "2"
    script = (
        "import json, sys, jinja2, wetkit\n"
        "from wetkit.registry import get_registry\n"
        "from wetkit.site import render_example\n"
        "env = wetkit.environment(undefined=jinja2.StrictUndefined)\n"
        "pairs = [(s, e) for s in get_registry() for e in s.examples.values()][::-1]\n"
        "json.dump({f'{s.name}-{e.name}': str(render_example(env, s, e)) for s, e in pairs}, sys.stdout)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONHASHSEED": seed})
    assert done.returncode == 0, done.stderr
    rendered = json.loads(done.stdout)
    assert set(rendered) == {f"{s.name}-{e.name}" for s, e in EXAMPLES}
    return rendered


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_unknown_parameter_is_named(env, spec):
    with pytest.raises(ParameterError) as info:
        _call(env, spec, colour="red")
    message = str(info.value)
    assert f"wet.{spec.name}" in message and "'colour'" in message and "'red'" in message
    assert "known:" in message


REQUIRED = [(s, p) for s in SPECS for p in s.params.values() if p.required]


@pytest.mark.parametrize(("spec", "param"), REQUIRED, ids=[f"{s.name}-{p.name}" for s, p in REQUIRED])
def test_missing_required_parameter_is_named(env, spec, param):
    with pytest.raises(ParameterError, match=rf"wet\.{spec.name}: parameter '{param.name}' is required"):
        _call(env, spec, **{param.name: None})


ALL_PARAMS = [(s, p) for s in SPECS for p in s.params.values()]


@pytest.mark.parametrize(("spec", "param"), ALL_PARAMS, ids=[f"{s.name}-{p.name}" for s, p in ALL_PARAMS])
def test_wrong_type_is_named(env, spec, param):
    with pytest.raises(ParameterError) as info:
        _call(env, spec, **{param.name: Opaque()})
    message = str(info.value)
    assert f"wet.{spec.name}: parameter '{param.name}'" in message
    assert "<Opaque sentinel>" in message and "allowed:" in message


ENUMS = [(s, p) for s, p in ALL_PARAMS if p.values]


@pytest.mark.parametrize(("spec", "param"), ENUMS, ids=[f"{s.name}-{p.name}" for s, p in ENUMS])
def test_value_outside_allowed_set_lists_the_allowed(env, spec, param):
    with pytest.raises(ParameterError) as info:
        _call(env, spec, **{param.name: "not-a-choice"})
    message = str(info.value)
    assert "'not-a-choice'" in message
    assert all(repr(v) in message for v in param.values)


TEXT_PARAMS = [(s, p) for s, p in ALL_PARAMS if p.type == "text"]


@pytest.mark.parametrize(("spec", "param"), TEXT_PARAMS, ids=[f"{s.name}-{p.name}" for s, p in TEXT_PARAMS])
def test_text_is_escaped_and_markup_kept(env, spec, param):
    example = next((e for e in spec.examples.values() if param.name in e.params), None)
    params = dict(example.params if example else _base_params(spec))
    content = example.content if example else None
    escaped = str(_render(env, spec, {**params, param.name: "<b>x</b> & y"}, content))
    assert "<b>x</b>" not in escaped and "&lt;b&gt;x&lt;/b&gt; &amp; y" in escaped
    in_text, in_attributes = _where(escaped, "<b>x</b> & y")
    assert in_text + in_attributes, "the text is shown, as text, somewhere"
    kept = str(_render(env, spec, {**params, param.name: Markup("<b>kept</b>")}, content))
    kept_text, kept_attributes = _where(kept, "kept")
    tree = html5lib.parseFragment(kept, treebuilder="etree", namespaceHTMLElements=False)
    bold = [el for el in tree.iter() if el.tag == "b" and "".join(el.itertext()) == "kept"]
    # Each place the text went: in content, Markup stays markup (a <b> element); in an attribute, it is escaped.
    assert len(bold) == in_text, f"Markup in content must stay markup: {len(bold)} <b> of {in_text}"
    assert _where(kept, "<b>kept</b>")[1] == in_attributes, "Markup inside an attribute is escaped like text"
    assert kept_text == in_text, "no escaped '<b>' in content"


def _where(html: str, needle: str) -> tuple[int, int]:
    """How many text nodes and attribute values hold ``needle`` (as a browser decodes them)."""
    tree = html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False)
    texts = attributes = 0
    for el in tree.iter():
        texts += sum(needle in (chunk or "") for chunk in (el.text, el.tail))
        attributes += sum(needle in value for value in el.attrib.values())
    return texts, attributes


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_classes_and_attrs_reach_the_markup(env, spec):
    html = str(_call(env, spec, classes=["team-extra", "team-more"],
                     attrs={"data-team": "a&b", "hidden": True, "data-off": False}))
    assert re.search(r'class="[^"]*\bteam-extra team-more\b', html)
    assert 'data-team="a&amp;b"' in html
    assert re.search(r"\shidden[\s>]", html)
    assert "data-off" not in html


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_attrs_may_not_replace_the_component_s_own_attributes(env, spec):
    """attrs= adds attributes; one the component writes itself (from a checked parameter or on its own) is refused
    with an error that names the component, the attribute and the parameter to use instead."""
    own = _attributes_of_marked_element(str(_call(env, spec, classes="team-extra")))
    names = [name for name, _ in own if name != "class"]
    for name in names:
        for spelling in (name, name.upper()):
            with pytest.raises(ParameterError) as info:
                _call(env, spec, classes="team-extra", attrs={spelling: "team-value"})
            message = str(info.value)
            assert message.startswith(f"wet.{spec.name}: parameter 'attrs' may not set {spelling!r}"), message
            key = name.replace("-", "_")
            param = key if key in spec.params else key.removeprefix("aria_")
            if param in spec.params:
                assert f"pass {param}= instead" in message, message


def _attributes_of_marked_element(html: str) -> list[tuple[str, str | None]]:
    """The attributes (duplicates kept) of the first element whose class has ``team-extra``."""
    from html.parser import HTMLParser

    found: list = []

    class Finder(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if not found and "team-extra" in (dict(attrs).get("class") or "").split():
                found.append(attrs)

        handle_startendtag = handle_starttag

    Finder().feed(html)
    assert found, "classes= must land on an element"
    return found[0]


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_unsafe_attrs_are_refused(env, spec):
    for attrs in ({"onclick": "steal()"}, {"style": "color:red"}, {"bad name": "x"}, {"class": "x"}):
        with pytest.raises(ParameterError, match=rf"wet\.{spec.name}: parameter 'attrs'"):
            _call(env, spec, attrs=attrs)


def test_positional_and_keyword_together_is_an_error(env):
    with pytest.raises(ParameterError, match="given both by position and by keyword"):
        env.globals["wet"].button("Go", text="Go")


def test_undefined_value_under_strict_undefined_names_the_parameter(env):
    with pytest.raises(ParameterError, match=r"wet\.button: parameter 'text' got an undefined value"):
        env.from_string("{{ wet.button(text=missing) }}").render()


def test_undefined_value_under_lenient_undefined_counts_as_not_given():
    lenient = wetkit.environment()
    html = lenient.from_string("{{ wet.button(text='Go', href=maybe_href) }}").render()
    assert html.startswith("<button")


def test_unknown_component_suggests_the_closest():
    env = wetkit.environment()
    with pytest.raises(ParameterError, match="no component 'buton'; did you mean 'button'"):
        env.from_string("{{ wet.buton(text='x') }}").render()


def test_javascript_urls_are_refused(env):
    with pytest.raises(ParameterError, match="parameter 'href'"):
        env.globals["wet"].button(text="x", href="javascript:alert(1)")


def test_content_block_on_a_component_without_one_is_an_error(env):
    with pytest.raises(ParameterError, match="takes no {% call %} content"):
        env.from_string("{% call wet.button(text='x') %}inside{% endcall %}").render()


def test_render_macro_must_match_the_spec(tmp_path):
    from wetkit.registry import Registry

    folder = tmp_path / "widget"
    folder.mkdir()
    (folder / "widget.yaml").write_text("summary: A test widget.\nparams:\n  text: {type: text, required: true}\n"
                                        "examples:\n  one: {params: {text: Hi}}\n")
    (folder / "widget.html").write_text('{% macro _render(text, classes) %}{{ text }}{% endmacro %}'
                                        '{% set widget = wetkit_component("widget", _render) %}')
    env = wetkit.install(jinja2.Environment(), registry=Registry(tmp_path))
    with pytest.raises(wetkit.SpecError, match=r"_render's arguments differ from the spec: missing \['attrs'\]"):
        env.from_string("{{ wet.widget(text='x') }}").render()


def test_markup_cannot_break_out_of_an_attribute(env):
    evil = Markup('x" onclick="alert(1)')
    html = str(env.globals["wet"].button("Go", value=evil, id="ok", attrs={"data-x": evil}))
    assert ' onclick="' not in html
    assert 'value="x&#34; onclick=&#34;alert(1)"' in html


def test_a_wrong_part_names_the_outer_component(env):
    expected = r"^wet\.text_input \(in one of its parts\): wet\.label: unknown parameter 'txt'"
    with pytest.raises(ParameterError, match=expected):
        env.globals["wet"].text_input(name="n", label={"txt": "x"})
