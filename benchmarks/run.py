"""wetkit side by side with GOV.UK Frontend: page render time, asset sizes, cost of one button call.

Run with ``nox -s bench`` (installs wetkit and govuk-frontend-jinja) or ``python benchmarks/run.py``. Prints a table
and writes ``benchmarks/results.json``. Nothing is asserted: the figures are reported, compared with the targets in
the design guide (render in a third of GOV.UK's time; CSS <= 14 KB and JS <= 8 KB min+gzip).

What is measured, and how:

1. **Page render.** One representative service page per toolkit, equivalent component for component (the table
   ``CONTENT`` below pairs each call): wetkit's page extends ``wetkit/page.html`` (skip links, header with language
   toggle and search, breadcrumbs, footer with two link bands); GOV.UK's extends the port's ``template.html``
   (GOV.UK's ``template.njk``: skip link, header, service navigation, breadcrumbs, footer with navigation and meta
   links). The content is the same 20 calls on both sides: buttons, tags, details, and alerts (GOV.UK: notification
   banners and warning text). Both templates are generated from that one table, with literal arguments, as a team
   would write them. Each ``Template.render()`` is timed with ``time.perf_counter`` after a warm-up, the two
   toolkits interleaved so that machine noise hits both alike; median and p90 in milliseconds are reported, and the
   ratio wetkit/GOV.UK of the medians.
2. **Asset sizes.** wetkit's CSS (all components, base theme) and JS bundle, minified and gzip -9, from
   ``wetkit.assets.size_report()``; GOV.UK's ``dist/govuk/govuk-frontend.min.css`` and ``.min.js`` as shipped in
   the npm package ``govuk-frontend``, gzip -9 the same way. The npm package is the release the installed
   govuk-frontend-jinja says it ports; it is looked for in ``--govuk-frontend DIR``, ``./node_modules`` and a cache
   folder in the system temp directory, else installed there with ``npm install --prefix``.
3. **One call.** ``wet.button(text="Continue")`` against ``govukButton({"text": "Continue"})``, both called from
   Python on a warm environment, in microseconds: rounds of ``--calls`` calls, interleaved like the renders,
   median and p90 of the rounds.

About the peer: govuk-frontend-jinja (PyPI, LandRegistry) ships Jinja ports of GOV.UK Frontend's Nunjucks templates,
hand-ported per release, so rendering needs no npm package; the npm package is used for the asset sizes only. If the
peer is missing or fails, wetkit's figures are still reported and the reason is printed in place of GOV.UK's.

Options: ``--iterations``, ``--warmup``, ``--calls``, ``--call-rounds``, ``--govuk-frontend DIR``, ``--json PATH``,
``--dump DIR`` (write both rendered pages, to check they are equivalent), ``--profile`` (cProfile of wetkit's page
render). See ``--help``. The machine is shared on CI and dev boxes: read the ratios, which interleaving keeps
steady, rather than the absolute times, which move with the load.
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import importlib.metadata
import json
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

BENCH_DIR = Path(__file__).resolve().parent
try:
    import wetkit
except ImportError:  # a checkout without `pip install -e .`: use the source tree beside this folder
    sys.path.insert(0, str(BENCH_DIR.parent))
    import wetkit
from wetkit.assets import size_report  # noqa: E402 - after the fallback above

GOVUK_PORT = "govuk-frontend-jinja"
GOVUK_PREFIX = "govuk_frontend_jinja"
# The GOV.UK Frontend release to measure when the port's metadata does not name one (4.1.0 ports 6.3.0).
GOVUK_FRONTEND_FALLBACK = "6.3.0"
GOVUK_DIST_FILES = {"css": "dist/govuk/govuk-frontend.min.css", "js": "dist/govuk/govuk-frontend.min.js"}
# The design guide's targets, in its units: KB = 1000 bytes (its "GOV.UK: 14.9 KB" is govuk-frontend's 14,884 B).
TARGETS = {"render_ratio": 1 / 3, "css_gzip": 14_000, "js_gzip": 8_000}


class PeerUnavailable(Exception):
    """GOV.UK's side of one measure cannot be had; the message says why (printed in place of the figures)."""


# ---- the page: one table, both toolkits ------------------------------------------------------------------------


