"""Sessions: lint, tests, i18n, docs, a11y (plain `nox` runs these five, as CI does) and bench.

The tests and a11y sessions need Node (for `npm ci`, which installs the pinned axe-core); a11y also needs Chromium
and chromedriver. `scripts/test-setup.sh` installs them on Debian/Ubuntu.
"""

import nox

nox.options.sessions = ["lint", "tests", "i18n", "docs", "a11y"]
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_missing_interpreters = True


def _workers(variable: str) -> str:
    """pytest-xdist workers for a session: ``$variable`` if set, else one per CPU up to 4."""
    import os

    return os.environ.get(variable) or str(min(os.cpu_count() or 1, 4))


@nox.session
def lint(session: nox.Session) -> None:
    """ruff on every Python file."""
    session.install("ruff>=0.6")
    session.run("ruff", "check", ".")


@nox.session
def tests(session: nox.Session) -> None:
    """Unit and integration tests (macro contract, specs, themes, site build, the installed wheel), in parallel with
    pytest-xdist: $WETKIT_TEST_WORKERS workers, else one per CPU up to 4 (`nox -s tests -- -n 0`: one process).
    ``npm ci`` installs the pinned axe-core, whose engine check and rule metadata some unit tests read in Node.js."""
    session.run("npm", "ci", "--no-audit", "--no-fund", external=True)
    session.install("-e", ".[flask,flask-babel,wtforms,audit,example]", "pytest>=8", "pytest-xdist>=3.6",
                    "build>=1.0", "hypothesis>=6.100", "html5lib>=1.1",
                    "Django>=4.2")  # the getting-started guide's Django block runs (tests/unit/test_guides.py)
    session.run("pytest", "tests/unit", "tests/integration", "-n", _workers("WETKIT_TEST_WORKERS"), *session.posargs)


@nox.session
def i18n(session: nox.Session) -> None:
    """Catalogues complete and in line with the templates: `python -m wetkit.i18n check` (a message missing,
    fuzzy, empty or obsolete, a placeholder or plural form wrong, a stale .mo or .pot, words outside gettext in a
    template or inside a script), then the French tests, and French rendered from the installed wheel."""
    session.install("-e", ".[flask,flask-babel]", "pytest>=8", "build>=1.0")
    session.run("python", "-m", "wetkit.i18n", "check")
    session.run("pytest", "tests/unit/test_i18n.py", "tests/unit/test_i18n_check.py", "tests/i18n", *session.posargs)


@nox.session
def fuzz(session: nox.Session) -> None:
    """The spec fuzzer at depth (not in the default run): 50,000+ hostile calls across every component, a fresh
    seed each run (printed; repeat one with `nox -s fuzz -- --seed N`). Fails on any finding."""
    session.install("-e", ".", "hypothesis>=6.100", "html5lib>=1.1")
    session.run("python", "-m", "tests.fuzz", *session.posargs)


@nox.session
def docs(session: nox.Session) -> None:
    """Build the demo/docs site into _site/ (what `wetkit serve` shows)."""
    session.install("-e", ".")
    session.run("wetkit", "build", "--out", "_site")
    session.run("wetkit", "sizes")


@nox.session
def a11y(session: nox.Session) -> None:
    """Every page of the site in Chromium: axe-core 4.14, reflow, keyboard focus, console, CSP; the same audits through
    a Selenium Grid (its jar comes from npm; it needs Java, like the HTML checker).

    In parallel with pytest-xdist, one browser per worker: $WETKIT_A11Y_WORKERS workers, else one per CPU up to 4.
    `nox -s a11y -- -n 1` runs one worker, `-- -n 0` runs without xdist (see docs/accessibility-testing.md)."""
    session.run("npm", "ci", "--no-audit", "--no-fund", external=True)
    session.install("-e", ".[audit,flask,wtforms,example]", "pytest>=8", "pytest-xdist>=3.6")
    session.run("pytest", "tests/browser", "-n", _workers("WETKIT_A11Y_WORKERS"), "--dist", "loadgroup",
                *session.posargs)


@nox.session
def bench(session: nox.Session) -> None:
    """Render speed (CPU and wall time, interleaved rounds, production Jinja settings) and asset sizes, side by side
    with GOV.UK Frontend's Jinja port. Writes reports/bench.json and reports/bench.md; `nox -s bench -- --write-readme`
    also records benchmarks/results.json and regenerates the tables in README.md and benchmarks/README.md."""
    session.install("-e", ".", "govuk-frontend-jinja")
    session.run("python", "benchmarks/run.py", *session.posargs)


@nox.session
def mutants(session: nox.Session) -> None:
    """Mutation runs (not in the default run; slow): the semantic catalogue (tests/mutation/catalogue.py: templates,
    JS, SCSS, Python broken on purpose), then mutmut on the pure-Python modules (tests/mutation/pymut.py). Each
    prints its caught/total and writes reports/mutants.{md,json} and reports/pymutants.{md,json}; a survivor
    without a written reason fails the session. Both always run; the session fails if either does."""
    session.install("-e", ".[flask,wtforms,audit,example]", "pytest>=8", "hypothesis>=6.100", "html5lib>=1.1",
                    "mutmut>=3.8,<4")
    failed = []
    for module in ("tests.mutation", "tests.mutation.pymut"):
        try:
            session.run("python", "-m", module)
        except nox.command.CommandFailed:
            failed.append(module)
    if failed:
        session.error(f"mutation run(s) failed: {', '.join(failed)} (see reports/mutants.md, reports/pymutants.md)")
