"""Where annual reports live in the site, and writing their page files.

Kept apart from the plugin so the plugin only calls in at four points. The annual
report's models and figures are imported only where there is an annual report: a
build of inspections alone need not pay for them.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from yjsreport.annual.folders import find_annuals
from yjsreport.annual.links import reinspection_problems
from yjsreport.errors import ContentError, Problem, unexpected
from yjsreport.framework.load import load_frameworks
from yjsreport.project import FRAMEWORKS_FOLDER, Report

if TYPE_CHECKING:
    from yjsreport.annual.model import AnnualReport
    from yjsreport.pdf.cache import PdfCache


def page_src(year: str) -> str:
    return f"annual/{year}/index.md"


def page_dir(year: str) -> str:
    return f"annual/{year}"


def pdf_name(year: str) -> str:
    return f"annual-report-{year}.pdf"


def load_annuals(content: Path, reports: list[Report], *, drafts: bool) -> list[AnnualReport]:
    """Every annual report, checked; any problem raises, as for inspections."""
    annuals, problems = _collect(content, reports, drafts=drafts)
    if problems:
        raise ContentError(problems)
    return annuals


def preview_annuals(
    content: Path, reports: list[Report]
) -> tuple[list[AnnualReport], dict[str, list[Problem]]]:
    """Under `serve`: the annual reports that work, and for each year that does not,
    its problems to show on its page. Never raises, so a save that breaks an annual
    report shows what to fix in the browser and the next good save brings it back."""
    years = [folder.name for folder in find_annuals(content)]
    try:
        annuals, problems = _collect(content, reports, drafts=True)
    except ContentError as exc:
        annuals, problems = [], list(exc.problems)
    except Exception as exc:  # the preview must outlive any failure while editing
        return [], {year: [unexpected(content, exc)] for year in years}
    broken: dict[str, list[Problem]] = {}
    for problem in problems:
        year = _year_of(content, problem.path)
        for y in [year] if year in years else years:  # e.g. a reinspection link: all
            broken.setdefault(y, []).append(problem)
    return [a for a in annuals if a.year not in broken], broken


def _year_of(content: Path, path: Path) -> str | None:
    try:
        parts = path.resolve().relative_to((content / "annual").resolve()).parts
    except ValueError:
        return None
    return parts[0] if parts else None


def page_for(annuals: list[AnnualReport], src_uri: str) -> AnnualReport | None:
    return next((a for a in annuals if page_src(a.year) == src_uri), None)


def page_html(annual: AnnualReport, templates: Path, pdf: bool) -> str:
    # imported here: matplotlib costs 0.3 s that a build with no annual report need not pay
    from yjsreport.annual.data import file_name
    from yjsreport.annual.render import render_annual

    return render_annual(
        annual, templates, "web", pdf_name(annual.year) if pdf else None, file_name(annual.year)
    )


def write_files(
    annual: AnnualReport,
    site: Path,
    templates: Path,
    pdf: bool,
    cache: PdfCache | None = None,
) -> None:
    from yjsreport.annual.render import CHARTS_FOLDER, copy_images, write_charts

    folder = site / page_dir(annual.year)
    write_charts(annual, folder / CHARTS_FOLDER)
    copy_images(annual, folder)
    if pdf:
        from yjsreport.annual.pdf import write_annual_pdf

        write_annual_pdf(annual, templates, folder / pdf_name(annual.year), cache)


def keep_drawings(annuals: list[AnnualReport], project: Path | None) -> None:
    """Charts drawn in an earlier build come from the build cache beside `project`'s
    mkdocs.yml (None: no cache; every chart is drawn)."""
    if not annuals:  # charts drawn by an earlier build of this process: not kept here
        loaded = sys.modules.get("yjsreport.annual.charts")
        if loaded is not None:
            loaded.keep_drawings(None)
        return
    from yjsreport.annual.charts import keep_drawings as keep_in
    from yjsreport.annual.drawing_cache import drawing_cache

    keep_in(drawing_cache(project) if project is not None else None)


def release_drawings(annuals: list[AnnualReport]) -> None:
    """After a build: drawings it did not use leave the cache, and charts drawn after
    it (by `check`, say) are no longer kept there."""
    if not annuals:
        return
    from yjsreport.annual import charts

    kept = charts.kept_drawings()
    if kept is not None:
        kept.prune()
    charts.keep_drawings(None)


def check_annuals(content: Path, reports: list[Report]) -> tuple[list[AnnualReport], list[Problem]]:
    """The annual reports the content has, and their problems (for `check`)."""
    try:
        return _collect(content, reports, drafts=True)
    except ContentError as exc:
        return [], list(exc.problems)


def _collect(
    content: Path, reports: list[Report], *, drafts: bool
) -> tuple[list[AnnualReport], list[Problem]]:
    """The annual reports and their problems; with none, only the links they rely on.
    Raises ContentError where the frameworks cannot be read."""
    if not find_annuals(content):
        return [], reinspection_problems(reports)
    from yjsreport.annual.model import collect_annuals

    frameworks = set(load_frameworks(content / FRAMEWORKS_FOLDER))
    return collect_annuals(content, reports, frameworks, drafts=drafts)
