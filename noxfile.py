"""Sessions: lint, tests, docs, a11y (plain `nox` runs all four, as CI does) and bench.

The a11y session needs Chromium + chromedriver and Node (for `npm ci`, which installs the pinned axe-core);
`scripts/test-setup.sh` installs them on Debian/Ubuntu.
"""

import nox

nox.options.sessions = ["lint", "tests", "docs", "a11y"]
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_missing_interpreters = True


@nox.session
def lint(session: nox.Session) -> None:
    """ruff on every Python file."""
    session.install("ruff>=0.6")
    session.run("ruff", "check", ".")


@nox.session
def tests(session: nox.Session) -> None:
    """Unit and integration tests (macro contract, specs, themes, site build, the installed wheel)."""
    session.install("-e", ".[flask,wtforms,audit,example]", "pytest>=8", "build>=1.0", "hypothesis>=6.100",
                    "html5lib>=1.1")
    session.run("pytest", "tests/unit", "tests/integration", *session.posargs)


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
    """Every page of the site in Chromium: axe-core 4.14, reflow, keyboard focus, console, CSP."""
    session.run("npm", "ci", "--no-audit", "--no-fund", external=True)
    session.install("-e", ".[audit,flask,wtforms,example]", "pytest>=8")
    session.run("pytest", "tests/browser", *session.posargs)


@nox.session
def bench(session: nox.Session) -> None:
    """Render speed (CPU and wall time, interleaved rounds, production Jinja settings) and asset sizes, side by side
    with GOV.UK Frontend's Jinja port. Writes reports/bench.json and reports/bench.md; `nox -s bench -- --write-readme`
    also records benchmarks/results.json and regenerates the tables in README.md and benchmarks/README.md."""
    session.install("-e", ".", "govuk-frontend-jinja")
    session.run("python", "benchmarks/run.py", *session.posargs)
