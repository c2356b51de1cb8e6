"""The `yjsreport` command: check content, export results, build, preview."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from yjsreport.engine.export import to_json
from yjsreport.engine.summary import summarise
from yjsreport.errors import ContentError, PdfError
from yjsreport.project import Report, collect_reports, load_reports

EXIT_CONTENT = 1
EXIT_USAGE = 2


def _cmd_check(args: argparse.Namespace) -> int:
    reports, problems = collect_reports(Path(args.content), drafts=True)
    for i, report in enumerate(reports):
        if i:
            print()
        print(summarise(report.result))
    if problems:
        raise ContentError(problems)
    print(f"\n{len(reports)} inspection(s) checked: no problems.")
    return 0


def _find_report(content: Path, slug: str) -> Report | None:
    """The inspection with this folder name, or a message naming the ones there are."""
    reports = load_reports(content, drafts=True)
    chosen = next((r for r in reports if r.slug == slug), None)
    if chosen is None:
        known = ", ".join(r.slug for r in reports)
        print(f"yjsreport: no inspection {slug!r}; expected one of {known}", file=sys.stderr)
    return chosen


def _cmd_json(args: argparse.Namespace) -> int:
    chosen = _find_report(Path(args.content), args.slug)
    if chosen is None:
        return EXIT_USAGE
    text = to_json(chosen.result)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _cmd_build(args: argparse.Namespace) -> int:
    from mkdocs.exceptions import Abort, PluginError

    from yjsreport.site.build import build_site

    try:
        site = build_site(Path(args.config), drafts=args.drafts, pdf=not args.no_pdf)
    except (Abort, PluginError) as exc:
        content_error = _content_error_behind(exc)
        if content_error is not None:
            raise content_error from exc  # main() prints it, one problem a line
        print(
            f"yjsreport: build failed: {exc}; the previous site was left as it was.",
            file=sys.stderr,
        )
        return EXIT_CONTENT
    print(f"Site written to {site}/")
    return 0


def _content_error_behind(exc: BaseException) -> ContentError | None:
    """MkDocs wraps our content error twice; find it so its problems can be shown."""
    cause: BaseException | None = exc
    while cause is not None and not isinstance(cause, ContentError):
        cause = cause.__cause__ or cause.__context__
    return cause


def _cmd_serve(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve

    serve(config_file=args.config, livereload=True, dev_addr=args.dev_addr)
    return 0


def _cmd_pdf(args: argparse.Namespace) -> int:
    from yjsreport.pdf.document import write_pdf

    chosen = _find_report(Path(args.content), args.slug)
    if chosen is None:
        return EXIT_USAGE
    target = Path(args.output or f"{args.slug}.pdf")
    write_pdf(chosen, Path(args.config).resolve().parent / "templates", target)
    print(f"PDF written to {target}")
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

    build = commands.add_parser("build", help="build the HTML site and PDFs into site/")
    build.add_argument(
        "--config", default="mkdocs.yml", help="MkDocs configuration (default: %(default)s)"
    )
    build.add_argument("--drafts", action="store_true", help="include draft inspections")
    build.add_argument("--no-pdf", action="store_true", help="skip the PDFs (faster)")
    build.set_defaults(run=_cmd_build)

    serve = commands.add_parser("serve", help="live preview with drafts, reloading on save")
    serve.add_argument("--config", default="mkdocs.yml")
    serve.add_argument(
        "--dev-addr", default="127.0.0.1:8000", help="address to serve on (default: %(default)s)"
    )
    serve.set_defaults(run=_cmd_serve)

    pdf = commands.add_parser("pdf", help="write one inspection's PDF")
    pdf.add_argument("slug", help="inspection folder name")
    pdf.add_argument("--config", default="mkdocs.yml")
    pdf.add_argument("-o", "--output", help="PDF file to write (default: <slug>.pdf)")
    pdf.set_defaults(run=_cmd_pdf)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except PdfError as exc:
        print(f"yjsreport: {exc}; nothing was written.", file=sys.stderr)
        return EXIT_CONTENT
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
