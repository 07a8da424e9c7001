"""wetkit side by side with GOV.UK Frontend: page render time, cost of one button call, asset sizes.

Run with ``nox -s bench`` (installs wetkit and govuk-frontend-jinja) or ``python benchmarks/run.py``. Prints a table
and writes ``reports/bench.json`` and ``reports/bench.md``; with ``--write-readme`` it also records the results in
``benchmarks/results.json`` and regenerates the tables between ``<!-- bench:start -->`` and ``<!-- bench:end -->``
in ``benchmarks/README.md`` and ``README.md`` (``bench_report.py`` writes them). Nothing is asserted: the figures
are reported beside the design guide's targets (render in a third of GOV.UK's time; CSS <= 14 KB and JS <= 8 KB
min+gzip).

What is measured, and how:

1. **Page render.** One representative service page per toolkit with the same components, call for call (the
   table ``CONTENT`` pairs each content call; ``WETKIT_CONTEXT``/``GOVUK_CONTEXT`` the page chrome): skip link;
   header with the organisation and the service name (GOV.UK 6 draws the service name with its service navigation
   component, given no navigation links); breadcrumbs with 4 links; an h1; 3 alerts (GOV.UK: 2 notification
   banners and a warning text), 7 buttons, 6 tags, 4 details; a footer with 6 links, 4 meta links and the owner;
   links to the toolkit's CSS and JS. Components only one toolkit has (wetkit's language toggle and site search,
   GOV.UK's navigation links) are left out on both sides. Both templates are generated from those tables, with
   literal arguments, as a team would write them.
2. **Production settings.** Both environments autoescape (wetkit's ``environment()``; GOV.UK's port with
   ``autoescape=True``, which is what Flask gives a ``.html`` template) and run with ``auto_reload=False``, as
   Flask and Django do outside debug mode: each template is compiled once and served from Jinja's cache, with no
   stat of its file on each ``extends``/``import``. A secondary row repeats the page with ``auto_reload=True``
   (Jinja's own default, what a dev server runs), timed in the same rounds. Each toolkit keeps its own whitespace
   settings (wetkit's ``trim_blocks``/``lstrip_blocks``; the port's README sets none).
3. **Timing.** Rounds of ``--number`` renders (or ``--calls`` button calls), the toolkits taking turns within each
   round and the order reversing every round, so that noise from the rest of the machine falls on both alike. Each
   round is timed in CPU time (``time.process_time``: not charged while another process has the core) and wall
   time (``time.perf_counter``). Reported: the median and p25-p75 of the per-render times over the rounds, and the
   ratio of the two toolkits' medians from the same run (plus p25-p75 of the per-round ratios, rounds being paired).
   The garbage collector stays on (it is part of rendering's cost), and runs a full collection before each measure.
4. **One call.** ``wet.button(text="Continue")`` against ``govukButton({"text": "Continue"})``, called from Python
   on a warm environment, in microseconds.
5. **Asset sizes.** wetkit's CSS (all components, base theme) and JS bundle, minified and gzip -9, from
   ``wetkit.assets.size_report()``; GOV.UK's ``dist/govuk/govuk-frontend.min.css`` and ``.min.js`` as shipped in
   the npm package ``govuk-frontend``, gzip -9 the same way. The npm package is the release the installed
   govuk-frontend-jinja says it ports; it is looked for in ``--govuk-frontend DIR``, ``./node_modules`` and a cache
   folder in the system temp directory, else installed there with ``npm install --prefix``.

About the peer: govuk-frontend-jinja (PyPI, LandRegistry) ships Jinja ports of GOV.UK Frontend's Nunjucks templates,
hand-ported per release, so rendering needs no npm package; the npm package is used for the asset sizes only. If the
peer is missing or fails, wetkit's figures are still reported and the reason is printed in place of GOV.UK's.

See ``--help`` for the options (``--dump DIR`` writes both rendered pages, to check they are equivalent;
``--profile`` prints a cProfile of wetkit's page render). The machine is shared on CI and dev boxes: compare ratios,
which interleaving keeps steady, rather than absolute times, which move with the load.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime
import gc
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
ROOT = BENCH_DIR.parent
try:
    import wetkit
except ImportError:  # a checkout without `pip install -e .`: use the source tree beside this folder
    sys.path.insert(0, str(ROOT))
    import wetkit
from wetkit.assets import size_report  # noqa: E402 - after the fallback above

sys.path.insert(0, str(BENCH_DIR))  # bench_report, beside this file, when run.py is imported rather than run
import bench_report  # noqa: E402

GOVUK_PORT = "govuk-frontend-jinja"
GOVUK_PREFIX = "govuk_frontend_jinja"
# The GOV.UK Frontend release to measure when the port's metadata does not name one (4.1.0 ports 6.3.0).
GOVUK_FRONTEND_FALLBACK = "6.3.0"
GOVUK_DIST_FILES = {"css": "dist/govuk/govuk-frontend.min.css", "js": "dist/govuk/govuk-frontend.min.js"}
# The design guide's targets, in its units: KB = 1000 bytes (its "GOV.UK: 14.9 KB" is govuk-frontend's 14,884 B).
TARGETS = {"render_ratio": 1 / 3, "css_gzip": 14_000, "js_gzip": 8_000}
REPORTS = ROOT / "reports"


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
    # No language toggle and no site search: GOV.UK Frontend has neither, so the pages would not compare like with like.
    "header": {"organisation": ORGANISATION, "service_name": TITLE},
    "breadcrumbs": BREADCRUMBS,
    "footer": {"main_links": FOOTER_MAIN, "sub_links": FOOTER_SUB, "organisation": ORGANISATION},
}
GOVUK_CONTEXT = {
    "title": TITLE,
    "site_name": "GOV.UK",
    "header": {"homepageUrl": "/"},
    # GOV.UK 6 moved the service name out of the header into this component; no navigation links (wetkit has none).
    "service_navigation": {"serviceName": TITLE, "serviceUrl": "/"},
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
        # wetkit's page.html links its CSS and JS itself; GOV.UK's template leaves that to these two blocks
        '{% block head %}<link rel="stylesheet" href="/assets/govuk-frontend.min.css">{% endblock %}',
        '{% block bodyEnd %}<script type="module" src="/assets/govuk-frontend.min.js"></script>{% endblock %}',
        *chrome,
        '{% block content %}\n<h1 class="govuk-heading-xl">{{ title }}</h1>',
        *lines,
        "{% endblock %}",
    ]) + "\n"


PAGE = "bench/page.html"


def wetkit_env(auto_reload: bool = False) -> jinja2.Environment:
    """wetkit's own factory (autoescape on), with ``auto_reload`` as Flask sets it (False unless debugging)."""
    return wetkit.environment(loader=jinja2.DictLoader({PAGE: wetkit_page_source(CONTENT)}), auto_reload=auto_reload)


