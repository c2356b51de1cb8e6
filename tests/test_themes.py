"""The report pages in other MkDocs themes, and an author's own page in the docs folder.

The yjsreport theme escapes what it prints and marks the page's own HTML as safe; the
built-in themes and Material for MkDocs print a page's HTML as it is, so they must be
left so (with escaping forced on them, every report showed its HTML as text)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import edit
from yjsreport.cli import main
from yjsreport.site.pages import SEARCH_INDEX

BRK = Path("content/inspections/brackenmoor-2022")
PAGE = Path("site/inspections/brackenmoor-2022/index.html")
THEME = "theme:\n  name: null\n  custom_dir: templates/site\n"


def use_theme(name: str) -> None:
    edit(Path("mkdocs.yml"), THEME, f"theme:\n  name: {name}\n")


@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs", "material"])
def test_report_pages_are_html_in_other_themes(
    project: Path, capsys: pytest.CaptureFixture[str], theme: str
) -> None:
    use_theme(theme)
    edit(BRK / "inspection.yaml", "place: Brackenmoor", 'place: "Brack</title><b>x"')
    assert main(["build", "--no-pdf", "--drafts"]) == 0, capsys.readouterr().err
    page = PAGE.read_text(encoding="utf-8")
    # the article's tables are markup, not text, and the report stylesheet is linked
    assert "<table" in page
    assert "&lt;table" not in page and "&lt;h2" not in page
    assert 'href="../../yjsreport/report.css"' in page
    assert Path("site/yjsreport/report.css").read_text(encoding="utf-8") == (
        Path(project / "templates/site/assets/report.css").read_text(encoding="utf-8")
    )
    # a title from the content still prints as text in a theme that does not escape
    head = page.split("</title>", 1)[0]
    assert "<title>An inspection of youth offending services in Brack&lt;/title&gt;" in head
    assert "<b>x" not in page
    home = Path("site/index.html").read_text(encoding="utf-8")
    assert 'href="inspections/brackenmoor-2022/"' in home
    assert "&lt;a " not in home
    # a draft says so on its page, as the yjsreport theme's strip does, and only a draft
    draft = Path("site/inspections/kestrel-vale-2026/index.html").read_text(encoding="utf-8")
    assert draft.count('<section class="draft-strip" aria-label="Draft preview">') == 1
    assert "draft-strip" not in page


def test_a_theme_not_known_to_print_html_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "plain").mkdir()
    (project / "plain/main.html").write_text("<main>{{ page.content }}</main>", encoding="utf-8")
    edit(Path("mkdocs.yml"), "custom_dir: templates/site", "custom_dir: plain")
    assert main(["build", "--no-pdf"]) == 1
    err = capsys.readouterr().err
    assert "cannot show the report pages: they are HTML made by yjsreport" in err
    assert "set `theme: name: yjsreport`" in err
    assert not Path("site").exists()


def test_the_yjsreport_theme_by_name(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """As a content repository names it: the project's templates/site/ still comes first."""
    use_theme("yjsreport")
    edit(
        project / "templates/site/main.html",
        '<main id="main"',
        '<p class="own-theme-file"></p>\n<main id="main"',
    )
    assert main(["build", "--no-pdf"]) == 0, capsys.readouterr().err
    page = PAGE.read_text(encoding="utf-8")
    assert '<p class="own-theme-file"></p>' in page
    assert "&lt;table" not in page and "<table" in page


@pytest.mark.parametrize("theme", [None, "material"])
def test_an_authors_page_is_published_as_written(
    project: Path, capsys: pytest.CaptureFixture[str], theme: str | None
) -> None:
    if theme:
        use_theme(theme)
    (project / "templates/pages/about.md").write_text(
        "# About these reports\n\nWritten by *the inspectorate*, not computed.\n",
        encoding="utf-8",
    )
    assert main(["build", "--no-pdf"]) == 0, capsys.readouterr().err
    about = Path("site/about/index.html").read_text(encoding="utf-8")
    assert "Written by <em>the inspectorate</em>, not computed." in about
    assert "<h1" in about and "About these reports" in about
    # the home page is still the list of reports, and only there
    listing = '<th scope="row"><a href="inspections/brackenmoor-2022/index.html">'
    assert listing not in about
    assert listing in Path("site/index.html").read_text(encoding="utf-8")
    if theme is None:  # the yjsreport theme has no menu: every page's footer links it
        link = '<a href="../../about/index.html">About these reports</a>'
        assert link in Path("site/inspections/brackenmoor-2022/index.html").read_text("utf-8")
        assert '<a href="about/index.html">About these reports</a>' in Path(
            "site/index.html"
        ).read_text(encoding="utf-8")
        index = Path("site", SEARCH_INDEX).read_text(encoding="utf-8")
        assert '["about/index.html' in index and "not computed" in index
