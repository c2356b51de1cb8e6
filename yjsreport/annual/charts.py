"""Charts as SVG, drawn at build time with matplotlib.

matplotlib rather than hand-written SVG: axes, legends, hatching and text layout
are its job, and it writes reproducible SVG when asked (a fixed hash salt for
ids, no date in the metadata). Text stays text (`svg.fonttype: none`), so a reader
can select, search and copy it in the PDF and a browser; it is laid out with the
metrics of matplotlib's bundled DejaVu Sans, so no machine's fonts change a byte,
and the PDF sets it in the same face (print.css's fonts). Charts are drawn at the
printed column's width and laid out inside it (legends below the plot, long row
labels wrapped), so every text, 9.5pt or more, prints at its own size. Meaning
never rests on colour: each rating has a grey of its own lightness, a hatch pattern
and its count written on the bar; lines differ in marker shape and dash. Charts
scale without loss, so they stay sharp at 400% zoom, and every chart's data is also
given as a table.
"""

from __future__ import annotations

import io
import itertools
import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING, Any

from yjsreport.annual.aggregates import RATING_ORDER, StageSeries
from yjsreport.render.wording import join_and
from yjsreport.rules.ratings import Rating

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from yjsreport.render.derived_cache import DerivedCache

STYLE: dict[Any, Any] = {
    "svg.hashsalt": "yjsreport",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 11,
    "legend.fontsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "hatch.linewidth": 0.8,
}
# Grey levels far enough apart to tell apart in greyscale, with a hatch each.
FILL: dict[Rating, tuple[str, str, str]] = {  # face, hatch, text colour
    Rating.OUTSTANDING: ("#1f1f1f", "", "white"),
    Rating.GOOD: ("#6b6b6b", "//", "white"),
    Rating.REQUIRES_IMPROVEMENT: ("#c4c4c4", "..", "black"),
    Rating.INADEQUATE: ("#ffffff", "xx", "black"),
    Rating.NOT_RATED: ("#ededed", "", "black"),
}
ASPECT_MARKERS = {
    "desistance": "o",
    "child-safety": "s",
    "others-safety": "^",
    "joint-working": "D",
}
ASPECT_LABELS = {
    "desistance": "desistance",
    "child-safety": "keeping the child safe",
    "others-safety": "keeping other people safe",
    "joint-working": "joint working",
}
# Charts are drawn at the printed column's width (174mm) and laid out inside it, so
# they print at their own size: text drawn at 9.5pt prints at 9.5pt.
WIDTH = 6.8  # inches
BESIDE_WIDTH = 3.9  # inches (99mm): a chart with its table printed beside it
# A chart beside its table is drawn shorter than a full-width one, so that two such
# pairs and the heading above them share a page: at 3.8 inches each pair took just over
# half of one, and a trend exhibit left a page half blank under its first pair.
BESIDE_HEIGHT = 3.2  # inches
LABEL_WIDTH = 26  # characters of a row label on one line; longer ones wrap
DODGE = 0.06  # the sideways step between lines of a year, in years


@dataclass(frozen=True)
class Chart:
    """An SVG chart with its caption (`title`, printed outside the drawing, never
    inside it too) and its text alternative.

    Drawn when its SVG is first asked for, and then only once per process for the
    same data (`key`): the web page, the PDF and the privacy checks of one build all
    show the same charts, and drawing takes most of an annual report's build."""

    name: str
    title: str
    alt: str
    key: str  # what the drawing is made from: the drawing function and its data
    draw: Callable[[], str] = field(compare=False, repr=False)

    @property
    def svg(self) -> str:
        drawn = _DRAWN.get(self.key)
        if drawn is not None and _KEPT[0] is not None:
            _KEPT[0].keep(self.key.encode())  # still used: not pruned
        if drawn is None:
            kept = _KEPT[0].get(self.key.encode()) if _KEPT[0] is not None else None
            if kept is not None:
                drawn = kept.decode("utf-8")
            else:
                drawn = self.draw()
                DRAWINGS.append(self.key)
                if _KEPT[0] is not None:
                    _KEPT[0].put(self.key.encode(), drawn.encode("utf-8"))
            _DRAWN[self.key] = drawn
            while len(_DRAWN) > _KEEP:
                _DRAWN.pop(next(iter(_DRAWN)))
        return drawn


# Charts drawn in this process, by data; a few builds' worth is kept (the preview
# rebuilds after every save). DRAWINGS records each drawing made, for tests and
# benchmarks to count.
_DRAWN: dict[str, str] = {}
_KEEP = 256
DRAWINGS: list[str] = []


