"""What ``wetkit check`` (and the pytest plugin) tell you: terminal lines and summary, ``--json``, ``--junit`` and
``--html`` reports, all built from one :class:`Report` over the run's :class:`~wetkit.audit.runner.PageResult`.

- **Findings** are the problems of each page, each marked *new* or *known* (recorded in the ``--baseline``). Only new
  findings fail a page and the run; known ones are listed in every report all the same.
- **Needs review** items (axe's "incomplete" results without an error) never fail a page; every report groups them
  by rule with counts.
- **JUnit** (``--junit``): one ``<testsuite>``, one ``<testcase>`` per page and check (``classname`` = the page's
  path, ``name`` = the check); a check with new findings is a ``<failure>`` listing them; known findings go to the
  test case's ``<system-out>``; after a page that did not load, its other checks are ``<skipped>``. It follows the
  common JUnit XML schema (Ant/Jenkins ``junit-10.xsd``), which ``tests/schemas/junit-10.xsd`` restates.
- **HTML** (``--html``): one self-contained file, inline CSS and no script, that passes wetkit's own audit. Each
  finding shows its rule, WCAG success criterion, where it was found, the element's HTML, a screenshot (PNG as a
  ``data:`` URI, when one was taken), axe's "how to fix" and the help link.
"""

from __future__ import annotations

import base64
import datetime as _dt
import json
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path

from wetkit import __version__
from wetkit.audit import baseline as baselines
from wetkit.audit.i18n import criteria_for, criterion, scheme_name, text, understanding_url
from wetkit.audit.targets import Unreachable, page_key

# The checks the runner runs on every page that loads (one JUnit test case each); a check that is not here but shows
# up in a finding (axe-error, a future check) gets a test case too.
CHECKS = ("load", "axe", "reflow", "text-spacing", "ids", "focus", "console")
KEYBOARD_CHECKS = ("focus",)
MAX_REPORT_SHOTS = 40  # screenshots in one HTML report (each is at most runner.MAX_SHOT_BYTES)
MAX_REVIEW_ITEMS = 50  # elements listed under each needs-review rule in the HTML report
_REVIEW = re.compile(r"^(?P<rule>\S+) at (?P<where>.+?): (?P<target>.*)$", re.DOTALL)
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass
class Finding:
    url: str
    page: str  # the page's stable key: its path and query
    problem: object  # wetkit.audit.checks.Problem
    known: bool = False
    evidence: dict = field(default_factory=dict)
    rule_info: dict = field(default_factory=dict)

    @property
    def key(self) -> baselines.Key:
        return baselines.key_for(self.page, self.problem)

    @property
    def status(self) -> str:
        return "known" if self.known else "new"

    def criteria(self) -> list[str]:
        tags = self.rule_info.get("tags") if self.problem.check in ("axe", "axe-error") else None
        return criteria_for(self.problem.check, self.problem.rule, tags)


@dataclass
class ReviewGroup:
    rule: str
    count: int = 0
    pages: set = field(default_factory=set)
    items: list = field(default_factory=list)  # (page url, where, target)
    help: str = ""
    help_url: str = ""


