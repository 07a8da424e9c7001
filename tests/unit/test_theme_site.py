"""The demo site in every theme: English example pages per extra theme, listed with their theme in the manifest,
each loading its theme's stylesheet, with a switcher of plain links between them."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import html5lib
import pytest

from wetkit.registry import get_registry
from wetkit.sass import available_themes, compile_theme
from wetkit.site import SiteBuilder

EXTRA = [t for t in available_themes() if t != "base"]


@pytest.fixture(scope="module")
def manifest(built_site):
    return json.loads((built_site / "manifest.json").read_text(encoding="utf-8"))


def _page(site: Path, path: str):
    return html5lib.parse((site / path / "index.html").read_text(encoding="utf-8"), treebuilder="etree",
                          namespaceHTMLElements=False)


def _resolve(path: str, href: str) -> str:
    return urljoin("http://site/" + path, href).removeprefix("http://site/")


def test_each_english_example_exists_in_each_extra_theme(manifest):
    assert EXTRA == ["canada", "high-contrast"]
    base = {(p["component"], p["example"]) for p in manifest["pages"] if p["lang"] == "en" and p["example"]
            and p["theme"] == "base"}
    for theme in EXTRA:
        themed = [p for p in manifest["pages"] if p["theme"] == theme]
        assert {(p["component"], p["example"]) for p in themed} == base
        for page in themed:
            assert page["path"] == f"en/themes/{theme}/components/{page['component']}/{page['example']}/"
            assert page["lang"] == "en"
    assert {p["theme"] for p in manifest["pages"] if p["lang"] == "fr"} == {"base"}  # French: no variants
    assert {p["theme"] for p in manifest["pages"] if p["example"] is None} == {"base"}


def test_a_themed_page_is_the_same_page_with_its_theme_s_stylesheet(built_site):
    for theme in EXTRA:
        assert (built_site / f"static/wetkit/themes/{theme}.min.css").read_text() == compile_theme(theme)
        for name, example in (("button", "primary"), ("header", "full"), ("alert", "danger")):
            base = (built_site / f"en/components/{name}/{example}/index.html").read_text()
            themed_path = f"en/themes/{theme}/components/{name}/{example}/"
            themed = (built_site / themed_path / "index.html").read_text()
            sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)">', themed)
            assert [_resolve(themed_path, s) for s in sheets] == [f"static/wetkit/themes/{theme}.min.css"]
            assert _same_apart_from_links(themed) == _same_apart_from_links(base)
            assert 'class="wet-demo"' in themed or '<header class="wet-header" id="wet-header">' in themed


def _same_apart_from_links(html: str) -> str:
    """The page without its switcher, every href, src and action blanked (themed pages sit two folders deeper)."""
    html = re.sub(r'<nav class="wet-theme-switcher".*?</nav>', "", html, flags=re.S)
    return re.sub(r'(href|src|action)="[^"]*"', r'\1=""', html)


def test_every_link_on_a_themed_page_lands_on_a_built_page(built_site, manifest):
    for page in [p for p in manifest["pages"] if p["theme"] != "base"][::25]:
        tree = _page(built_site, page["path"])
        for a in tree.iter("a"):
            href = a.get("href")
            if href.startswith(("#", "/", "http")):  # in-page, or demo links to a service's own paths
                continue
            target = _resolve(page["path"], href)
            assert (built_site / target).is_file() or (built_site / target / "index.html").is_file(), (page, href)


def test_the_switcher_links_every_theme_and_marks_the_current_one(built_site, manifest):
    themes = ["base", *EXTRA]
    examples = [p for p in manifest["pages"] if p["lang"] == "en" and p["example"]]
    for page in examples[::20]:
        tree = _page(built_site, page["path"])
        switcher = [nav for nav in tree.iter("nav") if nav.get("class") == "wet-theme-switcher"]
        assert len(switcher) == 1, page["path"]
        label = switcher[0].find("p")
        assert switcher[0].get("aria-labelledby") == label.get("id") and label.text.strip()
        links = switcher[0].findall(".//a")
        assert [a.text for a in links] == themes
        current = [a for a in links if a.get("aria-current") is not None]
        assert len(current) == 1 and current[0].get("aria-current") == "page" and current[0].text == page["theme"]
        targets = [_resolve(page["path"], a.get("href")) for a in links]
        assert _resolve(page["path"], current[0].get("href")) == page["path"]
        by_path = {p["path"]: p for p in manifest["pages"]}
        assert [by_path[t]["theme"] for t in targets] == themes
        assert {(by_path[t]["component"], by_path[t]["example"]) for t in targets} == {(page["component"],
                                                                                          page["example"])}
        assert not tree.findall(".//script[@src='']") and all(s.get("src") for s in tree.iter("script"))


def test_french_and_component_pages_have_no_switcher(built_site):
    for path in ("fr/components/button/primary/", "en/components/button/", "fr/components/button/", "en/"):
        assert "wet-theme-switcher" not in (built_site / path / "index.html").read_text(), path


def test_themes_can_be_chosen_or_turned_off():
    registry = get_registry()
    none = SiteBuilder(registry=registry, variants=())
    assert {p.theme for p in none.page_list()} == {"base"}
    assert none.theme_switcher(next(p for p in none.page_list() if p.example)) is None
    one = SiteBuilder(registry=registry, variants=["high-contrast", "base"])  # the site's own theme is no variant
    assert {p.theme for p in one.page_list()} == {"base", "high-contrast"}
    canada_site = SiteBuilder(registry=registry, theme="canada", variants=["base"])
    pages = canada_site.page_list()
    assert {p.theme for p in pages} == {"canada", "base"}
    themed = next(p for p in pages if p.theme == "base")
    assert themed.path.startswith("en/themes/base/components/")
