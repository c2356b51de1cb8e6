"""Framework facts live in the framework files, never in the code: no standard, key
question or domain id and no date a framework came into force is written in Python or
in a template, so a framework of another shape needs no change to either."""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT
from yjsreport.content.cases import read_sample
from yjsreport.errors import ContentError
from yjsreport.framework.load import load_frameworks

FRAMEWORK_FOLDERS = [ROOT / "content" / "frameworks", ROOT / "tests" / "frameworks"]
# Generated data, not code: Unicode's look-alike characters and the digit each imitates.
GENERATED = {ROOT / "yjsreport" / "content" / "confusables_table.py"}
CODE = [
    *sorted(p for p in (ROOT / "yjsreport").rglob("*.py") if p not in GENERATED),
    *sorted(p for p in (ROOT / "templates").rglob("*") if p.suffix in {".html", ".css"}),
]


def framework_ids() -> set[str]:
    ids: set[str] = set()
    for folder in FRAMEWORK_FOLDERS:
        if not folder.is_dir():
            continue
        for framework in load_frameworks(folder).values():
            ids |= {d.id for d in framework.domains}
            ids |= {s.id for _, s in framework.standards()}
            ids |= {kq.id for _, s in framework.standards() for kq in s.key_questions}
    # a single letter ("A", a domain of the test fixture) is too common in code to search for
    return {i for i in ids if any(ch.isdigit() for ch in i)}


def quoted_ids(text: str, ids: set[str]) -> list[str]:
    """Each id written as a quoted literal ("1.1", '2', "2.1.3"); an HTML attribute's
    value (colspan="2") is markup, not an id."""
    alternatives = "|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True))
    pattern = re.compile(rf"""(?<![=\w.])(["'])({alternatives})\1""")
    return [m.group(0) for m in pattern.finditer(text)]


def months_in_force() -> set[str]:
    months = set()
    for folder in FRAMEWORK_FOLDERS:
        if folder.is_dir():
            for framework in load_frameworks(folder).values():
                if framework.in_force_from is not None:
                    months.add(f"{framework.in_force_from:%B %Y}")
    return months


def test_no_framework_id_is_written_in_code_or_templates() -> None:
    ids = framework_ids()
    assert {"1", "1.1", "2.1.3"} <= ids
    found = [
        f"{path.relative_to(ROOT)}:{n}: {hit}"
        for path in CODE
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for hit in quoted_ids(line, ids)
    ]
    assert found == []


def test_no_date_a_framework_came_into_force_is_written_in_code_or_templates() -> None:
    months = months_in_force()
    assert "July 2021" in months
    found = [
        f"{path.relative_to(ROOT)}: {month}"
        for path in CODE
        for month in months
        if month in path.read_text(encoding="utf-8")
    ]
    assert found == []


def test_the_checker_finds_an_id_written_as_a_literal() -> None:
    ids = {"1", "1.1", "2.1.3"}
    assert quoted_ids('if s.id == "1.1":', ids) == ['"1.1"']
    assert quoted_ids("CASE_DOMAINS = ('2', '3')", {"2", "3"}) == ["'2'", "'3'"]
    assert quoted_ids('{% if domain.id == "1" %}', ids) == ['"1"']
    assert quoted_ids('<td colspan="1">', ids) == []
    assert quoted_ids('"2.1.3a" and "11"', ids) == []


def test_framework_files_give_the_facts_the_code_no_longer_holds() -> None:
    frameworks = load_frameworks(ROOT / "content" / "frameworks")
    current = frameworks["2021"]
    assert current.governance_limit is not None
    assert current.standard(current.governance_limit.standard) is not None
    assert all(current.domain(d) for d in current.governance_limit.counted_domains)
    assert current.annual.compared
    assert any(s.key_data for _, s in current.standards())


SAMPLE_FIXTURE = ROOT / "tests" / "frameworks"