@dataclass
class Report:
    """A run's results and everything the reports say about them."""

    results: list
    elapsed: float = 0.0
    engine: str = "?"
    lang: str = "en"
    keyboard: bool = True
    started: _dt.datetime = field(default_factory=lambda: _dt.datetime.now(_dt.timezone.utc))
    notes: list[str] = field(default_factory=list)
    baseline_path: str | None = None
    baseline_action: str | None = None  # recorded | updated | compared
    comparison: baselines.Comparison | None = None

    def __post_init__(self) -> None:
        self.findings: dict[int, list[Finding]] = {}
        for index, result in enumerate(self.results):
            page = page_key(result.url)
            rules = getattr(result, "rules", {}) or {}
            evidence = getattr(result, "evidence", {}) or {}
            self.findings[index] = [
                Finding(result.url, page, problem, evidence=evidence.get(problem, {}),
                        rule_info=rules.get(problem.rule, {}))
                for problem in result.problems
            ]

    # -- baselines ---------------------------------------------------------------------------------------------------

    def all_findings(self) -> list[Finding]:
        return [finding for index in range(len(self.results)) for finding in self.findings[index]]

    def checked_pages(self) -> set[str]:
        """Pages that loaded: their findings are complete, so a recorded finding missing there is fixed."""
        return {page_key(result.url) for index, result in enumerate(self.results)
                if not any(f.problem.check == "load" for f in self.findings[index])}

    def apply_baseline(self, path: str, update: bool = False) -> None:
        """Compare with (or record, or update) the baseline at ``path``; marks known findings."""
        recorded = baselines.load(path)
        current = {f.key for f in self.all_findings()}
        about = {"wetkit": __version__, "axe_core": self.engine}
        self.baseline_path = path
        if recorded is None or update:
            keys = baselines.merged(recorded, current, self.checked_pages())
            baselines.save(path, keys, about)
            self.baseline_action = "recorded" if recorded is None else "updated"
            self.comparison = baselines.compare(keys, current, self.checked_pages())
            if recorded is not None:  # the entries the update dropped are fixed ones
                self.comparison.fixed = baselines.compare(recorded, current, self.checked_pages()).fixed
        else:
            self.baseline_action = "compared"
            self.comparison = baselines.compare(recorded, current, self.checked_pages())
        for finding in self.all_findings():
            finding.known = finding.key in self.comparison.known

    # -- counts ------------------------------------------------------------------------------------------------------

    @property
    def pages(self) -> int:
        return len(self.results)

    def new_findings(self) -> list[Finding]:
        return [f for f in self.all_findings() if not f.known]

    def known_findings(self) -> list[Finding]:
        return [f for f in self.all_findings() if f.known]

    def failed_pages(self) -> list[int]:
        return [index for index in range(len(self.results)) if any(not f.known for f in self.findings[index])]

    @property
    def exit_code(self) -> int:
        """0: no new barrier and every page loaded; 1: new barriers, or pages that could not be checked."""
        return 1 if self.failed_pages() else 0

    @property
    def seconds_per_page(self) -> float:
        return self.elapsed / self.pages if self.pages else 0.0

    def by_rule(self) -> list[tuple[str, str, int, int]]:
        """(check, rule, new, known) for every rule with findings, most new first."""
        counts: dict[tuple[str, str], list[int]] = {}
        for finding in self.all_findings():
            entry = counts.setdefault((finding.problem.check, finding.problem.rule), [0, 0])
            entry[1 if finding.known else 0] += 1
        rows = [(check, rule, new, known) for (check, rule), (new, known) in counts.items()]
        return sorted(rows, key=lambda row: (-row[2], -row[3], row[0], row[1]))

    def review(self) -> list[ReviewGroup]:
        """axe's needs-review items grouped by rule, most frequent first."""
        groups: dict[str, ReviewGroup] = {}
        for result in self.results:
            rules = getattr(result, "rules", {}) or {}
            for item in result.needs_review:
                match = _REVIEW.match(item)
                rule, where, target = (match["rule"], match["where"], match["target"]) if match else (item, "", "")
                group = groups.setdefault(rule, ReviewGroup(rule))
                group.count += 1
                group.pages.add(result.url)
                group.items.append((result.url, where, target))
                info = rules.get(rule) or {}
                group.help = group.help or info.get("help", "")
                group.help_url = group.help_url or info.get("help_url", "")
        return sorted(groups.values(), key=lambda g: (-g.count, g.rule))

    def review_total(self) -> int:
        return sum(len(result.needs_review) for result in self.results)


def unreachable_result(target: Unreachable):
    """A PageResult for a target that could not even be read (a sitemap, a crawled link): a ``load`` finding."""
    from wetkit.audit.checks import Problem
    from wetkit.audit.runner import PageResult

    return PageResult(target.url, [Problem("load", target.rule, target.url, target.message)])