# Drawings kept between builds (annual/drawing_cache.py), where a build uses the cache.
_KEPT: list[DerivedCache | None] = [None]


def forget() -> None:
    """Drop every drawing kept, in this process and from the build cache's use, so the
    next request for each chart draws it."""
    _DRAWN.clear()
    _KEPT[0] = None


def keep_drawings(cache: DerivedCache | None) -> None:
    """Take drawings from, and keep new ones in, this cache (None: draw every chart)."""
    _KEPT[0] = cache


def kept_drawings() -> DerivedCache | None:
    return _KEPT[0]


def _chart(
    name: str,
    title: str,
    alt: str,
    draw: Callable[..., str],
    args: tuple[Any, ...],
    kwargs: Mapping[str, Any],
) -> Chart:
    """A chart whose drawing is keyed by its data: the same data is drawn once."""
    key = repr((draw.__name__, args, sorted(kwargs.items()), STYLE))
    return Chart(name, title, alt, key, lambda: draw(*args, **kwargs))


def _pyplot() -> ModuleType:
    """matplotlib, loaded when the first chart is drawn: loading it takes 0.3 s that
    checking an annual report's content need not pay."""
    import matplotlib

    matplotlib.use("svg")
    import matplotlib.pyplot

    return matplotlib.pyplot


def _patch(**kw: Any) -> Any:
    from matplotlib.patches import Patch

    return Patch(**kw)


def _wrapped(label: str) -> str:
    """A row label over lines of LABEL_WIDTH characters, so it leaves the bars room."""
    return "\n".join(textwrap.wrap(label, LABEL_WIDTH)) or label


def _measure(axis: str) -> str:
    """An axis title as words: 'Relevant cases judged sufficient (%)' is the share of
    relevant cases judged sufficient; 'Number of cases' the number of cases."""
    words = axis[0].lower() + axis[1:]
    if words.endswith(" (%)"):
        return f"the share of {words.removesuffix(' (%)')}"
    return f"the {words}"


def _shown(rows: Sequence[tuple[str, Mapping[Rating, int]]]) -> list[Rating]:
    """The ratings any row has, in order: the others have no bar and no key."""
    return [r for r in RATING_ORDER if any(dist.get(r, 0) for _, dist in rows)]


def _line_label(column: Any, labels: Mapping[str, str]) -> str:
    return (
        f"{labels.get(column.sample, column.sample)}: "
        f"{ASPECT_LABELS.get(column.aspect, column.aspect)} ({column.id})"
    )


def _lines_alt(stage: str, series: Sequence[StageSeries], labels: Mapping[str, str]) -> str:
    """What a key-question chart shows: its measure, years and lines."""
    years = sorted({label for s in series for label, _ in s.years})
    lines = list(dict.fromkeys(_line_label(c, labels) for s in series for c in s.columns))
    return (
        f"Line chart of the share of {stage[0].lower() + stage[1:]} cases judged "
        f"sufficient, from 0 to 100 per cent, by reporting year from {years[0]} to "
        f"{years[-1]}, a line for each of: {join_and(lines)}"
        + ("; the frameworks' lines are not joined across the change." if len(series) > 1 else ".")
    )


def _legend(fig: Figure, **options: Any) -> None:
    """The key below the plot, inside the figure (constrained layout makes room)."""
    fig.legend(loc="outside lower center", frameon=False, **options)


def _svg(fig: Figure) -> str:
    out = io.StringIO()
    fig.savefig(out, format="svg", metadata={"Date": None})
    _pyplot().close(fig)
    return out.getvalue()


def rating_bars(
    name: str, title: str, rows: Sequence[tuple[str, Mapping[Rating, int]]], what: str
) -> Chart:
    """Horizontal stacked bars, one per row, each split by rating."""
    return _chart(
        name,
        title,
        f"Bar chart of the number of {what} given each rating "
        f"({join_and([r.value for r in _shown(rows)])}), a bar for each of: "
        f"{join_and([label for label, _ in rows])}.",
        _draw_rating_bars,
        (rows, what),
        {},
    )


