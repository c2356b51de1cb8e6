"""Every figure a reader sees on the built pages is the engine's: the home page's
scores and ratings, each report's ratings table, key-question tables, data annexe
and downloads are read back out of the HTML and compared with the results computed
from the content. A template that showed the wrong field would fail here."""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path

import pytest
from lxml.html import HtmlElement

from tests.browser.pages import (
    body_rows,
    parse,
    rating_text,
    table_by_caption,
    text,
)
from tests.browser.project import CONTENT, built_site, slugs
from yjsreport.content.vocabulary import ATTRIBUTES
from yjsreport.engine.disclosure import attribute_cells, withheld_text
from yjsreport.engine.export import to_json
from yjsreport.engine.results import InspectionResult, QuestionResult, StandardResult
from yjsreport.project import Report, load_reports
from yjsreport.prose.numbers import count_in_words
from yjsreport.render.downloads import aggregate_csv
from yjsreport.site import pages

PUBLISHED = slugs(drafts=False)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_site(tmp_path_factory, "--no-pdf")


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    """What the published site should show: published inspections only."""
    return {r.slug: r for r in load_reports(CONTENT, drafts=False)}


@pytest.fixture(params=PUBLISHED)
def report(request: pytest.FixtureRequest, reports: dict[str, Report]) -> Report:
    return reports[request.param]


@pytest.fixture
def doc(report: Report, site: Path) -> HtmlElement:
    """The report's page; where its format publishes a data annex beside it, with the
    annex's article added, since the two together are what the report publishes."""
    page = parse(site / pages.report_dir(report.slug) / "index.html")
    if report.inspection.format.data_annex:
        annex = parse(site / pages.report_dir(report.slug) / "data-annex" / "index.html")
        page.find(".//body").append(annex.find_class("report")[0])
    return page


def score(result: InspectionResult) -> str:
    return f"{result.score.total}/{result.score.maximum}"


def percent(q: QuestionResult) -> str:
    """As the tables show it: the engine's displayed figure, or a dash for no cases."""
    return "—" if q.shown is None else f"{q.shown}%"


def sample_percent(q: QuestionResult) -> str:
    return f"{q.sample_percent}%" if q.sample_percent is not None else "—"


def figures(q: QuestionResult) -> list[str]:
    return [str(q.relevant), str(q.yes), percent(q)]


def shown_is_the_true_share(cells: list[str]) -> None:
    """Independently of the engine: the shown percentage is yes/relevant, to within the
    rounding of its last digit."""
    relevant, yes, shown = cells
    if shown == "—":
        assert relevant == "0"
        return
    digits = shown.removesuffix("%")
    places = len(digits.partition(".")[2])
    exact = 100 * Fraction(int(yes), int(relevant))
    assert abs(Fraction(digits) - exact) <= Fraction(1, 2 * 10**places), cells


def test_home_page_lists_every_published_report(site: Path, reports: dict[str, Report]) -> None:
    home = parse(site / "index.html")
    table = table_by_caption(home, "Published inspection reports, newest first")
    shown = [
        (
            text(row.header),
            row.header.find(".//a").get("href"),
            text(row.cells[0]),
            text(row.cells[1]),
            rating_text(row.cells[2]),
        )
        for row in body_rows(table)
    ]
    expected = [
        (
            r.inspection.meta.service,
            f"{pages.report_dir(r.slug)}/index.html",
            f"{r.inspection.meta.publication_date.day} {r.inspection.meta.publication_date:%B %Y}",
            score(r.result),
            r.result.overall.value,
        )
        for r in reports.values()  # newest first, as load_reports orders them
    ]
    assert shown == expected


def test_report_header_gives_overall_rating_and_score(doc: HtmlElement, report: Report) -> None:
    facts = {text(div.find("dt")): div.find("dd") for div in doc.find_class("report-facts")[0]}
    overall = facts["Overall rating"]
    assert rating_text(overall) == report.result.overall.value
    assert text(overall).endswith(f"(score {score(report.result)})")