def explain_load(result) -> None:
    """Reword a browser's network error as what it means ("could not be reached"), naming the page; in place."""
    from dataclasses import replace

    for index, problem in enumerate(result.problems):
        if problem.check == "load" and problem.rule == "browser-error" and "net::ERR_" in problem.message:
            code = re.search(r"net::(ERR_[A-Z_]+)", problem.message).group(1)
            result.problems[index] = replace(problem, rule="unreachable",
                                             message=f"{result.url} could not be reached ({code})")


# -- terminal --------------------------------------------------------------------------------------------------------

def where(problem, lang: str = "en") -> str:
    parts = []
    if problem.width:
        parts.append(text(lang, "at_width", width=problem.width))
    scheme = getattr(problem, "scheme", None)
    if scheme and scheme != "light":
        parts.append(text(lang, "in_scheme", scheme=scheme_name(lang, scheme)))
    return " ".join(parts)


def describe(finding: Finding, label: str, lang: str = "en") -> str:
    """One finding as the terminal shows it (the format ``wetkit check`` has always printed)."""
    problem = finding.problem
    at = where(problem, lang)
    at = f" {'à' if lang == 'fr' else 'at'} {at}" if at else ""
    url = f"\n      help: {problem.help_url}" if problem.help_url else ""
    return f"{label}{at}: [{problem.check}] {problem.rule}: {problem.target}\n      {problem.message}{url}"


def page_lines(report: Report, index: int, verbose: bool = False) -> list[str]:
    """The lines for one page: ``ok``/``FAIL``/``known``, each new finding in full, each known one on a line."""
    result = report.results[index]
    findings = report.findings[index]
    new = [f for f in findings if not f.known]
    known = [f for f in findings if f.known]
    review = f" ({len(result.needs_review)} to review by hand)" if result.needs_review else ""
    state = "FAIL " if new else ("known" if known else "ok   ")
    lines = [f"{state} {result.url}{review}"]
    lines += [describe(f, result.url, report.lang) for f in new]
    for finding in known:
        p = finding.problem
        at = where(p, report.lang)
        at = f" ({at})" if at else ""
        lines.append(f"      {text(report.lang, 'known')}: [{p.check}] {p.rule}: {p.target}{at}")
    if verbose:
        lines += [f"      review: {item}" for item in result.needs_review]
    return lines


def summary_tables(report: Report):
    """rich renderables: the run in numbers, barriers by check and rule, needs review by rule."""
    from rich.table import Table

    lang = report.lang
    overview = Table(title=text(lang, "summary"), show_header=False)
    overview.add_column(text(lang, "summary"))
    overview.add_column(text(lang, "count"), justify="right")
    overview.add_row(text(lang, "pages"), str(report.pages))
    overview.add_row(text(lang, "pages_failed"), str(len(report.failed_pages())))
    overview.add_row(f"{text(lang, 'barriers')} ({text(lang, 'new')})", str(len(report.new_findings())))
    overview.add_row(f"{text(lang, 'barriers')} ({text(lang, 'known')})", str(len(report.known_findings())))
    if report.comparison is not None:
        overview.add_row(text(lang, "fixed"), str(len(report.comparison.fixed)))
    overview.add_row(text(lang, "needs_review"), str(report.review_total()))
    overview.add_row(text(lang, "seconds_per_page"), f"{report.seconds_per_page:.2f}")
    tables = [overview]
    rows = report.by_rule()
    if rows:
        table = Table(title=text(lang, "by_rule"))
        for name in ("check", "rule", "wcag"):
            table.add_column(text(lang, name))
        table.add_column(text(lang, "new"), justify="right")
        table.add_column(text(lang, "known"), justify="right")
        for check, rule, new, known in rows:
            example = next(f for f in report.all_findings() if (f.problem.check, f.problem.rule) == (check, rule))
            table.add_row(check, rule, ", ".join(example.criteria()) or "-", str(new), str(known))
        tables.append(table)
    groups = report.review()
    if groups:
        table = Table(title=text(lang, "needs_review"))
        table.add_column(text(lang, "rule"))
        table.add_column(text(lang, "count"), justify="right")
        table.add_column(text(lang, "pages"), justify="right")
        for group in groups:
            table.add_row(group.rule, str(group.count), str(len(group.pages)))
        tables.append(table)
    return tables


