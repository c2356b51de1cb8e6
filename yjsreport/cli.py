"""The `yjsreport` command: check content, export results, build, preview."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import errno
import os
import re
import signal
import socket
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import urlsplit

from yjsreport import __version__
from yjsreport.annual.site import check_annuals
from yjsreport.content.inspection import find_inspections
from yjsreport.engine.export import to_json
from yjsreport.engine.summary import summarise
from yjsreport.errors import ContentError, PdfError, Problem
from yjsreport.project import Report, load_report

if TYPE_CHECKING:
    from yjsreport.annual.model import AnnualReport

E = TypeVar("E", bound=BaseException)
EXIT_CONTENT = 1
EXIT_USAGE = 2
EXIT_UNAVAILABLE = 3  # the preview's port is taken
DEFAULT_CONTENT = "content"
NOT_A_PROJECT = (
    "run yjsreport in a content repository's folder (or name its content folder with "
    "--content), or make a repository with `yjsreport init FOLDER`"
)


def _content(args: argparse.Namespace) -> Path:
    return Path(args.content or DEFAULT_CONTENT)


def _say(args: argparse.Namespace, *lines: str) -> None:
    """What went well, left out under --quiet (problems are always printed)."""
    if not args.quiet:  # flushed: serve's address must show at once in a log or a pipe
        print(*lines, sep="\n", flush=True)


def _missing_project(args: argparse.Namespace, *, site: bool = False) -> bool:
    """True, with a message saying what is missing, outside a content repository. The
    site's commands read the content folder mkdocs.yml names, unless --content is given."""
    missing = []
    if site and not Path(args.config).is_file():
        missing.append(f"no {args.config}")
    if (args.content or not site) and not _content(args).is_dir():
        missing.append(f"no content folder {str(_content(args))!r}")
    if missing:
        where = Path.cwd()
        print(f"yjsreport: {' and '.join(missing)} in {where}; {NOT_A_PROJECT}", file=sys.stderr)
    return bool(missing)


def _cmd_check(args: argparse.Namespace) -> int:
    from yjsreport.review.checking import ContentCheck, check_content, discretion_lines
    from yjsreport.site.published_ids import check_rendering

    if _missing_project(args):
        return EXIT_USAGE
    outcome = check_content(_content(args))
    if args.slug is not None:  # one inspection, still checked against the others' case ids
        chosen = [c for c in outcome.inspections if c.slug == args.slug]
        if not chosen:
            known = ", ".join(c.slug for c in outcome.inspections) or "none"
            print(
                f"yjsreport: no inspection {args.slug!r}; expected one of {known}",
                file=sys.stderr,
            )
            return EXIT_USAGE
        outcome = ContentCheck(outcome.framework_problems, chosen)
    waiting = 0
    for i, checked in enumerate(outcome.inspections):
        waiting += len(checked.to_write)
        if args.quiet:
            continue
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
            print(f"  Still to write before publication ({len(checked.to_write)}):")
            for item in checked.to_write:
                print(f"    {item}")
    if args.compare:
        from yjsreport.review.compare import CompareError, compare

        print()
        try:
            print(compare(args.compare, _content(args), outcome, only=args.slug))
        except CompareError as exc:
            print(f"yjsreport: {exc}", file=sys.stderr)
            return EXIT_USAGE
    annuals: list[AnnualReport] = []
    annual_problems: list[Problem] = []
    reports = [c.report for c in outcome.inspections if c.report is not None]
    if args.slug is None:
        annuals, annual_problems = check_annuals(_content(args), reports)
    problems = [*outcome.problems, *annual_problems]
    content = _content(args)
    config = content.parent / "mkdocs.yml"
    problems += check_rendering(
        content,
        _templates_beside(content),
        config if config.is_file() else None,
        reports,
        annuals,
        found=problems,
    )
    if config.is_file():  # the site's own files, screened as a build screens them
        from yjsreport.site.authored import site_problems

        problems += site_problems(config)
    _say_quotations(args, [c.report for c in outcome.inspections], annuals)
    if problems:
        raise ContentError(problems)
    left = f"; {waiting} placeholder(s) left in drafts" if waiting else ""
    _say(args, f"\n{len(outcome.inspections)} inspection(s) checked: no problems{left}.")
    if annuals:
        _say(args, f"{len(annuals)} annual report(s) checked: no problems.")
    return 0


