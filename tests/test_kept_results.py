"""Results kept between builds (render/derived_cache.py): the annual report's chart
drawings and published PDFs' text. A build with nothing changed takes them from the
cache; a changed input, reader or drawing code is worked out afresh; an entry made
elsewhere is never used; and the cache never follows a link or deletes what it did
not write."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from tests.browser.project import ANNUAL_EXAMPLE, built_annual_project, own_copy
from yjsreport.annual import charts
from yjsreport.annual import drawing_cache as drawing_module
from yjsreport.annual.services_map import drawn_name
from yjsreport.render import cache_files, derived_cache, workbook, workbook_cache
from yjsreport.render.cache_files import CACHE_FOLDER, CacheLinkError
from yjsreport.render.derived_cache import DerivedCache
from yjsreport.render.downloads import Column
from yjsreport.site import pdf_text_cache, reader_text
from yjsreport.site.build import build_site

# -- the cache itself ---------------------------------------------------------------------


def test_an_entry_is_served_for_the_same_input_and_fingerprint_only(tmp_path: Path) -> None:
    cache = DerivedCache.beside(tmp_path, "kept", "reader 1", "json")
    assert cache.get(b"input") is None
    cache.put(b"input", b"result")
    assert cache.get(b"input") == b"result"
    assert cache.get(b"other input") is None
    assert DerivedCache.beside(tmp_path, "kept", "reader 2", "json").get(b"input") is None


def test_an_entry_made_with_another_machine_key_is_never_served(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    planted = DerivedCache.beside(tmp_path, "kept", "reader", "json")
    monkeypatch.setattr(derived_cache, "machine_key", lambda: "0" * 64)
    planted.put(b"input", b"planted")  # as if committed into the project elsewhere
    monkeypatch.undo()
    assert DerivedCache.beside(tmp_path, "kept", "reader", "json").get(b"input") is None


def test_pruning_removes_only_unused_entries_of_its_own_naming(tmp_path: Path) -> None:
    first = DerivedCache.beside(tmp_path, "kept", "reader", "json")
    first.put(b"old", b"1")
    first.put(b"current", b"2")
    folder = first.folder
    (folder / "notes.txt").write_text("an author's file", encoding="utf-8")
    (folder / f"{'a' * 64}.svg").write_text("another cache's naming", encoding="utf-8")
    build = DerivedCache.beside(tmp_path, "kept", "reader", "json")
    assert build.get(b"current") == b"2"
    build.prune()
    assert build.get(b"current") == b"2"
    assert build.get(b"old") is None
    assert (folder / "notes.txt").exists() and (folder / f"{'a' * 64}.svg").exists()
    assert len([p for p in folder.iterdir() if p.suffix == ".json"]) == 1


def test_a_linked_folder_is_refused_and_a_linked_entry_is_not_read(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    project = tmp_path / "project"
    (project / CACHE_FOLDER).mkdir(parents=True)
    (project / CACHE_FOLDER / "kept").symlink_to(elsewhere)
    with pytest.raises(CacheLinkError):
        DerivedCache.beside(project, "kept", "reader", "json")
    (project / CACHE_FOLDER / "kept").unlink()
    cache = DerivedCache.beside(project, "kept", "reader", "json")
    target = elsewhere / "result"
    target.write_bytes(b"through a link")
    (cache.folder / f"{cache.key(b'input')}.json").symlink_to(target)
    assert cache.get(b"input") is None
    cache.prune()  # the link is removed, never what it points to
    assert target.read_bytes() == b"through a link"
    assert not any(cache.folder.iterdir())


# -- PDF text -----------------------------------------------------------------------------


def test_a_pdfs_text_is_read_once_per_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read: list[str] = []

    def reader(path: Path) -> list[str]:
        read.append(path.name)
        return [f"text of {path.read_bytes().decode()}", "strings"]

    monkeypatch.setattr(reader_text, "file_texts", reader)
    pdf = tmp_path / "site" / "report.pdf"
    pdf.parent.mkdir()
    pdf.write_bytes(b"first")
    page = tmp_path / "site" / "index.html"
    page.write_text("<p>page</p>", encoding="utf-8")
    book = tmp_path / "site" / "figures.xlsx"
    book.write_bytes(b"cells")
    cache = pdf_text_cache.text_cache(tmp_path)
    read_cached = pdf_text_cache.cached_reader(cache)
    assert read_cached(pdf) == ["text of first", "strings"]
    assert read_cached(pdf) == ["text of first", "strings"]
    assert read_cached(book) == read_cached(book) == ["text of cells", "strings"]
    read_cached(page)
    read_cached(page)
    assert read == ["report.pdf", "figures.xlsx", "index.html", "index.html"]  # pages: always
    pdf.write_bytes(b"second")  # one byte changed: read afresh
    assert read_cached(pdf) == ["text of second", "strings"]
    assert read[-1] == "report.pdf" and len(read) == 5


def test_a_damaged_text_entry_is_read_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reader_text, "file_texts", lambda path: ["fresh"])
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF")
    cache = pdf_text_cache.text_cache(tmp_path)
    (cache.folder / f"{cache.key(b'%PDF')}.json").write_text('{"not": "a list"}')
    assert pdf_text_cache.cached_reader(cache)(pdf) == ["fresh"]
    assert json.loads((cache.folder / f"{cache.key(b'%PDF')}.json").read_text()) == ["fresh"]


def test_the_text_key_moves_with_the_reading_code_and_tools(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    before = pdf_text_cache.fingerprint()
    monkeypatch.setattr(cache_files.metadata, "version", lambda name: "99")  # an upgrade
    assert pdf_text_cache.fingerprint() != before
    monkeypatch.undo()
    code = tmp_path / "reader_text.py"
    code.write_text("# another reader\n", encoding="utf-8")
    monkeypatch.setattr(reader_text, "__file__", str(code))
    assert pdf_text_cache.fingerprint() != before


# -- chart drawings -----------------------------------------------------------------------


def _counted_chart(key: str, drawn: list[str]) -> charts.Chart:
    def draw() -> str:
        drawn.append(key)
        return f"<svg>{key}</svg>"

    return charts.Chart(f"chart-{key}", "A title", "An alternative", key, draw)


def test_a_kept_drawing_is_used_and_new_data_is_drawn(tmp_path: Path) -> None:
    drawn: list[str] = []
    cache = DerivedCache.beside(tmp_path, "charts", "matplotlib", "svg")
    try:
        charts.forget()
        charts.keep_drawings(cache)
        assert _counted_chart("data one", drawn).svg == "<svg>data one</svg>"
        charts.forget()  # as a new build process starts
        charts.keep_drawings(DerivedCache.beside(tmp_path, "charts", "matplotlib", "svg"))
        assert _counted_chart("data one", drawn).svg == "<svg>data one</svg>"
        assert _counted_chart("data two", drawn).svg == "<svg>data two</svg>"
        assert drawn == ["data one", "data two"]
        charts.forget()  # and without the cache, every chart is drawn
        assert _counted_chart("data one", drawn).svg == "<svg>data one</svg>"
        assert drawn == ["data one", "data two", "data one"]
    finally:
        charts.forget()


def test_the_drawing_key_moves_with_matplotlib_its_font_list_and_our_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path))
    assert drawing_module.fingerprint() is None  # no font list yet: nothing kept
    assert drawing_module.drawing_cache(tmp_path) is None
    fonts = tmp_path / "fontlist-v390.json"
    fonts.write_text('{"ttflist": []}', encoding="utf-8")
    before = drawing_module.fingerprint()
    fonts.write_text('{"ttflist": ["DejaVuSans.ttf"]}', encoding="utf-8")
    with_font = drawing_module.fingerprint()
    assert None not in (before, with_font) and before != with_font
    monkeypatch.setattr(cache_files.metadata, "version", lambda name: "99")  # an upgrade
    assert drawing_module.fingerprint() != with_font
    monkeypatch.undo()
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path))
    code = tmp_path / "charts.py"
    code.write_text("# other drawing code\n", encoding="utf-8")
    monkeypatch.setattr(charts, "__file__", str(code))
    assert drawing_module.fingerprint() != with_font


def test_a_build_with_nothing_changed_draws_no_chart_and_writes_the_same_charts(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    import matplotlib.font_manager  # noqa: F401  # matplotlib's font list, made once

    project = own_copy(built_annual_project(tmp_path_factory), tmp_path / "project")
    config = project / ANNUAL_EXAMPLE / "mkdocs.yml"
    site = project / ANNUAL_EXAMPLE / "site"
    folder = project / ANNUAL_EXAMPLE / CACHE_FOLDER / drawing_module.FOLDER
    cwd = Path.cwd()
    os.chdir(project)
    try:
        charts.forget()
        build_site(config, pdf=False)
        first = {p.name: p.read_bytes() for p in (site / "annual/2022/charts").iterdir()}
        kept = sorted(p.name for p in folder.iterdir())
        # the map of the services is written as text, not drawn, so it has no drawing kept
        drawn = [name for name in first if name != drawn_name("map.yaml")]
        assert len(kept) == len(drawn) >= 15
        charts.forget()  # as a new build process starts
        before = len(charts.DRAWINGS)
        build_site(config, pdf=False)
        assert len(charts.DRAWINGS) == before
        again = {p.name: p.read_bytes() for p in (site / "annual/2022/charts").iterdir()}
        assert again == first
        assert sorted(p.name for p in folder.iterdir()) == kept
    finally:
        os.chdir(cwd)
        charts.forget()


# -- workbooks ----------------------------------------------------------------------------


def test_a_kept_workbook_is_the_same_bytes_and_new_cells_are_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    columns = (Column("standard", "string", "A standard"), Column("cases", "integer", "Cases"))
    day = dt.date(2022, 12, 6)
    fresh = workbook.workbook("Figures", day, "questions", columns, [("3.10", 4)])
    made: list[int] = []
    real = workbook._made
    monkeypatch.setattr(workbook, "_made", lambda *a: made.append(1) or real(*a))
    before = workbook.keep_workbooks(workbook_cache.workbook_cache(tmp_path))
    try:
        assert workbook.workbook("Figures", day, "questions", columns, [("3.10", 4)]) == fresh
        workbook.keep_workbooks(workbook_cache.workbook_cache(tmp_path))  # the next build
        assert workbook.workbook("Figures", day, "questions", columns, [("3.10", 4)]) == fresh
        assert made == [1]
        changed = workbook.workbook("Figures", day, "questions", columns, [("3.10", 5)])
        assert changed != fresh and made == [1, 1]
    finally:
        workbook.keep_workbooks(before)


def test_the_workbook_key_moves_with_openpyxl_and_our_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = workbook_cache.fingerprint()
    monkeypatch.setattr(cache_files.metadata, "version", lambda name: "99")  # an upgrade
    assert workbook_cache.fingerprint() != before
    monkeypatch.undo()
    code = tmp_path / "workbook.py"
    code.write_text("# other writing code\n", encoding="utf-8")
    monkeypatch.setattr(workbook, "__file__", str(code))
    assert workbook_cache.fingerprint() != before


def test_the_annual_chart_folder_loses_only_the_charts_it_wrote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The annual PDF's charts are written into the cache before each build. Only the
    charts an earlier build wrote (and this one does not) are deleted, never another
    file there, whatever its name; a link planted under a chart's name is replaced,
    not followed; and a planted list of written files reaches nothing outside."""
    from tests.conftest import TEMPLATES
    from yjsreport.annual.pdf import cached_annual_pdf
    from yjsreport.annual.site import load_annuals
    from yjsreport.pdf import pool
    from yjsreport.pdf.cache import PdfCache
    from yjsreport.project import load_reports
    from yjsreport.render.cache_files import WRITTEN

    content = ANNUAL_EXAMPLE / "content"
    annual = load_annuals(content, load_reports(content), drafts=False)[0]
    cache = PdfCache(tmp_path / "cache" / "pdf")
    charts = tmp_path / "cache" / "annual-charts" / annual.year
    charts.mkdir(parents=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "kept.svg").write_text("mine", encoding="utf-8")
    (outside / "victim.svg").write_text("mine too", encoding="utf-8")
    (charts / "notes.svg").write_text("an editor's own drawing", encoding="utf-8")
    (charts / "stale-chart.svg").write_text("<svg/>", encoding="utf-8")
    (charts / "trend-overall.svg").symlink_to(outside / "kept.svg")
    (charts / "planted.svg").symlink_to(outside / "victim.svg")
    listed = ["stale-chart.svg", "planted.svg", "../../outside/victim.svg", "/etc/hosts"]
    (charts / WRITTEN).write_text("\n".join(listed) + "\n", encoding="utf-8")

    class Stop(Exception):
        pass

    def stop(job: object) -> None:
        raise Stop

    monkeypatch.setattr(pool, "run_job", stop)
    with pytest.raises(Stop):
        cached_annual_pdf(annual, TEMPLATES, cache)
    left = {p.name for p in charts.iterdir()}
    assert "stale-chart.svg" not in left  # written before, not now
    assert {"notes.svg", "planted.svg"} <= left  # never written by the cache
    assert (outside / "kept.svg").read_text(encoding="utf-8") == "mine"
    assert (outside / "victim.svg").read_text(encoding="utf-8") == "mine too"
    drawn = charts / "trend-overall.svg"
    assert not drawn.is_symlink() and drawn.read_text(encoding="utf-8").startswith("<")
    written = (charts / WRITTEN).read_text(encoding="utf-8").split()
    assert "trend-overall.svg" in written and "stale-chart.svg" not in written
    assert set(written) | {"notes.svg", "planted.svg", WRITTEN} == left