def govuk_env(auto_reload: bool = False) -> jinja2.Environment:
    """The setup the port's README gives (a PrefixLoader over its PackageLoader), autoescaped as Flask does a
    ``.html`` template, with ``auto_reload`` as Flask sets it (False unless debugging)."""
    try:
        import govuk_frontend_jinja  # noqa: F401 - only to tell "not installed" from a broken install
    except ImportError:
        raise PeerUnavailable(f"{GOVUK_PORT} is not installed: pip install it, or run `nox -s bench`") from None
    loader = jinja2.ChoiceLoader([
        jinja2.DictLoader({PAGE: govuk_page_source(CONTENT)}),
        jinja2.PrefixLoader({GOVUK_PREFIX: jinja2.PackageLoader(GOVUK_PREFIX)}),
    ])
    return jinja2.Environment(loader=loader, autoescape=True, auto_reload=auto_reload)


@dataclass
class Subject:
    """One toolkit under test: how to render its page and make one button call, or why it cannot."""

    name: str
    render: Callable[[], str] | None = None
    button: Callable[[], str] | None = None
    missing: str | None = None
    settings: dict[str, Any] | None = None


def env_settings(env: jinja2.Environment) -> dict[str, Any]:
    """The Jinja settings that change render speed, as run: recorded beside the figures."""
    autoescape = env.autoescape(PAGE) if callable(env.autoescape) else env.autoescape
    return {"auto_reload": env.auto_reload, "autoescape": bool(autoescape),
            "cache_capacity": getattr(env.cache, "capacity", None), "trim_blocks": env.trim_blocks,
            "lstrip_blocks": env.lstrip_blocks}


def make_wetkit(auto_reload: bool = False) -> Subject:
    env = wetkit_env(auto_reload)
    template, context, wet = env.get_template(PAGE), WETKIT_CONTEXT, env.globals["wet"]
    return Subject("wetkit", lambda: template.render(context), lambda: wet.button(text="Continue"),
                   settings=env_settings(env))


