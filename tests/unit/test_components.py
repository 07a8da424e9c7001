"""Behaviour of individual components that the generic contract tests cannot know about."""

from __future__ import annotations

import pytest
from markupsafe import Markup

from wetkit.errors import ParameterError


def test_button_as_link_cannot_be_disabled(wet):
    with pytest.raises(ParameterError, match=r"wet\.button: parameter 'disabled' got True .*a link cannot be disabled"):
        wet.button(text="Go", href="/go", disabled=True)


def test_button_element_and_link(wet):
    assert str(wet.button("Go", name="action", value="save", disabled=True)) == \
        '<button class="wet-btn wet-btn--primary" type="submit" name="action" value="save" disabled>Go</button>'
    link = str(wet.button("Start now", href="/start", variant="start"))
    assert link.startswith('<a class="wet-btn wet-btn--start" href="/start">Start now<svg')
    assert 'aria-hidden="true" focusable="false"' in link


@pytest.mark.parametrize(("variant", "prefix"), [("info", "Information:"), ("success", "Success:"),
                                                 ("warning", "Warning:"), ("danger", "Error:")])
def test_alert_variant_is_said_in_text(wet, variant, prefix):
    html = str(wet.alert(body="Body", variant=variant))
    assert f'<span class="wet-visually-hidden">{prefix} </span>' in html
    assert "role=" not in html


def test_alert_announce_roles(wet):
    assert 'role="status"' in str(wet.alert(body="Saved", variant="success", announce=True))
    assert 'role="alert"' in str(wet.alert(body="Failed", variant="danger", announce=True))


def test_alert_heading_level_and_call_block(wet):
    html = str(wet.alert(heading="H", heading_level=3, caller=lambda: Markup("<p>Block</p>")))
    assert '<h3 class="wet-alert__heading">' in html and "<p>Block</p>" in html


@pytest.mark.parametrize("component", ["alert", "details"])
def test_body_and_block_are_exclusive(wet, component):
    extra = {"summary": "S"} if component == "details" else {}
    with pytest.raises(ParameterError, match=rf"wet\.{component}: parameter 'body'.*{{% call %}}"):
        getattr(wet, component)(body="B", caller=lambda: Markup("<p>C</p>"), **extra)
    with pytest.raises(ParameterError, match=rf"wet\.{component}: parameter 'body'"):
        getattr(wet, component)(**extra)


def test_details_is_native_and_can_start_open(wet):
    html = str(wet.details("More", body="Text", open=True))
    assert html.startswith('<details class="wet-details" open>') and "<summary" in html


def test_breadcrumbs_current_page_is_marked(wet):
    html = str(wet.breadcrumbs(items=[{"text": "Home", "href": "/"}, {"text": "Here"}]))
    assert '<ol class="wet-breadcrumbs__list">' in html
    assert '<span aria-current="page">Here</span>' in html


def test_breadcrumb_item_errors_name_the_item(wet):
    with pytest.raises(ParameterError, match=r"parameter 'items'\[1\]\.text is required, got nothing"):
        wet.breadcrumbs(items=[{"text": "Home", "href": "/"}, {"href": "/x"}])
    with pytest.raises(ParameterError, match=r"'items'\[0\] has unknown field 'hrf' \(given '/'.*did you mean 'href'"):
        wet.breadcrumbs(items=[{"text": "Home", "hrf": "/"}])


def test_language_toggle_marks_the_target_language(wet):
    html = str(wet.language_toggle("/fr/page"))
    assert 'href="/fr/page" lang="fr" hreflang="fr">Français</a>' in html
    english = str(wet.language_toggle("/en/page", lang="en", short_text="EN"))
    assert 'lang="en" hreflang="en"' in english and 'title="English"' in english


def test_date_modified_is_machine_readable(wet):
    html = str(wet.date_modified("2026-02-03"))
    assert '<time datetime="2026-02-03">2026-02-03</time>' in html
    with pytest.raises(ParameterError, match=r"parameter 'date' got '2026-02-30'"):
        wet.date_modified("2026-02-30")


def test_site_search_is_a_labelled_landmark(wet):
    html = str(wet.site_search(action="/search", id="s1", value="tax"))
    assert 'role="search" aria-label="Search"' in html
    assert '<label class="wet-visually-hidden" for="s1">Search</label>' in html and 'value="tax"' in html


def test_header_passes_its_parts_to_their_components(wet):
    html = str(wet.header(service_name="S", language_toggle={"href": "/fr"}, search={"action": "/s"}))
    assert "wet-lang-toggle" in html and 'role="search"' in html
    with pytest.raises(ParameterError, match=r"wet\.language_toggle: parameter 'lang'"):
        wet.header(service_name="S", language_toggle={"href": "/fr", "lang": "de"})


def test_footer_bands_are_named_by_their_headings(wet):
    html = str(wet.footer(main_links=[{"text": "A", "href": "/a"}], sub_links=[{"text": "B", "href": "/b"}]))
    assert 'aria-labelledby="wet-footer-main"' in html and 'id="wet-footer-main"' in html
    assert 'aria-labelledby="wet-footer-sub"' in html


def test_card_link_and_tag(wet):
    html = str(wet.card(heading="Item", href="/item", tag={"text": "New", "variant": "info"}, heading_level=3))
    assert '<h3 class="wet-card__heading"><a class="wet-card__link" href="/item">Item</a></h3>' in html
    assert 'class="wet-tag wet-tag--info"' in html


def test_skip_links_default_and_custom(wet):
    assert 'href="#main-content">Skip to main content</a>' in str(wet.skip_links())
    custom = str(wet.skip_links(links=[{"text": "To the form", "href": "#form"}]))
    assert 'href="#form">To the form</a>' in custom and "main-content" not in custom