def _say_quotations(
    args: argparse.Namespace, reports: list[Report | None], annuals: list[AnnualReport]
) -> None:
    """Marked quotations are exempt from the figure check, so an editor is shown each."""
    from yjsreport.prose.check import quotations
    from yjsreport.prose.markdown import Source, marked_quotations

    found = [q for r in reports if r is not None for q in quotations(r.inspection)]
    for annual in annuals:
        for chapter in annual.source.chapters:
            source = Source(chapter.body, chapter.path, chapter.body_line)
            found += marked_quotations(source)
    if found:
        count = f"{len(found)} quotation{'s' if len(found) != 1 else ''}"
        _say(
            args,
            f"\n{count} exempt from the figure check (a person's own words; review them):",
            *(f"  {q}" for q in found),
        )


def _templates_beside(content: Path) -> Path:
    """The templates folder a build of this content uses: beside it, or the working
    folder's (either may be missing: the packaged templates then serve)."""
    beside = content.parent / "templates"
    return beside if beside.is_dir() else Path("templates")


def _cmd_new(args: argparse.Namespace) -> int:
    from yjsreport.authoring.scaffold import Details, ScaffoldError, scaffold
    from yjsreport.framework.load import load_frameworks

    if _missing_project(args):
        return EXIT_USAGE
    content = _content(args)
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
    _say(
        args,
        f"New inspection (framework {version}, draft) written to {folder}/",
        "Next: check the dates in inspection.yaml, record the cases (cases/CODEBOOK.md says",
        "what each column holds), then replace every '[insert ...]' and 'TBC';",
        "`yjsreport check` lists what is left, and `yjsreport serve` previews it.",
    )
    return 0


def _cmd_init(args: argparse.Namespace) -> int:
    from yjsreport.authoring.repository import RepositoryError, init_repository

    folder = Path(args.folder)
    try:
        init_repository(
            folder,
            site_name=args.site_name,
            site_url=args.site_url,
            contact_email=args.contact_email,
        )
    except RepositoryError as exc:
        print(f"yjsreport: {exc}", file=sys.stderr)
        return EXIT_USAGE
    _say(
        args,
        f"Content repository written to {folder}/ (README.md says what is where).",
        f"Next: cd {folder}, check the site's name, address and contact in mkdocs.yml, then",
        "`yjsreport new SLUG` starts an inspection and `yjsreport serve` previews the site.",
    )
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

    content = _content(args)
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
    _say(args, f"Codebook written to {target}")
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    from yjsreport.authoring.schemas import write_schemas
    from yjsreport.framework.load import load_frameworks

    frameworks = load_frameworks(_content(args) / "frameworks")
    for path in write_schemas(Path(args.output), frameworks):
        _say(args, f"wrote {path}")
    return 0


