"""The `yjsreport` command: check content, export results, build, preview."""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TypeVar

from yjsreport.annual.site import check_annuals
from yjsreport.content.inspection import find_inspections
from yjsreport.engine.export import to_json
from yjsreport.engine.summary import summarise
from yjsreport.errors import ContentError, PdfError
from yjsreport.project import Report, load_report

E = TypeVar("E", bound=BaseException)
EXIT_CONTENT = 1
EXIT_USAGE = 2


def _cmd_check(args: argparse.Namespace) -> int:
    from yjsreport.review.checking import check_content, discretion_lines

    outcome = check_content(Path(args.content))
    waiting = 0
    for i, checked in enumerate(outcome.inspections):
        if i:
            print()
        if checked.report is None:
            count = len(checked.problems)
            print(f"{checked.slug}: not computed: {count} problem{'s' if count != 1 else ''}")
        else:
            print(summarise(checked.report.result))
            lines = discretion_lines(checked.report.result)
            if lines:
                print("  Professional discretion open to the ratings panel:")
                print("\n".join(lines))
            if checked.problems:
                print(f"  {len(checked.problems)} problem(s) to fix")
        if checked.to_write:
            waiting += len(checked.to_write)
            print(f"  Still to write before publication ({len(checked.to_write)}):")
            for item in checked.to_write:
                print(f"    {item}")
    if args.compare:
        from yjsreport.review.compare import CompareError, compare

        print()
        try:
            print(compare(args.compare, Path(args.content), outcome))
        except CompareError as exc:
            print(f"yjsreport: {exc}", file=sys.stderr)
            return EXIT_USAGE
    reports = [c.report for c in outcome.inspections if c.report is not None]
    annuals, annual_problems = check_annuals(Path(args.content), reports)
    problems = [*outcome.problems, *annual_problems]
    if problems:
        raise ContentError(problems)
    left = f"; {waiting} placeholder(s) left in drafts" if waiting else ""
    print(f"\n{len(outcome.inspections)} inspection(s) checked: no problems{left}.")
    if annuals:
        print(f"{annuals} annual report(s) checked: no problems.")
    return 0