def _draw_rating_bars(rows: Sequence[tuple[str, Mapping[Rating, int]]], what: str) -> str:
    plt = _pyplot()
    with plt.rc_context(STYLE):
        height = 1.2 + 0.45 * len(rows)
        fig, ax = plt.subplots(figsize=(WIDTH, height), layout="constrained")
        labels = [label for label, _ in rows]
        y = list(range(len(rows)))[::-1]
        left = [0] * len(rows)
        shown = _shown(rows)
        for rating in shown:
            face, hatch, text = FILL[rating]
            widths = [dist.get(rating, 0) for _, dist in rows]
            bars = ax.barh(
                y, widths, left=left, color=face, hatch=hatch, edgecolor="black", linewidth=0.6
            )
            for bar, width in zip(bars, widths, strict=True):
                if width:
                    ax.text(
                        bar.get_x() + width / 2,
                        bar.get_y() + bar.get_height() / 2,
                        str(width),
                        ha="center",
                        va="center",
                        color=text,
                        fontweight="bold",
                        bbox={"facecolor": face, "edgecolor": "none", "pad": 1.2},
                    )
            left = [a + b for a, b in zip(left, widths, strict=True)]
        for row_y, total in zip(y, left, strict=True):
            if not total:  # no bar to see: the row says 0 rather than look left out
                ax.text(0, row_y, " 0", va="center", ha="left", fontweight="bold")
        ax.set_yticks(y, [_wrapped(label) for label in labels])
        from matplotlib.ticker import MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # counts: whole numbers
        ax.set_xlabel(f"Number of {what}")
        _legend(
            fig,
            handles=[
                _patch(facecolor=FILL[r][0], hatch=FILL[r][1], edgecolor="black", label=r.value)
                for r in shown
            ],
            ncol=min(len(shown), 3),
        )
        return _svg(fig)


def key_question_lines(
    name: str,
    title: str,
    stage: str,
    series: Sequence[StageSeries],
    labels: Mapping[str, str],
) -> Chart:
    """Share of cases judged sufficient by year, a line per key question; each
    framework version is its own line, never joined to the other. `labels` names each
    sample's lines as the framework files do; the first sample's lines are solid."""
    return _chart(
        name,
        title,
        _lines_alt(stage, series, labels),
        _draw_key_question_lines,
        (stage, series, dict(labels)),
        {},
    )


def _draw_key_question_lines(
    stage: str, series: Sequence[StageSeries], labels: Mapping[str, str]
) -> str:
    plt = _pyplot()
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(WIDTH, 3.8), layout="constrained")
        years = sorted({label for s in series for label, _ in s.years})
        x_of = {label: i for i, label in enumerate(years)}
        labelled: set[tuple[str, ...]] = set()
        for before, after in itertools.pairwise(series):
            change = (x_of[before.years[-1][0]] + x_of[after.years[0][0]]) / 2
            if after.years[0][0] == before.years[-1][0]:
                change = x_of[after.years[0][0]]
            ax.axvline(change, color="black", linestyle=":", linewidth=1)
            ax.text(change, 3, f" {after.framework} framework from here", fontsize=9.5, va="bottom")
        for s in series:
            for c_index, column in enumerate(s.columns):
                # Each line sits a little to the side of the others, so that one with
                # the same share in a year never hides another's marker.
                dodge = (c_index - (len(s.columns) - 1) / 2) * DODGE
                xs, ys = [], []
                for label, shares in s.years:
                    pct = shares[c_index].percent
                    if pct is not None:
                        xs.append(x_of[label] + dodge)
                        ys.append(pct)
                court = column.sample == next(iter(labels), None)
                key = (column.sample, column.aspect, column.id[-1])
                marker = ASPECT_MARKERS.get(column.aspect, "o")
                if any(
                    (c.sample, c.aspect) == (column.sample, column.aspect)
                    for c in s.columns[:c_index]
                ):
                    marker = "v"  # a second key question of the aspect: tell them apart
                ax.plot(
                    xs,
                    ys,
                    linestyle="-" if court else "--",
                    marker=marker,
                    markersize=7,
                    color="black" if court else "#555555",
                    markerfacecolor="black" if court else "white",
                    label=None
                    if key in labelled
                    else f"{labels.get(column.sample, column.sample)}: "
                    f"{ASPECT_LABELS.get(column.aspect, column.aspect)}"
                    + (f" ({column.id})" if column.aspect == "joint-working" else ""),
                )
                labelled.add(key)
        return _finish_shares_by_year(fig, ax, years)


