"""The `yjsreport` command: check content, export results, build, preview."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from yjsreport.engine.export import to_json
from yjsreport.engine.summary import summarise
from yjsreport.errors import ContentError
from yjsreport.project import load_reports

EXIT_CONTENT = 1


def _cmd_check(args: argparse.Namespace) -> int:
    reports = load_reports(Path(args.content), drafts=True)
    for i, report in enumerate(reports):
        if i:
            print()
        print(summarise(report.result))
    print(f"\n{len(reports)} inspection(s) checked: no problems.")
    return 0


def _cmd_json(args: argparse.Namespace) -> int:
    reports = load_reports(Path(args.content), drafts=True)
    chosen = [r for r in reports if r.slug == args.slug]
    if not chosen:
        known = ", ".join(r.slug for r in reports)
        print(f"yjsreport: no inspection {args.slug!r}; expected one of {known}", file=sys.stderr)
        return 2
    text = to_json(chosen[0].result)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="yjsreport",
        description="Build youth justice inspection reports (HTML site and PDF) from "
        "inspection content.",
    )
    parser.add_argument(
        "--content",
        default="content",
        help="content folder holding frameworks/ and inspections/ (default: %(default)s)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate all content and show computed ratings")
    check.set_defaults(run=_cmd_check)

    export = commands.add_parser(
        "json", help="write one inspection's computed results as JSON (aggregates only)"
    )
    export.add_argument("slug", help="inspection folder name, e.g. brackenmoor-2022")
    export.add_argument("-o", "--output", help="file to write (default: standard output)")
    export.set_defaults(run=_cmd_json)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        count = len(exc.problems)
        print(
            f"yjsreport: {count} problem{'s' if count != 1 else ''} found; nothing was written.",
            file=sys.stderr,
        )
        return EXIT_CONTENT


if __name__ == "__main__":
    raise SystemExit(main())
