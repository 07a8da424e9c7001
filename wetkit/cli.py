"""The ``wetkit`` command: build | serve | check | list | new | sizes.

    wetkit build [--out _site] [--clean]  build the demo/docs site from every component spec
    wetkit serve [--out _site] [--port]   build, then serve it on 127.0.0.1 (Ctrl+C stops)
    wetkit check TARGET ...               audit pages in Chromium (axe 4.14, reflow, focus, console):
                                          URLs, folders, .html files, sitemaps, a crawl; JSON/JUnit/HTML
    wetkit check --components-dir DIR     build your components' example pages and audit them (and their HTML)
    wetkit list                           the components and their example counts
    wetkit new component NAME --in DIR    scaffold DIR/NAME/ (spec, macro, SCSS)
    wetkit new theme NAME --in DIR [--extends base]
    wetkit sizes [--theme T] [--only a,b] each theme's CSS (against the budget), the JS bundle and each JS module's
                                          size, minified and gzipped
    wetkit css [--theme T] [--only a,b]   one theme's stylesheet, or only the CSS a page's components need

build, serve, check, list, sizes and css take ``--components-dir DIR`` and ``--theme-dir DIR`` (each repeatable): a
team's folders, loaded alongside wetkit's (docs/extending.md) and passed to the pages, the theme CSS and the JS
bundle alike.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from pathlib import Path

from wetkit import __version__
from wetkit.errors import WetkitError


def _setup(args):
    """The :class:`wetkit.jinja.Setup` of ``--components-dir`` and ``--theme-dir`` (each repeatable): a team's
    folders loaded alongside wetkit's. A team component that overrides another is said on stderr, naming both."""
    import warnings

    from wetkit.jinja import Setup
    from wetkit.registry import ComponentOverride, load_registry, team_folders

    if getattr(args, "components", None):
        raise WetkitError(f"--components {args.components}: this option is now --components-dir DIR, which loads "
                          "your components alongside wetkit's (a component of the same name overrides wetkit's)")
    themes = team_folders(getattr(args, "theme_dir", None) or (), "--theme-dir", kind="themes")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ComponentOverride)
        registry = load_registry(getattr(args, "components_dir", None) or (), where="--components-dir")
    for warning in caught:
        if issubclass(warning.category, ComponentOverride):
            print(f"wetkit: warning: {warning.message}", file=sys.stderr)
        else:
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
    return Setup(registry, themes)


def _cmd_build(args) -> int:
    from wetkit.site import build_site

    started = time.perf_counter()
    setup = _setup(args)
    pages = build_site(args.out, theme=args.theme, clean=args.clean, registry=setup.registry, themes=setup.theme_dirs)
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
    registry = _setup(args).registry
    width = max((len(name) for name in registry.names()), default=0)
    for spec in registry:
        whose = f"  (yours: {spec.folder})" if spec.team else ""
        print(f"{spec.name:<{width}}  {len(spec.examples):>2} examples  {spec.summary}{whose}")
    team = len(registry.team_names())
    print(f"{len(registry)} components" + (f" ({team} of them yours)" if team else "")
          + f", {sum(len(s.examples) for s in registry)} examples")
    return 0


def _only(args) -> list[str] | None:
    """The component names of ``--only a,b`` (None: every component)."""
    if not args.only:
        return None
    names = [name.strip() for name in args.only.split(",") if name.strip()]
    if not names:
        raise WetkitError(f"--only {args.only!r}: give component names separated by commas, such as button,alert")
    return names


def _cmd_sizes(args) -> int:
    """Exit 1 when a theme's full CSS is over ``CSS_BUDGET`` (a subset from ``--only`` is never over)."""
    from wetkit.assets import CSS_BUDGET, bundle_js, css_sizes, gzip_size, js_module_sizes

    setup = _setup(args)
    registry = setup.registry
    only = _only(args)
    themes = [args.theme] if args.theme else None
    over = []
    what = f"components {', '.join(only)} (and what they draw)" if only else "all components"
    print(f"css per theme, {what}" + ("" if only else f"; budget {CSS_BUDGET:,} B min+gzip each") + ":")
    for name, sizes in css_sizes(themes, only, registry=registry, theme_dirs=setup.theme_dirs).items():
        verdict = "" if only else ("  ok" if sizes["gzip"] <= CSS_BUDGET else "  OVER BUDGET")
        if verdict == "  OVER BUDGET":
            over.append(name)
        print(f"  {name:<22} {sizes['min']:>7} B minified, {sizes['gzip']:>6} B min+gzip{verdict}")
    js = bundle_js(only, registry=registry)
    print(f"js: {len(js.encode()):>7} B minified, {gzip_size(js):>6} B min+gzip")
    print("js modules, each alone (a module also needs core.js; the bundle above is what pages load):")
    for name, sizes in js_module_sizes(registry=registry).items():
        print(f"  {name:<24} {sizes['min']:>6} B minified, {sizes['gzip']:>5} B min+gzip")
    if over:
        print(f"wetkit: {', '.join(over)}: CSS over the {CSS_BUDGET:,} B budget", file=sys.stderr)
        return 1
    return 0


