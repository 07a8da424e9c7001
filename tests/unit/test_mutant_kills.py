"""Behaviour the Python mutation run (``python -m tests.mutation.pymut``) showed no test was holding.

Each test states something a team calling wetkit would notice: the words of an error (which parameter, what is
allowed), a boundary value, a value that must pass. They are grouped by the module whose mutants they catch; the
mutants left alive on purpose, with the reason, are in ``tests/mutation/pymut_reasons.yaml``.
"""

from __future__ import annotations

import jinja2
import pytest

import wetkit
from wetkit import policy
from wetkit.errors import ParameterError


@pytest.fixture(scope="module")
def wet():
    return wetkit.environment(undefined=jinja2.StrictUndefined).globals["wet"]


def _error(call) -> str:
    with pytest.raises(ParameterError) as info:
        call()
    return str(info.value)


# ---- wetkit/policy.py -------------------------------------------------------------------------------------------


def test_allowed_schemes_reports_the_policy_in_force():
    assert policy.allowed_schemes() == frozenset({"http", "https", "mailto", "tel"})
    try:
        policy.allow_schemes("SMS", "geo")
        assert policy.allowed_schemes() == frozenset({"http", "https", "mailto", "tel", "sms", "geo"})
    finally:
        policy.reset_schemes()
    assert policy.allowed_schemes() == policy.DEFAULT_SCHEMES


def test_a_bad_attribute_name_says_which_names_are_allowed(wet):
    message = _error(lambda: wet.button(text="x", attrs={"a b": "1"}))
    assert message == ("wet.button: parameter 'attrs'['a b'] got '1' (str); allowed: attribute names made of ASCII "
                       "letters, digits, '-', '_', ':' and '.'")


@pytest.mark.parametrize("name", ["style", "onclick", "srcdoc"])
def test_a_forbidden_attribute_says_why_and_what_to_do_instead(wet, name):
    message = _error(lambda: wet.button(text="x", attrs={name: "1"}))
    assert message.endswith(
        "allowed: no 'style', 'srcdoc' or 'on*' attributes: pages run under Content-Security-Policy default-src "
        "'self'; use classes= and a script file"
    ), message


@pytest.mark.parametrize("name", ["title", "aria-label", "data-note", "aria-description", "alt"])
def test_text_attributes_are_never_read_as_urls(wet, name):
    """Only URL attributes go through the URL policy: a title may mention 'javascript:' as plain words."""
    html = str(wet.button(text="x", attrs={name: "javascript:alert(1), data:x"}))
    assert f'{name}="javascript:alert(1), data:x"' in html
    policy.check_attribute(name, "vbscript:x")  # no error

URL_RULE = ("a relative URL, a #fragment, or a URL with the scheme http, https, mailto, tel (read as browsers do: tabs "
            "and newlines removed)")


def test_a_refused_url_says_what_is_allowed_and_which_scheme_browsers_read(wet):
    message = _error(lambda: wet.button(text="x", href="java\tscript:x"))
    assert message == (f"wet.button: parameter 'href' got 'java\\tscript:x' (str); allowed: {URL_RULE}; "
                       "browsers read the scheme 'javascript' here")


def test_the_policy_error_of_check_url_reads_on_its_own():
    """A team calling wetkit.policy.check_url directly gets a ValueError whose text is the whole sentence."""
    with pytest.raises(ValueError) as info:
        policy.check_url(" JavaScript:x")
    assert str(info.value) == f"{URL_RULE}; browsers read the scheme 'javascript' here"
    assert info.value.allowed == str(info.value)


# ---- wetkit/audit/axe.py: what the suite does with axe's answers (no browser: a stand-in driver) ---------------


class _Driver:
    """Answers like a WebDriver page with axe loaded: ``info`` for the engine check, ``result`` for a run."""

    def __init__(self, info=None, result=None):
        self.info, self.result = info, result
        self.scripts: list[tuple[str, tuple]] = []
        self.runs: list[tuple] = []
        self.run_scripts: list[str] = []

    def execute_script(self, script, *args):
        self.scripts.append((script, args))
        return self.info if "getRules" in script else None

    def execute_async_script(self, script, *args):
        self.runs.append(args)
        self.run_scripts.append(script)
        return self.result