def _finish_shares_by_year(fig: Figure, ax: Any, years: Sequence[str], narrow: bool = False) -> str:
    """The axes every chart of shares judged sufficient by year shares, and its key; a
    narrow chart slants its years and sets its key in one column, so that no word is
    drawn over another at 9.5pt."""
    ax.set_xticks(range(len(years)), years)
    if narrow:
        ax.tick_params(axis="x", labelrotation=40)
        for label in ax.get_xticklabels():
            label.set_horizontalalignment("right")
            label.set_rotation_mode("anchor")
    ax.set_ylim(0, 100)
    ax.set_ylabel("Cases judged sufficient (%)")
    ax.set_xlabel("Reporting year")
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    _legend(fig, ncol=1 if narrow else 2)
    return _svg(fig)


def trend_lines(
    name: str,
    title: str,
    years: Sequence[tuple[str, str]],
    lines: Sequence[tuple[str, str, Sequence[int | None]]],
    width: float = WIDTH,
) -> Chart:
    """Share judged sufficient by year, a line per key question (label, aspect, one
    value a year); `years` are (label, framework), and a dotted rule marks where the
    framework of the figures changes, as each year's figures say. `width` (inches) is
    narrower than the column where the chart's table is printed beside it."""
    return _chart(
        name,
        title,
        _trend_alt(years, lines),
        _draw_trend_lines,
        (tuple(years), tuple((a, b, tuple(v)) for a, b, v in lines), width),
        {},
    )


def _trend_alt(
    years: Sequence[tuple[str, str]], lines: Sequence[tuple[str, str, Sequence[int | None]]]
) -> str:
    """What a trend chart shows: its measure, years and lines (never its caption)."""
    changes = len({framework for _, framework in years}) > 1
    return (
        "Line chart of the share of cases judged sufficient, from 0 to 100 per cent, by "
        f"reporting year from {years[0][0]} to {years[-1][0]}, a line for each of: "
        f"{join_and([label for label, _, _ in lines])}"
        + ("; a line is not joined across the change of framework." if changes else ".")
    )


def _draw_trend_lines(
    years: Sequence[tuple[str, str]],
    lines: Sequence[tuple[str, str, Sequence[int | None]]],
    width: float,
) -> str:
    plt = _pyplot()
    with plt.rc_context(STYLE):
        height = BESIDE_HEIGHT if width < WIDTH else 3.8
        fig, ax = plt.subplots(figsize=(width, height), layout="constrained")
        for i, ((_, before), (_, after)) in enumerate(itertools.pairwise(years)):
            if before != after:
                ax.axvline(i + 0.5, color="black", linestyle=":", linewidth=1)
                ax.text(i + 0.5, 3, f" {after} framework from here", fontsize=9.5, va="bottom")
        for label, aspect, values in lines:
            # a line is never joined across a change of framework
            runs: list[list[tuple[int, int]]] = []
            for x, v in enumerate(values):
                if not runs or years[x][1] != years[x - 1][1]:
                    runs.append([])
                if v is not None:
                    runs[-1].append((x, v))
            for i, points in enumerate(r for r in runs if r):
                ax.plot(
                    [x for x, _ in points],
                    [v for _, v in points],
                    marker=ASPECT_MARKERS.get(aspect, "o"),
                    markersize=7,
                    color="black",
                    label=label if i == 0 else None,
                )
        narrow = width < WIDTH
        return _finish_shares_by_year(fig, ax, [label for label, _ in years], narrow=narrow)


def score_pairs(name: str, title: str, rows: Sequence[tuple[str, int, int, int, int]]) -> Chart:
    """Each reinspected service's overall score at its first inspection and at its
    reinspection, as published: (service, first score, its maximum, reinspection
    score, its maximum); each bar is labelled 'n out of m', as maxima may differ."""
    return _chart(
        name,
        title,
        "Bar chart of the overall score at the first inspection and at reinspection, each "
        f"out of its own maximum, of {join_and([r[0] for r in rows])}.",
        _draw_score_pairs,
        (rows,),
        {},
    )


def _draw_score_pairs(rows: Sequence[tuple[str, int, int, int, int]]) -> str:
    plt = _pyplot()
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(WIDTH, 1.4 + 0.8 * len(rows)), layout="constrained")
        for i, (_label, earlier, earlier_max, later, later_max) in enumerate(rows):
            y = len(rows) - 1 - i
            for offset, value, maximum, face, hatch, which in (
                (0.18, earlier, earlier_max, "#c4c4c4", "..", "First inspection"),
                (-0.18, later, later_max, "#1f1f1f", "", "Reinspection"),
            ):
                ax.barh(
                    y + offset,
                    value,
                    height=0.34,
                    color=face,
                    hatch=hatch,
                    edgecolor="black",
                    label=which if i == 0 else None,
                )
                ax.text(value + 0.3, y + offset, f"{value} out of {maximum}", va="center")
        ax.set_yticks(range(len(rows)), [_wrapped(r[0]) for r in rows][::-1])
        ax.set_xlim(0, max(max(r[2], r[4]) for r in rows) + 8)
        ax.set_xlabel("Overall score")
        _legend(fig, ncol=2)
        return _svg(fig)


