"""An annual report over a period across the change of framework: standards and key
questions are counted together where the framework files declare the same meaning
(2.1 with 2.1), and apart where only the id is shared (2018's 3.4 joint working,
2021's 3.4 out-of-court disposal policy and provision); each exhibit says which
frameworks it covers."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import ROOT
from yjsreport.annual.exhibit_names import build
from yjsreport.annual.exhibits.registry import REGISTRY
from yjsreport.annual.matching import match_frameworks
from yjsreport.annual.model import AnnualReport
from yjsreport.annual.render import render_annual
from yjsreport.annual.site import load_annuals
from yjsreport.framework.load import load_frameworks
from yjsreport.project import load_reports
from yjsreport.rules.ratings import Rating

EXAMPLE = ROOT / "examples" / "annual" / "content"
FIXTURE = ROOT / "tests" / "annual_across"
OLDER = ("vetchmoor-2020", "wendlemoor-2020", "pellowdale-2020", "vetchholme-2021")
NEWER = ("ploverley-2021", "hollinfold-2021", "larchdale-2021")


@pytest.fixture(scope="module")
def across(tmp_path_factory: pytest.TempPathFactory) -> AnnualReport:
    content = tmp_path_factory.mktemp("across") / "content"
    shutil.copytree(FIXTURE / "annual", content / "annual")
    shutil.copytree(ROOT / "content" / "frameworks", content / "frameworks")
    for slug in (*OLDER, *NEWER):
        shutil.copytree(EXAMPLE / "inspections" / slug, content / "inspections" / slug)
    # hollinfold-2021 revisits a consortium the example's history holds; this content
    # has no such history, so it stands as a first inspection here
    meta = content / "inspections" / "hollinfold-2021" / "inspection.yaml"
    meta.write_text(
        "".join(
            line
            for line in meta.read_text(encoding="utf-8").splitlines(keepends=True)
            if not line.startswith("reinspection_of:")
        ),
        encoding="utf-8",
    )
    reports = load_reports(content)
    assert {r.slug: r.inspection.framework.id for r in reports} == {
        **dict.fromkeys(OLDER, "2018"),
        **dict.fromkeys(NEWER, "2021"),
    }
    return load_annuals(content, reports, drafts=True)[0]


def test_the_framework_files_match_by_meaning_not_by_id() -> None:
    frameworks = load_frameworks(ROOT / "content" / "frameworks")
    matching = match_frameworks(list(frameworks.values()), "2021")
    assert matching.key("2018", "2.1") == "2.1"
    assert matching.key("2018", "2.1.1") == "2.1.1"
    assert matching.key("2018", "3.3.3") == "3.3.3"
    assert matching.key("2018", "1.1") == "1.1"
    assert matching.key("2018", "3.4") == "3.4 (2018 framework)"
    assert matching.key("2018", "3.4.1") == "3.4.1 (2018 framework)"
    # prompts declare no meaning: each framework's are its own
    assert matching.key("2018", "2.1.1a") == "2.1.1a (2018 framework)"
    assert matching.id_in("2018", "2.2.3") == "2.2.3"
    assert matching.id_in("2018", "3.4") is None


def test_a_period_across_the_change_pools_only_what_means_the_same(
    across: AnnualReport,
) -> None:
    f = across.figures
    by_version = {v: [r for r in f.results if r.framework_id == v] for v in ("2018", "2021")}
    assert len(by_version["2018"]) == 4 and len(by_version["2021"]) == 3
    # 2.1 pools both frameworks' ratings
    expected = sum(1 for r in f.results if r.standard("2.1") is not None)
    assert expected == 7 and sum(f.distributions["2.1"].values()) == 7
    # 3.4 of each framework is counted apart
    older_34 = [r.standard("3.4") for r in by_version["2018"]]
    newer_34 = [r.standard("3.4") for r in by_version["2021"]]
    assert all(s is not None and s.title == "Joint working" for s in older_34)
    assert sum(f.distributions["3.4"].values()) == 3
    assert sum(f.distributions["3.4 (2018 framework)"].values()) == 4
    for rating in Rating:
        assert f.distributions["3.4 (2018 framework)"].get(rating, 0) == sum(
            1 for s in older_34 if s is not None and s.rating == rating
        )
        assert f.distributions["3.4"].get(rating, 0) == sum(
            1 for s in newer_34 if s is not None and s.rating == rating
        )
    # a key question quoted in the text pools both: the sum of every inspection's counts
    q = [r.question("2.1.1") for r in f.results]
    yes = sum(x.yes for x in q if x is not None)
    relevant = sum(x.yes + x.no for x in q if x is not None)
    html = render_annual(across, ROOT / "templates")
    assert f"in {round(100 * yes / relevant)} per cent of the relevant cases" in html


def test_each_exhibit_names_the_frameworks_it_covers(across: AnnualReport) -> None:
    f = across.figures
    matrix = REGISTRY["ratings-matrix"](f).tables[0]
    header = [c.text for c in matrix.head[-1]]  # under the domain row
    # each standard's column is headed by its id (marked with another version) and title
    assert any(h.startswith("3.4 ") and "(2018 framework)" not in h for h in header)
    assert any(h.startswith("3.4 (2018 framework) ") for h in header)
    assert sum(h.startswith("2.1 ") for h in header) == 1
    assert any(
        "3.4 ‘Joint working’ of the 2018 framework judges something other than 3.4 "
        "‘Out-of-court disposal policy and provision’ of the 2021 framework" in note
        for note in matrix.notes
    )
    out_of_court = build("distribution:3", f).tables[0]
    rows = [row[0].text for row in out_of_court.body]
    assert "3.4 Out-of-court disposal policy and provision" in rows
    assert "3.4 Joint working (2018 framework)" in rows
    assert out_of_court.notes[0].startswith("Counts inspections under the 2018 and 2021 frameworks")
    court = build("distribution:2", f).tables[0]
    assert court.body[0][0].text == "2.1 Assessment"
    assert court.notes[0].startswith("Counts inspections under the 2018 and 2021 frameworks")
    compared = REGISTRY["court-and-out-of-court"](f).tables[0]
    assert compared.notes[0].startswith("Counts inspections under the 2018 and 2021 frameworks")
    key_questions = REGISTRY["key-questions"](f)
    assert {t.caption.split(", ")[1] for t in key_questions.tables} == {
        "2018 framework: share of relevant cases judged sufficient",
        "2021 framework: share of relevant cases judged sufficient",
    }


def test_key_questions_by_group_pool_both_frameworks(across: AnnualReport) -> None:
    f = across.figures
    assert f.group_versions["looked_after"] == ("2018", "2021")
    for value, share in f.quality_groups["looked_after"].items():
        counts = [
            r.samples["court"].joint["looked_after"].get(value, {}).get("2.3.2") for r in f.results
        ]
        assert share["2.3.2"].yes == sum(c.yes for c in counts if c is not None)
        assert share["2.3.2"].relevant == sum(c.relevant for c in counts if c is not None)
    tables = REGISTRY["case-quality-by-group"](f).tables
    assert tables and all(
        any(
            n.startswith("Counts cases of inspections under the 2018 and 2021 frameworks")
            for n in t.notes
        )
        for t in tables
    )
