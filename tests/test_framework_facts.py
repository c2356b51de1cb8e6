"""Framework facts live in the framework files, never in the code: no standard, key
question or domain id and no date a framework came into force is written in Python or
in a template, so a framework of another shape needs no change to either."""

from __future__ import annotations

import re

from tests.conftest import ROOT
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