def test_what_a_sample_may_record_comes_from_the_framework_file() -> None:
    """Disposal types by sample and the out-of-court-only attributes were tables in the
    code; each framework file now says them, so another shape says its own."""
    current = load_frameworks(ROOT / "content" / "frameworks")["2021"]
    court, out_of_court = current.case_samples
    assert "youth-caution" not in current.sample_vocabulary(court)["disposal_type"]
    assert "referral-order" not in current.sample_vocabulary(out_of_court)["disposal_type"]
    assert "oocd_sequence" in current.sample_vocabulary(out_of_court)
    assert "oocd_sequence" not in current.sample_vocabulary(court)
    shaped = load_frameworks(SAMPLE_FIXTURE)["test-shape"]
    assert shaped.case_samples == ("children", "victims")
    assert "oocd_sequence" in shaped.sample_vocabulary("children")
    assert "oocd_sequence" not in shaped.sample_vocabulary("victims")
    assert shaped.sample_vocabulary("victims")["disposal_type"] == (
        "referral-order",
        "youth-rehabilitation-order",
    )


def test_a_case_outside_its_samples_vocabulary_is_refused_where_it_is(tmp_path: Path) -> None:
    shaped = load_frameworks(SAMPLE_FIXTURE)["test-shape"]
    columns = shaped.sample_columns("victims")
    path = tmp_path / "victims.csv"
    rows = [["case", "disposal_type", *columns], ["V1", "youth-caution", *["Yes"] * len(columns)]]
    path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    counts, problems = read_sample(
        path, "victims", columns, vocabulary=shaped.sample_vocabulary("victims")
    )
    assert counts is None
    assert [(p.line, p.column) for p in problems] == [(2, 4)]  # the character column
    assert "referral-order" in problems[0].message and "youth-caution" in problems[0].message


