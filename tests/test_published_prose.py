"""A published inspection written out in the content format, sentence by sentence, with
every figure its prose states as data (issue 19).

The fixture, tests/published/wolverhampton-2022/, is the Wolverhampton report of 2022
(shared/reference/wolverhampton-2022.txt): our own wording, the published figures. Its
tally, sentences.yaml, names for every published line that states a figure the part that
writes it, or that the tool writes it, or why a figure is given differently. The tests
prove that `check` passes (no figure typed), that the case data still gives every
published percentage and rating, and that each published sentence's numbers appear in
what the named part renders.
"""

from __future__ import annotations

import csv
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import lxml.html
import pytest
import yaml

from tests.conftest import CONTENT, PUBLISHED, ROOT, TEMPLATES
from yjsreport.cli import main
from yjsreport.pdf.document import print_html
from yjsreport.project import Report, load_reports
from yjsreport.prose.check import body_source
from yjsreport.prose.markdown import render
from yjsreport.prose.notes import Notes
from yjsreport.prose.typed_numbers import figures
from yjsreport.render.report import render_article

FIXTURE = PUBLISHED / "wolverhampton-2022"
SLUG = "wolverhampton-2022"
# shared/ sits beside the clone (in CI and here), or beside the folder of worktrees
REFERENCE = next(
    (
        folder / "shared" / "reference" / "wolverhampton-2022.txt"
        for folder in (ROOT.parent, ROOT.parent.parent)
        if (folder / "shared" / "reference" / "wolverhampton-2022.txt").is_file()
    ),
    None,
)
ANNEXE_2 = 1090  # the published prose ends where Annexe 2's tables begin
_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
)
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety"
_WORDS = (
    {w: float(i) for i, w in enumerate(_UNITS.split(" "))}
    | {w: 10.0 * i for i, w in enumerate(_TENS.split(" "), start=2)}
    | {"half": 0.5, "million": 1e6}
)
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?|[A-Za-z]+")


def tally() -> list[dict[str, Any]]:
    data = yaml.safe_load((FIXTURE / "sentences.yaml").read_text(encoding="utf-8"))
    return list(data["lines"])


def numbers(text: str) -> Iterator[float]:
    """The numbers of every figure the prose check finds in a text (its exempt classes,
    such as dates and standard numbers, left out as the check leaves them out)."""
    for found in figures(text):
        for token in _NUMBER.findall(found.text):
            if token[0].isdigit():
                yield float(token.replace(",", ""))
            elif token.lower() in _WORDS:
                yield _WORDS[token.lower()]


def published_lines() -> dict[int, str]:
    assert REFERENCE is not None
    lines = REFERENCE.read_text(encoding="utf-8").splitlines()
    return {n: line for n, line in enumerate(lines, start=1) if n <= ANNEXE_2}


def plain(html: str) -> str:
    """The text a reader reads, with the notes but without the numbers of note calls and
    of the notes' links back to them."""
    doc = lxml.html.fromstring(f"<div>{html}</div>")
    for mark in doc.xpath("//sup|//a[@class='note-back']"):
        mark.drop_tree()
    return " ".join(" ".join(doc.itertext()).split())  # a table's cells kept apart


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("published-prose") / "content"
    shutil.copytree(CONTENT / "frameworks", root / "frameworks")
    shutil.copytree(
        FIXTURE,
        root / "inspections" / SLUG,
        ignore=shutil.ignore_patterns("README.md", "sentences.yaml"),
    )
    return root


@pytest.fixture(scope="module")
def report(content: Path) -> Report:
    return {r.slug: r for r in load_reports(content, drafts=True)}[SLUG]


