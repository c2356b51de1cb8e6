"""The annual report's figures, checked against sums the test makes itself from the
case CSVs and the per-inspection results; its content checks; the generator; and
the score banding of the composite scores published in the 2022 annual report."""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
from collections import Counter
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import pytest

from tests.conftest import CONTENT, ROOT, edit, line_of
from yjsreport.annual import aggregates as agg
from yjsreport.annual.content import load_annual
from yjsreport.annual.disclosure import judged_count, judged_share
from yjsreport.annual.exhibits.registry import REGISTRY
from yjsreport.annual.history import load_history
from yjsreport.annual.model import (
    AnnualFigures,
    collect_annuals,
    compute_figures,
    framework_files,
)
from yjsreport.annual.references import resolve_annual
from yjsreport.annual.themes import load_themes
from yjsreport.authoring.fictional import generate, plan
from yjsreport.cli import main
from yjsreport.project import Report, load_reports
from yjsreport.prose.numbers import count_in_words
from yjsreport.prose.references import ReferenceProblem
from yjsreport.rules.banding import round_half_up
from yjsreport.rules.disclosure import Reason
from yjsreport.rules.overall import Score, overall_from_score
from yjsreport.rules.ratings import Rating

EXAMPLE = ROOT / "examples" / "annual" / "content"
# shared/ sits beside the clone (in CI and here), or beside the folder of worktrees
REFERENCE = next(
    (
        folder / "shared" / "reference" / "annual-report-2022.txt"
        for folder in ROOT.parents
        if (folder / "shared" / "reference" / "annual-report-2022.txt").is_file()
    ),
    ROOT.parent / "shared" / "reference" / "annual-report-2022.txt",
)


@pytest.fixture(scope="module")
def example() -> tuple[list[Report], AnnualFigures]:
    reports = load_reports(EXAMPLE)
    source = load_annual(EXAMPLE / "annual" / "2022", {"2018", "2021"})
    return reports, compute_figures(source, reports)


def _rows(report: Report, sample: str) -> list[dict[str, str]]:
    path = report.inspection.folder / "cases" / f"{sample}.csv"
    if not path.is_file():
        return []
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _year(day: dt.date) -> str:
    """The example's reporting years run October to September."""
    start = day.year if day.month >= 10 else day.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def _in_period(reports: list[Report], figures: AnnualFigures) -> list[Report]:
    return [r for r in reports if r.inspection.meta.publication_date in figures.period]


# -- aggregates against the case CSVs ------------------------------------------------


def test_key_question_series_equal_csv_sums(example: tuple[list[Report], AnnualFigures]) -> None:
    reports, figures = example
    period = figures.period
    checked = 0
    for series in figures.series:
        for index, column in enumerate(series.columns):
            for label, shares in series.years:
                yes = no = na = 0
                for r in reports:
                    meta = r.inspection.meta
                    if (
                        r.result.framework_id != series.framework
                        or meta.publication_date > period.end
                        or _year(meta.publication_date) != label
                    ):
                        continue
                    answers = Counter(row[column.id] for row in _rows(r, column.sample))
                    yes, no, na = yes + answers["Yes"], no + answers["No"], na + answers["N/A"]
                assert shares[index] == agg.Share(yes, no, na), (series.framework, column.id)
                checked += 1
    frameworks = {s.framework for s in figures.series}
    assert frameworks == {"2018", "2021"} and checked > 80


def test_series_never_join_framework_versions(example: tuple[list[Report], AnnualFigures]) -> None:
    _, figures = example
    for series in figures.series:
        members = [r for r in figures.results if r.framework_id == series.framework]
        for column in series.columns:
            for r in members:
                assert r.question(column.id) is not None
    # the same key question id is a separate series in each version
    ids = [(s.framework, c.id) for s in figures.series for c in s.columns]
    assert ("2018", "2.1.1") in ids and ("2021", "2.1.1") in ids