def test_a_framework_file_naming_an_unknown_attribute_value_is_refused(tmp_path: Path) -> None:
    text = (SAMPLE_FIXTURE / "test-shape.yaml").read_text(encoding="utf-8")
    (tmp_path / "formats").mkdir()
    shutil.copy(SAMPLE_FIXTURE / "formats" / "test-shape.yaml", tmp_path / "formats")
    bad = text.replace("[referral-order, youth-rehabilitation-order]", "[referral-order, parole]")
    (tmp_path / "test-shape.yaml").write_text(bad, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_frameworks(tmp_path)
    assert "parole" in str(caught.value) and "test-shape.yaml" in str(caught.value)


def test_the_annual_reports_groupings_of_samples_come_from_the_framework_file() -> None:
    """What the annual report sets each sample's quality against, which sample it profiles
    rather than rates, and which sample each trend follows were sample names in its code."""
    current = load_frameworks(ROOT / "content" / "frameworks")["2021"]
    court, out_of_court = current.case_samples
    (profiled,) = (s for s in current.samples if s not in current.case_samples)
    assert current.sample_kind(court).quality_by == ("looked_after", "ehcp", "mappa")
    assert current.sample_kind(out_of_court).quality_by == ("oocd_sequence",)
    assert "ethnicity" in current.sample_kind(profiled).profile
    assert current.sample_kind(profiled).circumstance == "a custodial sentence"
    shaped = load_frameworks(SAMPLE_FIXTURE)["test-shape"]
    assert shaped.sample_kind("children").quality_by == ("looked_after", "oocd_sequence")


def test_a_sample_that_only_illustrates_must_say_what_brings_a_child_into_it(
    tmp_path: Path,
) -> None:
    text = (ROOT / "content" / "frameworks" / "2021.yaml").read_text(encoding="utf-8")
    (tmp_path / "formats").mkdir()
    for fmt in (ROOT / "content" / "frameworks" / "formats").iterdir():
        shutil.copy(fmt, tmp_path / "formats")
    bad = text.replace("    circumstance: a custodial sentence\n", "")
    assert bad != text
    (tmp_path / "2021.yaml").write_text(bad, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_frameworks(tmp_path)
    assert "circumstance" in str(caught.value) and "2021.yaml" in str(caught.value)


@pytest.mark.parametrize(
    ("key", "instead"),
    [
        ("distributions", "distribution:<domain id>"),
        ("trends", "trend-key-questions:<sample>"),
    ],
)
def test_a_framework_file_binding_exhibit_ids_is_told_the_chapters_name_them(
    tmp_path: Path, key: str, instead: str
) -> None:
    """`annual: distributions` and `trends` mapped the published report's exhibit ids to a
    domain or sample; a chapter now names the exhibit for a domain or sample itself."""
    text = (SAMPLE_FIXTURE / "test-shape.yaml").read_text(encoding="utf-8")
    (tmp_path / "formats").mkdir()
    shutil.copy(SAMPLE_FIXTURE / "formats" / "test-shape.yaml", tmp_path / "formats")
    old = "domains:\n"
    bad = text.replace(old, f"annual:\n  {key}:\n    some-exhibit: B\n{old}", 1)
    assert bad != text
    (tmp_path / "test-shape.yaml").write_text(bad, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_frameworks(tmp_path)
    message = str(caught.value)
    assert "test-shape.yaml" in message
    assert f"annual.{key} is no longer read" in message and instead in message


def sample_ids() -> set[str]:
    """The published frameworks' samples: the test fixture's ('children', 'victims') are
    words the code uses for other things, as an element's children."""
    frameworks = load_frameworks(FRAMEWORK_FOLDERS[0]).values()
    return {sample for framework in frameworks for sample in framework.samples}


# Files that still name a sample of the published frameworks, each with the reason. The list
# may only shrink: a test below fails when a file here no longer needs its entry.
STILL_NAMING_SAMPLES = {
    "yjsreport/engine/export.py": "the JSON download's field for the resettlement rating, "
    "a name of the published schema (yjsreport/inspection-result/2)",
    "yjsreport/engine/result_schema.py": "the same field, in the schema itself",
    "yjsreport/authoring/fictional.py": "the fictional-data generator's invented proportions "
    "for each sample of the published frameworks",
}


def sample_literals(path: Path, samples: set[str]) -> list[str]:
    return [
        f"{path.relative_to(ROOT)}:{n}: {hit}"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for hit in quoted_ids(line, samples)
    ]


def test_no_sample_is_named_in_code_or_templates() -> None:
    """Which samples a framework has, what each may record and which are rated are the
    framework files' to say (sample_kinds, domains' samples)."""
    samples = sample_ids()
    assert {"court", "out-of-court", "resettlement"} <= samples
    found = [
        hit
        for path in CODE
        if str(path.relative_to(ROOT)) not in STILL_NAMING_SAMPLES
        for hit in sample_literals(path, samples)
    ]
    assert found == []


def test_each_file_still_naming_a_sample_needs_its_entry() -> None:
    samples = sample_ids()
    for name, why in STILL_NAMING_SAMPLES.items():
        assert why
        assert sample_literals(ROOT / name, samples), f"{name} names no sample: remove its entry"


DOMAIN_IN_WORDS = re.compile(r"\bdomains? (one|two|three|four|five)\b", re.IGNORECASE)


def printed_text(path: Path) -> str:
    """What a file can put in a report: a template without its comments, or the string
    constants of a module that are not docstrings (comments never reach a reader)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".py":
        return re.sub(r"\{#.*?#\}", "", text, flags=re.DOTALL)
    tree = ast.parse(text)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return "\n".join(
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        if id(node) not in docstrings
    )


def test_no_domain_is_named_in_words_in_code_or_templates() -> None:
    """'domains two and three' is the framework's to say: the methodology names the
    domains the rules count from the framework file, so another shape reads right."""
    found = [
        f"{path.relative_to(ROOT)}: {m.group(0)}"
        for path in CODE
        for m in DOMAIN_IN_WORDS.finditer(printed_text(path))
    ]
    assert found == []
    assert DOMAIN_IN_WORDS.search("fewer than half of domain two and three standards")
