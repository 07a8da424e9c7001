"""The ``wetkit`` command: build | serve | check | list | new | sizes.

    wetkit build [--out _site] [--clean]  build the demo/docs site from every component spec
    wetkit serve [--out _site] [--port]   build, then serve it on 127.0.0.1 (Ctrl+C stops)
    wetkit check URL|FOLDER ...           audit pages in Chromium (axe 4.14, reflow, focus, console)
    wetkit list                           the components and their example counts
    wetkit new NAME                       scaffold components/NAME/ (spec, macro, SCSS)
    wetkit sizes                          CSS and JS sizes, minified and gzipped
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from wetkit import __version__
from wetkit.errors import WetkitError


def _cmd_build(args) -> int:
    from wetkit.site import build_site

    started = time.perf_counter()
    pages = build_site(args.out, theme=args.theme, clean=args.clean)
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

    registry = get_registry()
    width = max(len(name) for name in registry.names())
    for spec in registry:
        print(f"{spec.name:<{width}}  {len(spec.examples):>2} examples  {spec.summary}")
    print(f"{len(registry)} components, {sum(len(s.examples) for s in registry)} examples")
    return 0


def _cmd_sizes(args) -> int:
    from wetkit.assets import size_report

    report = size_report(args.theme)
    for kind, sizes in report.items():
        print(f"{kind}: {sizes['min']:>7} B minified, {sizes['gzip']:>6} B min+gzip")
    return 0


def _targets(items: list[str]) -> tuple[list[str], object]:
    """URLs to audit: URLs as given; a folder is served on loopback and every .html in it (or in its
    manifest.json) is audited. Returns the URLs and the server to stop (or None)."""
    urls, server = [], None
    for item in items:
        path = Path(item)
        if item.startswith(("http://", "https://")):
            urls.append(item)
        elif path.is_dir():
            from wetkit.serve import serve_in_thread

            server, base = serve_in_thread(path)
            manifest = path / "manifest.json"
            if manifest.is_file():
                urls += [base + page["path"] for page in json.loads(manifest.read_text())["pages"]]
            else:
                urls += [base + p.relative_to(path).as_posix() for p in sorted(path.rglob("*.html"))]
        else:
            raise WetkitError(f"{item!r} is neither an http(s) URL nor a folder of pages")
    return urls, server


def _cmd_check(args) -> int:
    from wetkit.audit.runner import Auditor

    if args.json:  # made before the audit, so a long run is never lost to a missing folder
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    urls, server = _targets(args.targets)
    if not urls:
        print("no pages to check", file=sys.stderr)
        return 2
    failed = 0
    report = []
    started = time.perf_counter()
    try:
        with Auditor(remote_url=args.webdriver) as auditor:
            for url in urls:
                result = auditor.audit(url, focus_walk=not args.no_keyboard)
                report.append({"url": url, "problems": [p.__dict__ for p in result.problems],
                               "needs_review": result.needs_review})
                review = f" ({len(result.needs_review)} to review by hand)" if result.needs_review else ""
                if result.ok:
                    print(f"ok    {url}{review}")
                else:
                    failed += 1
                    print(f"FAIL  {url}{review}\n" + result.report(url))
                if args.verbose:
                    for item in result.needs_review:
                        print(f"      review: {item}")
            engine = auditor.axe.version if auditor.axe else "?"
    finally:
        if server is not None:
            server.shutdown()
    elapsed = time.perf_counter() - started
    print(f"{len(urls) - failed} passed, {failed} failed ({len(urls)} pages, axe-core {engine}, {elapsed:.1f}s)")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n")
    return 1 if failed else 0


_SPEC_TEMPLATE = """summary: TODO one sentence - what {name} is for.
params:
  text: {{type: text, required: true, doc: TODO}}
examples:
  default:
    description: TODO
    params: {{text: Example}}
a11y:
  automated: []
  manual: []
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
    build.set_defaults(func=_cmd_build)

    serve = sub.add_parser("serve", help="build the site and serve it on 127.0.0.1")
    serve.add_argument("--out", default="_site")
    serve.add_argument("--theme", default="base")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 picks a free one)")
    serve.add_argument("--no-build", action="store_true", help="serve what is already built")
    serve.add_argument("--clean", action="store_true", help=CLEAN_HELP)
    serve.set_defaults(func=_cmd_serve)

    check = sub.add_parser("check", help="audit pages in Chromium")
    check.add_argument("targets", nargs="+", help="http(s) URLs, or folders of built pages")
    check.add_argument("--webdriver", help="remote WebDriver URL (Selenium Grid or chromedriver --port)")
    check.add_argument("--no-keyboard", action="store_true", help="skip the keyboard focus walk")
    check.add_argument("--json", help="also write the full report to this file")
    check.add_argument("--verbose", action="store_true", help="list the axe results that need a person's review")
    check.set_defaults(func=_cmd_check)

    sub.add_parser("list", help="list the components").set_defaults(func=_cmd_list)

    sizes = sub.add_parser("sizes", help="CSS and JS sizes")
    sizes.add_argument("--theme", default="base")
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