# Greys with a hatch each for the parts of a whole that are not ratings (levels).
PARTS: tuple[tuple[str, str, str], ...] = (  # face, hatch, text colour
    ("#ffffff", "xx", "black"),
    ("#c4c4c4", "..", "black"),
    ("#6b6b6b", "//", "white"),
    ("#1f1f1f", "", "white"),
)


def part_bars(
    name: str,
    title: str,
    parts: Sequence[str],
    rows: Sequence[tuple[str, Sequence[float]]],
    what: str,
    *,
    axis: str | None = None,
    row_height: float = 0.5,
) -> Chart:
    """Horizontal bars, one per row, each split into parts (e.g. levels), shown as
    shares of the row with the share written on each part; only rows whose every
    count may be published are given (the caller leaves the others out). `axis` titles
    the axis where 'Share of <what> (%)' would not; `row_height` (inches) is less
    where many rows must stay on one printed page with their table."""
    return _chart(
        name,
        title,
        f"Bar chart of the share of {what} at each level ({join_and(list(parts))}), "
        f"a bar for each of: {join_and([label for label, _ in rows])}.",
        _draw_part_bars,
        (parts, rows, what),
        {"axis": axis, "row_height": row_height} if axis else {},
    )


def _draw_part_bars(
    parts: Sequence[str],
    rows: Sequence[tuple[str, Sequence[float]]],
    what: str,
    *,
    axis: str | None = None,
    row_height: float = 0.5,
) -> str:
    plt = _pyplot()
    with plt.rc_context(STYLE):
        height = 1.4 + row_height * len(rows)
        fig, ax = plt.subplots(figsize=(WIDTH, height), layout="constrained")
        y = list(range(len(rows)))[::-1]
        totals = [sum(counts) or 1 for _, counts in rows]
        left = [0.0] * len(rows)
        for index in range(len(parts)):
            face, hatch, text = PARTS[index % len(PARTS)]
            widths = [100 * counts[index] / t for (_, counts), t in zip(rows, totals, strict=True)]
            bars = ax.barh(
                y, widths, left=left, color=face, hatch=hatch, edgecolor="black", linewidth=0.6
            )
            for bar, width in zip(bars, widths, strict=True):
                if width >= 6:  # a narrower part is too small to label; the table has it
                    ax.text(
                        bar.get_x() + width / 2,
                        bar.get_y() + bar.get_height() / 2,
                        f"{round(width)}%",
                        ha="center",
                        va="center",
                        color=text,
                        fontweight="bold",
                        bbox={"facecolor": face, "edgecolor": "none", "pad": 1.2},
                    )
            left = [a + b for a, b in zip(left, widths, strict=True)]
        for row_y, (_, counts) in zip(y, rows, strict=True):
            if not sum(counts):  # no cases: the row says so rather than look left out
                ax.text(0, row_y, " 0 cases", va="center", ha="left", fontweight="bold")
        ax.set_yticks(y, [_wrapped(label) for label, _ in rows])
        ax.set_xlim(0, 100)
        ax.set_xlabel(axis or f"Share of {what} (%)")
        _legend(
            fig,
            handles=[
                _patch(
                    facecolor=PARTS[i % len(PARTS)][0],
                    hatch=PARTS[i % len(PARTS)][1],
                    edgecolor="black",
                    label=part,
                )
                for i, part in enumerate(parts)
            ],
            ncol=2,
        )
        return _svg(fig)


def grouped_bars(
    name: str,
    title: str,
    groups: Sequence[str],
    rows: Sequence[tuple[str, Sequence[tuple[float | None, str]]]],
    axis: str,
    *,
    limit: float | None = 100,
) -> Chart:
    """Horizontal bars, a cluster per row and a bar per group, each labelled with its
    published text. A value of None draws no bar and writes why (e.g. 'withheld'),
    so a hidden figure is never shown by a bar's length."""
    return _chart(
        name,
        title,
        f"Bar chart of {_measure(axis)}, {join_and(list(groups))} side by "
        f"side, for each of: {join_and([label for label, _ in rows])}.",
        _draw_grouped_bars,
        (groups, rows, axis),
        {"limit": limit},
    )