def test_ratings_table(doc: HtmlElement, report: Report) -> None:
    result = report.result
    table = table_by_caption(doc, f"Ratings for {report.inspection.meta.short_name}")
    shown = []
    for row in body_rows(table):
        if "domain-row" in row.classes:
            shown.append((text(row.header), None))
        elif text(row.header) == "Score":
            shown.append(("Score", text(row.cells[0])))
        else:
            shown.append((text(row.header), rating_text(row.cells[0])))
    expected: list[tuple[str, str | None]] = [
        ("Score", score(result)),
        ("Overall rating", result.overall.value),
    ]
    for domain in result.domains:
        expected.append((f"{domain.id}. {domain.title}", None))
        expected.extend((f"{s.id} {s.title}", s.rating.value) for s in domain.standards)
    assert shown == expected


def standard_section(doc: HtmlElement, s: StandardResult) -> HtmlElement:
    found = doc.xpath("//section[h3[normalize-space()=$t]]", t=f"{s.id}. {s.title}")
    assert len(found) == 1, f"no single section for standard {s.id}"
    return found[0]


def test_each_standard_section_gives_its_rating(doc: HtmlElement, report: Report) -> None:
    for s in report.result.standards():
        section = standard_section(doc, s)
        (line,) = section.find_class("standard-rating")
        assert rating_text(line) == s.rating.value, s.id
        discretion = section.find_class("discretion")
        moved = s.discretion is not None and s.discretion.allowed
        said = (
            f"from ‘{s.discretion.from_.value}’ to ‘{s.discretion.to.value}’"
            if s.discretion is not None
            else ""
        )
        if moved and report.inspection.format.discretion == "paragraph":
            assert said in text(discretion[0]), s.id
        elif moved:  # a footnote on the rating
            assert not discretion, s.id
            (ref,) = line.find_class("note-ref")
            assert said in text(doc.get_element_by_id(f"note-{text(ref)}")), s.id
        else:
            assert not discretion, s.id
            assert not line.find_class("note-ref"), s.id


def kq_cells(q: QuestionResult, layout: str) -> list[str]:
    """The cells of a key question's row: '% Yes' (2021 layout) or counts (2018)."""
    return [percent(q)] if layout == "percent" else [str(q.relevant), str(q.yes)]


def test_key_question_tables(doc: HtmlElement, report: Report) -> None:
    layout = report.inspection.format.key_question_table
    for s in report.result.standards():
        caption = f"Key questions for {s.id}. {s.title}"
        if not (s.is_case and any(kq.relevant for kq in s.key_questions)):
            assert not [t for t in doc.iter("table") if text(t.find("caption")) == caption]
            continue
        rows = body_rows(table_by_caption(doc, caption))
        shown = [
            (
                text(row.header, skip=("note-ref",)),
                [text(c) for c in row.cells],
                [text(b) for c in row.cells for b in c.iter("strong")],
                "lowest" in row.classes,
            )
            for row in rows
        ]
        # the lowest key question in bold, with no label, as published: each where they tie
        expected = [
            (
                kq.text,
                kq_cells(kq, layout),
                [kq_cells(kq, layout)[-1]] if kq.is_lowest else [],
                kq.is_lowest,
            )
            for kq in s.key_questions
        ]
        assert shown == expected, s.id
        if layout == "percent":
            for kq, row in zip(s.key_questions, shown, strict=True):
                shown_is_the_true_share([str(kq.relevant), str(kq.yes), row[1][0]])


def test_data_annexe_gives_every_key_question_and_prompt(doc: HtmlElement, report: Report) -> None:
    result = report.result
    expected_tables = {
        f"data-{s.id.replace('.', '-')}": s
        for domain in result.domains
        if domain.sample
        for s in domain.standards
        if s.is_case
    }
    tables = {t.get("id"): t for t in doc.find_class("data-table")}
    if not report.inspection.format.inspection_data_annexe:
        assert tables == {}  # the 2018 layout prints the prompts under each key question
        return
    assert set(tables) == set(expected_tables)
    for table_id, s in expected_tables.items():
        shown = [
            (text(row.header), [text(c) for c in row.cells], "kq-row" in row.classes)
            for row in body_rows(tables[table_id])
        ]
        expected = []
        for kq in s.key_questions:
            expected.append((kq.text, [], True))  # a heading row, as published: no figures
            expected.extend(
                (f"{p.id[-1]}) {p.text}", [sample_percent(p)], False) for p in kq.prompts
            )
        assert shown == expected, s.id
        # only the percentage is printed, as published; over the whole sample, checked
        # against the counts independently of the engine
        prompts = [p for kq in s.key_questions for p in kq.prompts]
        for p, (_, cells, _) in zip(prompts, [r for r in shown if not r[2]], strict=True):
            shown_is_the_true_share([str(p.sample), str(p.yes), *cells])


