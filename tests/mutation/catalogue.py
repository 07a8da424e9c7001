"""The mutations ``nox -s mutants`` applies: each breaks one promise wetkit makes, the way a careless edit would.

A mutation is the text to find (it must occur exactly once in the file), its replacement, the tests that claim to
guard that promise, and, only when it is expected to survive, the written reason why no test should catch it.
Layers: template, js, scss, theme, python, audit, build.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mutation:
    name: str
    layer: str
    file: str
    find: str
    replace: str
    what: str
    tests: tuple[str, ...]
    reason: str = ""  # why it may survive; empty means it must be caught


#: The fast suites: unit and integration tests, minus the wheel build.
UNIT = ("tests/unit", "tests/integration", "--ignore=tests/integration/test_wheel.py")


def unit(*first: str) -> tuple[str, ...]:
    """The unit suites, with the files most likely to notice run first (pytest collects a path given twice once,
    and ``-x`` stops at the first failure)."""
    return tuple(f"tests/unit/{name}.py" for name in first) + UNIT


def browser(*selection: str) -> tuple[str, ...]:
    """Browser tests: the given files or node ids (with ``-k`` expressions passed as they are)."""
    return selection


MUTATIONS: list[Mutation] = [
    # ---- templates: the markup a screen reader relies on ---------------------------------------------------------
    Mutation(
        "label-drops-for",
        "template",
        "components/label/label.html",
        '<label class="{{ css }}"{{ attrs|wet_attrs(for=for_id) }}>{{ text }}</label>\n{%- endif -%}',
        '<label class="{{ css }}"{{ attrs|wet_attrs() }}>{{ text }}</label>\n{%- endif -%}',
        "a label no longer names its control",
        unit("test_wiring", "test_forms_text"),
    ),
    Mutation(
        "heading-label-drops-for",
        "template",
        "components/label/label.html",
        '<h1 class="wet-label-heading"><label class="{{ css }}"{{ attrs|wet_attrs(for=for_id) }}>',
        '<h1 class="wet-label-heading"><label class="{{ css }}"{{ attrs|wet_attrs() }}>',
        "a page-heading label no longer names its control",
        unit("test_wiring", "test_forms_text"),
    ),
    Mutation(
        "describedby-drops-error",
        "template",
        "wetkit/templates/_forms.html",
        'id ~ "-hint" if hint, id ~ "-error" if error)',
        'id ~ "-hint" if hint)',
        "a field's error is no longer in its aria-describedby",
        unit("test_forms_text", "test_wiring"),
    ),
    Mutation(
        "describedby-drops-hint",
        "template",
        "wetkit/templates/_forms.html",
        'id ~ "-hint" if hint, id ~ "-error" if error)',
        'id ~ "-error" if error)',
        "a field's hint is no longer in its aria-describedby",
        unit("test_forms_text", "test_wiring"),
    ),
    Mutation(
        "describedby-error-before-hint",
        "template",
        "wetkit/templates/_forms.html",
        'wet_describedby(extra, id ~ "-hint" if hint, id ~ "-error" if error)',
        'wet_describedby(extra, id ~ "-error" if error, id ~ "-hint" if hint)',
        "the error is read before the hint",
        unit("test_forms_text", "test_wiring"),
    ),
    Mutation(
        "error-prefix-dropped",
        "template",
        "components/error_message/error_message.html",
        '{%- if prefix %}<span class="wet-visually-hidden">{{ prefix }} </span>{% endif %}',
        "",
        'error messages lose their hidden "Error:" prefix',
        unit("test_forms_text"),
    ),
    Mutation(
        "error-prefix-shown",
        "template",
        "components/error_message/error_message.html",
        '<span class="wet-visually-hidden">{{ prefix }} </span>',
        "<span>{{ prefix }} </span>",
        'the "Error:" prefix is shown on screen as well',
        unit("test_forms_text"),
    ),
    Mutation(
        "html-lang-dropped",
        "template",
        "wetkit/templates/page.html",
        '<html lang="{{ _lang }}" class="wet-no-js">',
        '<html class="wet-no-js">',
        "pages lose <html lang>",
        unit("test_jinja"),
    ),
    Mutation(
        "skip-target-duplicated",
        "template",
        "wetkit/templates/page.html",
        '<body id="wet-top" class="wet-page">',
        '<body id="wet-top" class="wet-page"><div id="main-content"></div>',
        "a second element takes the skip link's target id",
        unit("test_wiring", "test_jinja"),
    ),
    Mutation(
        "skip-link-wrong-target",
        "template",
        "components/skip_links/skip_links.html",
        '"href": "#main-content"',
        '"href": "#main"',
        "the skip link points at an id that does not exist",
        unit("test_wiring", "test_components"),
    ),
    Mutation(
        "input-aria-invalid-dropped",
        "template",
        "components/text_input/text_input.html",
        'aria_invalid="true" if error else none, aria_describedby',
        "aria_describedby",
        "a text input in error is not marked invalid",
        unit("test_forms_text"),
    ),
    Mutation(
        "choice-checked-dropped",
        "template",
        "wetkit/templates/_choices.html",
        "checked=item.value in checked",
        "checked=false",
        "radios and checkboxes lose their checked state",
        unit("test_forms_choices"),
    ),
    Mutation(
        "choice-label-for-dropped",
        "template",
        "wetkit/templates/_choices.html",
        '<label class="wet-choices__label" for="{{ item_id }}">',
        '<label class="wet-choices__label">',
        "a choice's label no longer names its input",
        unit("test_forms_choices", "test_wiring"),
    ),
    Mutation(
        "choice-ids-repeat",
        "template",
        "wetkit/templates/_choices.html",
        'item_id = id if ns.count == 1 else id ~ "-" ~ ns.count',
        "item_id = id",
        "every choice gets the same id",
        unit("test_forms_choices", "test_wiring"),
    ),
    Mutation(
        "conditional-not-controlled",
        "template",
        "wetkit/templates/_choices.html",
        "data_aria_controls=conditional_id",
        "data_aria_controls=none",
        "revealed content is no longer tied to its choice",
        unit("test_forms_choices"),
    ),
    Mutation(
        "select-selected-dropped",
        "template",
        "components/select/select.html",
        "{% if item.selected or (value is not none and item.value == value) %} selected{% endif %}",
        "",
        "a select forgets the chosen option",
        unit("test_forms_choices"),
    ),
    Mutation(
        "breadcrumb-current-dropped",
        "template",
        "components/breadcrumbs/breadcrumbs.html",
        '<span aria-current="page">',
        "<span>",
        "the current page is not marked in breadcrumbs",
        unit("test_components"),
    ),
    Mutation(
        "summary-link-not-fragment",
        "template",
        "components/error_summary/error_summary.html",
        '<li><a href="{{ error.href }}">',
        '<li><a href="{{ error.href[1:] }}">',
        "error summary links no longer point at their fields",
        unit("test_forms_summary"),
    ),
    Mutation(
        "summary-alert-on-focus-box",
        "template",
        "components/error_summary/error_summary.html",
        'tabindex="-1", data_wetkit_module="error-summary"',
        'tabindex="-1", role="alert", data_wetkit_module="error-summary"',
        "the focused box is the alert again (JAWS reads only the title)",
        unit("test_forms_summary"),
    ),
    Mutation(
        "button-type-dropped",
        "template",
        "components/button/button.html",
        "wet_attrs(type=type, id=id",
        "wet_attrs(id=id",
        "buttons lose their type (all submit forms)",
        unit("test_components", "test_contract"),
    ),
    # ---- JavaScript: behaviour a keyboard or screen reader user depends on -------------------------------------
    Mutation(
        "reveal-expanded-stuck",
        "js",
        "wetkit/js/conditional-reveal.js",
        'input.setAttribute("aria-expanded", input.checked ? "true" : "false")',
        'input.setAttribute("aria-expanded", "false")',
        "a revealing checkbox never says it expanded",
        browser("tests/browser/test_forms_choices_js.py"),
    ),
    Mutation(
        "password-toggle-inverted",
        "js",
        "components/password_input/password_input.js",
        'input.setAttribute("type", visible ? "text" : "password")',
        'input.setAttribute("type", visible ? "password" : "text")',
        "Show password hides it and Hide shows it",
        browser("tests/browser/test_forms_text_js.py"),
    ),
    Mutation(
        "password-state-not-announced",
        "js",
        "components/password_input/password_input.js",
        'live.textContent = announce ? element.getAttribute(visible ? "data-text-shown" : "data-text-hidden") : "";',
        'live.textContent = "";',
        "showing the password is not announced",
        browser("tests/browser/test_forms_text_js.py"),
    ),
    Mutation(
        "summary-not-focused",
        "js",
        "components/error_summary/error_summary.js",
        'if (summary.getAttribute("data-disable-auto-focus") !== "true") summary.focus();',
        "",
        "the error summary is not focused on load",
        browser("tests/browser/test_forms_summary_js.py"),
    ),
    Mutation(
        "count-not-announced",
        "js",
        "components/character_count/character_count.js",
        'live.textContent = visible ? message : "";',
        'live.textContent = "";',
        "the remaining count is never announced",
        browser("tests/browser/test_forms_text_js.py"),
    ),
    Mutation(
        "count-describedby-not-swapped",
        "js",
        "components/character_count/character_count.js",
        "visible ? info.id : status.id, visible ? status.id : info.id",
        "visible ? status.id : info.id, visible ? status.id : info.id",
        "the field's description keeps pointing at the hidden message",
        browser("tests/browser/test_forms_text_js.py"),
    ),
    Mutation(
        "exclusive-box-keeps-others",
        "js",
        "components/checkboxes/checkboxes.js",
        "          other.checked = false;\n",
        "",
        '"None of these" no longer unchecks the others',
        browser("tests/browser/test_forms_choices_js.py"),
    ),
    Mutation(
        "core-inits-twice",
        "js",
        "wetkit/js/core.js",
        "if (!name || seen[name] || !modules[name]) continue;",
        "if (!name || !modules[name]) continue;",
        "a module starts twice on the same element",
        browser("tests/browser/test_forms_text_js.py", "tests/browser/test_forms_choices_js.py"),
    ),
    # ---- SCSS and theme: what a sighted keyboard user sees --------------------------------------------------------
    Mutation(
        "focus-ring-removed",
        "scss",
        "wetkit/scss/_mixins.scss",
        "  &:focus-visible {\n    @include wet-focus-ring;",
        "  &:focus-visible {\n",
        "no focus ring on any component",
        browser("tests/browser/test_a11y.py", "-k", "button or text_input or breadcrumbs"),
    ),
    Mutation(
        "inputs-too-wide-at-320",
        "scss",
        "wetkit/scss/_forms.scss",
        ".wet-input, .wet-textarea, .wet-select {",
        ".wet-input, .wet-textarea, .wet-select {\n  min-width: 480px;",
        "text inputs force horizontal scrolling on a phone",
        browser("tests/browser/test_a11y.py", "-k", "text_input"),
    ),
    Mutation(
        "visually-hidden-shown",
        "scss",
        "wetkit/scss/_mixins.scss",
        "@mixin wet-visually-hidden {",
        "@mixin wet-visually-hidden {\n  display: block !important;\n}\n@mixin wet-visually-hidden-unused {",
        "hidden helper text (the error prefix, link suffixes) shows on screen",
        browser("tests/browser/test_a11y.py", "-k", "summary_list"),
        reason="Showing extra words harms no automated check: axe, reflow and focus pass with them visible. "
        "A visual regression test would catch it; wetkit has none yet (screenshots are reviewed by hand).",
    ),
    Mutation(
        "text-colour-too-light",
        "theme",
        "themes/base/tokens.yaml",
        '    text: "#1b1b1b"',
        '    text: "#8a8a8a"',
        "body text falls below 4.5:1",
        unit("test_theme"),
    ),
    # ---- Python: the checks between callers and markup ---------------------------------------------------------
    Mutation(
        "url-keeps-tabs",
        "python",
        "wetkit/policy.py",
        "cleaned = url.strip(_C0_AND_SPACE).translate(_TAB_NEWLINE)",
        "cleaned = url.strip(_C0_AND_SPACE)",
        '"java\\tscript:" is no longer read as javascript',
        unit("test_hardening"),
    ),
    Mutation(
        "url-keeps-leading-controls",
        "python",
        "wetkit/policy.py",
        "cleaned = url.strip(_C0_AND_SPACE).translate(_TAB_NEWLINE)",
        "cleaned = url.translate(_TAB_NEWLINE)",
        '"\\x01javascript:" is no longer read as javascript',
        unit("test_hardening"),
    ),
    Mutation(
        "url-allows-javascript",
        "python",
        "wetkit/policy.py",
        'DEFAULT_SCHEMES = frozenset({"http", "https", "mailto", "tel"})',
        'DEFAULT_SCHEMES = frozenset({"http", "https", "mailto", "tel", "javascript"})',
        "javascript: URLs render",
        unit("test_hardening"),
    ),
    Mutation(
        "attr-name-prefix-match",
        "python",
        "wetkit/policy.py",
        "if not isinstance(name, str) or not _NAME.fullmatch(name):",
        "if not isinstance(name, str) or not _NAME.match(name):",
        'an attribute name like "x onclick=y" passes',
        unit("test_hardening"),
    ),
    Mutation(
        "attrs-url-unchecked",
        "python",
        "wetkit/policy.py",
        "    if lowered in URL_ATTRIBUTES:\n        check_url(text)",
        "    if lowered in URL_ATTRIBUTES:\n        pass",
        "attrs={'href': 'javascript:...'} renders",
        unit("test_hardening"),
    ),
    Mutation(
        "attrs-may-replace-own",
        "python",
        "wetkit/jinja.py",
        "if isinstance(key, str) and key.lower() in own:",
        "if False:",
        "attrs silently replaces a checked href or id",
        unit("test_hardening", "test_contract"),
    ),
    Mutation(
        "empty-required-text-allowed",
        "python",
        "wetkit/params.py",
        "if not isinstance(value, str) or not value.strip():\n                raise InvalidValue(words)",
        "if not isinstance(value, str):\n                raise InvalidValue(words)",
        'label(text="") renders a nameless control',
        unit("test_hardening"),
    ),
    Mutation(
        "rules-not-run",
        "python",
        "wetkit/jinja.py",
        "            for rule in self._rules:\n                rule(params)",
        "            pass",
        "rules that span parameters are skipped",
        unit("test_hardening"),
    ),
    Mutation(
        "select-duplicates-allowed",
        "python",
        "wetkit/rules.py",
        '        if value in values:\n            raise RuleViolation(\n                f"{param}[{index}].value"',
        '        if False:\n            raise RuleViolation(\n                f"{param}[{index}].value"',
        "a select with two options of the same value passes",
        unit("test_forms_choices"),
    ),
    Mutation(
        "spec-duplicate-keys-allowed",
        "python",
        "wetkit/registry.py",
        "            if line != key_node.start_mark.line:",
        "            if False:",
        "a spec that gives a key twice loads silently",
        unit("test_hardening"),
    ),
    Mutation(
        "date-accepts-any-digits",
        "python",
        "wetkit/wtforms.py",
        "(parts[p].isascii() and parts[p].isdigit())",
        "parts[p].isdigit()",
        "DateInputField accepts non-ASCII digits",
        unit("test_wtforms"),
    ),
]
