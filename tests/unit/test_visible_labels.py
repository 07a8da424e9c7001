"""Every form control in every demo example, in each language, has a label a sighted person can read: a
``<label for>`` or a wrapping ``<label>``, or ``aria-labelledby`` naming text on the page. ``aria-label`` alone
names the control for a screen reader but shows nothing (WCAG 3.3.2 Labels or Instructions)."""

from __future__ import annotations

import html5lib
import pytest

from wetkit.site import LANGUAGES, SiteBuilder

BUILDER = SiteBuilder()
CASES = [(spec, example, lang) for spec in BUILDER.registry for example in spec.examples.values() for lang in LANGUAGES]
CONTROLS = ("input", "select", "textarea")
NOT_LABELLED = ("hidden", "submit", "button", "reset", "image")  # named by their value, or not shown


def controls_without_visible_label(html: str) -> list[str]:
    """Each control in ``html`` that no ``<label>`` or ``aria-labelledby`` names, described for a message."""
    root = html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False)
    labelled = {label.get("for") for label in root.iter("label")}
    wrapped = {id(control) for label in root.iter("label") for control in label.iter() if control.tag in CONTROLS}
    missing = []
    for control in (el for el in root.iter() if el.tag in CONTROLS):
        if control.tag == "input" and (control.get("type") or "text").lower() in NOT_LABELLED:
            continue
        if control.get("id") in labelled or id(control) in wrapped or control.get("aria-labelledby"):
            continue
        missing.append(f"<{control.tag} id={control.get('id')!r} name={control.get('name')!r} "
                       f"aria-label={control.get('aria-label')!r}>")
    return missing


@pytest.mark.parametrize(("spec", "example", "lang"), CASES,
                         ids=[f"{s.name}-{e.name}-{lang}" for s, e, lang in CASES])
def test_every_control_has_a_visible_label(spec, example, lang):
    missing = controls_without_visible_label(str(BUILDER.demo(spec, example, lang)))
    assert not missing, f"{spec.name}.yaml examples.{example.name} ({lang}): no visible label for {missing}"


def test_aria_label_alone_is_not_a_visible_label():
    assert controls_without_visible_label('<input id="a" aria-label="Email">') == [
        "<input id='a' name=None aria-label='Email'>"]
    assert controls_without_visible_label('<label for="a">Email</label><input id="a">') == []
    assert controls_without_visible_label('<label>Email <input></label><input type="hidden">') == []