def _cmd_generate(args: argparse.Namespace) -> int:
    from yjsreport.authoring.fictional import GenerateError, generate

    frameworks = _content(args) / "frameworks"
    if not frameworks.is_dir():  # else the copy fails with a message about writing
        print(
            f"yjsreport: no folder {frameworks}/ to take the framework files from; run from "
            "the project folder, or name its content folder with --content before 'generate'",
            file=sys.stderr,
        )
        return EXIT_CONTENT
    try:
        folders = generate(
            args.count,
            args.seed,
            Path(args.into),
            frameworks=frameworks,
            history_original=args.reinspection_of_history,
        )
    except GenerateError as exc:
        print(f"yjsreport: {exc}; nothing was written.", file=sys.stderr)
        return EXIT_USAGE
    _say(
        args,
        f"{len(folders)} fictional inspection(s) written under {Path(args.into) / 'inspections'}/",
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
    if _missing_project(args):
        return EXIT_USAGE
    chosen = _find_report(_content(args), args.slug)
    if chosen is None:
        return EXIT_USAGE
    text = to_json(chosen.result)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _cmd_build(args: argparse.Namespace) -> int:
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    from yjsreport.site.build import Interrupted, build_site
    from yjsreport.site.plugin import command_line

    if _missing_project(args, site=True):
        return EXIT_USAGE
    try:
        with command_line(jobs=args.jobs, cache=not args.no_cache, content=_chosen_content(args)):
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
    except ConfigurationError as exc:
        print(f"yjsreport: {args.config}: {exc}", file=sys.stderr)
        return EXIT_USAGE
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
    _say(args, f"Site written to {site}/")
    return 0


def _chosen_content(args: argparse.Namespace) -> Path | None:
    """--content as given, for the site's commands (None: as mkdocs.yml says)."""
    return Path(args.content).resolve() if args.content else None


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
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    from yjsreport.site.plugin import command_line

    if _missing_project(args, site=True):
        return EXIT_USAGE
    try:
        config = load_config(args.config, dev_addr=args.dev_addr)
    except (ConfigurationError, Abort) as exc:
        print(f"yjsreport: {args.config}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    host, port = config.dev_addr.host, config.dev_addr.port
    mount = urlsplit(config.site_url or "/").path
    try:
        _port_free(host, port)
        _say(args, f"Serving the preview at http://{host}:{port}{mount} (Ctrl+C to stop)")
        with command_line(content=_chosen_content(args)), _stopped_within(STOP_SECONDS):
            serve(config_file=args.config, livereload=True, dev_addr=args.dev_addr)
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE:
            raise
        print(
            f"yjsreport: cannot serve on {host}:{port}: the port is in use (another preview "
            f"may be running); choose another with --dev-addr {host}:{port + 1}",
            file=sys.stderr,
        )
        return EXIT_UNAVAILABLE
    return 0


# How long Ctrl+C may take to stop the preview. MkDocs stops its file watcher on the way
# out and waits for the watcher's threads; watchdog's inotify thread has been seen to
# never finish (the join waits forever, and the preview with it).
STOP_SECONDS = 10


@contextlib.contextmanager
def _stopped_within(seconds: float) -> Iterator[None]:
    """After the first Ctrl+C, end the process if an orderly stop has not ended it in
    `seconds` (the preview writes nothing on its way out that could be lost)."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread receives signals (a test may serve from another)
        return
    previous = signal.getsignal(signal.SIGINT) or signal.default_int_handler

    def interrupted(signum: int, frame: object) -> None:
        timer = threading.Timer(seconds, lambda: os._exit(0))
        timer.daemon = True
        timer.start()
        signal.signal(signal.SIGINT, previous)
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, interrupted)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _port_free(host: str, port: int) -> None:
    """Raise EADDRINUSE before the preview is built, rather than after, if the port is
    taken. Reusing an address is allowed as MkDocs allows it (a port just left is free),
    except on Windows, where the option lets a second server take a port in use."""
    family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        if os.name != "nt":
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host, port))


def _cmd_pdf(args: argparse.Namespace) -> int:
    from yjsreport.pdf.cache import PdfCache, default_folder
    from yjsreport.pdf.names import annex_name
    from yjsreport.pdf.pool import build_pdfs

    if _missing_project(args):
        return EXIT_USAGE
    chosen = _find_report(_content(args), args.slug)
    if chosen is None:
        return EXIT_USAGE
    target = Path(args.output or f"{args.slug}.pdf")
    project = Path(args.config).resolve().parent
    cache = None if args.no_cache else PdfCache(default_folder(project))
    made = build_pdfs([chosen], project / "templates", jobs=1, cache=cache)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(made[chosen.slug])
    _say(args, f"PDF written to {target}")
    # the data annex its format publishes beside it: <target>-data-annex.pdf
    annex = made.get(annex_name(chosen.slug))
    if annex is not None:
        beside = target.with_name(annex_name(target.stem) + ".pdf")
        beside.write_bytes(annex)
        _say(args, f"Data annex PDF written to {beside}")
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


def _text(text: str) -> str:
    """Text `new` or `init` writes into content: what the next `check` refuses is
    refused here, by the same rules (yjsreport/sources/authored_text.py)."""
    from yjsreport.sources.authored_text import refusal

    found = refusal(text)
    if found is not None:
        raise argparse.ArgumentTypeError(f"{text!r} at character {found.start + 1}: {found.why}")
    return text


def _count(text: str) -> int:
    from yjsreport.authoring.fictional import MAX_COUNT

    if not text.isdigit() or not 1 <= int(text) <= MAX_COUNT:
        raise argparse.ArgumentTypeError(
            f"expected a whole number from 1 to {MAX_COUNT}, not {text!r}"
        )
    return int(text)


def _history_id(text: str) -> str:
    """A history entry's id is a slug (as `id:` in a history file must be)."""
    if not re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", text):
        raise argparse.ArgumentTypeError(
            f"expected an id of lower-case letters, digits and single hyphens, such as "
            f"hollinwater-vale-2019, not {text!r}"
        )
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
    parser.add_argument("--version", action="version", version=f"yjsreport {__version__}")
    parser.add_argument(
        "--content",
        default=None,
        help=f"content folder holding frameworks/ and inspections/ (default: {DEFAULT_CONTENT}; "
        "for build and serve, the one mkdocs.yml names)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser(
        "check",
        help="validate all content and show, per inspection, computed ratings, open "
        "discretion and what is left to write",
    )
    check.add_argument(
        "slug", nargs="?", help="check this inspection only (still against others' case ids)"
    )
    check.add_argument(
        "--compare",
        metavar="REV",
        help="also show what changed in every computed figure since this git revision",
    )
    check.set_defaults(run=_cmd_check)

    init = commands.add_parser(
        "init", help="make a content repository of your own in a new or empty folder"
    )
    init.add_argument("folder", help="where to make it (must be new or empty)")
    init.add_argument(
        "--site-name",
        type=_text,
        default="Youth justice inspection reports",
        help="the site's name (default: %(default)s)",
    )
    init.add_argument(
        "--site-url",
        type=_text,
        default="https://reports.example.invalid/",
        help="the published site's address (default: a placeholder to replace)",
    )
    init.add_argument(
        "--contact-email",
        type=_text,
        default="accessibility@reports.example.invalid",
        help="the address the accessibility statement names (default: a placeholder)",
    )
    init.set_defaults(run=_cmd_init)

    new = commands.add_parser("new", help="start a new inspection with every part ready to write")
    new.add_argument("slug", help="inspection folder name, e.g. kestrel-vale-2027")
    new.add_argument("--framework", metavar="VERSION", help="framework version (default: newest)")
    new.add_argument("--service", type=_text, help="the service's full name")
    new.add_argument(
        "--short-name", type=_text, help="the service's short name, e.g. 'Kestrel Vale YJS'"
    )
    new.add_argument("--place", type=_text, help="the area the service covers")
    new.add_argument("--kind", choices=("YOT", "YOS", "YJS"), default="YJS")
    new.add_argument("--lead-inspector", type=_text, help="the lead inspector's name")
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
    serve.add_argument("--config", default="mkdocs.yml")
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
    gen.add_argument(
        "--reinspection-of-history",
        type=_history_id,
        metavar="ID",
        help="make the period's weakest service a reinspection of the first inspection with "
        "this id in an annual report's history files (the annual example: "
        "hollinwater-vale-2019)",
    )
    gen.set_defaults(run=_cmd_generate)

    pdf = commands.add_parser(
        "pdf",
        help="write one inspection's PDF, and its data annex's where its format publishes one",
    )
    pdf.add_argument("slug", help="inspection folder name")
    pdf.add_argument("--config", default="mkdocs.yml")
    pdf.add_argument(
        "-o",
        "--output",
        help="PDF file to write (default: <slug>.pdf); a data annex goes beside it, "
        "<name>-data-annex.pdf",
    )
    _no_cache_option(pdf)
    pdf.set_defaults(run=_cmd_pdf)
    for command in commands.choices.values():
        command.add_argument(
            "-q", "--quiet", action="store_true", help="print problems only, nothing on success"
        )
        # also after the command (`yjsreport build --content elsewhere`), as users write it
        command.add_argument("--content", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
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
