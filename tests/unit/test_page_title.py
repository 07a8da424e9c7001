"""wetkit/page.html's <title> and <h1>: ``errors`` starts the title with the translated "Error: " and never
touches the heading (WCAG 2.4.2: the title says the page now shows errors; the <h1> still names the page)."""

from __future__ import annotations

import re

import jinja2
import pytest

import wetkit


def render(lang: str = "en", **context) -> tuple[str, str]:
    env = wetkit.environment(lang=lang, undefined=jinja2.StrictUndefined)
    html = env.get_template("wetkit/page.html").render(**context)
    title = re.search(r"<title>(.*?)</title>", html).group(1)
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", html).group(1)
    return title, heading


@pytest.mark.parametrize("errors", [True, 2, {"email": ["Enter your email address"]}, ["Enter a date"]])
def test_errors_prefix_the_title_only(errors):
    assert render(title="Apply", errors=errors) == ("Error: Apply", "Apply")
    assert render(title="Apply", heading="Your details", site_name="Canada.ca", errors=errors) == (
        "Error: Apply - Canada.ca", "Your details")


@pytest.mark.parametrize("errors", [False, 0, {}, [], None])
def test_no_errors_no_prefix(errors):
    assert render(title="Apply", errors=errors) == ("Apply", "Apply")
    assert render(title="Apply") == ("Apply", "Apply")


def test_the_prefix_is_translated():
    assert render("fr", title="Demande", errors=True) == ("Erreur\u00a0: Demande", "Demande")
