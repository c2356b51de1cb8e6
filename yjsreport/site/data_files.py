"""The open data of a built site: each report's downloads and data package, the
archive's data package, the annual reports' data and the published JSON Schema.

Made from the loaded results only, after the rules and the disclosure control
have run; what the files hold is decided in the engine and render modules, and
this module says where each goes and describes it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from yjsreport.engine.export import to_json
from yjsreport.engine.result_schema import schema
from yjsreport.project import Report
from yjsreport.render import data_package as dp
from yjsreport.render.downloads import (
    CHARACTERISTIC_COLUMNS,
    QUESTION_COLUMNS,
    aggregate_csv,
    characteristics_csv,
)
from yjsreport.render.report import report_title
from yjsreport.render.workbook import aggregate_xlsx, characteristics_xlsx
from yjsreport.site import pages

if TYPE_CHECKING:
    from yjsreport.annual.model import AnnualReport


class ReportDownloads(NamedTuple):
    """A report's downloads: each table as CSV and as an Excel workbook, and the JSON."""

    questions: dp.DataFile
    questions_workbook: dp.DataFile
    characteristics: dp.DataFile
    characteristics_workbook: dp.DataFile
    results: dp.DataFile


def report_downloads(report: Report) -> ReportDownloads:
    """A report's downloads, with paths from its own folder."""
    slug, result, title = report.slug, report.result, report_title(report)
    questions = "Figures for every key question and prompt"
    characteristics = "Counts of the sampled cases' characteristics, after disclosure control"
    return ReportDownloads(
        dp.DataFile(
            f"{slug}-questions",
            pages.csv_name(slug),
            questions,
            aggregate_csv(result).encode(),
            QUESTION_COLUMNS,
        ),
        dp.DataFile(
            f"{slug}-questions-workbook",
            pages.workbook_name(pages.csv_name(slug)),
            f"{questions} (Excel workbook)",
            aggregate_xlsx(result, f"{title}: {questions.lower()}"),
            QUESTION_COLUMNS,
        ),
        dp.DataFile(
            f"{slug}-characteristics",
            pages.characteristics_name(slug),
            characteristics,
            characteristics_csv(result).encode(),
            CHARACTERISTIC_COLUMNS,
        ),
        dp.DataFile(
            f"{slug}-characteristics-workbook",
            pages.workbook_name(pages.characteristics_name(slug)),
            f"{characteristics} (Excel workbook)",
            characteristics_xlsx(result, f"{title}: {characteristics.lower()}"),
            CHARACTERISTIC_COLUMNS,
        ),
        dp.DataFile(
            f"{slug}-results",
            pages.json_name(slug),
            "Every computed figure and rating",
            to_json(result).encode(),
        ),
    )


def report_files(report: Report) -> list[dp.DataFile]:
    """A report's downloads as a list, in the order the page offers them."""
    return list(report_downloads(report))


def schema_url(site_url: str | None, from_root: str) -> str:
    """The JSON Schema's address: absolute where the site's address is known."""
    path = dp.schema_path()
    return site_url.rstrip("/") + "/" + path if site_url else from_root + path


def report_package(report: Report, files: Sequence[dp.DataFile], site_url: str | None) -> str:
    return dp.dumps(
        dp.package(
            report.slug,
            report_title(report),
            "The aggregate figures behind the inspection report on "
            f"{report.inspection.meta.service}.",
            files,
            schema_url(site_url, "../../"),
        )
    )


def _package_name(site_name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", site_name.lower()).strip("-") or "inspection-reports"


def archive_package(
    site_name: str, files: dict[str, list[dp.DataFile]], site_url: str | None
) -> str:
    """Every report's files, named by their paths from the site's root."""
    moved = [
        dp.DataFile(f.name, f"{pages.report_dir(slug)}/{f.path}", f.title, f.data, f.columns)
        for slug, report_files in files.items()
        for f in report_files
    ]
    return dp.dumps(
        dp.package(
            _package_name(site_name),
            site_name,
            "The aggregate figures behind every inspection report on this site.",
            moved,
            schema_url(site_url, ""),
        )
    )


def annual_files(annual: AnnualReport) -> list[dp.DataFile]:
    from yjsreport.annual import data

    return [
        dp.DataFile(
            f"annual-report-{annual.year}-ratings",
            data.file_name(annual.year),
            "Every rating of every inspection the annual report covers",
            data.ratings_csv(annual).encode(),
            data.RATING_COLUMNS,
        )
    ]


def write_annual(annual: AnnualReport, folder: Path, site_url: str | None) -> None:
    files = annual_files(annual)
    for f in files:
        (folder / f.path).write_bytes(f.data)
    described = dp.package(
        f"annual-report-{annual.year}",
        annual.source.meta.title,
        "The ratings behind the annual report.",
        files,
        schema_url(site_url, "../../"),
    )
    (folder / pages.PACKAGE).write_text(dp.dumps(described), encoding="utf-8")


def write_schema(site: Path) -> Path:
    path = site / dp.schema_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(schema(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
