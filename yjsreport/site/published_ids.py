"""No case id in what is published, however it was written.

The search reads the published output itself (the staged site of a build; what
`check` renders without writing), folded as a reader takes it (see
content/lookalike.py), for the case ids of every inspection, drafts included. Each
find is then pointed at the source that produced it: every source a page is made of
(inspection and annual files, the site's configuration and templates) is folded the
same way, line by line after Markdown and HTML markup, entities and percent and
backslash escapes are undone, and each YAML value on its own (an escape or a string
folded over lines).
"""

from __future__ import annotations

import contextlib
import html
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from yjsreport.content.frontmatter import FrontMatterProblem, split_front_matter
from yjsreport.content.inspection import case_file_ids, find_inspections, published_files
from yjsreport.content.lookalike import IdIndex, fold_mapped, visual_order
from yjsreport.errors import ContentError, Problem
from yjsreport.site.reader_text import bytes_texts, data_texts, file_texts, fully_unquoted
from yjsreport.sources.text import TextProblem, read_text
from yjsreport.sources.yamldoc import YamlDocument, YamlProblem, parse_yaml

if TYPE_CHECKING:
    from yjsreport.annual.model import AnnualReport
    from yjsreport.project import Report

_TEXT_SUFFIXES = frozenset({".md", ".yaml", ".yml", ".html", ".htm", ".css", ".js", ".svg", ".txt"})
_ESCAPE = (
    r"&(?:#\d+|#[xX][0-9a-fA-F]+|\w+);|(?:%[0-9A-Fa-f]{2})+"
    r"|\\[xX][0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}|\\U[0-9a-fA-F]{8}|\\(?=[!-/:-@\[-`{-~])"
)
_PERCENT = re.compile(r"(?:%[0-9A-Fa-f]{2})+")
# Ways to read a source line back to what it publishes: markup and escapes undone,
# with and without '_' as emphasis (an id may hold '_') and HTML tags (an autolink).
_READINGS = (
    re.compile(rf"<[^<>]*>|{_ESCAPE}|[*~`_]"),
    re.compile(rf"<[^<>]*>|{_ESCAPE}|[*~`]"),
    re.compile(rf"{_ESCAPE}|[*~`_]"),
)


@dataclass(frozen=True)
class Published:
    """One published file (or a rendering of one), by where it is published."""

    where: str
    pieces: tuple[str, ...]


def site_files(site: Path, read: Callable[[Path], list[str]] = file_texts) -> Iterator[Published]:
    """Every file of a built (staged) site, each read by `read` (as `file_texts` does,
    or through the build cache's kept PDF texts)."""
    for path in sorted(site.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield Published(path.relative_to(site).as_posix(), tuple(read(path)))


def rendering(where: str, text: str, suffix: str = ".html") -> Published:
    return Published(where, tuple(data_texts(text, suffix)))


def case_ids_by_inspection(
    content: Path, known: Mapping[str, frozenset[str]] | None = None
) -> dict[str, frozenset[str]]:
    """Every inspection's case ids by folder name, drafts and inspections that do not
    load included (read from their case files), with any already known."""
    known = known or {}
    try:
        folders = find_inspections(content)
    except ContentError:
        return dict(known)
    return {f.name: case_file_ids(f) | known.get(f.name, frozenset()) for f in folders}


def _unescape(token: str) -> str:
    if token.startswith("&"):
        return html.unescape(token)
    if token.startswith("%"):
        return fully_unquoted(token)
    if token[:2] in ("\\x", "\\X", "\\u", "\\U"):
        return chr(int(token[2:], 16))
    return ""  # markup, emphasis and Markdown's backslash escapes


def _read_back(line: str, reading: re.Pattern[str]) -> tuple[str, list[int]]:
    """A source line as it is published, and each character's index in the line."""
    out: list[str] = []
    origins: list[int] = []
    at = 0
    for match in reading.finditer(line):
        out.append(line[at : match.start()])
        origins.extend(range(at, match.start()))
        replaced = _unescape(match[0])
        out.append(replaced)
        origins.extend([match.start()] * len(replaced))
        at = match.end()
    out.append(line[at:])
    origins.extend(range(at, len(line)))
    return "".join(out), origins


def _line_finds(text: str, index: IdIndex) -> Iterator[tuple[int, int, str]]:
    for number, line in enumerate(text.splitlines(), start=1):
        seen: set[str] = set()
        for reading in _READINGS:
            published, origins = _read_back(line, reading)
            for _ in range(8):  # an address encoded twice (%252D) decodes twice
                if not _PERCENT.search(published):
                    break
                again, inner = _read_back(published, _PERCENT)
                published, origins = again, [origins[i] for i in inner]
            shown = visual_order(published)
            orders = [(published, origins)]
            if shown is not None:
                orders.append((shown[0], [origins[i] for i in shown[1]]))
            for text, text_origins in orders:
                folded, folded_origins = fold_mapped(text)
                for find in index.finds(folded):
                    if find.case_id not in seen:
                        seen.add(find.case_id)
                        span = folded_origins[find.start : find.end]
                        yield number, min(text_origins[i] for i in span) + 1, find.case_id


def _yaml_strings(
    data: Any, where: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], str, bool]]:
    """Every string of a YAML document, keys too: (its path, the string, is it a key)."""
    if isinstance(data, str):
        yield where, data, False
    elif isinstance(data, dict):
        for key, value in data.items():
            yield (*where, str(key)), str(key), True
            yield from _yaml_strings(value, (*where, str(key)))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _yaml_strings(value, (*where, i))