def test_check_passes_with_no_figure_typed(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--content", str(content), "check"]) == 0, capsys.readouterr().err


def test_the_case_data_still_gives_every_published_rating_and_percentage(report: Report) -> None:
    """The narrative's sub-samples ('six of the nine relevant cases') are recorded as
    not-applicable answers: the key questions, ratings and Annexe 2's whole-sample
    percentages are still exactly the published ones."""
    pub = yaml.safe_load((PUBLISHED / "wolverhampton-2022.yaml").read_text(encoding="utf-8"))
    result = report.result
    assert {s.id: s.rating.value for s in result.standards()} == pub["ratings"]
    assert (result.score.total, result.overall.value) == (pub["score"], pub["overall"])
    for qid, published in pub["percent"].items():
        q = result.question(qid)
        assert q is not None, qid
        key_question = qid.count(".") == 2 and qid[-1].isdigit()
        shown = q.percent if key_question else q.sample_percent
        assert shown == (77 if qid == "3.3.3a" else published), qid  # see test_published_figures


def test_the_cases_are_the_reconstruction_with_only_not_applicable_answers_added() -> None:
    """The fixture reuses the example's reconstructed cases: a 'No' may become 'N/A' where
    the narrative gives a smaller relevant sub-sample; nothing else changes, apart from
    the extra questions' columns."""
    for name in ("court", "out-of-court", "resettlement"):
        ours = list(csv.DictReader((FIXTURE / "cases" / f"{name}.csv").open(encoding="utf-8")))
        theirs = list(
            csv.DictReader(
                (CONTENT / "inspections/brackenmoor-2022/cases" / f"{name}.csv").open(
                    encoding="utf-8"
                )
            )
        )
        assert len(ours) == len(theirs)
        for mine, base in zip(ours, theirs, strict=True):
            for column, value in base.items():
                assert mine[column] == value or (value, mine[column]) == ("No", "N/A"), column


@pytest.mark.skipif(REFERENCE is None, reason="shared/reference is not beside the clone")
def test_every_published_line_with_a_figure_is_in_the_tally() -> None:
    flagged = {
        n
        for n, line in published_lines().items()
        if len(line) >= 60 and "\t" not in line and figures(line)
    }
    assert flagged == {entry["line"] for entry in tally()}


@pytest.mark.skipif(REFERENCE is None, reason="shared/reference is not beside the clone")
def test_every_figure_of_each_published_sentence_is_in_what_we_render(report: Report) -> None:
    parts = {p.path.stem: p for p in report.inspection.parts}
    rendered = {
        stem: plain(
            render(
                body_source(part),
                report.result,
                2,
                stem,
                Notes(),
                context=report.inspection.context,
                key_data=report.inspection.key_data,
            )
        )
        for stem, part in parts.items()
    }
    rendered["article"] = plain(render_article(report, TEMPLATES, "web"))
    published = published_lines()
    # Counted, not just looked for: if a part's published sentences state 11 five times
    # between them, its rendered text must state 11 at least five times.
    wanted: dict[str, Counter[float]] = {}
    for entry in tally():
        assert "not_written" not in entry, entry  # every sentence is written
        where = "article" if "generated" in entry else entry["part"]
        # a published number we print as another, withhold, or write as an age band (a
        # category, which the check does not count as a figure)
        instead = {float(k): v for k, v in entry.get("instead", {}).items()}
        assert not instead or entry.get("why"), entry
        for value in numbers(published[entry["line"]]):
            given = instead.get(value, value)
            if given not in ("age band", "withheld"):
                wanted.setdefault(where, Counter())[float(given)] += 1
    missing = {
        where: {v: n - have[v] for v, n in want.items() if have[v] < n}
        for where, want in wanted.items()
        if (have := Counter(numbers(rendered[where])))
    }
    assert {where: short for where, short in missing.items() if short} == {}


def test_a_survey_average_and_lowest_score_come_from_the_answers(report: Report) -> None:
    html = render_article(report, TEMPLATES, "web")
    assert "all seven scored the YOT at eight or more out of 10, where 10 stands" in plain(html)


def test_the_web_page_and_the_print_state_the_same_figures(report: Report) -> None:
    """Every number of the web page is in the print, as often; the print adds only the
    standards' numbers of its contents page."""
    web = Counter(numbers(plain(render_article(report, TEMPLATES, "web"))))
    body = lxml.html.fromstring(print_html(report, TEMPLATES)).find(".//body")
    printed = Counter(numbers(plain(lxml.html.tostring(body, encoding="unicode"))))
    assert web - printed == Counter()
    standards = {float(s.id) for s in report.result.standards()}
    assert set(printed - web) <= standards