def test_prompts_over_the_whole_sample_equal_csv_sums(
    example: tuple[list[Report], AnnualFigures],
) -> None:
    reports, figures = example
    period_reports = [r for r in _in_period(reports, figures) if r.result.framework_id == "2021"]
    assert figures.contingency
    for row in figures.contingency:
        sample = "court" if row.id.startswith("2.") else "out-of-court"
        answers = Counter(line[row.id] for r in period_reports for line in _rows(r, sample))
        cases = sum(answers.values())
        assert row.share.cases == cases
        assert row.share.percent_of_sample == round_half_up(Fraction(100 * answers["Yes"], cases))
        assert "contingency" in row.text.lower()


def test_reference_percentages_in_prose_equal_csv_sums(
    example: tuple[list[Report], AnnualFigures],
) -> None:
    reports, figures = example
    rows = [
        line
        for r in _in_period(reports, figures)
        if r.result.framework_id == "2021"
        for line in _rows(r, "court")
    ]
    answers = Counter(line["2.1.3"] for line in rows)
    expected = round_half_up(Fraction(100 * answers["Yes"], answers["Yes"] + answers["No"]))
    assert resolve_annual("2.1.3.percent", figures) == f"{expected} per cent"
    court_cases = sum(1 for _ in _all_court(reports, figures))
    assert resolve_annual("cases.court", figures) == f"{court_cases:,}"


def _all_court(reports: list[Report], figures: AnnualFigures):  # type: ignore[no-untyped-def]
    for r in _in_period(reports, figures):
        yield from _rows(r, "court")


def test_safety_by_risk_equals_csv_pairs(example: tuple[list[Report], AnnualFigures]) -> None:
    reports, figures = example
    expected: Counter[tuple[str, str]] = Counter()
    for r in _in_period(reports, figures):
        for sample in ("court", "out-of-court"):
            expected.update((row["rosh"], row["safety_wellbeing"]) for row in _rows(r, sample))
    assert figures.safety_by_risk == expected and sum(expected.values()) > 500


def test_case_quality_by_group_equals_csv_sums(
    example: tuple[list[Report], AnnualFigures],
) -> None:
    reports, figures = example
    crosstabs = [r.inspection.samples for r in _in_period(reports, figures)]
    grouped = agg.quality_by_value(crosstabs, "court", "rosh", {"very-high": "high"})
    for group, per_kq in grouped.items():
        values = {"high": ("high", "very-high")}.get(group, (group,))
        for kq, share in per_kq.items():
            answers = Counter(
                row[kq]
                for r in _in_period(reports, figures)
                for row in _rows(r, "court")
                if row["rosh"] in values and kq in row
            )
            assert share == agg.Share(answers["Yes"], answers["No"], answers["N/A"]), (group, kq)
    # where the content records looked-after children, the published groups add up too
    for attribute, groups in figures.quality_groups.items():
        for group, per_kq in groups.items():
            for kq, share in per_kq.items():
                answers = Counter(
                    row[kq]
                    for r in _in_period(reports, figures)
                    for row in _rows(r, "court")
                    if attribute in row
                    and (row[attribute] == group or (group == "mappa" and row[attribute] != "none"))
                )
                assert share == agg.Share(answers["Yes"], answers["No"], answers["N/A"])


def test_attribute_counts_equal_csv_counts(example: tuple[list[Report], AnnualFigures]) -> None:
    reports, figures = example
    for sample in ("court", "out-of-court"):
        expected = Counter(
            row["offence_type"] for r in _in_period(reports, figures) for row in _rows(r, sample)
        )
        assert figures.attributes[(sample, "offence_type")] == dict(expected)
        assert figures.cases[sample] == sum(expected.values())
    for attribute in ("oocd_sequence", "decision_basis"):
        expected = Counter(
            row[attribute] for r in _in_period(reports, figures) for row in _rows(r, "out-of-court")
        )
        assert figures.attributes[("out-of-court", attribute)] == dict(expected) != {}


