"""Themes of recommendations, declared as data, and their count across a period.

content/annual/recommendation-themes.yaml declares the themes the Inspectorate
counts recommendations by (`themes:` a list of `id` and `label`); an inspection tags
each recommendation group, or single recommendation, with `theme:` in its
recommendations part. This module reads the declaration (one reader), checks the
tags of the inspections an annual report covers against it, and counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import Field

from yjsreport.annual.folders import ANNUAL_FOLDER
from yjsreport.content.schema import Id, RecommendationsPart, Text, _Strict
from yjsreport.content.validation import validate
from yjsreport.content.yamlsource import YamlProblem, read_yaml
from yjsreport.errors import ContentError, Problem, ProblemLog
from yjsreport.project import Report

THEMES_FILE = "recommendation-themes.yaml"


class _Theme(_Strict):
    id: Id
    label: Text


class _ThemesFile(_Strict):
    themes: list[_Theme] = Field(min_length=1)


@dataclass(frozen=True)
class Theme:
    id: str
    label: str


@dataclass(frozen=True)
class ThemeCount:
    theme: Theme
    recommendations: int
    inspections: int  # inspections with at least one recommendation of the theme


@dataclass(frozen=True)
class Tagged:
    """One recommendation of one inspection, with its theme (None: untagged) and where
    the theme is written, for messages."""

    slug: str
    theme: str | None
    path: Path
    line: int | None
    column: int | None


def load_themes(content: Path) -> tuple[Theme, ...]:
    """The declared themes in their order; none where the file is absent."""
    path = content / ANNUAL_FOLDER / THEMES_FILE
    if not path.is_file():
        return ()
    try:
        doc = read_yaml(path)
    except YamlProblem as exc:
        raise ContentError([exc.problem]) from exc
    data, problems = validate(_ThemesFile, doc)
    log = ProblemLog()
    log.extend(problems)
    seen: set[str] = set()
    for i, theme in enumerate(data.themes if data else []):
        if theme.id in seen:
            line, col = doc.locate(("themes", i, "id"))
            log.add(path, f"theme {theme.id!r} is declared twice", line, col)
        seen.add(theme.id)
    log.raise_if_any()
    assert data is not None
    return tuple(Theme(t.id, t.label) for t in data.themes)


def tagged(reports: Iterable[Report]) -> list[Tagged]:
    """Every recommendation of the inspections, with its theme."""
    out = []
    for r in reports:
        part = r.inspection.single("recommendations")
        if part is None or not isinstance(part.meta, RecommendationsPart):
            continue
        for g, group in enumerate(part.meta.groups):
            for path, _, theme in group.entries():
                where = (
                    ("groups", g, *path[:2], "theme")
                    if path[-1] == "text"
                    else ("groups", g, "theme")
                )
                line, col = part.front.locate(where)
                out.append(Tagged(r.slug, theme, part.path, line, col))
    return out


def theme_problems(items: Sequence[Tagged], themes: Sequence[Theme]) -> list[Problem]:
    """A theme no declaration names, at the line that writes it (once per place)."""
    known = {t.id for t in themes}
    out: dict[tuple[Path, int | None, int | None], Problem] = {}
    for item in items:
        if item.theme is None or item.theme in known:
            continue
        expected = (
            f"one of {', '.join(sorted(known))}"
            if known
            else f"themes declared in content/{ANNUAL_FOLDER}/{THEMES_FILE}"
        )
        out[(item.path, item.line, item.column)] = Problem(
            item.path,
            f"theme: unknown theme {item.theme!r} of a recommendation; expected {expected}",
            item.line,
            item.column,
        )
    return list(out.values())


def theme_counts(
    items: Sequence[Tagged], themes: Sequence[Theme]
) -> tuple[tuple[ThemeCount, ...], int]:
    """Recommendations and inspections by theme, in the declared order (themes with none
    included), and how many recommendations carry no theme."""
    recommendations = Counter(i.theme for i in items)
    inspections = Counter(theme for theme, _ in {(i.theme, i.slug) for i in items})
    counts = tuple(ThemeCount(t, recommendations[t.id], inspections[t.id]) for t in themes)
    return counts, recommendations[None]
