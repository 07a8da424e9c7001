"""Wiring, proven for every example of every component from the specs (no component is listed by hand).

What a screen reader relies on, parsed as a browser parses it (html5lib), for each example:

- every ``<label for>`` names exactly one element, and that element is a form control; every form control gets a
  name from a label (or ``aria-label``/``aria-labelledby``);
- every id named by ``aria-describedby``, ``aria-labelledby``, ``aria-controls``, ``data-aria-controls`` or an
  in-page link (``href="#..."``) exists exactly once: in the component itself or, for a link to a page region (the
  skip link's ``#main-content``, back to top's ``#wet-top``), in ``wetkit/page.html`` as the site renders it;
- ids are unique in the example, and on every page of the site, page template included.

For every field component (one with ``hint`` and ``error`` parameters), in every example: with a hint and/or an
error, ``aria-describedby`` lists exactly what it listed without them plus the hint id and the error id that exist
(hint before error, error last), on the same elements and nowhere else; the error message starts with the visually
hidden "Error:"; a control described by the error has ``aria-invalid="true"``.

Two instances of a component with different ids or names on one page share no id.
"""

from __future__ import annotations

from collections import Counter
from urllib.parse import unquote

import html5lib
import jinja2
import pytest
from markupsafe import Markup

import wetkit
from wetkit.registry import get_registry
from wetkit.site import Page, SiteBuilder, render_example

REGISTRY = get_registry()
EXAMPLES = [(spec, example) for spec in REGISTRY for example in spec.examples.values()]
EXAMPLE_IDS = [f"{spec.name}-{example.name}" for spec, example in EXAMPLES]
FIELD_EXAMPLES = [(s, e) for s, e in EXAMPLES if {"hint", "error"} <= set(s.params)]
INSTANCED = [spec for spec in REGISTRY if {"id", "name"} & set(spec.params)]
PAGES = SiteBuilder(registry=REGISTRY).page_list()

REFERENCES = ("aria-describedby", "aria-labelledby", "aria-controls", "data-aria-controls")
CONTROLS = ("input", "select", "textarea")
UNLABELLED_INPUTS = ("hidden", "submit", "button", "reset", "image")  # named by their value, or not shown

#: In-page links in examples whose target is on no page (component, example) -> ids. Empty: every demo link lands.
#: An entry that no longer dangles fails the test, so the list can only shrink. Fix a dangling link by pointing it
#: at an element that exists (add it with the example's `after:`), or at another page ("/apply#full-name").
KNOWN_DANGLING: dict[tuple[str, str], set[str]] = {}

HINT = "Hint from the wiring test"
ERROR = "Message from the wiring test"
CALLER = "wiring-caller-note"  # an id a caller adds with describedby=


# ---- parsing -------------------------------------------------------------------------------------------------


def parse_fragment(html: str):
    return html5lib.parseFragment(str(html), treebuilder="etree", namespaceHTMLElements=False)


def parse_page(html: str):
    return html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)


def elements(root) -> list:
    """Every element (comments left out), in document order."""
    return [el for el in root.iter() if isinstance(el.tag, str)]


def text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def id_counts(root) -> Counter:
    return Counter(el.get("id") for el in elements(root) if el.get("id") is not None)


def tokens(element, attribute: str = "aria-describedby") -> list[str]:
    return (element.get(attribute) or "").split()


def references(root) -> list[tuple[str, str]]:
    """(attribute, id) for every id an ARIA reference or an in-page link names."""
    found = []
    for el in elements(root):
        for attribute in REFERENCES:
            found += [(attribute, target) for target in tokens(el, attribute)]
        href = el.get("href")
        if el.tag in ("a", "area") and href and href.startswith("#") and len(href) > 1:
            found.append(("href", unquote(href[1:])))
    return found


def _parents(root) -> dict:
    return {child: parent for parent in root.iter() for child in parent}


