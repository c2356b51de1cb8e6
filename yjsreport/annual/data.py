"""The annual report's data download: every rating of every inspection it covers.

One row per standard of each inspection published in the period, with the
inspection's score and overall rating beside it, so the ratings matrix and the
distributions of the report can be remade from the file. Only published ratings
are in it: they are in every report already, and describe services, not children.
"""

from __future__ import annotations

from collections.abc import Iterator

from yjsreport.annual.model import AnnualReport
from yjsreport.render.downloads import INSPECTION_COLUMNS, Column, table

RATING_COLUMNS = (
    *INSPECTION_COLUMNS,
    Column("publication_date", "date", "The date the inspection report was published."),
    Column("score", "integer", "The inspection’s score: 0 to 3 for each scored standard."),
    Column(
        "max_score", "integer", "The most the score could be (36 unless a domain was not rated)."
    ),
    Column("overall", "string", "The inspection’s overall rating."),
    Column("standard", "string", "The standard’s id, such as ‘2.1’."),
    Column("standard_title", "string", "The standard’s title."),
    Column("rating", "string", "The standard’s published rating, after any discretion."),
)


def file_name(year: str) -> str:
    return f"annual-report-{year}-ratings.csv"


def _rows(annual: AnnualReport) -> Iterator[tuple[object, ...]]:
    for result in annual.figures.results:
        for standard in result.standards():
            yield (
                result.slug,
                result.meta.service,
                result.framework_id,
                result.meta.publication_date.isoformat(),
                result.score.total,
                result.score.maximum,
                result.overall.value,
                standard.id,
                standard.title,
                standard.rating.value,
            )


def ratings_csv(annual: AnnualReport) -> str:
    return table(RATING_COLUMNS, _rows(annual))