@dataclass(frozen=True)
class Call:
    """One component call on the page, as each toolkit writes it."""

    wetkit: str  # component name: wet.<name>(**kwargs)
    wetkit_kwargs: dict[str, Any]
    govuk: str  # macro name: govukX(params)
    govuk_params: dict[str, Any]


def button(text: str, variant: str = "primary", **extra: Any) -> Call:
    """``extra`` (href, type, name, value, disabled) is spelled the same way in both toolkits."""
    wet = {"text": text, **extra}
    gov = {"text": text, **extra}
    if variant != "primary":
        wet["variant"] = variant
    if variant == "start":
        gov["isStartButton"] = True
    elif variant == "secondary":
        gov["classes"] = "govuk-button--secondary"
    return Call("button", wet, "govukButton", gov)


_TAG_COLOURS = {"neutral": "grey", "info": "blue", "success": "green", "warning": "yellow", "danger": "red"}


def tag(text: str, variant: str) -> Call:
    colour = _TAG_COLOURS[variant]
    return Call("tag", {"text": text, "variant": variant}, "govukTag",
                {"text": text, "classes": f"govuk-tag--{colour}"})


def alert(body: str, heading: str | None = None, variant: str = "info") -> Call:
    """With a heading: GOV.UK's notification banner; without: its warning text."""
    wet = {"body": body, "variant": variant, **({"heading": heading} if heading else {})}
    if heading is None:
        return Call("alert", wet, "govukWarningText", {"text": body})
    gov = {"titleText": heading, "text": body, **({"type": "success"} if variant == "success" else {})}
    return Call("alert", wet, "govukNotificationBanner", gov)


def details(summary: str, body: str, open: bool = False) -> Call:
    return Call("details", {"summary": summary, "body": body, "open": open},
                "govukDetails", {"summaryText": summary, "text": body, "open": open})


CONTENT: list[Call] = [
    alert("Applications for the 2026 season close on 31 March at 23:59 Eastern Time.", "Service update"),
    alert("Your reference number is HDJ2123F.", "Application saved", "success"),
    alert("You have 5 minutes left before your session times out.", variant="warning"),
    button("Start now", "start", href="/apply/start"),
    button("Save and continue"),
    button("Save as draft", "secondary", type="button"),
    button("Find a service", href="/services"),
    button("Renew", name="action", value="renew"),
    button("Add another licence", "secondary", type="button"),
    button("Submit", disabled=True),
    tag("Draft", "neutral"),
    tag("In review", "info"),
    tag("Approved", "success"),
    tag("Expires soon", "warning"),
    tag("Overdue", "danger"),
    tag("Renewed", "success"),
    details("Help with your reference number", "It is the 10-character code at the top of your letter."),
    details("What counts as a recreational licence", "Fishing for food or sport, not for sale.", open=True),
    details("If you fish in more than one province", "Apply in the province where you live."),
    details("Licences for people under 16", "Children under 16 fish free with an adult's licence."),
]

TITLE = "Apply for a fishing permit"
ORGANISATION = "Government of Canada"
BREADCRUMBS = [
    {"text": "Canada.ca", "href": "/"},
    {"text": "Environment and natural resources", "href": "/environment"},
    {"text": "Fisheries", "href": "/environment/fisheries"},
    {"text": "Recreational fishing", "href": "/environment/fisheries/recreational"},
]
FOOTER_MAIN = [
    {"text": "Contact us", "href": "/contact"},
    {"text": "Departments and agencies", "href": "/departments"},
    {"text": "Public service and military", "href": "/public-service"},
    {"text": "News", "href": "/news"},
    {"text": "Treaties, laws and regulations", "href": "/laws"},
    {"text": "Government-wide reporting", "href": "/reporting"},
]
FOOTER_SUB = [
    {"text": "Social media", "href": "/social"},
    {"text": "Mobile applications", "href": "/mobile"},
    {"text": "Terms and conditions", "href": "/terms"},
    {"text": "Privacy", "href": "/privacy"},
]