GOOD_ENGINE = {"version": "4.14.2", "counts": {t: 10 for t in ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                                                 "wcag22aa", "best-practice")},
               "colour": ["link-in-text-block", "color-contrast"]}


def _runner(tmp_path, driver, **kwargs):
    pytest.importorskip("axe_selenium_python")
    from wetkit.audit.axe import AxeRunner

    script = tmp_path / "axe.min.js"
    script.write_text("/* axe */", encoding="utf-8")
    return AxeRunner(driver, script=script, **kwargs)


def test_axe_runs_the_suite_tags_or_only_the_rules_asked_for(tmp_path):
    driver = _Driver(result={"version": "4.14.2", "violations": [], "incomplete": []})
    runner = _runner(tmp_path, driver)
    assert runner.run() == driver.result
    assert runner.run("#main", rules=("color-contrast",)) == driver.result
    assert driver.runs == [
        (None, {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa",
                                                      "best-practice"]},
                "resultTypes": ["violations", "incomplete"]}),
        ("#main", {"runOnly": {"type": "rule", "values": ["color-contrast"]},
                   "resultTypes": ["violations", "incomplete"]}),
    ]
    # the script is the one that runs axe on the context and returns its violations and incomplete results
    assert all("axe.run(context || document, options)" in script for script in driver.run_scripts)
    assert len(driver.run_scripts) == 2


@pytest.mark.parametrize(("answer", "message"), [
    ({"error": "TypeError: x is undefined"}, "axe failed: TypeError: x is undefined"),
    (None, "axe returned null"),
    ("x" * 300, "axe returned \"" + "x" * 199),
])
def test_an_axe_failure_is_a_python_error_not_an_empty_result(tmp_path, answer, message):
    from wetkit.audit.axe import AxeError

    runner = _runner(tmp_path, _Driver(result=answer))
    with pytest.raises(AxeError) as info:
        runner.run()
    assert str(info.value) == message


def test_the_engine_is_checked_once_and_its_colour_rules_kept(tmp_path):
    driver = _Driver(info=GOOD_ENGINE)
    runner = _runner(tmp_path, driver)
    runner.inject()
    runner.inject()
    assert runner.version == "4.14.2"
    assert runner.colour_rules == ("color-contrast", "link-in-text-block")
    assert runner.rule_counts == GOOD_ENGINE["counts"]
    checks = [args for script, args in driver.scripts if "getRules" in script]
    assert checks == [(list(runner.tags), "cat.color")]
    assert [script for script, _ in driver.scripts].count("/* axe */") == 2  # injected into each page


class _CdpDriver(_Driver):
    """A stand-in driver that speaks CDP and whose pages say whether they already have axe (``ready``)."""

    def __init__(self, ready, **kwargs):
        super().__init__(**kwargs)
        self.ready, self.cdp = ready, []

    def execute_script(self, script, *args):
        if "axe.version !== version" in script:
            self.scripts.append((script, args))
            return self.ready
        return super().execute_script(script, *args)

    def execute_cdp_cmd(self, command, params):
        self.cdp.append((command, params))
        return {"identifier": "1"}


def test_axe_is_registered_for_new_documents_once_and_pages_that_have_it_are_not_injected_again(tmp_path):
    locale = {"lang": "fr", "rules": {}}
    driver = _CdpDriver(ready=True, info=GOOD_ENGINE)
    runner = _runner(tmp_path, driver, locale=locale)
    runner.inject()  # the first page: injected, checked, then registered for every new top-level document
    assert driver.cdp == [("Page.addScriptToEvaluateOnNewDocument",
                           {"source": "if (window === window.top) {\n/* axe */\n}"})]
    runner.inject()
    runner.inject()  # later pages arrive with it: asked for the pinned version (and given the locale), not injected
    asked = [args for script, args in driver.scripts if "axe.version !== version" in script]
    assert asked == [("4.14.2", locale), ("4.14.2", locale)]
    assert [script for script, _ in driver.scripts].count("/* axe */") == 1
    assert len(driver.cdp) == 1


