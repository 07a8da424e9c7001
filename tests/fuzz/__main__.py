"""Run the spec fuzzer: ``python -m tests.fuzz [--renders N] [--seed S] [--component NAME ...]``.

Prints every finding, then one line ``fuzz: 52,341 renders, 0 findings (...)``; exits 1 on any finding. Without
``--seed`` a random seed is drawn and printed, so a failing run can be repeated with ``--seed``.
"""

from __future__ import annotations

import argparse
import math
import random
import sys

from .specfuzz import Fuzzer, run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=50_000, help="fuzzed renders, at least (default 50,000)")
    parser.add_argument("--seed", type=int, default=None, help="seed (default: a random one, printed)")
    parser.add_argument("--derandomize", action="store_true", help="the unit test's fixed cases instead of a seed")
    parser.add_argument("--component", action="append", help="only this component (repeatable)")
    parser.add_argument("--quiet", action="store_true", help="no per-component progress")
    args = parser.parse_args(argv)

    fuzzer = Fuzzer()
    names = args.component or fuzzer.registry.names()
    unknown = [name for name in names if name not in fuzzer.registry]
    if unknown:
        parser.error(f"no component {unknown[0]!r}; components: {', '.join(fuzzer.registry.names())}")
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    if args.derandomize:
        seed = None
    per_component = math.ceil(args.renders / len(names))
    print(f"fuzz: {len(names)} components, {per_component:,} cases each, "
          f"seed {seed if seed is not None else 'derandomized'}", flush=True)

    def progress(name: str, fz: Fuzzer) -> None:
        if not args.quiet:
            print(f"  {name:<18} renders so far {fz.renders:>8,}  findings so far {len(fz.findings)}", flush=True)

    result = run(per_component, names, seed=seed, fuzzer=fuzzer, progress=progress)
    for finding in result.findings:
        print()
        print(finding.report())
    print()
    print(result.summary())
    if result.renders < args.renders:
        print(f"fuzz: only {result.renders:,} renders of the {args.renders:,} asked for", file=sys.stderr)
        return 2
    if result.findings and seed is not None:
        print(f"repeat with: python -m tests.fuzz --seed {seed}" + "".join(f" --component {n}" for n in
                                                                           (args.component or [])))
    return 1 if result.findings else 0


if __name__ == "__main__":
    sys.exit(main())