WETKIT_CONTEXT = {
    "title": TITLE,
    "site_name": "Canada.ca",
    "header": {
        "organisation": ORGANISATION,
        "service_name": TITLE,
        "language_toggle": {"href": "/fr/permis", "short_text": "FR"},
        "search": {"action": "/search"},
    },
    "breadcrumbs": BREADCRUMBS,
    "footer": {"main_links": FOOTER_MAIN, "sub_links": FOOTER_SUB, "organisation": ORGANISATION},
}
GOVUK_CONTEXT = {
    "title": TITLE,
    "site_name": "GOV.UK",
    "header": {"homepageUrl": "/"},
    "service_navigation": {
        "serviceName": TITLE,
        "serviceUrl": "/",
        "navigation": [{"text": "Apply", "href": "/apply", "active": True}, {"text": "Renew", "href": "/renew"}],
    },
    "breadcrumbs": {"items": BREADCRUMBS},
    "footer": {
        "navigation": [{"title": "About this site", "items": FOOTER_MAIN}],
        "meta": {"visuallyHiddenTitle": "Site information", "items": FOOTER_SUB},
    },
}
# The page chrome GOV.UK's template takes through blocks: block -> (macro, its parameters in the context).
# (wetkit's page.html takes the same chrome from the context itself.)
GOVUK_CHROME = {
    "govukHeader": ("govukHeader", "header"),
    "govukServiceNavigation": ("govukServiceNavigation", "service_navigation"),
    "beforeContent": ("govukBreadcrumbs", "breadcrumbs"),
    "govukFooter": ("govukFooter", "footer"),
}