def test_a_page_without_the_registered_axe_gets_it_injected(tmp_path):
    driver = _CdpDriver(ready=False, info=GOOD_ENGINE)  # a page with its own axe, or loaded before registration
    runner = _runner(tmp_path, driver)
    runner.inject()
    runner.inject()
    assert [script for script, _ in driver.scripts].count("/* axe */") == 2
    assert [args for script, args in driver.scripts if "axe.version !== version" in script] == [("4.14.2", None)]


PINS = "the suite pins 4.14.x (run `npm ci`)"


@pytest.mark.parametrize(("info", "message"), [
    (None, "{script} did not define axe in the page"),
    (dict(GOOD_ENGINE, version="3.1.1"), "axe-core 3.1.1 loaded from {script}; " + PINS),
    (dict(GOOD_ENGINE, version="4.141.0"), "axe-core 4.141.0 loaded from {script}; " + PINS),
    (dict(GOOD_ENGINE, counts={"wcag2a": 30, "wcag22aa": 0, "best-practice": 0}),
     "axe-core 4.14.2 has no rules for tag(s) wcag22aa, best-practice: an unknown tag runs zero rules"),
    (dict(GOOD_ENGINE, colour=[]), "axe-core 4.14.2 has no cat.color rules in tag(s) wcag2a, wcag2aa, wcag21a, "
                                   "wcag21aa, wcag22aa, best-practice: the dark-mode pass would run zero rules"),
])
def test_an_engine_that_cannot_prove_the_suite_is_refused(tmp_path, info, message):
    from wetkit.audit.axe import AxeError

    runner = _runner(tmp_path, _Driver(info=info))
    with pytest.raises(AxeError) as error:
        runner.inject()
    assert str(error.value) == message.format(script=runner.script)
    with pytest.raises(AxeError):  # still refused on the next page: a failed check is not remembered as passed
        runner.inject()


def test_axe_speaks_the_page_language_after_every_injection(tmp_path):
    locale = {"lang": "fr", "rules": {}}
    driver = _Driver(info=GOOD_ENGINE)
    runner = _runner(tmp_path, driver, locale=locale)
    runner.inject()
    runner.inject()
    configured = [args for script, args in driver.scripts
                  if "axe.configure" in script and "axe.version !== version" not in script]  # not the readiness ask
    assert configured == [(locale,), (locale,)]
    english = _Driver(info=GOOD_ENGINE)
    _runner(tmp_path, english).inject()
    assert not [script for script, _ in english.scripts if "axe.configure" in script]


def test_axe_locales_are_read_beside_the_pinned_script(tmp_path):
    from wetkit.audit.axe import AxeError, load_axe_locale

    script = tmp_path / "axe.min.js"
    (tmp_path / "locales").mkdir()
    (tmp_path / "locales" / "fr.json").write_text('{"lang": "fr"}', encoding="utf-8")
    (tmp_path / "locales" / "pt_BR.json").write_text('{"lang": "pt_BR"}', encoding="utf-8")
    (tmp_path / "locales" / "_template.json").write_text("{}", encoding="utf-8")
    (tmp_path / "locales" / "de.json").write_text("{not json", encoding="utf-8")
    for english in ("", "en", "en-CA"):
        assert load_axe_locale(english, script) is None
    assert load_axe_locale("fr", script) == {"lang": "fr"}
    assert load_axe_locale("pt-BR", script) == {"lang": "pt_BR"}
    with pytest.raises(AxeError) as info:
        load_axe_locale("xx", script)
    assert str(info.value) == f"axe-core has no 'xx' locale in {tmp_path / 'locales'} (found: de, fr, pt_BR)"
    with pytest.raises(AxeError, match=r"de\.json: not a readable axe locale \("):
        load_axe_locale("de", script)


def test_the_axe_script_can_be_named_by_the_environment(tmp_path, monkeypatch):
    from wetkit.audit.axe import find_axe_script

    monkeypatch.setenv("WETKIT_AXE_SCRIPT", str(tmp_path / "axe.min.js"))
    assert find_axe_script() == tmp_path / "axe.min.js"


# ---- wetkit/params.py ---------------------------------------------------------------------------------------------


def test_attrs_that_are_not_a_dict_say_what_attrs_takes(wet):
    message = _error(lambda: wet.tag(text="x", attrs=["a"]))
    assert message == ("wet.tag: parameter 'attrs' got ['a'] (list); allowed: a dict of attribute name to str, int, "
                       "True, False or None")