def baseline_lines(report: Report) -> list[str]:
    if report.comparison is None:
        return []
    lang, comparison = report.lang, report.comparison
    lines = []
    if report.baseline_action == "recorded":
        lines.append(text(lang, "baseline_recorded", count=len(comparison.known), path=report.baseline_path))
    elif report.baseline_action == "updated":
        lines.append(text(lang, "baseline_updated", count=len(comparison.known), path=report.baseline_path))
    else:
        lines.append(text(lang, "baseline_summary", path=report.baseline_path, new=len(comparison.new),
                          known=len(comparison.known), fixed=len(comparison.fixed)))
    if comparison.fixed:
        lines.append(text(lang, "fixed_line", items="; ".join(key.describe() for key in comparison.fixed)))
    return lines


def closing_line(report: Report) -> str:
    failed = len(report.failed_pages())
    return text(report.lang, "passed_failed", passed=report.pages - failed, failed=failed, pages=report.pages,
                engine=report.engine, elapsed=report.elapsed)


def review_line(report: Report) -> str | None:
    groups = report.review()
    if not groups:
        return None
    pages = len({url for g in groups for url in g.pages})
    rules = ", ".join(f"{g.rule} {g.count}" for g in groups)
    return text(report.lang, "review_counts", total=report.review_total(), pages=pages, rules=rules)


# -- JSON ------------------------------------------------------------------------------------------------------------

def to_json(report: Report) -> dict:
    """The ``--json`` report. ``pages`` keeps the entries of earlier versions (``url``, ``problems``,
    ``needs_review``) and adds to them; the rest is the summary."""
    pages = []
    for index, result in enumerate(report.results):
        problems = []
        for finding in report.findings[index]:
            entry = dict(vars(finding.problem))
            entry.update(status=finding.status, page=finding.page, wcag=finding.criteria())
            if finding.evidence:
                entry.update(html=finding.evidence.get("html", ""), fix=finding.evidence.get("summary", ""),
                             screenshot="png" in finding.evidence)
            problems.append(entry)
        pages.append({"url": result.url, "page": page_key(result.url), "ok": not any(
            not f.known for f in report.findings[index]), "problems": problems,
            "needs_review": list(result.needs_review)})
    data = {
        "tool": "wetkit check", "wetkit": __version__, "axe_core": report.engine, "lang": report.lang,
        "started": report.started.isoformat(timespec="seconds"), "seconds": round(report.elapsed, 2),
        "seconds_per_page": round(report.seconds_per_page, 2),
        "summary": {
            "pages": report.pages, "pages_failed": len(report.failed_pages()),
            "new": len(report.new_findings()), "known": len(report.known_findings()),
            "by_rule": [{"check": c, "rule": r, "new": n, "known": k} for c, r, n, k in report.by_rule()],
            "needs_review": {g.rule: g.count for g in report.review()},
        },
        "notes": list(report.notes),
        "pages": pages,
    }
    if report.comparison is not None:
        data["baseline"] = {
            "path": report.baseline_path, "action": report.baseline_action,
            "fixed": [k.as_dict() for k in report.comparison.fixed],
            "not_checked": [k.as_dict() for k in report.comparison.not_checked],
        }
    return data


def write_json(report: Report, path: str | Path) -> int:
    data = json.dumps(to_json(report), indent=2, ensure_ascii=False) + "\n"
    return _write(path, data.encode("utf-8"))


# -- JUnit -----------------------------------------------------------------------------------------------------------

def _xml_text(value: object) -> str:
    return _XML_BAD.sub("\ufffd", str(value))


