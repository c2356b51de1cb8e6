"""How the annual code is put together: one registry of exhibits that every consumer
goes through, and imports that run one way (the annual code never imports the site
or the command line, and the fictional-data generator is an authoring tool)."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT
from yjsreport.annual.exhibit_names import build, every_name, parse, spec_for
from yjsreport.annual.exhibits.registry import ENTRIES, REGISTRY
from yjsreport.annual.model import AnnualFigures, collect_annuals
from yjsreport.framework.load import load_frameworks
from yjsreport.project import Report, load_reports

PACKAGE = ROOT / "yjsreport"
EXAMPLE = ROOT / "examples" / "annual" / "content"


def _imports(path: Path) -> set[str]:
    """Every module a file imports, at its top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


@pytest.fixture(scope="module")
def figures() -> AnnualFigures:
    reports = load_reports(EXAMPLE)
    # with everything the content gives an annual report: earlier years, themes
    annuals, problems = collect_annuals(EXAMPLE, reports, {"2018", "2021"})
    assert problems == []
    return annuals[0].figures


def test_the_annual_code_never_imports_the_site_or_the_command_line() -> None:
    files = sorted((PACKAGE / "annual").rglob("*.py"))
    assert len(files) > 15
    for path in files:
        upward = {m for m in _imports(path) if m.startswith(("yjsreport.site", "yjsreport.cli"))}
        assert not upward, f"{path.relative_to(ROOT)} imports {sorted(upward)}"


def test_the_generator_is_an_authoring_tool_the_reports_never_import() -> None:
    assert not (PACKAGE / "annual" / "generate.py").exists()
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.parent.name in {"authoring"} or path.name == "cli.py":
            continue
        assert "yjsreport.authoring.fictional" not in _imports(path), path


def test_every_exhibit_is_declared_once_and_its_entry_says_what_it_shows(
    figures: AnnualFigures,
) -> None:
    assert len(REGISTRY) == len(ENTRIES), "an exhibit id is declared twice"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    framework = load_frameworks(ROOT / "content" / "frameworks")["2021"]
    for spec in ENTRIES:
        assert f"`{spec.id}`" in readme, f"the README does not list {spec.id}"
    # an exhibit made for a domain or sample is made for each of the framework's
    names = every_name(framework)
    assert "distribution:4" in names and "trend-key-questions:out-of-court" in names
    for name in names:
        spec, one = REGISTRY[parse(name).id], spec_for(name)
        exhibit = one(figures)
        assert exhibit.id == one.id
        assert exhibit.tables, name  # the example has data for every exhibit
        assert bool(exhibit.charts) == (spec.shows == "chart and table"), name
        # the framework's words are filled in: no placeholder is left in a heading
        assert "{" not in exhibit.heading and "}" not in exhibit.heading, name
        assert exhibit.heading[:1].isupper() or exhibit.heading[:1].isdigit(), name
        if "{" not in spec.title:
            assert spec.title in exhibit.heading or spec.id == "ratings-matrix", name


def _chapter(tmp_path: Path, front: str, body: str = "Text.\n") -> Path:
    """A content folder whose annual report is the example's with one chapter (the
    inspections are the example's, loaded once)."""
    content = tmp_path / "content"
    shutil.copytree(EXAMPLE / "frameworks", content / "frameworks")
    shutil.copytree(EXAMPLE / "annual", content / "annual")
    folder = content / "annual" / "2022"
    shutil.rmtree(folder / "chapters")
    (folder / "chapters").mkdir()
    (folder / "chapters" / "01-one.md").write_text(
        f"---\ntitle: One\n{front}---\n\n{body}", encoding="utf-8"
    )
    return content


@pytest.fixture(scope="module")
def reports() -> list[Report]:
    return load_reports(EXAMPLE)