def _draw_grouped_bars(
    groups: Sequence[str],
    rows: Sequence[tuple[str, Sequence[tuple[float | None, str]]]],
    axis: str,
    *,
    limit: float | None = 100,
) -> str:
    plt = _pyplot()
    with plt.rc_context(STYLE):
        n = len(groups)
        step = n + 0.6
        height = 1.6 + 0.21 * step * len(rows)  # a dozen rows still fit a printed page
        fig, ax = plt.subplots(figsize=(WIDTH, height), layout="constrained")
        top = max([v for _, cells in rows for v, _ in cells if v is not None] + [limit or 1])
        for g_index, group in enumerate(groups):
            face, hatch, _ = PARTS[(3 - 2 * g_index) % len(PARTS)]
            ys, widths, texts = [], [], []
            for r_index, (_label, cells) in enumerate(rows):
                value, text = cells[g_index]
                ys.append((len(rows) - 1 - r_index) * step + (n - 1 - g_index) + 0.5)
                widths.append(value or 0)
                texts.append(text)
            ax.barh(
                ys,
                widths,
                height=0.85,
                color=face,
                hatch=hatch,
                edgecolor="black",
                linewidth=0.6,
                label=group,
            )
            for yy, width, text in zip(ys, widths, texts, strict=True):
                ax.text(width + top * 0.01, yy, text, va="center", fontsize=9.5)
        centres = [(len(rows) - 1 - i) * step + n / 2 for i in range(len(rows))]
        ax.set_yticks(centres, [_wrapped(label) for label, _ in rows])
        ax.set_ylim(-0.3, len(rows) * step - 0.3)
        ax.set_xlim(0, top * 1.3)  # room for the labels after the bars
        if limit is not None:
            ax.set_xticks(range(0, int(limit) + 1, 20))
        ax.set_xlabel(axis)
        _legend(fig, ncol=min(n, 3))
        return _svg(fig)


# A line's look, one for each line in turn: marker shapes and dashes, never colour alone.
LINE_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
LINE_DASHES = ("-", "--", ":", "-.")


def value_lines(
    name: str,
    title: str,
    alt: str,
    steps: Sequence[str],
    lines: Sequence[tuple[str, Sequence[float]]],
    axis: str,
    *,
    percent: bool = False,
) -> Chart:
    """A line for each series across steps in order (years), each with its own marker
    and dash; shares (`percent`) run from 0 to 100, other figures from 0."""
    return _chart(
        name,
        title,
        alt,
        _draw_value_lines,
        (tuple(steps), tuple((label, tuple(v)) for label, v in lines), axis),
        {"percent": percent},
    )


def _draw_value_lines(
    steps: Sequence[str],
    lines: Sequence[tuple[str, Sequence[float]]],
    axis: str,
    *,
    percent: bool = False,
) -> str:
    plt = _pyplot()
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(WIDTH, 3.8), layout="constrained")
        for i, (label, values) in enumerate(lines):
            ax.plot(
                range(len(values)),
                values,
                marker=LINE_MARKERS[i % len(LINE_MARKERS)],
                linestyle=LINE_DASHES[i // len(LINE_MARKERS) % len(LINE_DASHES)]
                if len(lines) > len(LINE_MARKERS)
                else LINE_DASHES[i % len(LINE_DASHES)],
                markersize=7,
                color="black" if i % 2 == 0 else "#555555",
                markerfacecolor="black" if i % 2 == 0 else "white",
                label=label,
            )
        ax.set_xticks(range(len(steps)), list(steps))
        if max(len(s) for s in steps) > 7 or len(steps) > 12:  # long labels: slanted
            ax.tick_params(axis="x", labelrotation=40)
            for tick in ax.get_xticklabels():
                tick.set_horizontalalignment("right")
                tick.set_rotation_mode("anchor")
        drawn = [v for _, values in lines for v in values]
        if percent and min(drawn) >= 0 and max(drawn) <= 100:
            ax.set_ylim(0, 100)
        else:  # from 0, or below it where a figure is
            ax.set_ylim(bottom=min(0, *drawn))
        ax.set_ylabel("\n".join(textwrap.wrap(axis, 30)))  # within the plot's height
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        _legend(fig, ncol=2 if len(lines) > 2 else len(lines))
        return _svg(fig)