def make_govuk(auto_reload: bool = False) -> Subject:
    try:
        env = govuk_env(auto_reload)
        template, context = env.get_template(PAGE), GOVUK_CONTEXT
        govuk_button = env.get_template(govuk_macro_template("govukButton")).module.govukButton
        subject = Subject("govuk", lambda: template.render(context), lambda: govuk_button({"text": "Continue"}),
                          settings=env_settings(env))
        subject.render()
        subject.button()
        return subject
    except PeerUnavailable as err:
        return Subject("govuk", missing=str(err))
    except Exception as err:  # noqa: BLE001 - any failure of the peer is reported, not fatal
        return Subject("govuk", missing=f"{GOVUK_PORT} {_version(GOVUK_PORT)} could not render: "
                                        f"{type(err).__name__}: {err}")



# ---- measures --------------------------------------------------------------------------------------------------

CLOCKS = {"cpu": time.process_time, "wall": time.perf_counter}


def interleave(ops: dict[Any, Callable[[], Any]], rounds: int, number: int = 1,
               warmup: int = 0) -> dict[Any, dict[str, list[float]]]:
    """Seconds per operation, one sample per round and clock: ``{op: {"cpu": [...], "wall": [...]}}``.

    Each round runs ``number`` calls of each op in turn, timing each batch on both clocks; the order of the ops
    reverses every round (A B C, C B A, A B C, ...) so that no op always follows another. Sample ``i`` of every op comes
    from round ``i``, so the ops' samples are paired. ``warmup`` untimed calls of each op come first, then a full
    garbage collection."""
    for _ in range(warmup):
        for op in ops.values():
            op()
    gc.collect()
    cpu, wall = CLOCKS["cpu"], CLOCKS["wall"]
    samples: dict[Any, dict[str, list[float]]] = {name: {"cpu": [], "wall": []} for name in ops}
    order = list(ops)
    for _ in range(rounds):
        for name in order:
            op, batch = ops[name], range(number)
            cpu_start, wall_start = cpu(), wall()
            for _ in batch:
                op()
            wall_end, cpu_end = wall(), cpu()
            samples[name]["cpu"].append((cpu_end - cpu_start) / number)
            samples[name]["wall"].append((wall_end - wall_start) / number)
        order.reverse()
    return samples


def summarise(values: list[float], scale: float = 1.0) -> dict[str, float | int]:
    """Median, quartiles, min and max of ``values`` times ``scale`` (1e3 for ms, 1e6 for µs)."""
    p25, _, p75 = statistics.quantiles(values, n=4, method="inclusive")
    return {
        "median": statistics.median(values) * scale,
        "p25": p25 * scale,
        "p75": p75 * scale,
        "min": min(values) * scale,
        "max": max(values) * scale,
        "n": len(values),
    }


def timed_sections(groups: dict[str, list[Subject]], op: str, unit: str, peer_missing: str | None, *,
                   rounds: int, number: int, warmup: int) -> dict[str, dict[str, Any]]:
    """Time ``subject.<op>`` for the subjects of every group in the same interleaved rounds (so that groups, too,
    compare like with like), then summarise each group as a section of the results."""
    ops = {(group, s.name): getattr(s, op) for group, subjects in groups.items() for s in subjects}
    samples = interleave(ops, rounds=rounds, number=number, warmup=warmup)
    scale = {"ms": 1e3, "us": 1e6}[unit]
    sections = {}
    for group in groups:
        section: dict[str, Any] = {"unit": unit, "rounds": rounds, "number": number, "warmup": warmup,
                                   "order": "alternating, swapped every round", "wetkit": None, "govuk": None,
                                   "paired_ratio": None, "peer_missing": peer_missing}
        for (in_group, name), clocks in samples.items():
            if in_group == group:
                section[name] = {clock: summarise(values, scale) for clock, values in clocks.items()}
        if (group, "govuk") in samples:
            ours, theirs = samples[group, "wetkit"], samples[group, "govuk"]
            section["paired_ratio"] = {
                clock: summarise([w / g for w, g in zip(ours[clock], theirs[clock], strict=True)]) for clock in CLOCKS
            }
        sections[group] = section
    return sections


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


