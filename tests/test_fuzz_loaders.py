"""Property-based fuzzing of every loader: whatever an author's file holds, loading
it gives a value or located problems, never an uncaught exception.

Runs are bounded by example count (not by time), so they are the same on a slow
machine; the strategies mix random text with the characters and tokens that
matter to each format, so that the interesting paths are reached often."""

from __future__ import annotations

import contextlib
import re
import tempfile
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import CONTENT
from yjsreport.content.cases import read_sample_and_ids
from yjsreport.content.frontmatter import FrontMatterProblem, split_front_matter
from yjsreport.content.privacy import CaseIdIndex, case_id_problems
from yjsreport.content.schema import Context, InspectionMeta, PartFrontMatter
from yjsreport.engine.results import InspectionResult
from yjsreport.errors import ContentError, Problem
from yjsreport.project import load_reports
from yjsreport.prose import typed_numbers
from yjsreport.prose.markdown import Source, render, render_inline
from yjsreport.sources.text import TextProblem, read_text
from yjsreport.sources.validation import validate
from yjsreport.sources.yamldoc import YamlDocument, YamlProblem, parse_yaml

BOUNDED = settings(
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
# Text a file can hold once decoded (no lone surrogates).
CHARS = st.characters(exclude_categories=("Cs",))
PATH = Path("fuzz/file.yaml")


def mixed(tokens: list[str]) -> st.SearchStrategy[str]:
    """Random text interleaved with a format's own tokens."""
    return st.lists(
        st.one_of(st.sampled_from(tokens), st.text(CHARS, max_size=6)), max_size=40
    ).map("".join)


YAML_TOKENS = [
    "\n",
    "  ",
    ": ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "<<: ",
    "? ",
    "|\n",
    ">\n",
    "'",
    '"',
    "#",
    "!!python/object:os.system ",
    "!!binary ",
    "%YAML 1.1\n",
    "---\n",
    "...\n",
    "\t",
    "status",
    "rating",
    "part: standard\n",
    "standard: 2.1\n",
    "2021-10-25",
    "2022-02-30",
    ".nan",
    "-.inf",
    "yes",
    "~",
    "0x1F",
    "1e400",
    "\\",
    "\x00",
    "\ufeff",
]
MARKDOWN_TOKENS = [
    "{{ ",
    " }}",
    "2.1.1a",
    "2.1.rating",
    ".percent",
    ".share",
    "overall.score",
    "sample.court",
    "court.disposal_type.referral-order",
    "\n",
    "\n\n",
    "## ",
    "# ",
    "#### ",
    "<",
    ">",
    "</",
    "<!-- ",
    " -->",
    "<script>",
    "[x](",
    ")",
    "![i](",
    "javascript:",
    "https://e.invalid",
    "#top",
    "*",
    "_",
    "`",
    "```\n",
    "[^1]",
    "[^1]: ",
    "| a | b |\n|---|---|\n",
    "> ",
    "1. ",
    "&amp;",
    "&#0;",
    "\\",
    "50%",
    "seven out of 11",
    "'Good'",
]


def models_accept_or_locate(doc: YamlDocument) -> None:
    for model, tag in ((InspectionMeta, None), (Context, None), (PartFrontMatter, "part")):
        value, problems = validate(model, doc, tag_key=tag)
        assert (value is None) == bool(problems)
        assert all(isinstance(p, Problem) for p in problems)


@BOUNDED
@given(mixed(YAML_TOKENS))
def test_yaml_loader(text: str) -> None:
    try:
        doc = parse_yaml(text, PATH)
    except YamlProblem as exc:
        assert exc.problem.path == PATH
        return
    models_accept_or_locate(doc)


@BOUNDED
@given(st.text(CHARS, max_size=200))
def test_yaml_loader_on_any_text(text: str) -> None:
    with contextlib.suppress(YamlProblem):
        models_accept_or_locate(parse_yaml(text, PATH))


@BOUNDED
@given(st.sampled_from(["---\n", "\ufeff---\n", "", "--- \n"]), mixed([*YAML_TOKENS, "---\n"]))
def test_front_matter_loader(start: str, text: str) -> None:
    try:
        source = split_front_matter(start + text, Path("fuzz/part.md"))
    except (FrontMatterProblem, YamlProblem):
        return
    value, problems = validate(PartFrontMatter, source.front, tag_key="part")
    assert (value is None) == bool(problems)


@BOUNDED
@given(st.binary(max_size=200))
def test_text_reader_on_any_bytes(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "file.md"
        path.write_bytes(data)
        try:
            text = read_text(path)
        except TextProblem as exc:
            assert exc.problem.line is not None and exc.problem.column is not None
            return
        assert not text.startswith("\ufeff")


CSV_TOKENS = [
    "Yes",
    "No",
    "N/A",
    "yes",
    ",",
    ",,",
    "\n",
    "\r\n",
    '"',
    '""',
    ";",
    "\t",
    " ",
    "\x00",
    "BRK-C01",
    "BRK-C02",
    "referral-order",
    "youth-caution",
    "male",
    "high",
    "case",
    "disposal_type",
    "gender",
    "rosh",
    "2.1.1",
    "2.1.1a",
    "=cmd|' /C calc'!A0",
    "\ufeff",
]


@cache
def court_columns() -> tuple[str, ...]:
    report = next(r for r in load_reports(CONTENT) if r.slug == "brackenmoor-2022")
    return tuple(report.inspection.framework.sample_columns("court"))


@BOUNDED
@given(st.booleans(), mixed(CSV_TOKENS), st.sampled_from(["utf-8", "cp1252", "utf-16"]))
def test_case_file_loader(real_header: bool, rows: str, encoding: str) -> None:
    columns = court_columns()
    header = ",".join(("case", "disposal_type", *columns)) + "\n" if real_header else ""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "court.csv"
        path.write_bytes((header + rows).encode(encoding, errors="replace"))
        counts, ids, problems = read_sample_and_ids(path, "court", columns)
    assert (counts is None) == bool(problems)
    assert all(isinstance(p, Problem) and p.path == path for p in problems)
    if counts is not None:
        assert counts.cases == len(ids) and not hasattr(counts, "case_ids")


@cache
def brackenmoor() -> InspectionResult:
    """Results to resolve references against (not a fixture: hypothesis would print it)."""
    return next(r for r in load_reports(CONTENT) if r.slug == "brackenmoor-2022").result


@BOUNDED
@given(mixed(MARKDOWN_TOKENS))
def test_markdown_with_references(text: str) -> None:
    source = Source(text, Path("fuzz/part.md"), first_line=5)
    try:
        html = render(source, brackenmoor(), base_level=2, doc_id="fuzz")
    except ContentError as exc:
        assert all(p.line is None or p.line >= 5 for p in exc.problems)
        return
    assert "<script" not in html and "<!--" not in html and 'href="javascript' not in html


@BOUNDED
@given(mixed(MARKDOWN_TOKENS))
def test_inline_markdown_from_front_matter(text: str) -> None:
    source = Source(text, Path("fuzz/part.md"), first_line=3, column=5)
    try:
        html = render_inline(source, brackenmoor())
    except ContentError:
        return
    assert "<script" not in html and "<!--" not in html


FIGURE_TOKENS = [
    " ",
    "  ",
    "\n",
    "\t",
    "0",
    "7",
    "11",
    "4.5",
    "%",
    " per cent",
    "percent",
    " of ",
    "out ",
    "of",
    " the ",
    "nine",
    "Ten",
    "TWENTY",
    "eleven",
    "twelve",
    "one",
    "/",
    " / ",
    "'",
    "‘",
    "’",
    '"',
    "“",
    "”",
    "Good",
    "good",
    "Requires improvement",
    "Requires\nimprovement",
    "Not rated",
    "'Good'",
    "‘ Inadequate’",
    '"Outstanding"',
    "“Not rated”",
    "'Requires improvement'",
    "Inadequate",
    "Outstanding",
    "often",
    "tenth",
    "oneself",
    "thirty-seven",
    "-seven",
    " hundred and ",
    "quarter",
    "thirds",
    "half",
    "twice as",
    "doubled",
    "3rd",
    "Ninety",
    "ONE",
    " in ",
    "only ",
]


@BOUNDED
@given(mixed(FIGURE_TOKENS))
def test_the_quick_filter_never_hides_a_typed_figure(text: str) -> None:
    """Text the one-pass filter lets through unchecked must hold no typed figure: the
    filter only saves time, so it may pass too much but never too little."""
    assert not typed_numbers._figures(text, ()) or typed_numbers.maybe_figure(text), text


ID_CHARS = st.sampled_from(list("abkisCK1-_ .\u212a\u017f\u0131\u0130é/"))
IDS = st.lists(st.text(ID_CHARS, min_size=1, max_size=5), max_size=6)


@BOUNDED
@given(
    IDS, IDS, mixed(["a", "K", "\u212a", "s", "\u017f", "I", "\u0131", "\u0130", "-", " ", "\n"])
)
def test_the_case_id_index_finds_what_a_pattern_of_every_id_finds(
    own: list[str], others: list[str], text: str
) -> None:
    """The index searches only for ids that could be in the text; it must find exactly
    what searching for every other inspection's id finds, in the same order."""
    own_ids = {i.strip() for i in own if i.strip()}
    other_ids = {i.strip() for i in others if i.strip()}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "part.md"
        twins = str.maketrans({"k": "\u212a", "s": "\u017f", "i": "\u0131", "I": "\u0130"})
        written = [*others[:2], *(i.translate(twins) for i in others[:2])]
        path.write_text(text + " " + " ".join(written), encoding="utf-8")
        every = case_id_problems([path], other_ids - own_ids, "another inspection")
        index = CaseIdIndex([own_ids, other_ids])
        assert index.others_in([path], own_ids) == every


def test_every_character_that_matches_ascii_ignoring_case_is_folded() -> None:
    """The index's case folding must agree with `re` for every code point beyond ASCII
    that `re` matches to an ASCII letter, digit, '_' or '-' when case is ignored."""
    from yjsreport.content.privacy import _ASCII_TWINS

    ascii_word = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"
    any_ascii = re.compile(f"[{re.escape(ascii_word)}]", re.IGNORECASE)
    twins = {}
    for point in range(0x80, 0x110000):
        char = chr(point)
        if any_ascii.fullmatch(char):
            twins[char] = next(
                a.lower() for a in ascii_word if re.fullmatch(re.escape(a), char, re.IGNORECASE)
            )
    assert twins == {chr(point): folded for point, folded in _ASCII_TWINS.items()}