def _yaml_of(path: Path, text: str) -> YamlDocument | None:
    try:
        if path.suffix == ".md":
            return split_front_matter(text, path).front
        if path.suffix in (".yaml", ".yml"):
            return parse_yaml(text, path)
    except (YamlProblem, FrontMatterProblem):
        return None
    return None


def locate(sources: Iterable[Path], index: IdIndex) -> dict[str, list[tuple[Path, int, int]]]:
    """Where each id is written in the sources, however disguised: (file, line, column)."""
    found: dict[str, list[tuple[Path, int, int]]] = {}
    for path in sources:
        try:
            text = read_text(path)
        except TextProblem:
            continue
        places: dict[tuple[int, str], int] = {}
        for line, column, case_id in _line_finds(text, index):
            places.setdefault((line, case_id), column)
        doc = _yaml_of(path, text)
        if doc is not None:
            starts = sorted({line + doc.line_offset for line, _ in doc.positions.values()})
            for where, value, is_key in _yaml_strings(doc.data):
                for find in index.finds_in(value):
                    at, at_column = doc.locate_key(where) if is_key else doc.locate(where)
                    if at is None:
                        continue
                    # the value runs to the next one: a find on one of its lines is this one
                    end = next((s for s in starts if s > at), at + 1)
                    if not any((n, find.case_id) in places for n in range(at, end)):
                        places[(at, find.case_id)] = at_column or 1
        for (line, case_id), column in sorted(places.items()):
            found.setdefault(case_id, []).append((path, line, column))
    return found


def sources_of(content: Path, config: Path | None, templates: Path | None) -> list[Path]:
    """Every file a published page can take text from."""
    paths: list[Path] = []
    try:
        for folder in find_inspections(content):
            paths.extend(published_files(folder))
    except ContentError:
        pass
    annual = content / "annual"
    if annual.is_dir():
        paths.extend(sorted(p for p in annual.rglob("*") if p.suffix in (".md", ".yaml")))
    if config is not None and config.is_file():
        paths.append(config)
    if templates is not None and templates.is_dir():
        paths.extend(
            sorted(p for p in templates.rglob("*") if p.is_file() and p.suffix in _TEXT_SUFFIXES)
        )
    return [p for p in paths if p.is_file()]


def _owner(path: Path, owners: set[str], content: Path) -> str:
    try:
        parts = path.resolve().relative_to((content / "inspections").resolve()).parts
    except ValueError:
        parts = ()
    if parts and parts[0] in owners:
        return "this inspection" if owners == {parts[0]} else "this and another inspection"
    if parts:
        return "another inspection"
    return " and ".join(sorted(owners))


def published_case_ids(
    published: Iterable[Published],
    ids: Mapping[str, frozenset[str]],
    content: Path,
    sources: list[Path],
) -> list[Problem]:
    """A located problem for each case id (of `ids`, by inspection) that a reader can
    find in what is published; each is pointed at the source line that wrote it."""
    owners: dict[str, set[str]] = {}
    for slug, case_ids in ids.items():
        for case_id in case_ids:
            owners.setdefault(case_id, set()).add(slug)
    index = IdIndex.of(owners)
    if not index:
        return []
    seen_in: dict[str, str] = {}  # id -> the first published file it was found in
    for item in published:  # one search per file: a line break keeps pieces apart
        for case_id in index.ids_in("\n".join(item.pieces)):
            seen_in.setdefault(case_id, item.where)
    if not seen_in:
        return []
    places = locate(sources, IdIndex.of(seen_in))
    problems: list[Problem] = []
    for case_id in sorted(seen_in):
        for path, line, column in places.get(case_id, []):
            owner = _owner(path, owners[case_id], content)
            problems.append(
                Problem(
                    path,
                    f"case id {case_id!r} (a case in the samples of {owner}) is written in "
                    "text that is published; case ids are never published: remove it",
                    line,
                    column,
                )
            )
        if case_id not in places:
            problems.append(
                Problem(
                    content,
                    f"case id {case_id!r} (a case in the samples of "
                    f"{' and '.join(sorted(owners[case_id]))}) is published in "
                    f"{seen_in[case_id]}, from no source found; case ids are never "
                    "published: find where it comes from and remove it",
                )
            )
    return problems