def wiring_problems(root, page_ids: frozenset = frozenset(), callers: frozenset = frozenset()):
    """(problems, ids named but missing) of a parsed fragment or page; see the module docstring. ``page_ids`` are
    ids the page template provides, which an in-page link may name when they are not in the fragment; ``callers``
    ids a caller passed in (describedby=), which are on the caller's page."""
    problems = []
    ids = id_counts(root)
    problems += [f"id {i!r} is used {n} times" for i, n in sorted(ids.items()) if n > 1]
    by_id = {el.get("id"): el for el in elements(root) if el.get("id") is not None}
    labelled = Counter()
    for label in (el for el in elements(root) if el.tag == "label" and el.get("for") is not None):
        target = label.get("for")
        if ids[target] != 1:
            problems.append(f"<label for={target!r}> ({text(label)!r}) names {ids[target]} elements, not 1")
        elif by_id[target].tag not in CONTROLS + ("button", "meter", "output", "progress"):
            problems.append(f"<label for={target!r}> names a <{by_id[target].tag}>, which a label cannot label")
        labelled[target] += 1
    parents = _parents(root)
    for control in (el for el in elements(root) if el.tag in CONTROLS):
        if control.tag == "input" and (control.get("type") or "text").lower() in UNLABELLED_INPUTS:
            continue
        wrapped, node = False, control
        while node in parents:
            node = parents[node]
            wrapped = wrapped or node.tag == "label"
        named = control.get("aria-label") or control.get("aria-labelledby")
        if not (labelled[control.get("id")] or wrapped or named):
            problems.append(f"<{control.tag} id={control.get('id')!r} name={control.get('name')!r}> has no label")
    missing = set()
    for attribute, target in references(root):
        if ids[target] == 0 and target not in callers and not (attribute == "href" and target in page_ids):
            missing.add(target)
            problems.append(f"{attribute} names #{target}, which is not there")
    return problems, missing


def assert_wired(root, known: set[str], page_ids: frozenset = frozenset(), callers: frozenset = frozenset()) -> None:
    problems, missing = wiring_problems(root, page_ids, callers)
    unexpected = [p for p in problems if not any(p == f"href names #{k}, which is not there" for k in known)]
    assert not unexpected, "\n".join(unexpected)
    assert known <= missing, f"{sorted(known - missing)} exist now: remove them from KNOWN_DANGLING"


# ---- fixtures ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def env():
    return wetkit.environment(undefined=jinja2.StrictUndefined, registry=REGISTRY)


@pytest.fixture(scope="module")
def builder():
    return SiteBuilder(registry=REGISTRY)


@pytest.fixture(scope="module")
def page_ids(builder) -> frozenset:
    """The ids wetkit/page.html provides around a demo, with the context the site renders it with."""
    context = builder._context(Page(path="components/x/y/", title="Wiring"), 3)
    html = builder.env.get_template("wetkit/page.html").render(**context, breadcrumbs=None, date_modified=None)
    ids = frozenset(id_counts(parse_page(html)))
    assert {"main-content", "wet-top"} <= ids, ids
    return ids


# ---- every example, on its own and in its page -----------------------------------------------------------------


@pytest.mark.parametrize(("spec", "example"), EXAMPLES, ids=EXAMPLE_IDS)
def test_example_is_wired(env, page_ids, spec, example):
    root = parse_fragment(render_example(env, spec, example))
    assert elements(root), "renders nothing"
    assert_wired(root, KNOWN_DANGLING.get((spec.name, example.name), set()), page_ids)


@pytest.mark.parametrize("page", PAGES, ids=[p.path or "index" for p in PAGES])
def test_every_page_of_the_site_is_wired(builder, page):
    """The demo inside the real page template (as the site renders it): a second element with the skip link's
    target id, or a demo link to a region the page does not have, shows here."""
    root = parse_page(builder.render(page))
    assert_wired(root, KNOWN_DANGLING.get((page.component, page.example), set()))


# ---- field components: hint, error, describedby, aria-invalid ----------------------------------------------------


def _field(env, spec, example, hint=None, error=None):
    """The example with our hint/error (none of its own) and a caller's describedby, parsed."""
    assert "describedby" in spec.params, f"wet.{spec.name} has hint and error but no describedby= for callers"
    assert not spec.takes_content
    params = {k: v for k, v in example.params.items() if k not in ("hint", "error", "error_fields", "describedby")}
    params["describedby"] = CALLER
    if hint is not None:
        params["hint"] = hint
    if error is not None:
        params["error"] = error
    return parse_fragment(getattr(env.globals["wet"], spec.name)(**params))


def _described(root, target: str) -> list:
    return [el for el in elements(root) if target in tokens(el)]


def _the_element_with_id_saying(root, words: str, *, ends: bool = False):
    found = [el for el in elements(root) if el.get("id")
             and (text(el).endswith(words) if ends else text(el) == words)]
    assert len(found) == 1, f"expected one element with an id that says {words!r}, found {len(found)}"
    return found[0]