def _cmd_new(args: argparse.Namespace) -> int:
    from yjsreport.authoring.scaffold import Details, ScaffoldError, scaffold
    from yjsreport.framework.load import load_frameworks

    content = Path(args.content)
    frameworks = load_frameworks(content / "frameworks")
    version = args.framework or max(frameworks, key=lambda f: (len(f), f))
    if version not in frameworks:
        print(
            f"yjsreport: no framework {version!r}; expected one of {', '.join(sorted(frameworks))}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    details = Details(
        service=args.service or "TBC",
        short_name=args.short_name or "TBC",
        place=args.place or "TBC",
        kind=args.kind,
        lead_inspector=args.lead_inspector or "TBC",
        fieldwork_start=args.fieldwork,
    )
    try:
        folder = scaffold(
            content,
            args.slug,
            frameworks[version],
            details,
            dt.date.today(),
            spreadsheet=args.xlsx,
        )
    except ScaffoldError as exc:
        print(f"yjsreport: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"New inspection (framework {version}, draft) written to {folder}/")
    print("Next: check the dates in inspection.yaml, record the cases (cases/CODEBOOK.md says")
    print("what each column holds), then replace every '[insert ...]' and 'TBC';")
    print("`yjsreport check` lists what is left, and `yjsreport serve` previews it.")
    return 0


def _cmd_codebook(args: argparse.Namespace) -> int:
    from yjsreport.authoring.codebook import codebook_markdown
    from yjsreport.authoring.scaffold import CODEBOOK_FILE
    from yjsreport.content.inspection import CASES_FOLDER, INSPECTION_FILE
    from yjsreport.content.schema import InspectionMeta
    from yjsreport.errors import Problem
    from yjsreport.framework.load import load_frameworks
    from yjsreport.sources.validation import validate
    from yjsreport.sources.yamldoc import YamlProblem, read_yaml

    content = Path(args.content)
    folder = content / "inspections" / args.slug
    path = folder / INSPECTION_FILE
    known = [f.name for f in find_inspections(content)]
    if args.slug not in known:  # a name, never a path: '../..' must not write elsewhere
        print(
            f"yjsreport: no inspection {args.slug!r}; expected one of {', '.join(known)}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if not path.is_file():
        print(f"yjsreport: no inspection {args.slug!r}: {path} not found", file=sys.stderr)
        return EXIT_USAGE
    try:
        meta, problems = validate(InspectionMeta, read_yaml(path))
    except YamlProblem as exc:
        raise ContentError([exc.problem]) from exc
    if meta is None:
        raise ContentError(problems)
    frameworks = load_frameworks(content / "frameworks")
    if meta.framework not in frameworks:
        raise ContentError([Problem(path, f"framework: unknown version {meta.framework!r}")])
    target = folder / CASES_FOLDER / CODEBOOK_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        codebook_markdown(frameworks[meta.framework], meta.extra_questions), encoding="utf-8"
    )
    print(f"Codebook written to {target}")
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    from yjsreport.authoring.schemas import write_schemas
    from yjsreport.framework.load import load_frameworks

    frameworks = load_frameworks(Path(args.content) / "frameworks")
    for path in write_schemas(Path(args.output), frameworks):
        print(f"wrote {path}")
    return 0


def _cmd_generate(args: argparse.Namespace) -> int:
    from yjsreport.annual.generate import GenerateError, generate

    frameworks = Path(args.content) / "frameworks"
    if not frameworks.is_dir():  # else the copy fails with a message about writing
        print(
            f"yjsreport: no folder {frameworks}/ to take the framework files from; run from "
            "the project folder, or name its content folder with --content before 'generate'",
            file=sys.stderr,
        )
        return EXIT_CONTENT
    try:
        folders = generate(args.count, args.seed, Path(args.into), frameworks=frameworks)
    except GenerateError as exc:
        print(f"yjsreport: {exc}; nothing was written.", file=sys.stderr)
        return EXIT_USAGE
    print(
        f"{len(folders)} fictional inspection(s) written under {Path(args.into) / 'inspections'}/"
    )
    return 0


def _find_report(content: Path, slug: str) -> Report | None:
    """The inspection with this folder name (only it is loaded), or a message naming
    the ones there are."""
    chosen = load_report(content, slug)
    if chosen is None:
        known = ", ".join(f.name for f in find_inspections(content))
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

    from yjsreport.site.build import Interrupted, build_site
    from yjsreport.site.plugin import pdf_options

    try:
        with pdf_options(jobs=args.jobs, cache=not args.no_cache):
            site = build_site(Path(args.config), drafts=args.drafts, pdf=not args.no_pdf)
    except Interrupted as exc:
        print(
            f"yjsreport: build stopped by {exc}; the previous site was left as it was.",
            file=sys.stderr,
        )
        return EXIT_CONTENT
    except OSError as exc:
        print(
            f"yjsreport: build failed: {os_reason(exc)}; the previous site was left as it was.",
            file=sys.stderr,
        )
        return EXIT_CONTENT
    except (Abort, PluginError) as exc:
        content_error = _behind(exc, ContentError)
        if content_error is not None:
            raise content_error from exc  # main() prints it, one problem a line
        # MkDocs' Abort says only "Aborted with a BuildError!": name what failed
        reason = _behind(exc, PdfError) or _behind(exc, PluginError) or exc
        print(
            f"yjsreport: build failed: {reason}; the previous site was left as it was.",
            file=sys.stderr,
        )
        return EXIT_CONTENT
    print(f"Site written to {site}/")
    return 0


def os_reason(exc: OSError) -> str:
    """One line for a failed write: which file and why (disk full, file too large...)."""
    target = exc.filename or "a file of the site"
    hint = {
        errno.ENOSPC: "the disk is full",
        errno.EFBIG: "the file is larger than this system allows",
        errno.ENAMETOOLONG: "the file name is too long",
        errno.EDQUOT: "the disk quota is used up",
    }.get(exc.errno or 0, exc.strerror or type(exc).__name__)
    return f"cannot write {target}: {hint}"


def _behind(exc: BaseException, kind: type[E]) -> E | None:
    """MkDocs wraps our errors twice; find the one of this kind so it can be shown."""
    cause: BaseException | None = exc
    while cause is not None and not isinstance(cause, kind):
        cause = cause.__cause__ or cause.__context__
    return cause


def _cmd_serve(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve

    try:
        serve(config_file=args.config, livereload=True, dev_addr=args.dev_addr)
    except OSError as exc:
        if exc.errno not in (errno.EADDRINUSE, errno.EADDRNOTAVAIL, errno.EACCES):
            raise
        print(
            f"yjsreport: cannot serve at {args.dev_addr}: {exc.strerror}; choose another "
            "address with --dev-addr, e.g. --dev-addr 127.0.0.1:8001",
            file=sys.stderr,
        )
        return EXIT_USAGE
    return 0


def _cmd_pdf(args: argparse.Namespace) -> int:
    from yjsreport.pdf.cache import PdfCache, default_folder
    from yjsreport.pdf.pool import build_pdfs

    chosen = _find_report(Path(args.content), args.slug)
    if chosen is None:
        return EXIT_USAGE
    target = Path(args.output or f"{args.slug}.pdf")
    project = Path(args.config).resolve().parent
    cache = None if args.no_cache else PdfCache(default_folder(project))
    data = build_pdfs([chosen], project / "templates", jobs=1, cache=cache)[chosen.slug]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    print(f"PDF written to {target}")
    return 0


def _date(text: str) -> dt.date:
    try:
        date = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD; got {text!r}") from None
    from yjsreport.content.dates import EARLIEST, LATEST

    if not EARLIEST <= date <= LATEST:
        raise argparse.ArgumentTypeError(
            f"expected a date from {EARLIEST} to {LATEST}; got {text!r}"
        )
    return date


def _count(text: str) -> int:
    from yjsreport.annual.generate import MAX_COUNT

    if not text.isdigit() or not 1 <= int(text) <= MAX_COUNT:
        raise argparse.ArgumentTypeError(
            f"expected a whole number from 1 to {MAX_COUNT}, not {text!r}"
        )
    return int(text)


def _config_file(text: str) -> str:
    """The MkDocs configuration must be there before MkDocs is asked to read it."""
    if not Path(text).is_file():
        where = (
            "" if Path(text).parent != Path() else " in this folder; run from the project folder"
        )
        raise argparse.ArgumentTypeError(f"no configuration file {text!r}{where}")
    return text


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, not {text!r}")
    return int(text)


def _no_cache_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--no-cache",
        action="store_true",
        help="make every PDF afresh, neither reading nor writing the cache (.yjsreport-cache/)",
    )


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

    check = commands.add_parser(
        "check",
        help="validate all content and show, per inspection, computed ratings, open "
        "discretion and what is left to write",
    )
    check.add_argument(
        "--compare",
        metavar="REV",
        help="also show what changed in every computed figure since this git revision",
    )
    check.set_defaults(run=_cmd_check)

    new = commands.add_parser("new", help="start a new inspection with every part ready to write")
    new.add_argument("slug", help="inspection folder name, e.g. kestrel-vale-2027")
    new.add_argument("--framework", metavar="VERSION", help="framework version (default: newest)")
    new.add_argument("--service", help="the service's full name")
    new.add_argument("--short-name", help="the service's short name, e.g. 'Kestrel Vale YJS'")
    new.add_argument("--place", help="the area the service covers")
    new.add_argument("--kind", choices=("YOT", "YOS", "YJS"), default="YJS")
    new.add_argument("--lead-inspector", help="the lead inspector's name")
    new.add_argument(
        "--fieldwork",
        metavar="YYYY-MM-DD",
        type=_date,
        help="first day of fieldwork (default: today); the week and a planned publication "
        "date follow from it",
    )
    new.add_argument(
        "--xlsx", action="store_true", help="case-data template as one workbook, cases.xlsx"
    )
    new.set_defaults(run=_cmd_new)

    codebook = commands.add_parser(
        "codebook",
        help="rewrite an inspection's cases/CODEBOOK.md, with the extra questions it declares",
    )
    codebook.add_argument("slug", help="inspection folder name")
    codebook.set_defaults(run=_cmd_codebook)

    schema = commands.add_parser(
        "schema", help="write JSON Schemas of the content files for editors"
    )
    schema.add_argument("-o", "--output", default="schemas", help="folder (default: %(default)s)")
    schema.set_defaults(run=_cmd_schema)

    export = commands.add_parser(
        "json", help="write one inspection's computed results as JSON (aggregates only)"
    )
    export.add_argument("slug", help="inspection folder name, e.g. brackenmoor-2022")
    export.add_argument("-o", "--output", help="file to write (default: standard output)")
    export.set_defaults(run=_cmd_json)

    build = commands.add_parser("build", help="build the HTML site and PDFs into site/")
    build.add_argument(
        "--config",
        default="mkdocs.yml",
        type=_config_file,
        help="MkDocs configuration (default: %(default)s)",
    )
    build.add_argument("--drafts", action="store_true", help="include draft inspections")
    build.add_argument("--no-pdf", action="store_true", help="skip the PDFs (faster)")
    build.add_argument(
        "-j",
        "--jobs",
        type=_positive,
        default=None,
        help="PDFs written at once, in worker processes (default: one per CPU)",
    )
    _no_cache_option(build)
    build.set_defaults(run=_cmd_build)

    serve = commands.add_parser("serve", help="live preview with drafts, reloading on save")
    serve.add_argument("--config", default="mkdocs.yml", type=_config_file)
    serve.add_argument(
        "--dev-addr", default="127.0.0.1:8000", help="address to serve on (default: %(default)s)"
    )
    serve.set_defaults(run=_cmd_serve)

    gen = commands.add_parser(
        "generate", help="write fictional inspections (for examples and benchmarks)"
    )
    gen.add_argument("--count", type=_count, default=44, help="how many (default: %(default)s)")
    gen.add_argument("--seed", type=int, default=2022, help="random seed (default: %(default)s)")
    gen.add_argument(
        "--into", required=True, help="content folder to write inspections/ (and frameworks/) into"
    )
    gen.set_defaults(run=_cmd_generate)

    pdf = commands.add_parser("pdf", help="write one inspection's PDF")
    pdf.add_argument("slug", help="inspection folder name")
    pdf.add_argument("--config", default="mkdocs.yml")
    pdf.add_argument("-o", "--output", help="PDF file to write (default: <slug>.pdf)")
    _no_cache_option(pdf)
    pdf.set_defaults(run=_cmd_pdf)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except PdfError as exc:
        print(f"yjsreport: {exc}; nothing was written.", file=sys.stderr)
        return EXIT_CONTENT
    except OSError as exc:
        print(f"yjsreport: {os_reason(exc)}", file=sys.stderr)
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
