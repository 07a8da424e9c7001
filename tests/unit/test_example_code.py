"""The code shown with each example is what a team writes: rendering it gives the example page's component."""

from __future__ import annotations

import html
import re
import shutil

import pytest
from markupsafe import Markup

from wetkit.errors import SpecError
from wetkit.jinja import environment
from wetkit.registry import JinjaCode, get_registry, load_spec
from wetkit.site import SiteBuilder, example_code, render_example, to_jinja

BUILDER = SiteBuilder()
EXAMPLE_PAGES = [page for page in BUILDER.page_list() if page.example is not None]
_CODE = re.compile(r'<pre class="wet-code"><code>(.*?)</code></pre>', re.S)


def _squeeze(markup: str) -> str:
    """HTML with the whitespace a template's line breaks add or drop (at tag edges) removed, other runs made one
    space: a snippet's indented call body and the page's render then compare equal."""
    return re.sub(r"\s+", " ", re.sub(r"\s*(<[^>]*>)\s*", r"\1", str(markup))).strip()


def _shown_code(page_html: str) -> list[str]:
    return [html.unescape(code) for code in _CODE.findall(page_html)]


@pytest.mark.parametrize("page", EXAMPLE_PAGES, ids=[page.path for page in EXAMPLE_PAGES])
def test_shown_code_renders_what_the_example_page_shows(page):
    page_html = BUILDER.render(page)
    spec = BUILDER.registry[page.component]
    example = spec.examples[page.example]
    shown = _shown_code(page_html)
    assert shown, "the example page shows its code"
    for code in shown:
        assert "|safe" not in code, f"a snippet pipes HTML through |safe:\n{code}"
        env = BUILDER.envs[BUILDER.shown_lang(example, page.lang)]
        rendered = _squeeze(env.from_string(code).render())
        assert rendered, "the snippet renders something"
        assert rendered in _squeeze(page_html), f"rendering the snippet gives other HTML than the page:\n{code}"


def test_the_comparison_notices_a_snippet_that_differs():
    """The check above fails when the shown code and the page disagree (a changed parameter value)."""
    page = next(p for p in EXAMPLE_PAGES if p.component == "radios" and p.example == "conditional" and p.lang == "en")
    page_html = BUILDER.render(page)
    code = _shown_code(page_html)[0].replace('label="Email address"', 'label="E-mail"')
    rendered = _squeeze(BUILDER.envs["en"].from_string(code).render())
    assert rendered not in _squeeze(page_html)


def test_nested_components_are_shown_as_calls_not_markup():
    """The conditional reveals and the fieldset's parts are written as the wet.* calls a team writes."""
    registry = get_registry()
    radios = example_code(registry["radios"], registry["radios"].examples["conditional"])
    assert 'wet.text_input(name="contact-email-address", label="Email address"' in radios
    assert "<input" not in radios and "<label" not in radios
    fieldset = example_code(registry["fieldset"], registry["fieldset"].examples["address"], "fr")
    assert '{{ wet.text_input(name="address-line-1", label="Adresse, ligne 1"' in fieldset


def test_html_values_become_set_blocks():
    blocks: dict[str, str] = {}
    literal = to_jinja([{"panel": Markup("<p>a</p>")}, {"panel": Markup("<p>b</p>")}], blocks, "items")
    assert literal == '[{"panel": panel_1}, {"panel": panel_2}]'
    assert blocks == {"panel_1": "<p>a</p>", "panel_2": "<p>b</p>"}
    assert to_jinja(JinjaCode('wet.hint(text="x")')) == 'wet.hint(text="x")'
    with pytest.raises(ValueError, match="without \\|safe"):
        to_jinja(Markup("<b>x</b>"))


def test_set_block_snippet_renders_like_the_markup_it_replaces():
    registry = get_registry()
    spec = registry["tabs"]
    example = spec.examples["default"]
    env = environment()
    code = example_code(spec, example)
    assert code.startswith("{% set panel_1 %}<p>")
    assert _squeeze(env.from_string(code).render()) == _squeeze(render_example(env, spec, example))


def _copy_radios(tmp_path, conditional: str):
    folder = tmp_path / "radios"
    folder.mkdir()
    shutil.copy(get_registry()["radios"].folder / "radios.html", folder / "radios.html")
    (folder / "radios.yaml").write_text(
        "summary: Radios.\n"
        "params:\n  name: {type: string, required: true}\n  legend: {type: part, required: true}\n"
        "  items: {type: list, required: true, fields: {value: {type: string}, text: {type: text},"
        " conditional: {type: text}}}\n"
        "examples:\n  one:\n    params:\n      name: pick\n      legend: Pick\n      items:\n"
        f"        - {{value: a, text: A, conditional: {conditional}}}\n"
        "        - {value: b, text: B}\n", encoding="utf-8")
    return folder


def test_nested_calls_render_in_the_page_language(tmp_path):
    """A nested call uses the environment it is rendered in: its built-in strings follow the page's language."""
    nested = """!jinja 'wet.text_input(name="a-detail", label="Detail", error="Bad")'"""
    spec = load_spec(_copy_radios(tmp_path, nested))
    example = spec.examples["one"]
    french = str(render_example(environment(lang="fr"), spec, example, "fr"))
    english = str(render_example(environment(lang="en"), spec, example, "en"))
    assert "Erreur" in french and "Erreur" not in english and "Error" in english
    assert 'id="a-detail"' in english


@pytest.mark.parametrize(("conditional", "says"), [
    ("!jinja 'wet.text_input(name=\"x\"'", "is not a Jinja expression"),
    ("!jinja 'wet.text_input(name=\"x\") }}'", "is not a Jinja expression"),
])
def test_bad_nested_call_names_the_field(tmp_path, conditional, says):
    folder = _copy_radios(tmp_path, conditional)
    with pytest.raises(SpecError) as info:
        load_spec(folder)
    message = str(info.value)
    assert str(folder / "radios.yaml") in message and "examples.one.params.items[0].conditional" in message
    assert says in message


def test_bad_content_template_names_the_field(tmp_path):
    folder = tmp_path / "fieldset"
    shutil.copytree(get_registry()["fieldset"].folder, folder)
    spec_file = folder / "fieldset.yaml"
    spec_file.write_text(spec_file.read_text(encoding="utf-8").replace(
        '{{ wet.text_input(name="address-line-1", label="Address line 1"', '{{ wet.text_input(name="x" %}{{ ("'),
        encoding="utf-8")
    with pytest.raises(SpecError, match=r"examples\.address\.content: is not a valid Jinja template"):
        load_spec(folder)


COMPONENT_PAGES = [page for page in BUILDER.page_list() if page.component is not None and page.example is None]


@pytest.mark.parametrize("page", COMPONENT_PAGES, ids=[page.path for page in COMPONENT_PAGES])
def test_component_page_html_output_is_what_its_jinja_call_renders(page):
    """On a component page each example shows its Jinja call, then its HTML: the second is the first, rendered."""
    spec = BUILDER.registry[page.component]
    blocks = _shown_code(BUILDER.render(page))
    assert len(blocks) == 2 * len(spec.examples)
    for example, code, output in zip(spec.examples.values(), blocks[::2], blocks[1::2], strict=True):
        assert "|safe" not in code
        env = BUILDER.envs[BUILDER.shown_lang(example, page.lang)]
        assert _squeeze(env.from_string(code).render()) == _squeeze(output), f"{example.name}:\n{code}"