@pytest.mark.parametrize(("spec", "example"), FIELD_EXAMPLES, ids=[f"{s.name}-{e.name}" for s, e in FIELD_EXAMPLES])
@pytest.mark.parametrize(("hint", "error"), [(HINT, None), (None, ERROR), (HINT, ERROR)],
                         ids=["hint", "error", "hint-and-error"])
def test_field_describes_exactly_its_hint_and_error(env, spec, example, hint, error):
    plain = _field(env, spec, example)
    before = _described(plain, CALLER)
    assert before, f"the caller's describedby={CALLER!r} reaches no element"
    assert not [el for el in elements(plain) if el.get("aria-invalid")], "aria-invalid without an error"

    root = _field(env, spec, example, hint=hint, error=error)
    assert_wired(root, set(), callers=frozenset({CALLER}))
    added = []
    if hint:
        added.append(_the_element_with_id_saying(root, HINT).get("id"))
    if error:
        message = _the_element_with_id_saying(root, ERROR, ends=True)
        added.append(message.get("id"))
        assert text(message) == f"Error: {ERROR}", "the error is read with its 'Error:' prefix"
        hidden = [el for el in message.iter() if "wet-visually-hidden" in (el.get("class") or "").split()]
        assert [text(el) for el in hidden] == ["Error:"], "the prefix is visually hidden text"

    after = _described(root, CALLER)
    assert [(el.tag, el.get("id")) for el in after] == [(el.tag, el.get("id")) for el in before], \
        "the hint and error must describe the same elements the caller's describedby does"
    for was, now in zip(before, after, strict=True):
        listed = tokens(now)
        for added_id in added:
            assert listed.count(added_id) == 1, f"aria-describedby={listed} must list {added_id!r} once"
        assert [t for t in listed if t not in added] == tokens(was), \
            f"aria-describedby={listed}: only the hint and error ids may be added to {tokens(was)}"
        if error:
            assert listed[-1] == added[-1], f"aria-describedby={listed}: the error comes last"
        if hint and error:
            assert listed.index(added[0]) < listed.index(added[1]), "hint before error"
    for added_id in added:
        assert _described(root, added_id) == after, f"#{added_id} describes other elements too"

    invalid = [el for el in elements(root) if el.get("aria-invalid")]
    if not error:
        assert not invalid, "aria-invalid without an error"
        return
    assert all(el.get("aria-invalid") == "true" for el in invalid)
    for el in after:
        if el.tag in CONTROLS:
            assert el.get("aria-invalid") == "true", f"<{el.tag} id={el.get('id')!r}> has the error but no aria-invalid"
    # A group's error is on its fieldset; its choices are deliberately not marked one by one (docs/forms.md).
    assert invalid or all(el.tag == "fieldset" for el in after), "with an error, the control has aria-invalid"


# ---- two instances on one page ---------------------------------------------------------------------------------


def _instances(spec, key: str) -> list[dict]:
    first = next(iter(spec.examples.values()))
    calls = []
    for n in (1, 2):
        params = dict(first.params)
        if key == "name":
            params.pop("id", None)  # the ids come from the name
            params["name"] = f"wiring[{n}]"
        else:
            params["id"] = f"wiring-{n}"
            if "name" in spec.params:
                params["name"] = f"wiring_{n}"
        calls.append(params)
    return calls


@pytest.mark.parametrize("spec", INSTANCED, ids=[s.name for s in INSTANCED])
def test_two_instances_share_no_id(env, spec):
    component = getattr(env.globals["wet"], spec.name)
    for key in ("id", "name"):
        if key not in spec.params or (key == "name" and "id" in spec.params and spec.params["id"].default):
            continue  # the name= instances: only where the ids come from the name
        html = Markup("")
        for n, params in enumerate(_instances(spec, key), start=1):
            if next(iter(spec.examples.values())).content is not None:  # its own content might hold ids
                html += component(caller=lambda n=n: Markup(f"<p>Content {n}</p>"), **params)
            else:
                html += component(**params)
        ids = id_counts(parse_fragment(html))
        if key == "id":
            assert {"wiring-1", "wiring-2"} & set(ids), f"wet.{spec.name}(id=...) writes no id"
        duplicated = sorted(i for i, count in ids.items() if count > 1)
        assert not duplicated, f"two wet.{spec.name} with different {key}= repeat the ids {duplicated}"