def test_extra_questions_and_surveys_equal_their_sources(
    example: tuple[list[Report], AnnualFigures],
) -> None:
    import yaml

    reports, figures = example
    in_period = _in_period(reports, figures)
    for row in figures.extras:
        question, sample = row.id.rsplit(".", 1)
        answers = Counter(line[question] for r in in_period for line in _rows(r, sample))
        assert row.share == agg.Share(answers["Yes"], answers["No"], answers["N/A"])
    assert {r.id for r in figures.extras} == {
        "management-oversight.court",
        "management-oversight.out-of-court",
    }
    totals: Counter[str] = Counter()
    for r in in_period:
        data = yaml.safe_load((r.inspection.folder / "context.yaml").read_text())
        totals.update({s["id"]: s["responses"] for s in data["surveys"]})
    assert {s.id: s.responses for s in figures.surveys} == dict(totals)
    # survey references are the figures resolver's, shared with single reports
    from yjsreport.figures.annual import annual_figure_set
    from yjsreport.figures.references import resolve_figure

    contexts = [r.inspection.context for r in in_period]
    quoted, problems = annual_figure_set(None, Path("figures.yaml"), contexts)
    assert problems == []
    assert resolve_figure("survey.staff.responses", quoted).text == f"{totals['staff']:,}"


# -- aggregates against the per-inspection results -----------------------------------


def test_distributions_equal_per_inspection_ratings(
    example: tuple[list[Report], AnnualFigures],
) -> None:
    reports, figures = example
    in_period = _in_period(reports, figures)
    assert len(figures.results) == len(in_period) == 33
    for sid, dist in figures.distributions.items():
        expected = Counter(s.rating for r in in_period if (s := r.result.standard(sid)) is not None)
        assert {k: v for k, v in dist.items() if v} == dict(expected), sid
    assert sum(figures.overall.values()) == 33
    assert figures.overall[Rating.GOOD] == sum(r.result.overall is Rating.GOOD for r in in_period)


def test_overall_by_year_covers_every_year_in_the_content(
    example: tuple[list[Report], AnnualFigures],
) -> None:
    reports, figures = example
    labels = [label for label, _ in figures.by_year]
    assert labels == sorted(labels) and labels[-1] == "2021/22" and len(labels) >= 3
    assert sum(sum(d.values()) for _, d in figures.by_year) == len(reports)
    assert figures.by_year[-1][1] == figures.overall
    # the earlier years hold only some of their inspections, and the table says so
    (table,) = REGISTRY["overall-by-year"](figures).tables
    held = [sum(d.values()) for _, d in figures.by_year[:-1]]
    assert table.notes == [
        "Years before 2021/22 count only the earlier inspections held with this report ("
        + ", ".join(
            f"{count_in_words(n)} in {y}" for n, (y, _) in zip(held, figures.by_year, strict=False)
        )
        + "), not every service inspected in those years."
    ]


def test_ratings_matrix_heads_its_standards_by_name_under_a_row_of_domains(
    example: tuple[list[Report], AnnualFigures],
) -> None:
    """As published: a header row of domains over the standards, each standard named."""
    _, figures = example
    (table,) = REGISTRY["ratings-matrix"](figures).tables
    domains, standards = table.head
    assert not domains[0].header and domains[0].colspan == 4  # over the row headers
    assert [(c.text, c.colspan) for c in domains[1:]] == [
        ("Organisational delivery", 4),
        ("Court disposals", 4),
        ("Out-of-court disposals", 4),
        ("Resettlement", 1),
    ]
    named = [c.text for c in standards[4:]]
    assert named[0] == "1.1 Governance and leadership" and named[-1].startswith("4.1 ")
    assert len(named) == len(figures.matrix_standards) == sum(c.colspan for c in domains[1:])


def test_ratings_matrix_marks_reinspection_joint_and_reduced(
    example: tuple[list[Report], AnnualFigures],
) -> None:
    _, figures = example
    rows = {r.slug: r for r in figures.matrix}
    revisits = {r.reinspection_of for r in figures.matrix if r.reinspection_of}
    # one first inspection is an inspection folder, the other known only from history
    assert len(revisits & {r.slug for r in load_reports(EXAMPLE)}) == 1
    themes = [t.id for t in load_themes(EXAMPLE)]
    history = load_history(
        EXAMPLE / "annual" / "2022", framework_files(EXAMPLE), dt.date(2021, 10, 1), themes
    )
    assert len(revisits & {i.id for y in history for i in y.inspections}) == 1
    assert any(r.joint for r in figures.matrix)
    resettlement = [r.ratings["4.1"] for r in rows.values()]
    assert Rating.NOT_RATED in resettlement and any(x and x.is_rated for x in resettlement)
    text = " ".join(
        c.text for row in REGISTRY["ratings-matrix"](figures).tables[0].body for c in row
    )
    assert "(reinspection)" in text and "(joint)" in text