def to_junit(report: Report) -> bytes:
    """The ``--junit`` XML (see the module docstring)."""
    lang = report.lang
    suite = ElementTree.Element("testsuite")
    cases = failures = skipped = 0
    for index, result in enumerate(report.results):
        page = page_key(result.url)
        findings = report.findings[index]
        loaded = not any(f.problem.check == "load" for f in findings)
        checks = [c for c in CHECKS if report.keyboard or c not in KEYBOARD_CHECKS]
        checks += sorted({f.problem.check for f in findings} - set(checks))
        for check in checks:
            here = [f for f in findings if f.problem.check == check]
            # no time per test case: the checks of a page are not timed one by one (the suite has the run's time)
            case = ElementTree.SubElement(suite, "testcase", classname=_xml_text(page), name=check)
            cases += 1
            new = [f for f in here if not f.known]
            if new:
                failures += 1
                failure = ElementTree.SubElement(case, "failure", type=_xml_text(new[0].problem.rule),
                                                 message=_xml_text(text(lang, "junit_failure", count=len(new),
                                                                        check=check)))
                failure.text = _xml_text("\n".join(describe(f, result.url, lang) for f in new))
            elif not loaded and check != "load":
                skipped += 1
                ElementTree.SubElement(case, "skipped", message=text(lang, "junit_not_run"))
            known = [f for f in here if f.known]
            if known:
                out = ElementTree.SubElement(case, "system-out")
                out.text = _xml_text("\n".join(f"{text(lang, 'known_long')} " + describe(f, result.url, lang)
                                               for f in known))
    suite.attrib.update(name="wetkit check", tests=str(cases), failures=str(failures), errors="0",
                        skipped=str(skipped), time=f"{report.elapsed:.3f}",
                        timestamp=report.started.strftime("%Y-%m-%dT%H:%M:%S"), hostname="localhost")
    lines = []
    if report.comparison is not None:
        lines += baseline_lines(report)
    review = review_line(report)
    if review:
        lines.append(review)
    if lines:
        ElementTree.SubElement(suite, "system-out").text = _xml_text("\n".join(lines))
    root = ElementTree.Element("testsuites", name="wetkit check", tests=str(cases), failures=str(failures),
                               errors="0", time=f"{report.elapsed:.3f}")  # junit-10.xsd: no skipped count here
    root.append(suite)
    ElementTree.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="utf-8") + b"\n"


def write_junit(report: Report, path: str | Path) -> int:
    return _write(path, to_junit(report))


# -- HTML ------------------------------------------------------------------------------------------------------------

_CSS = """
:root { color-scheme: light dark; --text: #1b1b1b; --muted: #4a4a4a; --bg: #fff; --surface: #f1f2f3;
  --border: #6f6f6f; --link: #1a5a96; --focus: #0b57d0; --new: #a30d18; --on-new: #fff; }
@media (prefers-color-scheme: dark) {
  :root { --text: #f1f1f1; --muted: #c8c8c8; --bg: #121417; --surface: #1f2328; --border: #9aa0a6;
    --link: #8ec5ff; --focus: #ffd34d; --new: #ff8a91; --on-new: #121417; }
}
*, *::before, *::after { box-sizing: border-box; }
html { font-family: system-ui, "Noto Sans", Arial, sans-serif; line-height: 1.5; color: var(--text);
  background: var(--bg); }
body { margin: 0; overflow-wrap: anywhere; }
main, footer { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
a { color: var(--link); }
a:focus-visible, summary:focus-visible, main:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
h1 { font-size: 1.75rem; line-height: 1.25; }
h2 { margin-top: 2rem; border-bottom: 1px solid var(--border); }
h3 { margin-top: 1.5rem; }
code, pre { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.875rem; }
pre { white-space: pre-wrap; background: var(--surface); padding: 0.5rem; border-left: 4px solid var(--border);
  margin: 0; }
table { border-collapse: collapse; margin-bottom: 1rem; }
th, td { text-align: start; padding: 0.25rem 0.75rem 0.25rem 0; border-bottom: 1px solid var(--border);
  vertical-align: top; }
td.n { text-align: end; white-space: nowrap; overflow-wrap: normal; }
.finding { border: 1px solid var(--border); padding: 0 1rem 1rem; margin: 1rem 0; }
.finding dl { display: grid; grid-template-columns: minmax(0, 1fr); gap: 0.25rem; margin: 0; }
.finding dt { font-weight: 700; margin-top: 0.5rem; }
.finding dd { margin: 0; }
.badge { display: inline-block; padding: 0 0.4rem; border: 1px solid var(--border); font-size: 0.875rem; }
.badge.new { background: var(--new); color: var(--on-new); border-color: var(--new); }
img { max-width: 100%; height: auto; border: 1px solid var(--border); }
.muted { color: var(--muted); }
footer { margin-top: 3rem; padding-bottom: 2rem; color: var(--muted); }
"""