@pytest.mark.parametrize(
    ("front", "body", "expected"),
    [
        # a name the registry does not have, in the list and on a placement line
        (
            "exhibits: [surveys, ratings-matrx]\n",
            "",
            "01-one.md:3:21: exhibits: expected one of ratings-matrix, overall-by-year, "
            "overall-distribution, distribution:<domain>, key-questions, banding,",
        ),
        ("", "::: exhibit overall-by-yaer\n", "01-one.md:5:13: exhibits: expected one of"),
        # an id the published report's words made, and what to write instead
        (
            "exhibits: [distribution-court]\n",
            "",
            "01-one.md:3:12: exhibits: 'distribution-court' is no longer an exhibit: write "
            "distribution:2, naming the domain by its id in framework 2021's file",
        ),
        (
            "exhibits: [distribution-organisational]\n",
            "",
            "01-one.md:3:12: exhibits: 'distribution-organisational' is no longer an exhibit: "
            "write distribution:1,",
        ),
        (
            "",
            "::: exhibit trend-key-questions-out-of-court\n",
            "01-one.md:5:13: exhibits: 'trend-key-questions-out-of-court' is no longer an "
            "exhibit: write trend-key-questions:out-of-court,",
        ),
        # a domain or a sample the framework does not have
        (
            "exhibits: [surveys, distribution:9]\n",
            "",
            "01-one.md:3:21: exhibits: distribution:9: framework 2021 has no domain '9'; "
            "expected one of distribution:1 (Organisational delivery), "
            "distribution:2 (Court disposals),",
        ),
        (
            "exhibits:\n  - trend-key-questions:victims\n",
            "",
            "01-one.md:4:5: exhibits: trend-key-questions:victims: framework 2021 has no "
            "sample whose cases are rated 'victims'; expected one of "
            "trend-key-questions:court (court), trend-key-questions:out-of-court (out-of-court)",
        ),
        # the resettlement sample's cases are not rated: it has no key questions to follow
        (
            "exhibits: [trend-key-questions:resettlement]\n",
            "",
            "01-one.md:3:12: exhibits: trend-key-questions:resettlement: framework 2021 has no "
            "sample whose cases are rated 'resettlement'",
        ),
        # a parameter where the exhibit takes none, none where it needs one
        (
            "exhibits: [surveys:court]\n",
            "",
            "01-one.md:3:12: exhibits: surveys is made for no one domain or sample: write "
            "surveys alone",
        ),
        (
            "exhibits: [distribution]\n",
            "",
            "01-one.md:3:12: exhibits: distribution is made for one domain: name it after a "
            "colon; expected one of distribution:1 (Organisational delivery),",
        ),
        (
            "",
            "::: exhibit distribution\n",
            "01-one.md:5:13: exhibits: distribution is made for one domain",
        ),
        # YAML's mapping, with a space after the colon
        (
            "exhibits: [distribution: 2]\n",
            "",
            "01-one.md:3:12: exhibits[1]: expected the exhibit as one word, distribution:2, "
            "with no space after the colon",
        ),
    ],
)
def test_a_chapter_naming_an_exhibit_wrongly_is_told_what_to_write(
    tmp_path: Path, reports: list[Report], front: str, body: str, expected: str
) -> None:
    from yjsreport.errors import ContentError

    content = _chapter(tmp_path, front, body)
    try:
        annuals, problems = collect_annuals(content, reports, {"2018", "2021"})
    except ContentError as exc:
        annuals, problems = [], list(exc.problems)
    shown = [f"{p.path.name}:{p.line}:{p.column}: {p.message}" for p in problems]
    assert annuals == []
    assert any(s.startswith(expected) for s in shown), shown


def test_a_chapter_may_name_an_exhibit_for_a_domain_or_a_sample(
    tmp_path: Path, reports: list[Report]
) -> None:
    content = _chapter(
        tmp_path,
        "exhibits: [distribution:3, trend-key-questions, trend-key-questions:court]\n",
        "::: exhibit distribution:1\n\nMore.\n",
    )
    (annual,), problems = collect_annuals(content, reports, {"2018", "2021"})
    assert problems == []
    (chapter,) = annual.source.chapters
    assert chapter.placed == ["distribution:1"]
    assert chapter.after_prose == [
        "distribution:3",
        "trend-key-questions",
        "trend-key-questions:court",
    ]
    built = [build(name, annual.figures) for name in [*chapter.placed, *chapter.after_prose]]
    assert [(e.id, e.heading) for e in built] == [
        ("distribution-1", "Ratings of organisational delivery"),
        ("distribution-3", "Ratings of out-of-court disposals"),
        ("trend-key-questions", "Case quality over the years"),
        ("trend-key-questions-court", "Court case quality over the years"),
    ]
    # the headings of the exhibits of one sample come from its words in the framework file
    for name, heading in {
        "out-of-court-first-repeat": "First and repeat out-of-court disposals",
        "court-and-out-of-court": "Court and out-of-court work compared",
        "resettlement-profile": "Resettlement cases",
    }.items():
        assert build(name, annual.figures).heading == heading