def jinja_literal(value: Any) -> str:
    """``value`` as a Jinja expression: what a template author writes inline."""
    if isinstance(value, bool) or value is None:
        return {True: "true", False: "false", None: "none"}[value]
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        if "\\" in value or not value.isascii():
            raise ValueError(f"keep benchmark strings plain ASCII: {value!r}")
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(jinja_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{jinja_literal(k)}: {jinja_literal(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no Jinja literal for {type(value).__name__}")


def wetkit_page_source(calls: list[Call]) -> str:
    lines = []
    for call in calls:
        kwargs = ", ".join(f"{name}={jinja_literal(value)}" for name, value in call.wetkit_kwargs.items())
        lines.append(f"{{{{ wet.{call.wetkit}({kwargs}) }}}}")
    return '{% extends "wetkit/page.html" %}\n{% block content %}\n' + "\n".join(lines) + "\n{% endblock %}\n"


def govuk_macro_template(macro: str) -> str:
    """``govukNotificationBanner`` -> ``govuk_frontend_jinja/components/notification-banner/macro.html``."""
    folder = re.sub(r"(?<!^)(?=[A-Z])", "-", macro.removeprefix("govuk")).lower()
    return f"{GOVUK_PREFIX}/components/{folder}/macro.html"


def govuk_page_source(calls: list[Call]) -> str:
    macros = sorted({c.govuk for c in calls} | {macro for macro, _ in GOVUK_CHROME.values()})
    imports = [f'{{% from "{govuk_macro_template(m)}" import {m} %}}' for m in macros]
    chrome = [f"{{% block {block} %}}{{{{ {macro}({var}) }}}}{{% endblock %}}"
              for block, (macro, var) in GOVUK_CHROME.items()]
    lines = [f"{{{{ {c.govuk}({jinja_literal(c.govuk_params)}) }}}}" for c in calls]
    return "\n".join([
        f'{{% extends "{GOVUK_PREFIX}/template.html" %}}',
        *imports,
        "{% block pageTitle %}{{ title }} - {{ site_name }}{% endblock %}",
        *chrome,
        '{% block content %}\n<h1 class="govuk-heading-xl">{{ title }}</h1>',
        *lines,
        "{% endblock %}",
    ]) + "\n"


PAGE = "bench/page.html"


def wetkit_env() -> jinja2.Environment:
    return wetkit.environment(loader=jinja2.DictLoader({PAGE: wetkit_page_source(CONTENT)}))


def govuk_env() -> jinja2.Environment:
    """The setup the port's README gives (a PrefixLoader over its PackageLoader), autoescaped like Flask's."""
    try:
        import govuk_frontend_jinja  # noqa: F401 - only to tell "not installed" from a broken install
    except ImportError:
        raise PeerUnavailable(f"{GOVUK_PORT} is not installed: pip install it, or run `nox -s bench`") from None
    loader = jinja2.ChoiceLoader([
        jinja2.DictLoader({PAGE: govuk_page_source(CONTENT)}),
        jinja2.PrefixLoader({GOVUK_PREFIX: jinja2.PackageLoader(GOVUK_PREFIX)}),
    ])
    return jinja2.Environment(loader=loader, autoescape=True)


@dataclass
class Subject:
    """One toolkit under test: how to render its page and make one button call, or why it cannot."""

    name: str
    render: Callable[[], str] | None = None
    button: Callable[[], str] | None = None
    missing: str | None = None


def make_wetkit() -> Subject:
    env = wetkit_env()
    template, context, wet = env.get_template(PAGE), WETKIT_CONTEXT, env.globals["wet"]
    return Subject("wetkit", lambda: template.render(context), lambda: wet.button(text="Continue"))


def make_govuk() -> Subject:
    try:
        env = govuk_env()
        template, context = env.get_template(PAGE), GOVUK_CONTEXT
        govuk_button = env.get_template(govuk_macro_template("govukButton")).module.govukButton
        subject = Subject("govuk", lambda: template.render(context), lambda: govuk_button({"text": "Continue"}))
        subject.render()
        subject.button()
        return subject
    except PeerUnavailable as err:
        return Subject("govuk", missing=str(err))
    except Exception as err:  # noqa: BLE001 - any failure of the peer is reported, not fatal
        return Subject("govuk", missing=f"{GOVUK_PORT} {_version(GOVUK_PORT)} could not render: "
                                        f"{type(err).__name__}: {err}")


# ---- measures --------------------------------------------------------------------------------------------------


def interleave(ops: dict[str, Callable[[], Any]], rounds: int, number: int = 1, warmup: int = 0) -> dict[str, list]:
    """Seconds per operation, one sample per round: each round times ``number`` runs of each op in turn, so that
    noise from other work on the machine falls on every toolkit alike. ``warmup`` untimed rounds come first."""
    clock = time.perf_counter
    for _ in range(warmup):
        for op in ops.values():
            op()
    samples: dict[str, list[float]] = {name: [] for name in ops}
    for _ in range(rounds):
        for name, op in ops.items():
            start = clock()
            for _ in range(number):
                op()
            samples[name].append((clock() - start) / number)
    return samples


def summarise(seconds: list[float], unit: float) -> dict[str, float]:
    """Median, p90 and min of the samples, scaled by ``unit`` (1e3 for ms, 1e6 for µs)."""
    return {
        "median": statistics.median(seconds) * unit,
        "p90": statistics.quantiles(seconds, n=10)[-1] * unit,
        "min": min(seconds) * unit,
        "samples": len(seconds),
    }


def timed_section(subjects: list[Subject], op: str, unit: str, peer_missing: str | None, **how: int) -> dict:
    """Time ``subject.<op>`` for every available subject; the section as it goes into results.json."""
    samples = interleave({s.name: getattr(s, op) for s in subjects}, **how)
    scale = {"ms": 1e3, "us": 1e6}[unit]
    section: dict[str, Any] = {"unit": unit, **how, "wetkit": None, "govuk": None, "peer_missing": peer_missing}
    section.update({name: summarise(values, scale) for name, values in samples.items()})
    return section


def gzip_size(data: bytes) -> int:
    """gzip -9 with a fixed mtime, as ``wetkit.assets.gzip_size`` measures wetkit's own files."""
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def govuk_frontend_version() -> str:
    """The GOV.UK Frontend release the installed port says it targets (its README's compatibility table)."""
    try:
        meta = importlib.metadata.metadata(GOVUK_PORT)
    except importlib.metadata.PackageNotFoundError:
        return GOVUK_FRONTEND_FALLBACK
    row = re.search(rf"\|\s*\[{re.escape(meta['Version'])}\]\([^)]*\)\s*\|\s*\[(\d+\.\d+\.\d+)\]",
                    meta.get_payload() or "")
    return row.group(1) if row else GOVUK_FRONTEND_FALLBACK


def _npm_version(folder: Path) -> str | None:
    try:
        return json.loads((folder / "package.json").read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return None


def govuk_frontend_dir(version: str, given: Path | None) -> Path:
    """The npm package ``govuk-frontend`` at ``version``: given, in ./node_modules, cached, or installed now."""
    if given is not None:
        if not all((given / f).is_file() for f in GOVUK_DIST_FILES.values()):
            raise PeerUnavailable(f"{given} has no {' and '.join(GOVUK_DIST_FILES.values())}")
        return given
    cache = Path(tempfile.gettempdir()) / f"wetkit-bench-govuk-frontend-{version}"
    for folder in (Path("node_modules/govuk-frontend"), cache / "node_modules/govuk-frontend"):
        if _npm_version(folder) == version and all((folder / f).is_file() for f in GOVUK_DIST_FILES.values()):
            return folder
    npm = shutil.which("npm")
    if npm is None:
        raise PeerUnavailable("npm is not installed, so govuk-frontend's dist files cannot be fetched "
                              "(install Node, or pass --govuk-frontend DIR)")
    command = [npm, "install", "--prefix", str(cache), "--no-save", "--no-audit", "--no-fund", "--loglevel=error",
               f"govuk-frontend@{version}"]
    print(f"fetching govuk-frontend@{version} with npm into {cache} ...", flush=True)
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise PeerUnavailable(f"`npm install govuk-frontend@{version}` failed: {done.stderr.strip()[-300:]}")
    return cache / "node_modules/govuk-frontend"


def asset_sizes(given: Path | None) -> dict[str, Any]:
    """wetkit's size report beside GOV.UK's shipped dist files (bytes minified, and minified + gzip -9)."""
    section: dict[str, Any] = {"unit": "bytes", "wetkit": size_report(), "govuk": None, "peer_missing": None}
    try:
        folder = govuk_frontend_dir(govuk_frontend_version(), given)
        section["govuk"] = {}
        for kind, name in GOVUK_DIST_FILES.items():
            data = (folder / name).read_bytes()
            section["govuk"][kind] = {"min": len(data), "gzip": gzip_size(data)}
        section["govuk_frontend"] = {"version": _npm_version(folder), "folder": str(folder.resolve())}
    except (PeerUnavailable, OSError, subprocess.SubprocessError) as err:
        section["govuk"], section["peer_missing"] = None, str(err)
    return section


def profile_wetkit(subject: Subject, renders: int = 300, top: int = 25) -> None:
    """Where wetkit's page render spends its time: cProfile over ``renders`` renders, by own time."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(renders):
        subject.render()
    profiler.disable()
    print(f"\ncProfile of {renders} wetkit page renders, top {top} by own time:")
    pstats.Stats(profiler, stream=sys.stdout).strip_dirs().sort_stats("tottime").print_stats(top)


# ---- report ----------------------------------------------------------------------------------------------------


def _version(dist: str) -> str | None:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return None


def _ratio(ours: float | None, theirs: float | None) -> float | None:
    return ours / theirs if ours is not None and theirs else None


def _get(section: dict | None, *keys: str) -> Any:
    """``section[k1][k2]...``, or None where the peer (or a level) is missing."""
    for key in keys:
        if not section:
            return None
        section = section.get(key)
    return section


def table_rows(results: dict[str, Any]) -> list[tuple[str, Any, Any, str]]:
    """(measure, wetkit, govuk, target) for each line of the table."""
    page, call, assets = results["page_render"], results["button_call"], results["assets"]
    rows = [
        ("page render, median (ms)", "median", page, f"ratio <= {TARGETS['render_ratio']:.2f}"),
        ("page render, p90 (ms)", "p90", page, ""),
        ("page HTML (bytes)", "html_bytes", results["html"], ""),
        ("button call, median (us)", "median", call, ""),
        ("button call, p90 (us)", "p90", call, ""),
    ]
    table = [(label, _get(section, "wetkit", key), _get(section, "govuk", key), target)
             for label, key, section, target in rows]
    for kind in ("css", "js"):
        for size, target in (("min", ""), ("gzip", f"wetkit <= {TARGETS[kind + '_gzip']:,}")):
            label = f"{kind.upper()} {'min+gzip' if size == 'gzip' else 'min'} (bytes)"
            table.append((label, _get(assets, "wetkit", kind, size), _get(assets, "govuk", kind, size), target))
    return table


def _fmt(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.2f}" if isinstance(value, float) else f"{value:,}"


def print_report(results: dict[str, Any]) -> None:
    env, page = results["environment"], results["page_render"]
    print(f"\nwetkit {env['wetkit']} vs {GOVUK_PORT} {env['govuk_frontend_jinja'] or '(not installed)'}"
          f" + govuk-frontend {_get(results['assets'], 'govuk_frontend', 'version') or '-'} (npm, for its assets)")
    print(f"Python {env['python']}, Jinja2 {env['jinja2']}, {env['cpus']} cores, {env['platform']}")
    print(f"wetkit components in the asset sizes ({len(env['wetkit_components'])}): "
          f"{', '.join(env['wetkit_components'])}")
    print(f"page: {results['content_calls']} content calls + page chrome; {page['rounds']} renders each, "
          f"interleaved, after {page['warmup']} warm-up\n")
    header = ("measure", "wetkit", "govuk", "wetkit/govuk", "target")
    rows = [header] + [(m, _fmt(w), _fmt(g), _fmt(_ratio(w, g)), t) for m, w, g, t in table_rows(results)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for row in rows:
        pairs = enumerate(zip(row, widths, strict=True))
        cells = [cell.ljust(width) if i in (0, 4) else cell.rjust(width) for i, (cell, width) in pairs]
        print("  ".join(cells).rstrip())
    for label, key in (("page render", "page_render"), ("button call", "button_call"), ("asset sizes", "assets")):
        if results[key]["peer_missing"]:
            print(f"\ngovuk column missing for {label}: {results[key]['peer_missing']}")


def environment_info() -> dict[str, Any]:
    return {
        "wetkit": wetkit.__version__,
        "wetkit_path": str(Path(wetkit.__file__).parent),
        "wetkit_components": wetkit.get_registry().names(),  # what the asset sizes cover
        "govuk_frontend_jinja": _version(GOVUK_PORT),
        "jinja2": jinja2.__version__,
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
        "cpus": os.cpu_count(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--iterations", type=int, default=200, help="timed renders per toolkit (default 200)")
    parser.add_argument("--warmup", type=int, default=20, help="untimed renders first (default 20)")
    parser.add_argument("--calls", type=int, default=1000, help="button calls per timed round (default 1000)")
    parser.add_argument("--call-rounds", type=int, default=20, help="timed rounds of button calls (default 20)")
    parser.add_argument("--govuk-frontend", type=Path, metavar="DIR", help="an unpacked govuk-frontend npm package")
    parser.add_argument("--json", type=Path, default=BENCH_DIR / "results.json", help="where to write the results")
    parser.add_argument("--dump", type=Path, metavar="DIR", help="also write the two rendered pages there")
    parser.add_argument("--profile", action="store_true", help="also print a cProfile of wetkit's page render")
    args = parser.parse_args(argv)

    ours, peer = make_wetkit(), make_govuk()
    subjects = [ours] if peer.missing else [ours, peer]
    pages = {s.name: s.render() for s in subjects}
    results: dict[str, Any] = {
        "environment": environment_info(),
        "content_calls": len(CONTENT),
        "html": {name: {"html_bytes": len(html.encode())} for name, html in pages.items()},
        "page_render": timed_section(subjects, "render", "ms", peer.missing,
                                     rounds=args.iterations, warmup=args.warmup),
        "button_call": timed_section(subjects, "button", "us", peer.missing,
                                     rounds=args.call_rounds, number=args.calls, warmup=1),
        "assets": asset_sizes(args.govuk_frontend),
    }
    results["ratios"] = {label.split(" (")[0]: _ratio(w, g) for label, w, g, _ in table_rows(results)}
    print_report(results)
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.json}")
    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
        for name, html in pages.items():
            (args.dump / f"{name}.html").write_text(html, encoding="utf-8")
        print(f"wrote {', '.join(pages)} pages to {args.dump}/")
    if args.profile:
        profile_wetkit(ours)
    return 0


if __name__ == "__main__":
    sys.exit(main())