@pytest.mark.parametrize("key", ["class", "Class"])
def test_a_class_in_attrs_points_to_classes(wet, key):
    message = _error(lambda: wet.tag(text="x", attrs={key: "big"}))
    assert message == (f"wet.tag: parameter 'attrs'[{key!r}] got 'big' (str); allowed: no 'class' here: pass extra "
                       "classes with classes=")


def test_an_unknown_parameter_lists_the_known_ones_and_guesses_only_when_close(wet):
    far = _error(lambda: wet.tag(text="x", qqqq=1))
    assert far.startswith("wet.tag: unknown parameter 'qqqq' (given 1 (int)); known: text, variant, "), far
    close = _error(lambda: wet.tag(text="x", variantt="x"))
    assert close.startswith("wet.tag: unknown parameter 'variantt' (given 'x' (str)); did you mean 'variant'? known: "
                            "text, variant, "), close
    field = _error(lambda: wet.fieldset(legend={"text": "Q", "sizee": "l"}))
    assert field.startswith("wet.fieldset: parameter 'legend' has unknown field 'sizee' (given 'l' (str)); did you "
                            "mean 'size'? known: text, "), field


@pytest.mark.parametrize("value", [["a"], {"b": 1}, object])
def test_an_attrs_value_that_is_not_a_scalar_is_refused_by_name(wet, value):
    message = _error(lambda: wet.tag(text="x", attrs={"data-X": value}))
    assert message.startswith("wet.tag: parameter 'attrs'['data-X'] got " + repr(value)[:20]), message
    assert message.endswith("allowed: a dict of attribute name to str, int, True, False or None"), message


def test_a_parameter_error_names_the_component_for_code_that_catches_it(wet):
    with pytest.raises(ParameterError) as info:
        wet.tag(text=5)
    assert info.value.component == "tag"


def test_an_error_deep_in_a_list_shows_the_offending_item_not_the_whole_list(wet):
    message = _error(lambda: wet.error_summary(errors=[{"text": "a", "href": "#a"}, {"text": "b", "href": 5}]))
    assert message == "wet.error_summary: parameter 'errors'[1].href got 5 (int); allowed: a string"
    message = _error(lambda: wet.select(name="s", label="S", items=[{"value": "a", "text": "A"},
                                                                      {"value": "b", "text": ["B"]}]))
    assert message.startswith("wet.select: parameter 'items'[1].text got ['B'] (list); allowed: "), message


def test_an_item_that_cannot_be_found_again_shows_what_was_passed_never_none(wet):
    """A generator of items is spent once checked: the error shows the generator given, not a made-up None."""
    message = _error(lambda: wet.select(name="s", label="S", items=(i for i in [{"value": "a", "text": 5}])))
    assert message.startswith("wet.select: parameter 'items'[0].text got <generator object "), message
    assert "(generator); allowed: " in message


def test_a_long_value_is_cut_to_80_characters_in_the_error(wet):
    fits = "a" * 78  # repr: 80 characters, shown whole
    assert f"parameter 'variant' got '{fits}' (str); allowed: " in _error(lambda: wet.tag(text="x", variant=fits))
    long = "b" * 79  # repr: 81 characters, cut to 77 and "..."
    message = _error(lambda: wet.tag(text="x", variant=long))
    assert f"parameter 'variant' got '{'b' * 76}... (str); allowed: " in message, message


# ---- wetkit/rules.py: each rule's whole message (the contract: component, parameter path, value, what is allowed) --

def _radios(*items):
    return lambda wet: wet.radios(name="r", legend="L", items=list(items))


A, B = {"value": "a", "text": "A"}, {"value": "b", "text": "B"}


