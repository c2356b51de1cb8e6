"""Exhibits of case judgements: key questions by year, prompts and questions beside
the framework."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from yjsreport.annual import aggregates as agg
from yjsreport.annual import charts
from yjsreport.annual.disclosure import SMALL_BASE_TEXT, JudgedShare, judged_count, judged_share
from yjsreport.annual.exhibits.parts import (
    Cell,
    Exhibit,
    ExhibitSpec,
    Table,
    count_text,
    num,
    th,
)
from yjsreport.annual.matching import versions_in_words
from yjsreport.render.methodology import banding_table

if TYPE_CHECKING:
    from yjsreport.annual.model import AnnualFigures


def banding(f: AnnualFigures, spec: ExhibitSpec) -> Exhibit:
    """How a key question's share of cases judged sufficient sets a standard's rating:
    the table every report's methodology prints, from the same bands (rules/banding.py)."""
    table = banding_table()
    return spec.made(
        tables=[
            Table(
                table.caption,
                [[th(text) for text in table.head]],
                [
                    [th(f"{b.label}: {b.share}", "row"), Cell("", rating=b.rating)]
                    for b in table.rows
                ],
            )
        ]
    )


def key_questions(f: AnnualFigures, spec: ExhibitSpec) -> Exhibit:
    by_stage: dict[str, list[agg.StageSeries]] = {}
    for s in f.series:
        by_stage.setdefault(s.stage, []).append(s)
    out_charts, tables = [], []
    for stage, series in by_stage.items():
        current = next((s for s in series if s.framework == f.framework), series[-1])
        year, shares = current.years[-1]
        judged = [
            (sh.percent, c)
            for sh, c in zip(shares, current.columns, strict=True)
            if sh.percent is not None
        ]
        if judged:
            low, col = min(judged, key=lambda t: (t[0], t[1].id))
            title = (
                f"{stage}: in {year}, {ASPECT_PHRASES.get(col.aspect, col.aspect)} was judged "
                f"sufficient least often ({f.sample_labels.get(col.sample, col.sample)} "
                f"cases, {low} per cent)"
            )
        else:
            title = f"{stage}: share of cases judged sufficient by year"
        out_charts.append(
            charts.key_question_lines(
                f"key-questions-{_slug(stage)}",
                title,
                stage,
                series,
                {
                    sample: f.sample_label(sample)
                    for sample in (*f.case_samples, *(c.sample for s in series for c in s.columns))
                },
            )
        )
        for s in series:
            head = [
                [
                    th("Year"),
                    *(
                        th(
                            f"{f.sample_label(c.sample)}: "
                            f"{charts.ASPECT_LABELS.get(c.aspect, c.aspect)} ({c.id})",
                            numeric=True,
                        )
                        for c in s.columns
                    ),
                ]
            ]
            body = [
                [
                    th(y, "row"),
                    *(num(_judged_text(judged_share(sh.percent, sh.relevant))) for sh in row),
                ]
                for y, row in s.years
            ]
            relevant = [
                th("Relevant cases, all years", "row"),
                *(
                    num(count_text(judged_count(sum(row[i].relevant for _, row in s.years))))
                    for i in range(len(s.columns))
                ),
            ]
            body.append(relevant)
            tables.append(
                Table(
                    f"{stage}, {s.framework} framework: share of relevant cases judged sufficient",
                    head,
                    body,
                    chart=f"key-questions-{_slug(stage)}",
                )
            )
    notes = [
        "Each key question counts the cases to which it applied; for example, keeping other "
        "people safe leaves out cases whose risk of serious harm was judged low.",
    ]
    versions = sorted({s.framework for s in f.series})
    if len(versions) > 1:
        since = (
            f"; the {f.framework} framework applies to inspections published from "
            f"{f.framework_from:%B %Y}"
            if f.framework_from
            else ""
        )
        notes.append(
            f"Each framework's series is drawn on its own and never joined to another's"
            f"{since}; a key question is the same in {versions_in_words(versions)} only where "
            "the framework files declare it so."
        )
    return spec.made(out_charts, tables, notes)


ASPECT_PHRASES = {
    "desistance": "supporting desistance",
    "child-safety": "keeping the child safe",
    "others-safety": "keeping other people safe",
    "joint-working": "joint working",
}


def _slug(text: str) -> str:
    return "-".join(text.lower().split())


def _prompt_table(caption: str, rows: Sequence[agg.PromptRow]) -> Table:
    return Table(
        caption,
        [
            [
                th("Question"),
                th("Cases judged sufficient", numeric=True),
                th("Not needed", numeric=True),
                th("Cases", numeric=True),
            ]
        ],
        [
            [
                th(f"{r.id} {r.text}", "row"),
                num(_judged_text(judged_share(r.share.percent_of_sample, r.share.cases))),
                num(_judged_text(judged_share(r.share.not_applicable_percent, r.share.cases))),
                num(count_text(judged_count(r.share.cases))),
            ]
            for r in rows
        ],
        [
            "Shares are of every case in the sample, as in the data annexe of each report: "
            "‘not needed’ counts cases where the question did not apply."
        ],
    )


def contingency(f: AnnualFigures, spec: ExhibitSpec) -> Exhibit:
    if not f.contingency:
        return spec.nothing()
    return spec.made(
        tables=[_prompt_table(f"Contingency planning, {f.framework} framework", f.contingency)]
    )


def _sample_of(f: AnnualFigures, row_id: str) -> str:
    """A question's sample as the framework file labels it, from the question's id
    (its sample after the last dot)."""
    return f.sample_labels.get(row_id.rsplit(".", 1)[-1], "")


def extra_questions(f: AnnualFigures, spec: ExhibitSpec) -> Exhibit:
    if not f.extras:
        return spec.nothing()
    table = Table(
        "Questions asked beside the framework, over the cases where they applied",
        [
            [
                th("Question"),
                th("Cases judged sufficient", numeric=True),
                th("Relevant cases", numeric=True),
            ]
        ],
        [
            [
                th(f"{r.text} ({_sample_of(f, r.id)} cases)", "row"),
                num(_judged_text(judged_share(r.share.percent, r.share.relevant))),
                num(count_text(judged_count(r.share.relevant))),
            ]
            for r in f.extras
        ],
    )
    return spec.made(tables=[table])


def _judged_text(share: JudgedShare) -> str:
    """A judged share as printed: a dash with no cases to judge."""
    if share.reason is not None:
        return SMALL_BASE_TEXT
    return "—" if share.shown is None else f"{share.shown}%"