def test_sample_sizes(doc: HtmlElement, report: Report) -> None:
    """The rules explanation names each case sample's size, in words under ten."""
    result = report.result
    paragraph = next(
        text(p)
        for p in doc.iter("p")
        if text(p).startswith("For this inspection we examined a sample")
    )
    sizes = [
        f"{count_in_words(result.samples[name].cases)} {noun}"
        for name, noun in (("court", "court disposals"), ("out-of-court", "out-of-court disposals"))
    ]
    assert f"a sample of {sizes[0]} and {sizes[1]} in detail." in paragraph


def test_offence_types_table(doc: HtmlElement, report: Report) -> None:
    """Court cases only, as Wolverhampton's table, but under the disclosure rule: a share
    is printed only where its count is published (Wolverhampton's 82/9/9 per cent, 9, 1
    and 1 of 11 cases, would give every count away: the two ones add up to two)."""
    counts = dict(report.result.samples["court"].attributes.get("offence_type", {}))
    total = sum(counts.values())
    captions = [t for t in doc.iter("table") if text(t.find("caption")).startswith("Offence types")]
    if not total or not report.inspection.format.offence_types:
        assert not captions  # none to count, or the layout prints none (North Somerset)
        return
    rows = body_rows(table_by_caption(doc, "Offence types in the court cases inspected"))
    shown = [(text(r.header), [text(c) for c in r.cells]) for r in rows]
    cells = attribute_cells(report.slug, report.result.samples["court"], "offence_type")
    published = sorted(
        ((v, c.count) for v, c in cells.items() if c.shown), key=lambda kv: -kv[1]
    )  # stable: published order
    expected = [
        (
            ATTRIBUTES["offence_type"].label(value),
            [f"{math.floor(Fraction(100 * n, total) + Fraction(1, 2))}%"],
        )
        for value, n in published
    ] + [
        (ATTRIBUTES["offence_type"].label(v), [withheld_text(c)])
        for v, c in cells.items()
        if c.shown is None
    ]
    assert shown == expected
    for _, (cell,) in shown:  # no share of a count under three
        if cell.endswith("%"):
            assert round(int(cell[:-1]) * total / 100) >= 3
    if report.slug == "brackenmoor-2022":
        # nine, one and one of 11: printed 82%, 9% and 9% before the rule
        assert shown == [
            ("Violence against the person", ["withheld"]),
            ("Theft and handling stolen goods", ["fewer than three"]),
            ("Other indictable offences", ["fewer than three"]),
        ]


def test_downloads_are_the_engine_results(site: Path, report: Report) -> None:
    folder = site / pages.report_dir(report.slug)
    data = (folder / pages.json_name(report.slug)).read_text(encoding="utf-8")
    table = (folder / pages.csv_name(report.slug)).read_bytes()  # CRLF lines, kept
    assert data == to_json(report.result)
    assert table == aggregate_csv(report.result).encode()


def test_survey_and_statistics_tables_with_their_source_notes(
    site: Path, reports: dict[str, Report]
) -> None:
    """Brackenmoor's page prints its staff survey and a table of statistics from
    context.yaml, each figure as the data has it and each source as a numbered note."""
    doc = parse(site / pages.report_dir("brackenmoor-2022") / "index.html")
    context = reports["brackenmoor-2022"].inspection.context
    assert context is not None
    (survey,) = doc.xpath('//table[@id="survey-staff"]')
    supervision = next(
        q for s in context.surveys if s.id == "staff" for q in s.questions if q.id == "supervision"
    )
    rows = [[text(c) for c in r] for r in survey.xpath(".//tbody/tr[th[@scope='row']]")]
    assert ["Agree", str(supervision.options[0].count), "83%"] in rows
    (note_link,) = survey.xpath("./caption//a[starts-with(@href, '#note-')]")
    (note,) = doc.xpath(f'//*[@id="{note_link.get("href")[1:]}"]')
    assert "Surveys run by the inspectorate before fieldwork" in text(note)
    (stats,) = doc.xpath('//table[@id="stat-deprivation"]')
    assert [[text(c) for c in r][:2] for r in stats.xpath(".//tbody/tr")] == [
        ["Brackenmoor", "17%"],
        ["England", "10%"],
    ]
    assert "above the national 10 per cent" in text(doc)