def print_report(results: dict[str, Any]) -> None:
    """The table as plain text columns, for the terminal (the same rows as the README's markdown)."""
    env = results["environment"]
    print(f"\nwetkit {env['wetkit']} vs {GOVUK_PORT} {env['govuk_frontend_jinja'] or '(not installed)'}"
          f" + govuk-frontend {bench_report.dig(results['assets'], 'govuk_frontend', 'version') or '-'}"
          " (npm, for its assets)")
    print(f"Python {env['python']}, Jinja2 {env['jinja2']}, {env['cpus']} cores, {env['platform']}, load average "
          f"{env['load_average']['before']:.2f} before, {env['load_average']['after']:.2f} after")
    print(f"wetkit components in the asset sizes ({len(env['wetkit_components'])}): "
          f"{', '.join(env['wetkit_components'])}")
    for key in ("page_render", "button_call", "page_render_dev"):
        section = results[key]
        print(f"{key}: {section['rounds']} rounds x {section['number']}, interleaved, after {section['warmup']}"
              " warm-up")
    rows = [bench_report.HEADER, *bench_report.table_rows(results)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(bench_report.HEADER))]
    print()
    for row in rows:
        pairs = enumerate(zip(row, widths, strict=True))
        print("  ".join(cell.ljust(width) if i in (0, 4) else cell.rjust(width) for i, (cell, width) in pairs)
              .rstrip())
    print(bench_report.render_missing(results), end="")


def load_average() -> float | None:
    try:
        return os.getloadavg()[0]
    except (OSError, AttributeError):  # not on Windows
        return None


def environment_info() -> dict[str, Any]:
    return {
        "date": datetime.date.today().isoformat(),
        "wetkit": wetkit.__version__,
        "wetkit_components": wetkit.get_registry().names(),  # what the asset sizes cover
        "govuk_frontend_jinja": _version(GOVUK_PORT),
        "jinja2": jinja2.__version__,
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
        "cpus": os.cpu_count(),
        "load_average": {"before": load_average(), "after": None},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=201, help="timed rounds of page renders (default 201)")
    parser.add_argument("--number", type=int, default=5, help="page renders per toolkit per round (default 5)")
    parser.add_argument("--warmup", type=int, default=20, help="untimed renders per toolkit first (default 20)")
    parser.add_argument("--calls", type=int, default=500, help="button calls per toolkit per round (default 500)")
    parser.add_argument("--call-rounds", type=int, default=51, help="timed rounds of button calls (default 51)")
    parser.add_argument("--govuk-frontend", type=Path, metavar="DIR", help="an unpacked govuk-frontend npm package")
    parser.add_argument("--json", type=Path, default=REPORTS / "bench.json", help="where to write the results")
    parser.add_argument("--markdown", type=Path, default=REPORTS / "bench.md", help="where to write the table")
    parser.add_argument("--write-readme", action="store_true",
                        help=f"record the results in {bench_report.RECORDED.relative_to(ROOT)} and regenerate the "
                             "tables between the bench markers in benchmarks/README.md and README.md")
    parser.add_argument("--dump", type=Path, metavar="DIR", help="also write the two rendered pages there")
    parser.add_argument("--profile", action="store_true", help="also print a cProfile of wetkit's page render")
    args = parser.parse_args(argv)

    environment = environment_info()
    ours, peer = make_wetkit(), make_govuk()
    subjects = [ours] if peer.missing else [ours, peer]
    pages = {s.name: s.render() for s in subjects}
    dev_peer = make_govuk(auto_reload=True)
    dev_subjects = [make_wetkit(auto_reload=True)] + ([] if dev_peer.missing else [dev_peer])
    page = timed_sections({"page_render": subjects, "page_render_dev": dev_subjects}, "render", "ms", peer.missing,
                          rounds=args.rounds, number=args.number, warmup=args.warmup)
    results: dict[str, Any] = {
        "environment": environment,
        "targets": TARGETS,
        "settings": {s.name: s.settings for s in subjects},
        "settings_dev": {s.name: s.settings for s in dev_subjects},
        "content_calls": len(CONTENT),
        "html": {name: {"bytes": len(html.encode())} for name, html in pages.items()},
        "page_render": page["page_render"],
        "button_call": timed_sections({"button_call": subjects}, "button", "us", peer.missing, rounds=args.call_rounds,
                                      number=args.calls, warmup=args.calls)["button_call"],
        "page_render_dev": page["page_render_dev"],
        "assets": asset_sizes(args.govuk_frontend),
    }
    environment["load_average"]["after"] = load_average()
    print_report(results)

    text = json.dumps(results, indent=2, ensure_ascii=False) + "\n"
    for path, content in ((args.json, text), (args.markdown, bench_report.render_block(results))):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    print(f"\nwrote {args.json} and {args.markdown}")
    if args.write_readme:
        bench_report.RECORDED.write_text(text, encoding="utf-8")
        changed = bench_report.write_readmes(results)
        print(f"recorded {bench_report.RECORDED}; rewrote the bench tables in "
              f"{', '.join(str(p) for p in changed) or '(none changed)'}")
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
