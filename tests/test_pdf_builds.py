"""PDFs made in worker processes and through the build cache are the PDFs a serial,
cold build makes, byte for byte; and a change to any input of a PDF makes it again.

Small on purpose: three inspections for parallel against serial (two workers, each
renewed after one PDF), one for the inputs.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import edit
from yjsreport.pdf import pool
from yjsreport.pdf.cache import PdfCache
from yjsreport.project import load_report

pytestmark = pytest.mark.pdf


THREE = ("brackenmoor-2022", "fenwold-2020", "kestrel-vale-2026")
ONE = "fenwold-2020"
FONTS = Path("/usr/share/fonts/truetype/dejavu")


class Renders:
    """Which PDFs were really laid out (not served from the cache), in this process."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.names: list[str] = []
        real = pool.run_job

        def counted(job: pool.PdfJob) -> tuple[bytes, dict[str, str]]:
            self.names.append(job.name)
            return real(job)

        monkeypatch.setattr(pool, "run_job", counted)

    def take(self) -> list[str]:
        names, self.names = self.names, []
        return names


def build(project: Path, slugs: tuple[str, ...], **options: object) -> dict[str, bytes]:
    reports = [load_report(project / "content", slug) for slug in slugs]
    return pool.build_pdfs(reports, project / "templates", **options)  # type: ignore[arg-type]


def test_parallel_and_cached_builds_equal_a_serial_cold_build(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial = build(project, THREE, jobs=1, cache=None)
    cache = PdfCache(tmp_path / "cache")
    monkeypatch.setattr(pool, "TASKS_PER_WORKER", 1)  # the third PDF from a renewed worker
    parallel = build(project, THREE, jobs=2, cache=cache)  # cold cache: all made in workers
    assert parallel == serial
    assert all(data.startswith(b"%PDF-") for data in serial.values())

    renders = Renders(monkeypatch)
    cached = build(project, THREE, jobs=2, cache=cache)
    assert renders.take() == [], "an unchanged PDF was laid out again"
    assert cached == serial


def test_a_change_to_any_input_makes_the_pdf_again(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = PdfCache(tmp_path / "cache")
    renders = Renders(monkeypatch)
    previous = build(project, (ONE,), jobs=1, cache=cache)[ONE]
    assert renders.take() == [ONE]

    font = project / "templates/print/test-font.ttf"

    def css() -> None:  # a stylesheet the HTML links to; the HTML itself is unchanged
        shutil.copy(FONTS / "DejaVuSans.ttf", font)
        with (project / "templates/print/print.css").open("a", encoding="utf-8") as out:
            out.write(
                '\n@font-face { font-family: "Test Face"; src: url("test-font.ttf"); }\n'
                'h2 { font-family: "Test Face"; }\n'
            )

    def font_file() -> None:  # the font the stylesheet loads: same name, other glyphs
        shutil.copy(FONTS / "DejaVuSans-Bold.ttf", font)

    def content() -> None:
        edit(project / f"content/inspections/{ONE}/inspection.yaml", "Pellow", "Oakhurst")

    def template() -> None:
        edit(project / "templates/print/document.html", "</body>", "<p>Printed copy.</p>\n</body>")

    for change in (css, font_file, content, template):
        change()
        now = build(project, (ONE,), jobs=1, cache=cache)[ONE]
        assert renders.take() == [ONE], f"{change.__name__}: the PDF was not made again"
        assert now != previous, f"{change.__name__}: the PDF did not change"
        again = build(project, (ONE,), jobs=1, cache=cache)[ONE]
        assert renders.take() == [] and again == now, f"{change.__name__}: not cached"
        previous = now


def test_pdf_makes_the_data_annex_beside_the_report_through_the_cache(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`yjsreport pdf SLUG` writes a short-format report's data annex beside it, tagged, made
    and cached as the report's PDF is: the second run lays out nothing."""
    import pikepdf

    from yjsreport.cli import main

    renders = Renders(monkeypatch)
    target = tmp_path / "wyndle.pdf"
    assert main(["pdf", "wyndle-marsh-2022", "-o", str(target), "--quiet"]) == 0
    assert sorted(renders.take()) == ["wyndle-marsh-2022", "wyndle-marsh-2022-data-annex"]
    annex = tmp_path / "wyndle-data-annex.pdf"
    first = annex.read_bytes()
    with pikepdf.open(annex) as pdf:
        assert "/StructTreeRoot" in pdf.Root
        assert str(pdf.docinfo["/Title"]).startswith("Data annex: An inspection of")
    assert main(["pdf", "wyndle-marsh-2022", "-o", str(target), "--quiet"]) == 0
    assert renders.take() == []  # both from the cache
    assert annex.read_bytes() == first
    # a report whose format has no data annex gets none
    assert main(["pdf", ONE, "-o", str(tmp_path / "fenwold.pdf"), "--quiet"]) == 0
    assert not (tmp_path / "fenwold-data-annex.pdf").exists()
