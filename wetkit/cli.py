"""The ``wetkit`` command: build | serve | check | list | new | sizes.

    wetkit build [--out _site] [--clean]  build the demo/docs site from every component spec
    wetkit serve [--out _site] [--port]   build, then serve it on 127.0.0.1 (Ctrl+C stops)
    wetkit check TARGET ...               audit pages in Chromium (axe 4.14, reflow, focus, console):
                                          URLs, folders, .html files, sitemaps, a crawl; JSON/JUnit/HTML
    wetkit list                           the components and their example counts
    wetkit new NAME                       scaffold components/NAME/ (spec, macro, SCSS)
    wetkit sizes                          CSS, JS bundle and each JS module's size, minified and gzipped

build, serve, list and sizes take ``--components DIR``: a components folder to use instead of wetkit's own (one
Registry, passed to the pages, the theme CSS and the JS bundle alike).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from wetkit import __version__
from wetkit.errors import WetkitError


def _registry(args):
    """The Registry of ``--components DIR``, or None (wetkit's own components) when it is not given."""
    folder = getattr(args, "components", None)
    if not folder:
        return None
    from wetkit.registry import Registry

    path = Path(folder)
    if not path.is_dir():
        raise WetkitError(f"--components {folder}: no such folder (it holds one folder per component)")
    return Registry(path)


def _cmd_build(args) -> int:
    from wetkit.site import build_site

    started = time.perf_counter()
    pages = build_site(args.out, theme=args.theme, clean=args.clean, registry=_registry(args))
    print(f"built {len(pages)} pages into {args.out}/ in {time.perf_counter() - started:.2f}s")
    return 0


def _cmd_serve(args) -> int:
    from wetkit.serve import make_server

    if args.no_build and args.clean:
        raise WetkitError("--clean cleans the folder while building: it cannot go with --no-build")
    if not args.no_build:
        _cmd_build(args)
    server = make_server(args.out, host=args.host, port=args.port, verbose=True)
    print(f"serving {args.out}/ at http://{args.host}:{server.server_port}/ (Ctrl+C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


def _cmd_list(args) -> int:
    from wetkit.registry import get_registry

    registry = _registry(args)
    if registry is None:
        registry = get_registry()
    width = max((len(name) for name in registry.names()), default=0)
    for spec in registry:
        print(f"{spec.name:<{width}}  {len(spec.examples):>2} examples  {spec.summary}")
    print(f"{len(registry)} components, {sum(len(s.examples) for s in registry)} examples")
    return 0


def _cmd_sizes(args) -> int:
    from wetkit.assets import js_module_sizes, size_report

    registry = _registry(args)
    report = size_report(args.theme, registry=registry)
    for kind, sizes in report.items():
        print(f"{kind}: {sizes['min']:>7} B minified, {sizes['gzip']:>6} B min+gzip")
    print("js modules, each alone (a module also needs core.js; the bundle above is what pages load):")
    for name, sizes in js_module_sizes(registry=registry).items():
        print(f"  {name:<24} {sizes['min']:>6} B minified, {sizes['gzip']:>5} B min+gzip")
    return 0


def _axe_version(script) -> str:
    """The version of the axe-core the run injects (its package.json; the runner checks it is the pinned one)."""
    try:
        return json.loads((Path(script).parent / "package.json").read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return "?"


def _cmd_check(args) -> int:
    """``wetkit check``. Exit codes: 0 no new barrier and every page checked; 1 new barriers, or pages that could
    not be loaded (unreachable, hanging, crashing the browser, a broken sitemap): the run goes on past them; 2 a
    usage error (bad target or option, unreadable cookies/baseline) or an environment error that stops the run (no
    browser, a WebDriver/Grid that does not answer, no axe-core). See docs/accessibility-testing.md."""
    from rich.console import Console

    from wetkit.audit import baseline as baselines
    from wetkit.audit import reports
    from wetkit.audit.axe import find_axe_script, load_axe_locale
    from wetkit.audit.pool import audit_pages
    from wetkit.audit.targets import combine_prepare, cookie_setter, load_cookies, load_prepare, resolve_targets

    if args.update_baseline and not args.baseline:
        raise WetkitError("--update-baseline needs --baseline FILE")
    if args.workers < 1:
        raise WetkitError(f"--workers must be at least 1, not {args.workers}")
    for output in (args.json, args.junit, args.html):  # made before the audit: a long run is never lost to a typo
        if output:
            Path(output).parent.mkdir(parents=True, exist_ok=True)
    # a broken baseline is a usage error, found before the run; its keys mark known findings as pages finish
    recorded = baselines.load(args.baseline) if args.baseline and not args.update_baseline else None
    axe_script = find_axe_script()  # no axe-core: an environment error (2), not a failure on every page
    axe_locale = load_axe_locale(args.lang, axe_script)
    cookies = load_cookies(args.cookies) if args.cookies else []
    prepare = combine_prepare(cookie_setter(cookies) if cookies else None,
                              load_prepare(args.prepare) if args.prepare else None)
    console = Console(highlight=False, soft_wrap=True)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    started = time.perf_counter()
    targets = resolve_targets(args.targets, crawl_links=args.crawl, max_pages=args.max_pages, cookies=cookies,
                              exclude=args.exclude or ())
    with targets:
        for note in targets.notes:
            err.print(f"wetkit: {note}")
        if not targets.urls and not targets.unreachable:
            err.print("wetkit: no pages to check")
            return 2
        results = [reports.unreachable_result(target) for target in targets.unreachable]
        for result in results:
            _print_lines(console, reports.page_lines(reports.Report([result], lang=args.lang), 0))
        results += _audit(args, targets.urls, console, prepare, axe_script, axe_locale, audit_pages, recorded)
    report = reports.Report(results, elapsed=time.perf_counter() - started, engine=_axe_version(axe_script),
                            lang=args.lang, keyboard=not args.no_keyboard, notes=list(targets.notes))
    if args.baseline:
        report.apply_baseline(args.baseline, update=args.update_baseline)
    for table in reports.summary_tables(report):
        console.print(table)
    for line in [*reports.baseline_lines(report), reports.review_line(report)]:
        if line:
            _print_lines(console, [line])
    for option, write in ((args.json, reports.write_json), (args.junit, reports.write_junit),
                          (args.html, reports.write_html)):
        if option:
            size = write(report, option)
            _print_lines(console, [f"wrote {option} ({size:,} bytes)"])
    _print_lines(console, [reports.closing_line(report)])
    return report.exit_code


def _print_lines(console, lines) -> None:
    for line in lines:
        console.print(line, markup=False, highlight=False)


def _audit(args, urls, console, prepare, axe_script, axe_locale, audit_pages, recorded) -> list:
    """Audit ``urls`` with ``--workers`` browsers: page lines as each page finishes (findings in the ``recorded``
    baseline marked known), under a progress bar on a terminal."""
    from wetkit.audit import reports

    options = {"axe_script": axe_script, "axe_locale": axe_locale, "screenshots": args.screenshots if args.html else 0}
    if args.page_timeout:
        options["page_load_timeout"] = args.page_timeout
    progress = None
    if console.is_terminal:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        progress = Progress(TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                            console=console, transient=True)
        task = progress.add_task("pages", total=len(urls))
        progress.start()

    def on_result(index, result) -> None:
        reports.explain_load(result)
        single = reports.Report([result], lang=args.lang)
        for finding in single.findings[0]:
            finding.known = recorded is not None and finding.key in recorded
        lines = reports.page_lines(single, 0, verbose=args.verbose)
        _print_lines(console, lines)
        if progress is not None:
            progress.advance(task)

    try:
        return audit_pages(urls, workers=args.workers, remote_url=args.webdriver, prepare=prepare,
                           focus_walk=not args.no_keyboard, on_result=on_result, **options)
    finally:
        if progress is not None:
            progress.stop()


_SPEC_TEMPLATE = """summary: TODO one sentence - what {name} is for.
summary_fr: "TODO la même phrase, en français."
when_to_use: ["TODO the needs it serves, one sentence each."]
when_to_use_fr: ["TODO chaque phrase, en français."]
when_not_to_use: ["TODO needs another component serves better, and which."]
when_not_to_use_fr: ["TODO chaque phrase, en français."]
params:
  text: {{type: text, required: true, doc: TODO}}
examples:
  default:
    description: TODO
    params: {{text: Example}}
a11y:
  automated: []
  manual:
    - {{sc: ["1.3.1"], when: release, check: "TODO what a person checks, with which tool",
       check_fr: "TODO la même vérification, en français"}}
"""
_MACRO_TEMPLATE = """{{#- {title}: parameters in {name}.yaml. -#}}
{{% macro _render(text, classes, attrs) -%}}
<div class="{{{{ wet_classes('wet-{css}', classes) }}}}"{{{{ attrs|wet_attrs }}}}>{{{{ text }}}}</div>
{{%- endmacro %}}
{{% set {name} = wetkit_component("{name}", _render) %}}
"""
_SCSS_TEMPLATE = """// {title}: tokens only (var(--wet-...)); shared mixins from wetkit/scss/_mixins.scss.

.wet-{css} {{
  margin-block-end: var(--wet-space-4);
}}
"""


def _cmd_new(args) -> int:
    import re

    from wetkit import paths
    from wetkit.registry import HELPERS

    name = args.name
    if not re.match(r"^[a-z][a-z0-9_]*$", name):
        raise WetkitError(f"component names are lowercase snake_case, got {name!r}")
    if name in HELPERS:
        raise WetkitError(f"{name!r} is the wet.{name} helper already; choose another component name")
    if args.components:
        folder = Path(args.components)
    elif paths.COMPONENTS_DIR.parent == paths.PACKAGE_DIR:  # an installed copy, not a source checkout
        raise WetkitError("this wetkit is installed, not a checkout: pass --components DIR for the new folder")
    else:
        folder = paths.COMPONENTS_DIR
    target = folder / name
    if target.exists():
        raise WetkitError(f"{target} already exists; nothing was changed")
    target.mkdir(parents=True)
    title, css = name.replace("_", " ").capitalize(), name.replace("_", "-")
    (target / f"{name}.yaml").write_text(_SPEC_TEMPLATE.format(name=name))
    (target / f"{name}.html").write_text(_MACRO_TEMPLATE.format(name=name, title=title, css=css))
    (target / f"_{name}.scss").write_text(_SCSS_TEMPLATE.format(title=title, css=css))
    print(f"created {target}/ ({name}.yaml, {name}.html, _{name}.scss); run `nox` to check it")
    return 0


COMPONENTS_HELP = ("the components folder to use instead of wetkit's own (one folder per component; it must hold "
                   "every component the pages draw, wetkit's page template included)")
CLEAN_HELP = ("delete everything in --out that the build does not produce (without it, a folder holding files "
              "wetkit did not write is refused)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wetkit", description="Accessible, bilingual UI components for Jinja2.")
    parser.add_argument("--version", action="version", version=f"wetkit {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    build = sub.add_parser("build", help="build the demo/docs site")
    build.add_argument("--out", default="_site", help="output folder (default: _site)")
    build.add_argument("--theme", default="base", help="theme to compile (default: base)")
    build.add_argument("--clean", action="store_true", help=CLEAN_HELP)
    build.add_argument("--components", help=COMPONENTS_HELP)
    build.set_defaults(func=_cmd_build)

    serve = sub.add_parser("serve", help="build the site and serve it on 127.0.0.1")
    serve.add_argument("--out", default="_site")
    serve.add_argument("--theme", default="base")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 picks a free one)")
    serve.add_argument("--no-build", action="store_true", help="serve what is already built")
    serve.add_argument("--clean", action="store_true", help=CLEAN_HELP)
    serve.add_argument("--components", help=COMPONENTS_HELP)
    serve.set_defaults(func=_cmd_serve)

    check = sub.add_parser(
        "check", help="audit pages in Chromium",
        description="Audit pages in Chromium: axe-core 4.14, reflow, text spacing, keyboard focus, console. Exit "
                    "code 0: no new barrier; 1: new barriers or pages that could not be checked; 2: usage or "
                    "environment error (no browser, WebDriver down, no axe-core).")
    check.add_argument("targets", nargs="+", metavar="TARGET",
                       help="http(s) URL, folder of pages, .html file, or sitemap (.xml file or URL)")
    check.add_argument("--crawl", action="store_true",
                       help="follow same-origin <a href> links from each URL (see --max-pages, --exclude)")
    check.add_argument("--max-pages", type=int, metavar="N",
                       help="check at most N pages in all (a crawl stops at N; default for a crawl: 50)")
    check.add_argument("--exclude", action="append", metavar="REGEX",
                       help="do not crawl URLs matching this regular expression (e.g. /logout); repeatable")
    check.add_argument("--cookies", metavar="FILE",
                       help="cookies for pages behind a login: a JSON list (name, value, domain...) or cookies.txt")
    check.add_argument("--prepare", metavar="MODULE:FUNCTION",
                       help="a Python function called with the WebDriver in each browser before its first page")
    check.add_argument("--webdriver", help="remote WebDriver URL (Selenium Grid or chromedriver --port)")
    check.add_argument("--workers", type=int, default=1, metavar="N", help="browsers in parallel (default: 1)")
    check.add_argument("--page-timeout", type=float, metavar="SECONDS", help="page load time limit (default: 20)")
    check.add_argument("--no-keyboard", action="store_true", help="skip the keyboard focus walk")
    check.add_argument("--json", metavar="FILE", help="also write the full report to this file (JSON)")
    check.add_argument("--junit", metavar="FILE", help="also write JUnit XML: one test case per page and check")
    check.add_argument("--html", metavar="FILE", help="also write a self-contained HTML report, with screenshots")
    check.add_argument("--screenshots", type=int, default=3, metavar="N",
                       help="screenshots of failing elements per page in the HTML report (default: 3; 0: none)")
    check.add_argument("--baseline", metavar="FILE",
                       help="fail only on findings not in FILE (recorded there on the first run, which passes)")
    check.add_argument("--update-baseline", action="store_true", help="rewrite --baseline FILE from this run")
    check.add_argument("--lang", choices=("en", "fr"), default="en", help="language of the reports (default: en)")
    check.add_argument("--verbose", action="store_true", help="list the axe results that need a person's review")
    check.set_defaults(func=_cmd_check)

    listing = sub.add_parser("list", help="list the components")
    listing.add_argument("--components", help=COMPONENTS_HELP)
    listing.set_defaults(func=_cmd_list)

    sizes = sub.add_parser("sizes", help="CSS and JS sizes")
    sizes.add_argument("--theme", default="base")
    sizes.add_argument("--components", help=COMPONENTS_HELP)
    sizes.set_defaults(func=_cmd_sizes)

    new = sub.add_parser("new", help="scaffold a new component folder")
    new.add_argument("name")
    new.add_argument("--components", help="components folder (default: wetkit's own)")
    new.set_defaults(func=_cmd_new)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except WetkitError as err:
        print(f"wetkit: error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
