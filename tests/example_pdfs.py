"""Every PDF the examples build, written once per test session and shared by the tests
that only read them (test_pdf, test_pdf_reading, test_pdf_screen_reader, the annual
site's PDF tests).

The example inspections' PDFs and data annexes are the ones the drafts build of the
site publishes (that build is made once a session for the site's own tests, see
tests/browser/project.py): the same bytes `write_pdf` and `yjsreport pdf` make, which
test_pdf's byte-identical test checks. The annual example's PDFs are made here by the
build's own pool (`make_pdfs`, which renders as `write_pdf` does), data annexes
included. All of it is written into the session's temporary folders, with no cache from
outside them, once for the whole session however many pytest-xdist workers run it
(tests/shared_builds.py): a clean machine gets the same files. A test that must render
something else (an edited report, a second build to compare) still renders its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from yjsreport.annual.model import AnnualReport
from yjsreport.annual.pdf import print_html as annual_print_html
from yjsreport.annual.pdf import write_annual_pdf
from yjsreport.annual.render import write_charts
from yjsreport.annual.site import load_annuals
from yjsreport.pdf.names import annex_name
from yjsreport.pdf.pool import make_pdfs
from yjsreport.pdf.progress import Progress
from yjsreport.project import Report, load_reports
from yjsreport.site import pages


@dataclass(frozen=True)
class ReportPdfs:
    """The inspections of one content folder (drafts included) and their PDFs."""

    reports: dict[str, Report]  # by slug
    pdfs: dict[str, Path]  # the report's PDF, by slug
    annexes: dict[str, Path]  # the data annex published beside it, by slug


@dataclass(frozen=True)
class AnnualPdf:
    annual: AnnualReport
    path: Path
    charts: Path  # the chart files its print HTML points at
    html: str  # the print HTML it was made from


def write_report_pdfs(content: Path, templates: Path, folder: Path) -> None:
    """Every inspection's PDF, and the data annex where its format publishes one, made
    by the build's pool as a site build makes them (`report_pdfs_in` lists them)."""
    folder.mkdir(parents=True, exist_ok=True)
    make_pdfs(
        load_reports(content, drafts=True), templates, folder, progress=Progress(0, show=False)
    )


def report_pdfs_in(content: Path, folder: Path) -> ReportPdfs:
    """The PDFs `write_report_pdfs` wrote into `folder` for the inspections of `content`."""
    reports = load_reports(content, drafts=True)
    pdfs = {r.slug: folder / f"{r.slug}.pdf" for r in reports}
    annexes = {
        r.slug: folder / f"{annex_name(r.slug)}.pdf"
        for r in reports
        if r.inspection.format.data_annex
    }
    missing = [p for p in (*pdfs.values(), *annexes.values()) if not p.is_file()]
    assert not missing, f"no PDF was written for {missing}"
    return ReportPdfs({r.slug: r for r in reports}, pdfs, annexes)


def published_report_pdfs(content: Path, site: Path) -> ReportPdfs:
    """The PDFs and data annexes a built site publishes for the inspections of
    `content` (drafts included: the site must be a drafts build)."""
    reports = load_reports(content, drafts=True)
    pdfs = {r.slug: site / pages.report_dir(r.slug) / pages.pdf_name(r.slug) for r in reports}
    annexes = {
        r.slug: site / pages.report_dir(r.slug) / pages.annex_pdf_name(r.slug)
        for r in reports
        if r.inspection.format.data_annex
    }
    missing = [p for p in (*pdfs.values(), *annexes.values()) if not p.is_file()]
    assert not missing, f"the site build published no {missing}"
    return ReportPdfs({r.slug: r for r in reports}, pdfs, annexes)


def write_annual_pdfs(content: Path, templates: Path, folder: Path) -> None:
    """Every annual report of a content folder as a PDF, with its charts (`annual_pdfs_in`
    lists them)."""
    folder.mkdir(parents=True, exist_ok=True)
    for annual in load_annuals(content, load_reports(content, drafts=True), drafts=True):
        write_annual_pdf(annual, templates, folder / f"annual-{annual.year}.pdf")
        write_charts(annual, folder / f"charts-{annual.year}")


def annual_pdfs_in(content: Path, templates: Path, folder: Path) -> list[AnnualPdf]:
    """The annual reports `write_annual_pdfs` wrote into `folder`, each with the print HTML
    it was made from."""
    out = []
    for annual in load_annuals(content, load_reports(content, drafts=True), drafts=True):
        target = folder / f"annual-{annual.year}.pdf"
        assert target.is_file(), f"no PDF was written for {target}"
        charts = folder / f"charts-{annual.year}"
        out.append(AnnualPdf(annual, target, charts, annual_print_html(annual, templates, charts)))
    return out