def _cmd_css(args) -> int:
    """Write one theme's minified CSS (``--only``: just those components and what they draw) to ``--out`` or
    stdout."""
    from wetkit.sass import compile_theme

    setup = _setup(args)
    css = compile_theme(args.theme, _only(args), registry=setup.registry, theme_dirs=setup.theme_dirs)
    if args.out:
        Path(args.out).write_text(css, encoding="utf-8")
    else:
        sys.stdout.write(css)
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
    from wetkit.audit.axe import find_axe_script, load_axe_locale
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
    with contextlib.ExitStack() as stack:
        team = _team_site(args, stack)
        targets = resolve_targets([str(team.folder)] if team else args.targets, crawl_links=args.crawl,
                                  max_pages=args.max_pages, cookies=cookies, exclude=args.exclude or ())
        stack.enter_context(targets)
        html_problems = {}
        if team is not None:
            base = next(iter(targets.roots))
            targets.urls = team.select(targets.urls, base)
            targets.notes.insert(0, team.note)
            html_problems = team.html_problems(base)
        report = _check_targets(args, targets, (console, err), prepare, (axe_script, axe_locale), recorded,
                                started, html_problems)
        if report is None:
            return 2
    return _finish_check(args, report, console)


def _team_site(args, stack):
    """The site of ``--components-dir``/``--theme-dir`` to check (see wetkit.audit.team), or None for TARGETs."""
    if not (args.components_dir or args.theme_dir):
        if not args.targets:
            raise WetkitError("give pages to check (TARGET ...), or --components-dir/--theme-dir to check the "
                              "example pages of your own components and themes")
        if args.all_examples or args.out:
            raise WetkitError("--all-examples and --out go with --components-dir/--theme-dir")
        return None
    if args.targets:
        raise WetkitError("give either TARGETs or --components-dir/--theme-dir, not both: with your folders, "
                          "wetkit check builds their example pages and checks those")
    if args.crawl:
        raise WetkitError("--crawl follows links from URLs: it does not go with --components-dir/--theme-dir")
    from wetkit.audit.team import TeamSite

    setup = _setup(args)
    if not args.components_dir and not any((Path(d) / args.theme / "tokens.yaml").is_file() for d in setup.theme_dirs):
        yours = sorted({p.parent.name for d in setup.theme_dirs for p in Path(d).glob("*/tokens.yaml")})
        raise WetkitError(f"--theme {args.theme}: not one of your --theme-dir themes ({', '.join(yours) or 'none'}); "
                          "name the theme to check with --theme")
    return stack.enter_context(TeamSite(setup, theme=args.theme, out=args.out, all_examples=args.all_examples))


def _check_targets(args, targets, consoles, prepare, axe, recorded, started, html_problems):
    """Audit the resolved targets; the Report, or None when there is nothing to check. ``html_problems``: HTML
    validity problems by URL, added to their pages' results."""
    from wetkit.audit import reports
    from wetkit.audit.pool import audit_pages

    (console, err), (axe_script, axe_locale) = consoles, axe

    for note in targets.notes:
        err.print(f"wetkit: {note}")
    if not targets.urls and not targets.unreachable:
        err.print("wetkit: no pages to check")
        return None
    results = [reports.unreachable_result(target) for target in targets.unreachable]
    for result in results:
        _print_lines(console, reports.page_lines(reports.Report([result], lang=args.lang), 0))
    results += _audit(args, targets.urls, console, prepare, axe_script, axe_locale, audit_pages, recorded,
                      html_problems)
    return reports.Report(results, elapsed=time.perf_counter() - started, engine=_axe_version(axe_script),
                          lang=args.lang, keyboard=not args.no_keyboard, notes=list(targets.notes))


def _finish_check(args, report, console) -> int:
    """The summary, the baseline and the report files of a finished ``wetkit check``; its exit code."""
    from wetkit.audit import reports

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


def _audit(args, urls, console, prepare, axe_script, axe_locale, audit_pages, recorded, found_before=None) -> list:
    """Audit ``urls`` with ``--workers`` browsers: page lines as each page finishes (findings in the ``recorded``
    baseline marked known), under a progress bar on a terminal. ``found_before``: problems by URL found without a
    browser (HTML validity), added to each page's result."""
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
        result.problems += (found_before or {}).get(result.url, [])
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


_KINDS = ("component", "theme")