_HTML = """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<style>{{ css|safe }}</style>
</head>
<body>
<main>
<h1>{{ t("title") }}</h1>
<p>{{ t("intro", date=date, engine=report.engine, version=version) }}</p>
{% for note in report.notes %}<p>{{ note }}</p>{% endfor %}
<h2 id="summary">{{ t("summary") }}</h2>
<table>
<tbody>
<tr><th scope="row">{{ t("pages") }}</th><td class="n">{{ report.pages }}</td></tr>
<tr><th scope="row">{{ t("pages_failed") }}</th><td class="n">{{ report.failed_pages()|length }}</td></tr>
<tr><th scope="row">{{ t("new_barriers") }}</th><td class="n">{{ new|length }}</td></tr>
<tr><th scope="row">{{ t("known_barriers") }}</th><td class="n">{{ known|length }}</td></tr>
{% if report.comparison is not none %}
<tr><th scope="row">{{ t("fixed") }}</th><td class="n">{{ report.comparison.fixed|length }}</td></tr>
{% endif %}
<tr><th scope="row">{{ t("needs_review") }}</th><td class="n">{{ report.review_total() }}</td></tr>
<tr><th scope="row">{{ t("seconds_per_page") }}</th><td class="n">{{ "%.2f"|format(report.seconds_per_page) }}</td></tr>
</tbody>
</table>
{% if report.comparison is not none %}<p>{{ t("baseline") }}: <code>{{ report.baseline_path }}</code></p>{% endif %}
{% if by_rule %}
<h2 id="by-rule">{{ t("by_rule") }}</h2>
<ul>
{% for row in by_rule %}
<li><code>{{ row.rule }}</code> ({{ row.check }}{% if row.criteria %}; WCAG {{ row.criteria|join(", ") }}{% endif %}):
{{ row.new }} {{ t("new") }}, {{ row.known }} {{ t("known") }}</li>
{% endfor %}
</ul>
{% endif %}
<h2 id="barriers">{{ t("barriers") }}</h2>
{% if not pages %}<p>{{ t("none_found") }}</p>{% endif %}
{% for page in pages %}
<h3>{{ page.url }}</h3>
{% for f in page.findings %}
<div class="finding">
<h4><span class="badge {{ f.status }}">{{ t(f.status) }}</span> <code>{{ f.rule }}</code>: {{ f.help }}</h4>
<dl>
<dt>{{ t("wcag") }}</dt>
<dd>{% for sc in f.criteria %}
{% if sc.url %}<a href="{{ sc.url }}">{{ sc.name }}</a>{% else %}{{ sc.name }}{% endif %}
{%- if not loop.last %}; {% endif %}
{% else %}{{ t("no_wcag") }}{% endfor %}</dd>
<dt>{{ t("check") }}</dt><dd>{{ f.check }}{% if f.where %} ({{ f.where }}){% endif %}</dd>
<dt>{{ t("element") }}</dt><dd><code>{{ f.target }}</code></dd>
{% if f.html %}<dt>{{ t("html") }}</dt><dd><pre><code>{{ f.html }}</code></pre></dd>{% endif %}
{% if f.png %}
<dt>{{ t("screenshot") }}</dt><dd><img src="data:image/png;base64,{{ f.png }}" alt="{{ f.alt }}"></dd>
{% endif %}
<dt>{{ t("how_to_fix") }}</dt><dd><pre>{{ f.fix }}</pre></dd>
{% if f.help_url %}
<dt>{{ t("help", rule=f.rule) }}</dt><dd><a href="{{ f.help_url }}">{{ f.help_url }}</a></dd>
{% endif %}
</dl>
</div>
{% endfor %}
{% endfor %}
{% if report.comparison is not none and report.comparison.fixed %}
<h2 id="fixed">{{ t("fixed") }}</h2>
<ul>{% for key in report.comparison.fixed %}<li>{{ key.describe() }}</li>{% endfor %}</ul>
{% endif %}
{% if report.comparison is not none and report.comparison.not_checked %}
<h2 id="not-checked">{{ t("not_checked") }}</h2>
<ul>{% for key in report.comparison.not_checked %}<li>{{ key.describe() }}</li>{% endfor %}</ul>
{% endif %}
<h2 id="review">{{ t("needs_review") }}</h2>
<p>{{ t("needs_review_intro") }}</p>
{% if not review %}<p>{{ t("no_review") }}</p>{% endif %}
{% for group in review %}
<h3><code>{{ group.rule }}</code>: {{ group.count }}</h3>
{% if group.help %}
<p>{{ group.help }}{% if group.help_url %} (<a href="{{ group.help_url }}">{{ t("help", rule=group.rule) }}</a>)
{%- endif %}</p>
{% endif %}
<details>
<summary>{{ t("pages_and_elements", count=group.count) }}</summary>
<ul>
{% for url, where, target in group.items[:max_items] %}<li>{{ url }}{% if where %} ({{ where }}){% endif %}
{%- if target %}: <code>{{ target }}</code>{% endif %}</li>
{% endfor %}
{% if group.items|length > max_items %}<li>{{ t("more", count=group.items|length - max_items) }}</li>{% endif %}
</ul>
</details>
{% endfor %}
</main>
<footer><p>{{ t("footer") }}</p></footer>
</body>
</html>
"""


