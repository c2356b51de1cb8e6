"""The standard wording lives in one catalogue (templates/report/wording/): no other template and
no module that renders a report writes a sentence of it, and every sentence of the catalogue is
findable by its name and used."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import lxml.html
import pytest

from tests.conftest import TEMPLATES, edit
from yjsreport.errors import ContentError
from yjsreport.project import Report, load_reports
from yjsreport.render.report import Links, render_article, render_data_annex

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = TEMPLATES / "report" / "wording"
# the templates of a single report's pages and print documents
REPORT_TEMPLATES = [
    path
    for folder in ("report", "print")
    for path in sorted((TEMPLATES / folder).rglob("*.html"))
    if CATALOGUES not in path.parents
]
# the modules that turn a report into HTML or PDF; the downloads' descriptions of their
# columns (a data dictionary of ours, not a report's wording) are left out
DOWNLOADS = {"downloads.py", "downloads_info.py", "data_package.py"}
RENDER_MODULES = [
    path
    for folder in ("render", "pdf")
    for path in sorted((ROOT / "yjsreport" / folder).glob("*.py"))
    if path.name not in DOWNLOADS
]
_COMMENT_OR_BLOCK = re.compile(r"\{#.*?#\}|\{%.*?%\}", re.S)
_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.S)
_TAG = re.compile(r"<[^>]+>")


def sentence_like(text: str) -> bool:
    """Five words or more that end as a sentence does (or lead into a list)."""
    text = " ".join(text.split())
    return len(text.split()) >= 5 and bool(re.search(r"[.:]$|\. [A-Z]", text))


def template_sentences(source: str) -> list[str]:
    text = _EXPRESSION.sub("x", _COMMENT_OR_BLOCK.sub("\n", source))  # a figure or a name
    return [run for run in _TAG.split(text) if sentence_like(run)]


def python_sentences(source: str) -> list[str]:
    """String constants that read as sentences, leaving out docstrings and the messages of
    exceptions, which are the tool's own words to its users, not a report's."""
    tree = ast.parse(source)
    skipped: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        first = body[0] if isinstance(body, list) and body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
            skipped.add(id(first.value))
        if isinstance(node, ast.Raise) and node.exc is not None:
            skipped.update(id(n) for n in ast.walk(node.exc))
    found = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.JoinedStr):
            skipped.update(id(v) for v in node.values)
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        else:
            continue
        if sentence_like(_TAG.sub(" ", text)):
            found.append(text)
    return found


def test_no_template_but_the_catalogue_writes_a_sentence() -> None:
    found = {
        str(path.relative_to(TEMPLATES)): sentences
        for path in REPORT_TEMPLATES
        if (sentences := template_sentences(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_no_module_that_renders_a_report_writes_a_sentence() -> None:
    found = {
        str(path.relative_to(ROOT)): sentences
        for path in RENDER_MODULES
        if (sentences := python_sentences(path.read_text(encoding="utf-8")))
    }
    assert found == {}


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("<p>Overall, we rate {{ name }} as good.</p>", True),
        ("<p>{{ say.overall_statement_summary() }}</p>", False),
        ("{# A comment that reads like a sentence of its own. #}", False),
        ("<h2>The role of HM Inspectorate of Probation</h2>", False),
        ("<p>Key findings about {{ x }} were as follows:</p>", True),
    ],
)
def test_the_template_reader_finds_sentences(source: str, found: bool) -> None:
    assert bool(template_sentences(source)) is found


def test_the_python_reader_finds_sentences_but_not_docstrings_or_errors() -> None:
    source = (
        'def f(x):\n    """A docstring that is a sentence of its own."""\n'
        '    if x:\n        raise ValueError(f"the value {x} is not one we know.")\n'
        '    return f"Overall, {x} is rated as good by the panel."\n'
    )
    assert python_sentences(source) == ["Overall,  is rated as good by the panel."]


def macro_names(path: Path) -> list[str]:
    return re.findall(r"\{%-?\s*macro\s+(\w+)\(", path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("catalogue", sorted(CATALOGUES.glob("*.html")), ids=lambda p: p.name)
def test_every_sentence_of_a_catalogue_has_one_name_and_is_used(catalogue: Path) -> None:
    names = macro_names(catalogue)
    assert len(names) == len(set(names)), "a name given twice: the later macro wins silently"
    catalogue_text = catalogue.read_text(encoding="utf-8")
    used = "\n".join(p.read_text(encoding="utf-8") for p in REPORT_TEMPLATES)
    unused = [
        name
        for name in names
        if not name.startswith("_")
        and name != "slot"
        and f"say.{name}(" not in used
        and not re.search(rf"(?<!macro )\b{name}\(", catalogue_text)
    ]
    assert unused == []


def test_each_sentence_is_marked_with_its_name_where_asked(
    reports: dict[str, Report],
) -> None:
    """With mark_wording, each standard sentence carries its catalogue name; without, the
    published page has no mark."""
    report = reports["wyndle-marsh-2022"]
    marked = lxml.html.fromstring(render_article(report, TEMPLATES, "web", mark_wording=True))
    names = {el.get("data-wording") for el in marked.xpath("//*[@data-wording]")}
    assert {"recommendations_intro", "key_findings", "further_information_intro"} <= names
    assert set(names) <= set(macro_names(CATALOGUES / "standard.html"))
    assert "data-wording" not in render_article(report, TEMPLATES, "web")
    annex = render_data_annex(report, TEMPLATES, "web", Links(), mark_wording=True)
    assert 'data-wording="cases_examined"' in annex


def test_every_standard_sentence_names_the_service_as_it_calls_itself(project: Path) -> None:
    """One field, `kind`, for YOT, YOS or YJS: a YOT that renames itself a YJS is called so
    in every standard sentence, with its services named to match."""
    path = project / "content" / "inspections" / "brackenmoor-2022" / "inspection.yaml"
    edit(path, "kind: YOT", "kind: YJS")
    with pytest.raises(ContentError, match="short_name 'Brackenmoor YOT' calls the service a YOT"):
        load_reports(project / "content")
    edit(path, "Brackenmoor YOT", "Brackenmoor YJS")
    report = next(r for r in load_reports(project / "content") if r.slug == "brackenmoor-2022")
    doc = lxml.html.fromstring(render_article(report, TEMPLATES, "web", mark_wording=True))
    said = " ".join(" ".join(el.text_content().split()) for el in doc.xpath("//*[@data-wording]"))
    assert "YOT" not in said and "YOS" not in said and "youth offending" not in said
    assert "the YJS’s work" in said and "youth justice services in Brackenmoor" in said