def _cmd_new(args) -> int:
    """``wetkit new component NAME --in DIR`` / ``wetkit new theme NAME --in DIR [--extends THEME]``; the older
    ``wetkit new NAME [--components DIR]`` still makes a component (in wetkit's checkout without --components)."""
    from wetkit import paths
    from wetkit.scaffold import new_component, new_theme

    words = args.words
    if len(words) == 2 and words[0] in _KINDS:
        kind, name = words
        where = args.into
    elif len(words) == 1 and words[0] not in _KINDS:
        kind, name = "component", words[0]
        where = args.into or args.components
        if where is None and paths.COMPONENTS_DIR.parent != paths.PACKAGE_DIR:  # a source checkout
            where = paths.COMPONENTS_DIR
    else:
        raise WetkitError(f"wetkit new: got {' '.join(words)!r}; allowed: 'component NAME' or 'theme NAME' "
                          "(wetkit new component NAME --in DIR, wetkit new theme NAME --in DIR --extends base)")
    if where is None:
        raise WetkitError(f"wetkit new {kind}: --in DIR is needed (the folder of your {kind}s, created if missing)")
    if args.extends is not None and kind != "theme":
        raise WetkitError("--extends names the theme a new theme builds on; components do not take it")
    if kind == "component":
        target, commands = new_component(name, where)
        made = f"{name}.yaml (spec), {name}.html (macro), _{name}.scss (styles)"
    else:
        target, commands = new_theme(name, where, args.extends)
        made = "tokens.yaml" + ("" if args.extends else " and _settings.scss (a copy of base)")
    print(f"created {target}/: {made}")
    print("next, from this folder:")
    for command in commands:
        print(f"  {command}")
    return 0


ONLY_HELP = ("only these components (comma-separated) and the ones they draw, as a page that uses just them would "
             "load; default: all")


def _add_team_options(parser: argparse.ArgumentParser) -> None:
    """--components-dir and --theme-dir (repeatable): a team's folders, loaded alongside wetkit's."""
    parser.add_argument("--components-dir", action="append", metavar="DIR",
                        help="a folder of your components (one folder each), loaded alongside wetkit's; a component "
                             "named like a wetkit one overrides it (said on stderr). Repeatable: the first wins")
    parser.add_argument("--theme-dir", action="append", metavar="DIR",
                        help="a folder of your themes (one folder each), searched before wetkit's for --theme. "
                             "Repeatable: the first wins")
    parser.add_argument("--components", help=argparse.SUPPRESS)  # the older option: a clear error names the new one


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
    _add_team_options(build)
    build.set_defaults(func=_cmd_build)

    serve = sub.add_parser("serve", help="build the site and serve it on 127.0.0.1")
    serve.add_argument("--out", default="_site")
    serve.add_argument("--theme", default="base")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 picks a free one)")
    serve.add_argument("--no-build", action="store_true", help="serve what is already built")
    serve.add_argument("--clean", action="store_true", help=CLEAN_HELP)
    _add_team_options(serve)
    serve.set_defaults(func=_cmd_serve)

    check = sub.add_parser(
        "check", help="audit pages in Chromium",
        description="Audit pages in Chromium: axe-core 4.14, reflow, text spacing, keyboard focus, console. Exit "
                    "code 0: no new barrier; 1: new barriers or pages that could not be checked; 2: usage or "
                    "environment error (no browser, WebDriver down, no axe-core).")
    check.add_argument("targets", nargs="*", metavar="TARGET",
                       help="http(s) URL, folder of pages, .html file, or sitemap (.xml file or URL); or none, with "
                            "--components-dir/--theme-dir")
    _add_team_options(check)
    check.add_argument("--theme", default="base",
                       help="with --components-dir/--theme-dir: the theme to build the example pages in")
    check.add_argument("--all-examples", action="store_true",
                       help="with --components-dir: check every component's examples, not only your components'")
    check.add_argument("--out", help="with --components-dir/--theme-dir: build the pages here (default: a "
                                     "temporary folder)")
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
    _add_team_options(listing)
    listing.set_defaults(func=_cmd_list)

    sizes = sub.add_parser("sizes", help="CSS sizes per theme (exit 1 over budget) and JS sizes")
    sizes.add_argument("--theme", help="only this theme, a name or a theme folder (default: every theme)")
    sizes.add_argument("--only", metavar="A,B", help=ONLY_HELP)
    _add_team_options(sizes)
    sizes.set_defaults(func=_cmd_sizes)

    css = sub.add_parser("css", help="write a theme's stylesheet, or only what some components need")
    css.add_argument("--theme", default="base", help="a theme name or a theme folder (default: base)")
    css.add_argument("--only", metavar="A,B", help=ONLY_HELP)
    css.add_argument("--out", metavar="FILE", help="write here (default: standard output)")
    _add_team_options(css)
    css.set_defaults(func=_cmd_css)

    new = sub.add_parser("new", help="scaffold a component or a theme in a folder of yours",
                         description="wetkit new component NAME --in DIR | wetkit new theme NAME --in DIR "
                                     "[--extends base]")
    new.add_argument("words", nargs="+", metavar="component|theme NAME")
    new.add_argument("--in", dest="into", metavar="DIR", help="the folder of your components or themes")
    new.add_argument("--extends", metavar="THEME", help="a new theme sets only what it changes from THEME")
    new.add_argument("--components", help=argparse.SUPPRESS)  # the older `wetkit new NAME --components DIR`
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