def to_html(report: Report) -> str:
    """The ``--html`` report (see the module docstring)."""
    import jinja2

    lang = report.lang
    shots = 0
    pages = []
    for index, result in enumerate(report.results):
        # one entry per element and rule: the same finding at 1280 and 320 px is listed once, with both widths
        grouped: dict[tuple, list[Finding]] = {}
        for finding in sorted(report.findings[index], key=lambda f: f.known):  # new ones first
            p = finding.problem
            grouped.setdefault((finding.known, p.check, p.rule, p.target), []).append(finding)
        rows = []
        for group in grouped.values():
            finding = next((f for f in group if f.evidence.get("png")), group[0])
            problem = finding.problem
            png = finding.evidence.get("png")
            if png and shots < MAX_REPORT_SHOTS:
                shots += 1
                png = base64.b64encode(png).decode("ascii")
            else:
                png = None
            at = "; ".join(dict.fromkeys(where(f.problem, lang) for f in group if where(f.problem, lang)))
            rows.append({
                "status": finding.status, "rule": problem.rule, "check": problem.check, "target": problem.target,
                "help": finding.rule_info.get("help") or problem.message, "help_url": problem.help_url,
                "where": at, "html": finding.evidence.get("html", ""),
                "fix": finding.evidence.get("summary") or problem.message, "png": png,
                "alt": text(lang, "screenshot_alt", target=problem.target, where=at or "-"),
                "criteria": [{"name": criterion(n, lang), "url": understanding_url(n)} for n in finding.criteria()],
            })
        if rows:
            pages.append({"url": result.url, "findings": rows})
    by_rule = []
    for check, rule, new, known in report.by_rule():
        example = next(f for f in report.all_findings() if (f.problem.check, f.problem.rule) == (check, rule))
        by_rule.append({"check": check, "rule": rule, "new": new, "known": known, "criteria": example.criteria()})
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True)
    template = env.from_string(_HTML)
    new, known = report.new_findings(), report.known_findings()
    return template.render(
        lang=lang, report=report, css=_CSS.strip(), pages=pages, by_rule=by_rule, review=report.review(),
        new=new, known=known, version=__version__, max_items=MAX_REVIEW_ITEMS,
        date=report.started.strftime("%Y-%m-%d %H:%M UTC"),
        title=text(lang, "title_counts", barriers=len(new), pages=report.pages),
        t=lambda key, **values: text(lang, key, **values),
    )


def write_html(report: Report, path: str | Path) -> int:
    return _write(path, to_html(report).encode("utf-8"))


def _write(path: str | Path, data: bytes) -> int:
    file = Path(path)
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(data)
    return len(data)
