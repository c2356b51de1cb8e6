"""Each page's description, for search engines and link previews (Open Graph).

Written from the data, never typed: the service, the publication date, the
overall rating and the score, as the report computes them, so a description can
never disagree with the page it describes.
"""

from __future__ import annotations

from yjsreport.content.dates import long_date
from yjsreport.project import Report


def report_description(report: Report) -> str:
    meta = report.inspection.meta
    result = report.result
    when = "planned for publication" if report.is_draft else "published"
    return (
        f"The inspection of {meta.service}, {when} on {long_date(meta.publication_date)}: "
        f"rated ‘{result.overall.value}’ overall, with a score of {result.score.total} "
        f"out of {result.score.maximum}."
    )


def annual_description(title: str, inspections: int, start: str, end: str) -> str:
    return (
        f"{title}: what {inspections} inspections of youth justice services published "
        f"from {start} to {end} found."
    )
