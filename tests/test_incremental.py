"""Work that does not grow with the archive: `json`/`pdf` load one inspection, the
preview reloads only what a save changed, and the progress line stays off logs."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.conftest import edit
from tests.test_preview import preview_build
from yjsreport.cli import main
from yjsreport.pdf.progress import Progress
from yjsreport.site.incremental import ReportStore

SLUG = "brackenmoor-2022"
OTHER = "fenwold-2020"


def test_json_reads_only_the_inspection_asked_for(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # another inspection (and the framework it alone uses) broken beyond reading
    (project / f"content/inspections/{OTHER}/inspection.yaml").write_text("service: [\n")
    (project / "content/frameworks/2018.yaml").write_text("id: [\n")
    assert main(["json", SLUG]) == 0
    assert '"slug": "brackenmoor-2022"' in capsys.readouterr().out


def test_an_unknown_slug_names_the_inspections_there_are(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["json", "nowhere-2030"]) == 2
    err = capsys.readouterr().err
    assert "no inspection 'nowhere-2030'" in err
    assert SLUG in err and OTHER in err


def test_store_checks_again_only_the_inspection_whose_files_changed(project: Path) -> None:
    store = ReportStore()
    content = project / "content"
    state = store.preview(content)
    assert len(state.reports) == len(store.reloaded) == 4 and not state.broken
    first = {r.slug: r for r in state.reports}

    store.preview(content)
    assert store.reloaded == []

    edit(content / f"inspections/{SLUG}/report/1.1.md", "rating: Good", "rating: Goood")
    state = store.preview(content)
    assert store.reloaded == [SLUG]
    assert [str(p).split(":")[0] for p in state.broken[SLUG]] == [
        f"content/inspections/{SLUG}/report/1.1.md"
    ]
    assert {r.slug for r in state.reports} == {OTHER, "kestrel-vale-2026", "wyndle-marsh-2022"}
    assert next(r for r in state.reports if r.slug == OTHER) is first[OTHER]  # kept

    edit(content / "frameworks/2021.yaml", "\n", "\n\n")  # a framework: everything again
    store.preview(content)
    assert sorted(store.reloaded) == sorted(first)


def test_preview_rebuild_shows_the_edit_and_reloads_only_its_inspection(
    project: Path, tmp_path: Path
) -> None:
    site = tmp_path / "preview"
    config = preview_build(project, site)
    other_page = (site / f"inspections/{OTHER}/index.html").read_bytes()
    part = project / f"content/inspections/{SLUG}/report/foreword.md"
    text = part.read_text(encoding="utf-8")
    body_start = text.index("---", 3) + 4
    part.write_text(text[:body_start] + "A sentence added in the preview.\n\n" + text[body_start:])

    config = preview_build(project, site)
    assert config.plugins["yjsreport"].store.reloaded == [SLUG]
    page = (site / f"inspections/{SLUG}/index.html").read_text(encoding="utf-8")
    assert "A sentence added in the preview." in page
    assert (site / f"inspections/{OTHER}/index.html").read_bytes() == other_page


def test_progress_names_the_pdfs_being_made_and_what_is_left() -> None:
    out = io.StringIO()
    progress = Progress(3, out, show=True)
    progress.from_cache("a")
    progress.begin("b")
    assert "1 of 3 done, 2 to go; writing b" in out.getvalue()
    progress.end("b")
    progress.begin("c")
    progress.end("c")
    progress.close()
    assert out.getvalue().endswith("PDFs: 3 ready (1 from the cache) in 0.0 s\n")


def test_progress_is_quiet_in_logs_and_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("CI", raising=False)
    assert Progress(1, Terminal()).show
    assert not Progress(1, io.StringIO()).show  # a file or a pipe
    monkeypatch.setenv("CI", "true")
    assert not Progress(1, Terminal()).show