@pytest.mark.parametrize(("call", "message"), [
    (_radios(A, {"divider": "or", "text": "x"}, B),
     "wet.radios: parameter 'items[1].text' got 'x' (str); allowed: nothing: a divider item has only 'divider'"),
    (_radios({"divider": "or"}, A, B),
     "wet.radios: parameter 'items[0].divider' got 'or' (str); allowed: a divider only between two choices, not "
     "first, last or twice in a row"),
    (_radios({"text": "A"}, B),
     "wet.radios: parameter 'items[0].value' got None (NoneType); allowed: a string: every choice needs a value (or "
     "give 'divider' alone)"),
    (_radios({"value": "a", "text": " "}, B),
     "wet.radios: parameter 'items[0].text' got ' ' (str); allowed: a non-empty text: every choice needs its label "
     "text"),
    (_radios(A, {"value": "a", "text": "B"}),
     "wet.radios: parameter 'items[1].value' got 'a' (str); allowed: a value no other item has"),
    (lambda wet: wet.textarea(name="t", label="T", rows=0),
     "wet.textarea: parameter 'rows' got 0 (int); allowed: a whole number of 1 or more"),
])
def test_each_rule_names_the_path_the_value_and_what_is_allowed(wet, call, message):
    assert _error(lambda: call(wet)) == message


# ---- wetkit/sass.py: the contrast arithmetic and each refusal's whole message ------------------------------------

def _theme_error(tokens: dict) -> str:
    from pathlib import Path

    from wetkit import sass

    with pytest.raises(sass.ThemeError) as info:
        sass.check_contrast(sass.Theme("t", Path("themes/t"), tokens))
    return str(info.value)


_BW = {"light": {"a": "#000000", "b": "#ffffff"}}
_PAIRS = {"text": [["a", "b"]], "ui": [["a", "b"]]}
_WHERE = "theme 't' (themes/t/tokens.yaml): "


def test_a_channel_below_the_knee_is_divided_by_12_92():
    from wetkit import sass

    assert sass.luminance("#0a0a0a") == pytest.approx((10 / 255) / 12.92, rel=1e-12)  # 10/255 = 0.0392 <= 0.04045
    assert sass.contrast_ratio("#0a0a0a", "#ffffff") == pytest.approx(1.05 / (0.05 + (10 / 255) / 12.92), rel=1e-12)


def test_three_digit_colours_mean_each_digit_twice():
    from wetkit import sass

    assert sass.luminance("#abc") == sass.luminance("#aabbcc")
    assert sass.luminance("#fff") == 1.0 and sass.luminance("#000") == 0.0


def test_a_pair_exactly_at_its_floor_passes():
    from pathlib import Path

    from wetkit import sass

    # black on white is exactly 21:1, so a floor of 21 is met, not missed
    sass.check_contrast(sass.Theme("t", Path("themes/t"), {"color": _BW, "contrast": _PAIRS,
                                                          "min_text_contrast": 21, "min_ui_contrast": 21}))


@pytest.mark.parametrize(("tokens", "message"), [
    ({"color": _BW},
     _WHERE + "'contrast' must map text, large, ui to [foreground, background] pairs"),
    ({"color": _BW, "contrast": _PAIRS, "min_txt_contrast": 5},
     _WHERE + "unknown setting 'min_txt_contrast' (token groups are mappings); contrast settings: min_text_contrast, "
              "min_large_text_contrast, min_ui_contrast"),
    ({"color": _BW, "contrast": {**_PAIRS, 5: [["a", "b"]], "zz": [["a", "b"]]}},
     _WHERE + "contrast.5 is not a kind of pair; kinds: text, large, ui"),
    ({"color": _BW, "contrast": {"text": [["a", "b", "a"]], "ui": [["a", "b"]]}},
     _WHERE + "contrast.text[0] must be [foreground, background], got ['a', 'b', 'a']"),
    ({"color": _BW, "contrast": {"text": [[1, 2]], "ui": [["a", "b"]]}},
     _WHERE + "contrast.text[0] must be [foreground, background], got [1, 2]"),
    ({"color": _BW, "contrast": {"text": [["a", "b"]]}},
     _WHERE + "contrast.ui lists no pairs; every theme proves its text and ui colours"),
    ({"color": _BW, "contrast": {"text": [["zz", "b"]], "ui": [["a", "b"]]}},
     "themes/t/tokens.yaml: contrast.text names zz/b, missing from color.light"),
    ({"color": _BW, "contrast": {"text": [["a", "zz"]], "ui": [["a", "b"]]}},
     "themes/t/tokens.yaml: contrast.text names a/zz, missing from color.light"),
])
def test_each_theme_refusal_says_what_and_where(tokens, message):
    assert _theme_error(tokens) == message