def print_renderings(
    reports: Iterable[Report], annuals: Iterable[AnnualReport], templates: Path
) -> Iterator[Published]:
    """The HTML each PDF is made from: its text is the PDF's text. (The annual report's
    code, with matplotlib, is imported only where there is an annual report.)"""
    from yjsreport.pdf.document import print_html

    for report in reports:
        yield rendering(f"{report.slug}.pdf", print_html(report, templates))
    for annual in annuals:
        from yjsreport.annual.pdf import print_html as annual_print_html

        html_text = annual_print_html(annual, templates, Path("charts"))
        yield rendering(f"annual-report-{annual.year}.pdf", html_text)


_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)
SHELL_FOLDERS = ("site", "pages")  # templates/ folders of the site around the reports


def shell(templates: Path, config: Path | None) -> Iterator[Published]:
    """The site around the reports (page frame, home page, accessibility statement,
    the configuration's site name), as written: MkDocs renders them only in a build.
    Jinja comments are left out: they are not published."""
    for folder in SHELL_FOLDERS:
        for path in sorted((templates / folder).rglob("*")):
            if path.is_file() and path.suffix in _TEXT_SUFFIXES:
                with contextlib.suppress(TextProblem):  # the build says what is wrong
                    text = _JINJA_COMMENT.sub("", read_text(path))
                    yield rendering(path.as_posix(), text, path.suffix)
    if config is not None and config.is_file():
        with contextlib.suppress(TextProblem):
            yield rendering(config.as_posix(), read_text(config), ".yaml")


def renderings(
    reports: Iterable[Report], annuals: Iterable[AnnualReport], templates: Path, pdf: bool = True
) -> Iterator[Published]:
    """What a build publishes for these reports, rendered in memory: each report's page
    and title, its downloads and (with `pdf`) the HTML of its PDF, and each annual
    report's page."""
    from yjsreport.render.report import Links, render_article, report_title
    from yjsreport.site.data_files import report_files

    for report in reports:
        try:  # a report whose text has problems (reported by `check`) may not render
            made = [
                Published(f"{report.slug} (title)", (report_title(report),)),
                rendering(
                    f"{report.slug} (page)", render_article(report, templates, "web", Links())
                ),
                *(
                    Published(file.path, tuple(bytes_texts(file.data, Path(file.path).suffix)))
                    for file in report_files(report)
                ),
                *(print_renderings([report], [], templates) if pdf else []),
            ]
        except ContentError:
            continue
        yield from made
    for annual in annuals:
        from yjsreport.annual.render import render_annual

        try:
            made = [
                rendering(f"annual {annual.year} (page)", render_annual(annual, templates, "web"))
            ]
            made.extend(print_renderings([], [annual], templates) if pdf else [])
        except ContentError:
            continue
        yield from made


def check_site(
    site: Path,
    content: Path,
    config: Path | None,
    templates: Path,
    reports: list[Report],
    annuals: list[AnnualReport],
    read: Callable[[Path], list[str]] = file_texts,
) -> list[Problem]:
    """The case ids a reader could find in a built (staged) site: its pages, downloads,
    charts and PDFs, each file read as published (a PDF's text from the PDF)."""
    published: Iterable[Published] = site_files(site, read)
    known = {r.slug: r.inspection.case_ids for r in reports}
    return published_case_ids(
        published,
        case_ids_by_inspection(content, known),
        content,
        sources_of(content, config, templates),
    )


def check_rendering(
    content: Path,
    templates: Path,
    config: Path | None,
    reports: list[Report],
    annuals: list[AnnualReport],
    *,
    pdf: bool = True,
    found: Iterable[Problem] = (),
) -> list[Problem]:
    """The same search on the site rendered in memory, without writing it (for `check`,
    and before a bare `mkdocs build` empties the site folder); problems already
    `found` at the same place (a case id written plainly) are not repeated."""
    known = {r.slug: r.inspection.case_ids for r in reports}
    published = [*renderings(reports, annuals, templates, pdf), *shell(templates, config)]
    problems = published_case_ids(
        published,
        case_ids_by_inspection(content, known),
        content,
        sources_of(content, config, templates),
    )
    shown = {(p.path, p.line) for p in found if "case id" in p.message}
    return [p for p in problems if (p.path, p.line) not in shown]