def test_revisit_compares_scores_on_the_same_standards() -> None:
    from yjsreport.annual.links import Original

    class S:
        def __init__(self, sid: str, r: Rating) -> None:
            self.id, self.rating, self.scored = sid, r, True

    class Meta:
        short_name, reinspection_of = "a-2022", "a-2019"
        publication_date = dt.date(2022, 1, 1)

    class R:
        slug, meta = "a-2022", Meta
        score = Score(5, 6, 2)

        def standards(self) -> list[S]:
            return [
                S("1.1", Rating.GOOD),
                S("2.1", Rating.NOT_RATED),
                S("3.1", Rating.OUTSTANDING),
            ]

    earlier = {"1.1": Rating.INADEQUATE, "2.1": Rating.GOOD, "3.1": Rating.GOOD}
    first = Original("A", dt.date(2019, 1, 1), Score(4, 9, 3), Rating.INADEQUATE, earlier, 9, True)
    (v,) = agg.revisits([R()], {"a-2019": first})  # type: ignore[list-item]
    assert v.comparable == ("1.1", "3.1")
    assert (v.earlier_comparable, v.later_comparable) == (Score(2, 6, 2), Score(5, 6, 2))
    assert v.later_full_maximum == 9
    # a first inspection known only by its published score: no standard to compare on
    (v,) = agg.revisits([R()], {"a-2019": replace(first, ratings={})})  # type: ignore[list-item]
    assert (v.comparable, v.earlier_comparable, v.later_comparable) == (None, None, None)


# -- banding of real composite scores (the 2022 annual report's ratings table) -------

# (service, score, maximum) as published; Bridgend's reinspection was out of 24.
_ROW = re.compile(r"^(?P<name>[A-Z][^\t]*?)\t\d\d/\d\d/\d{4}\t(?P<score>\d+)\t(?P<mark>[●☆])")


def _reference_scores() -> list[tuple[str, int, int, str]]:
    rows = []
    for line in REFERENCE.read_text(encoding="utf-8").splitlines():
        m = _ROW.match(line)
        if m:
            maximum = 24 if m["name"].startswith("Bridgend") else 36
            rows.append((m["name"], int(m["score"]), maximum, m["mark"]))
    return rows


def test_reference_composite_scores_band_as_published() -> None:
    rows = _reference_scores()
    assert len(rows) == 33
    bands = Counter(overall_from_score(Score(s, m, m // 3)) for _, s, m, _ in rows)
    # "three services ... 'Outstanding' ... 'Good' (20 services) ... 'Requires improvement'
    # (10 services) ... no YJS was rated 'Inadequate'"
    assert bands == {Rating.OUTSTANDING: 3, Rating.GOOD: 20, Rating.REQUIRES_IMPROVEMENT: 10}
    for name, score, maximum, mark in rows:  # ☆ marks 'Outstanding' in the table
        outstanding = overall_from_score(Score(score, maximum, maximum // 3)) is Rating.OUTSTANDING
        assert outstanding == (mark == "☆"), name
    named = {n.split()[0]: (s, m) for n, s, m, _ in rows}
    assert overall_from_score(Score(*named["Wolverhampton"], 12)) is Rating.GOOD  # 28
    assert overall_from_score(Score(*named["Hammersmith"], 12)) is Rating.OUTSTANDING  # 31
    assert named["Bridgend"] == (11, 24)
    assert overall_from_score(Score(11, 24, 8)) is Rating.REQUIRES_IMPROVEMENT
    assert overall_from_score(Score(*named["Surrey"], 12)) is Rating.GOOD  # reinspection


# -- disclosure control ----------------------------------------------------------------


def test_small_counts_and_small_bases_are_not_published() -> None:
    """Decided on the typed figures, before any text is written."""
    assert judged_count(1).reason is judged_count(2).reason is Reason.SMALL_COUNT
    assert judged_count(0).shown == 0 and judged_count(3).shown == 3
    assert judged_share(50, 4).reason is Reason.SMALL_SAMPLE and judged_share(50, 4).shown is None
    assert judged_share(60, 5).shown == 60 and judged_share(60, 5).reason is None
    assert judged_share(None, 0).shown is None and judged_share(None, 0).reason is None


def test_exhibits_of_one_small_inspection_hide_small_cells(
    example: tuple[list[Report], AnnualFigures],
) -> None:
    """One inspection alone gives small groups: none may show as a count of one or two
    or as a percentage over fewer than five cases."""
    reports, figures = example
    one = min(figures.results, key=lambda r: r.samples["court"].cases)
    day = one.meta.publication_date
    source = load_annual(EXAMPLE / "annual" / "2022", {"2018", "2021"})
    small = compute_figures(
        source.__class__(
            source.year,
            source.folder,
            source.meta.model_copy(update={"period_start": day, "period_end": day}),
            source.meta_doc,
            source.chapters,
        ),
        [r for r in reports if r.slug == one.slug],
    )
    suppressed = 0
    about_services = (
        "ratings-matrix",
        "overall-",
        "distribution-",
        "court-and-out-of-court",
        "reinspections",
        "surveys",
    )
    for name, builder in REGISTRY.items():
        if name.startswith(about_services):  # services are not children: counts may show
            continue
        for table in builder(small).tables:
            for row in table.body:
                for cell in row[1:]:
                    assert not re.match(r"^[12]( |$)", cell.text), (table.caption, cell.text)
                    assert "fewer than three (" not in cell.text, "a share gives a count away"
                    suppressed += "fewer than" in cell.text
    assert suppressed > 0


# -- references and content checks ---------------------------------------------------


def test_references_resolve_in_house_style(example: tuple[list[Report], AnnualFigures]) -> None:
    _, figures = example
    assert resolve_annual("services", figures) == "33"
    assert resolve_annual("period", figures) == "October 2021 to September 2022"
    assert resolve_annual("rating.good", figures) == "‘Good’"
    good = figures.overall[Rating.GOOD] + figures.overall[Rating.OUTSTANDING]
    assert resolve_annual("overall.good-or-better", figures) == f"{good}"
    with pytest.raises(ReferenceProblem, match="unknown rating"):
        resolve_annual("overall.great", figures)
    with pytest.raises(ReferenceProblem, match=r"no key question or prompt 9\.9\.9"):
        resolve_annual("9.9.9.percent", figures)


@pytest.fixture
def annual_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    content = tmp_path / "content"
    shutil.copytree(EXAMPLE, content, symlinks=False)
    monkeypatch.chdir(tmp_path)
    return content


def _problems(content: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["--content", str(content), "check"]) == 1
    return capsys.readouterr().err


def test_typed_figure_and_unknown_reference_are_located_errors(
    annual_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chapter = annual_project / "annual" / "2022" / "chapters" / "01-overview.md"
    edit(
        chapter, "We published {{ inspections }}", "We published 33 per cent and {{ services.all }}"
    )
    line = line_of(chapter, "We published 33 per cent")
    err = _problems(annual_project, capsys)
    assert f"01-overview.md:{line}:14: a percentage typed into prose" in err
    assert f"01-overview.md:{line}:30: {{{{ services }}}} takes no field" in err


def test_unknown_exhibit_and_empty_period_are_located_errors(
    annual_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = annual_project / "annual" / "2022"
    edit(folder / "chapters" / "04-court-work.md", "key-questions:court,", "key-question:court,")
    err = _problems(annual_project, capsys)
    assert "04-court-work.md:3:" in err and "trend-key-question:court" in err
    edit(folder / "chapters" / "04-court-work.md", "key-question:court,", "key-questions:court,")
    edit(folder / "annual.yaml", "period_start: 2021-10-01", "period_start: 2022-09-30")
    edit(folder / "annual.yaml", "period_end: 2022-09-30", "period_end: 2022-09-30\n")
    shutil.rmtree(annual_project / "inspections" / "brindleholme-2022-reinspection")
    err = _problems(annual_project, capsys)
    assert "annual.yaml:2:" in err and "no inspection was published in the period" in err


def test_reinspection_must_name_an_inspection(
    annual_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = annual_project / "inspections" / "brindleholme-2022-reinspection" / "inspection.yaml"
    edit(target, "reinspection_of: brindleholme-2018", "reinspection_of: nowhere-2018")
    err = _problems(annual_project, capsys)
    assert "inspection.yaml" in err and "reinspection_of: no inspection 'nowhere-2018'" in err


def test_main_content_has_no_annual_and_still_checks(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--content", str(CONTENT), "check"]) == 0
    assert "annual report" not in capsys.readouterr().out
    assert main(["--content", str(EXAMPLE), "check"]) == 0
    assert "1 annual report(s) checked: no problems." in capsys.readouterr().out


# -- the generator -------------------------------------------------------------------


def test_generator_is_deterministic_and_varied(tmp_path: Path) -> None:
    frameworks = CONTENT / "frameworks"
    first = generate(12, 7, tmp_path / "a", frameworks=frameworks)
    second = generate(12, 7, tmp_path / "b", frameworks=frameworks)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.*"))
    assert files == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.*"))
    for rel in files:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel
    assert len(first) == len(second) == 12
    reports = load_reports(tmp_path / "a")  # valid content: loads and computes
    assert {r.result.framework_id for r in reports} == {"2018", "2021"}
    assert any(r.inspection.meta.reinspection_of for r in reports)
    assert {r.result.resettlement for r in reports if r.result.framework_id == "2021"} >= {
        Rating.NOT_RATED
    }
    sizes = {r.inspection.samples["out-of-court"].cases for r in reports}
    assert min(sizes) < 6 < max(sizes)
    reduced = [r for r in reports if r.result.score.maximum < 36]
    assert reduced, "a small sample should leave a domain unrated"
    assert len({r.result.overall for r in reports}) >= 2
    other = plan(12, 8)
    assert [p.slug for p in other] != [p.slug for p in plan(12, 7)]


def test_generate_outside_a_project_says_where_it_looked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["generate", "--count", "1", "--into", "out"]) == 1
    assert capsys.readouterr().err == (
        "yjsreport: no folder content/frameworks/ to take the framework files from; run from "
        "the project folder, or name its content folder with --content before 'generate'\n"
    )
    assert not (tmp_path / "out").exists()


def test_example_content_is_what_the_generator_writes(tmp_path: Path) -> None:
    generate(
        44,
        2022,
        tmp_path,
        frameworks=CONTENT / "frameworks",
        history_original="hollinwater-vale-2019",
    )
    ours = sorted((tmp_path / "inspections").rglob("*.*"))
    theirs = sorted((EXAMPLE / "inspections").rglob("*.*"))
    assert [p.relative_to(tmp_path) for p in ours] == [p.relative_to(EXAMPLE) for p in theirs]
    for a, b in zip(ours, theirs, strict=True):
        assert a.read_bytes() == b.read_bytes(), b


def test_collect_annuals_reports_every_problem_at_once(annual_project: Path) -> None:
    chapter = annual_project / "annual" / "2022" / "chapters" / "03-organisational-delivery.md"
    edit(chapter, "{{ 1.1.outstanding }}", "{{ 1.1.brilliant }} and {{ 7.7.good }}")
    reports = load_reports(annual_project)
    _, problems = collect_annuals(annual_project, reports, {"2018", "2021"})
    messages = [p.message for p in problems]
    assert any("unknown rating 'brilliant'" in m for m in messages)
    assert any("no standard 7.7" in m for m in messages)


# -- disclosure across a set, charts of the cross-tabulations, cross-tabulation references


def _shares(**bases: tuple[int, int]) -> dict[str, str]:
    """Group shares of one key question as published: (yes, relevant) per group."""
    from yjsreport.annual.disclosure import group_cells

    groups = {
        g: {"2.1.1": agg.Share(yes, relevant - yes, 0)} for g, (yes, relevant) in bases.items()
    }
    return {
        g: share.relevant.reason.value
        if share.relevant.reason
        else "—"
        if share.percent is None
        else f"{share.percent}%"
        for g, share in group_cells("t", groups)["2.1.1"].items()
    }


def test_one_hidden_share_of_a_set_withholds_the_next_smallest() -> None:
    # a base under five beside a larger one: the total would give the small one away
    assert _shares(yes=(2, 4), no=(32, 40)) == {"yes": "small-sample", "no": "secondary"}
    assert _shares(a=(2, 4), b=(9, 12), c=(32, 40)) == {
        "a": "small-sample",
        "b": "secondary",
        "c": "80%",
    }
    # two hidden already protect each other; none hidden shows every share and base
    assert _shares(a=(0, 3), b=(2, 2), c=(5, 10))["c"] == "50%"
    assert _shares(a=(3, 5), b=(0, 0)) == {"a": "60%", "b": "—"}


def test_group_tables_hide_a_set_not_a_single_cell(
    example: tuple[list[Report], AnnualFigures],
) -> None:
    """Every row of a group table has no hidden share or two or more: never just one."""
    from yjsreport.annual.disclosure import group_cells

    _, figures = example
    small = agg.Share(1, 2, 0)  # three relevant cases
    big = agg.Share(30, 10, 0)
    groups = {"yes": {"2.1.1": small}, "no": {"2.1.1": big}}
    cells = figures.cells.__class__(
        figures.cells.types,
        figures.cells.safety,
        {"looked_after": group_cells("looked_after", groups)},
    )
    changed = figures.__class__(**{**figures.__dict__, "cells": cells})
    exhibit = REGISTRY["case-quality-by-group"](changed)
    row = exhibit.tables[0].body[0]
    assert [c.text for c in row[1:]] == ["too few cases to show", "withheld"]
    # in the example, every row of every group table is safe under the same rule
    for name in ("case-quality-by-group", "out-of-court-first-repeat", "safety-by-risk"):
        for table in REGISTRY[name](figures).tables:
            for body_row in table.body:
                texts = [c.text for c in body_row[1:]]
                hidden = sum(t.startswith(("fewer than", "withheld", "too few")) for t in texts)
                assert hidden != 1, (table.caption, texts)


def test_cross_tabulations_have_charts_with_the_table_beside(
    example: tuple[list[Report], AnnualFigures],
) -> None:
    _, figures = example
    expected = {
        "safety-by-risk": {"safety-by-risk"},
        "case-quality-by-group": {"quality-looked-after", "quality-ehcp", "quality-mappa"},
        "out-of-court-first-repeat": {"quality-oocd-sequence"},
        "offence-types": {"offence-types"},
        "court-and-out-of-court": {"court-and-out-of-court"},
    }
    for name, charts_ in expected.items():
        exhibit = REGISTRY[name](figures)
        assert {c.name for c in exhibit.charts} == charts_, name
        assert exhibit.tables, name
        for chart in exhibit.charts:
            assert chart.svg.startswith("<?xml") and "<svg" in chart.svg
            # the alternative says what the chart shows, not its caption; the page
            # names and links the tables of its figures (Exhibit.tables_of)
            assert chart.title not in chart.alt and chart.alt.startswith("Bar chart of ")
            assert exhibit.tables_of(chart), (name, chart.name)
    # the very-high row has a count of one, so it is left out of the chart and said so
    safety = REGISTRY["safety-by-risk"](figures)
    assert any("leaves out rows" in n for n in safety.tables[0].notes)
    # the title compares looked-after children's cases with the others', not the reverse
    groups = figures.quality_groups["looked_after"]
    both = [kq for kq in groups["yes"] if min(groups[g][kq].relevant for g in groups) >= 5]
    lower = sum(groups["yes"][kq].percent < groups["no"][kq].percent for kq in both)  # type: ignore[operator]
    looked_after = REGISTRY["case-quality-by-group"](figures).charts[0]
    assert looked_after.title.startswith(
        f"Cases of looked-after children were less often judged sufficient than those of "
        f"other children on {count_in_words(lower)} of the {count_in_words(len(both))} "
    )
    court = REGISTRY["court-and-out-of-court"](figures)
    dist = figures.distributions["2.1"]
    good = dist[Rating.GOOD] + dist[Rating.OUTSTANDING]
    assert court.charts[0].title.startswith(f"Assessment: {count_in_words(good)} of ")
    assert [c.text for c in court.tables[0].body[0][1:]] == [
        str(dist.get(r, 0)) for r in agg.RATING_ORDER
    ]


def test_crosstab_references_resolve_to_the_tables_figures(
    example: tuple[list[Report], AnnualFigures],
) -> None:
    reports, figures = example
    share = figures.quality_groups["mappa"]["mappa"]["2.3.3"]
    assert resolve_annual("crosstab.mappa.mappa.2.3.3.percent", figures) == (
        f"{share.percent} per cent"
    )
    assert resolve_annual("crosstab.mappa.mappa.2.3.3.relevant", figures) == str(share.relevant)
    # independently from the case CSVs: high or very high on both levels
    both = base = 0
    for r in _in_period(reports, figures):
        for sample in ("court", "out-of-court"):
            for row in _rows(r, sample):
                if row["rosh"] in ("high", "very-high"):
                    base += 1
                    both += row["safety_wellbeing"] in ("high", "very-high")
    expected = round_half_up(Fraction(100 * both, base))
    ref = "crosstab.safety-by-risk.high-or-very-high.high-or-very-high.percent"
    assert resolve_annual(ref, figures) == f"{expected} per cent"
    robbery = sum(
        row["offence_type"] == "robbery"
        for r in _in_period(reports, figures)
        for row in _rows(r, "court")
    )
    assert resolve_annual("crosstab.offence-type.court.robbery", figures) == f"{robbery}"
    # a cell the table hides may not be quoted: very high risk with low safety is one case
    with pytest.raises(ReferenceProblem, match="disclosure rule"):
        resolve_annual("crosstab.safety-by-risk.very-high.low", figures)
    with pytest.raises(ReferenceProblem, match="disclosure rule"):
        resolve_annual("crosstab.safety-by-risk.very-high.medium", figures)  # withheld
    with pytest.raises(ReferenceProblem, match="unknown cross-tabulation 'mapa'"):
        resolve_annual("crosstab.mapa.mappa.2.3.3.percent", figures)


def test_bad_crosstab_reference_is_a_located_error(
    annual_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chapter = annual_project / "annual" / "2022" / "chapters" / "04-court-work.md"
    good = "{{ crosstab.mappa.none.2.3.3.percent }}"
    edit(chapter, good, "{{ crosstab.mappa.nobody.2.3.3.percent }}")
    line = line_of(chapter, "crosstab.mappa.nobody")
    col = chapter.read_text(encoding="utf-8").splitlines()[line - 1].index("{{ crosstab.mappa.nob")
    err = _problems(annual_project, capsys)
    assert f"04-court-work.md:{line}:{col + 1}: unknown cell 'nobody.2.3.3.percent'" in err
    assert "with a group of mappa, none" in err


def test_a_reference_to_a_withheld_count_is_a_located_error(
    annual_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'high' beside the published 'high or very high' would give away the hidden one."""
    chapter = annual_project / "annual" / "2022" / "chapters" / "04-court-work.md"
    good = "{{ crosstab.mappa.none.2.3.3.percent }}"
    edit(chapter, good, f"{good} ({{{{ crosstab.safety-by-risk.high.low }}}})")
    line = line_of(chapter, "crosstab.safety-by-risk.high.low")
    col = (
        chapter.read_text(encoding="utf-8")
        .splitlines()[line - 1]
        .index("{{ crosstab.safety-by-risk.high.low")
    )
    err = _problems(annual_project, capsys)
    assert (
        f"04-court-work.md:{line}:{col + 1}: crosstab.safety-by-risk.high.low is not "
        "published (withheld): the disclosure rule withholds it because it would give away "
        "a smaller count that is withheld"
    ) in err
