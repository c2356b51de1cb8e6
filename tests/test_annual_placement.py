"""A chapter places exhibits and images inside its prose: the body is split at the
placement lines, each problem is named with its file and line, and the page shows
the placed exhibit where the chapter puts it, the others after the prose."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from tests.conftest import ROOT, TEMPLATES
from yjsreport.annual.placement import PlacedExhibit, PlacedImage, Prose, split_parts
from yjsreport.annual.render import render_annual
from yjsreport.annual.site import load_annuals
from yjsreport.project import load_reports
from yjsreport.prose.numbers import count_in_words


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "steps.svg").write_text("<svg/>", encoding="utf-8")
    return tmp_path


def test_the_body_is_split_into_prose_and_placed_parts_keeping_their_lines(folder: Path) -> None:
    body = (
        "First paragraph.\n\n"
        "::: exhibit overall-by-year\n\n"
        "Second paragraph.\n\n"
        "::: image images/steps.svg\n"
        "alt: Three boxes joined by arrows.\n"
        "caption: The steps\n"
        ":::\n"
        "Last paragraph."
    )
    parts, problems = split_parts(body, 5, folder / "c.md", folder)
    assert problems == []
    assert parts == [
        Prose("First paragraph.\n", 5),
        PlacedExhibit("overall-by-year", 7, 13),
        Prose("\nSecond paragraph.\n", 8),
        PlacedImage("images/steps.svg", "Three boxes joined by arrows.", "The steps", 11),
        Prose("Last paragraph.", 15),
    ]


def test_a_body_without_placements_is_one_prose_part(folder: Path) -> None:
    parts, problems = split_parts("Only prose.\n", 4, folder / "c.md", folder)
    assert (parts, problems) == ([Prose("Only prose.\n", 4)], [])


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            ["::: image images/steps.svg", "caption: The steps", ":::"],
            "c.md:3: ::: image images/steps.svg: missing alt: the text alternative",
        ),
        (
            ["::: image images/steps.svg", "alt: Boxes.", ":::"],
            "c.md:3: ::: image images/steps.svg: missing caption",
        ),
        (
            ["::: image images/gone.svg", "alt: Boxes.", "caption: The steps", ":::"],
            "c.md:3: ::: image images/gone.svg: no such file",
        ),
        (
            ["::: image ../secret.svg", "alt: Boxes.", "caption: The steps", ":::"],
            "c.md:3: ::: image: expected a file in",
        ),
        (
            ["::: chart x"],
            "c.md:3: ::: chart: expected '::: exhibit', '::: image', '::: map', '::: quote'",
        ),
        (
            ["::: map images/steps.svg", "alt: Dots for each service.", "caption: Map", ":::"],
            "c.md:3: ::: map images/steps.svg: remove 'alt:': a map of the services takes its "
            "text alternative from the ratings",
        ),
        (
            ["::: map images/steps.svg", ":::"],
            "c.md:3: ::: map images/steps.svg: missing caption",
        ),
        (
            ["::: map gone.yaml", "caption: Map", ":::"],
            "c.md:3: ::: map gone.yaml: no such file",
        ),
        (
            ["::: map images/steps.svg", "caption: Map", ":::"],
            "c.md:3: ::: map images/steps.svg: expected the map's YAML file (its base drawing "
            "and each service's position on it), so that its markers are drawn from the ratings",
        ),
    ],
)
def test_a_bad_placement_is_named_with_its_file_and_line(
    folder: Path, lines: list[str], expected: str
) -> None:
    body = "Prose.\n\n" + "\n".join(lines) + "\n\nMore prose."
    parts, problems = split_parts(body, 1, folder / "c.md", folder)
    shown = [f"{p.path.name}:{p.line}: {p.message}" for p in problems]
    assert any(s.startswith(expected) for s in shown), shown
    assert not any(isinstance(p, PlacedImage | PlacedExhibit) for p in parts)


def test_the_example_places_an_exhibit_and_an_image_inside_its_prose() -> None:
    content = ROOT / "examples" / "annual" / "content"
    annual = load_annuals(content, load_reports(content), drafts=False)[0]
    page = lxml.html.fromstring(render_annual(annual, TEMPLATES))
    overview = page.xpath("//section[@aria-labelledby='overview']")[0]
    order = [
        e.get("aria-labelledby") or e.get("class") or e.text_content()[:20]
        for e in overview.xpath("./p | ./section")
    ]
    placed = order.index("exhibit-trend-overall")
    signed = order.index("signed-by")  # after the chapter's last paragraph, before the
    assert placed < signed  # exhibits named in the front-matter only
    assert not any(e.startswith("exhibit-") for e in order[placed + 1 : signed])
    assert order[-1] == "exhibit-ratings-matrix"  # named in the front-matter only: after
    (image,) = page.xpath("//figure[img/@src='images/out-of-court-process.svg']")
    assert image.xpath("./img")[0].get("alt").startswith("Four steps")
    assert image.getprevious().tag == "p" and image.getnext().tag == "p"  # inside the prose
    figures = [f.text_content().split(":")[0] for f in page.xpath("//figcaption")]
    assert figures == [f"Figure {n}" for n in range(1, len(figures) + 1)]


def test_a_quotation_or_practice_example_stays_in_the_prose(tmp_path: Path) -> None:
    """The report's own blocks of prose are not placements: they are left to the
    Markdown renderer, closing ':::' and all."""
    body = (
        "Prose.\n\n::: quote a child\nThey listened.\n:::\n\n"
        "::: practice Joint panels\nThe panel met weekly.\n:::\n\n::: exhibit a\n\nMore."
    )
    parts, problems = split_parts(body, 1, tmp_path / "c.md", tmp_path)
    assert not problems
    assert isinstance(parts[0], Prose) and "::: quote a child" in parts[0].text
    assert "::: practice Joint panels" in parts[0].text and parts[0].text.count(":::") == 4
    assert parts[1] == PlacedExhibit("a", 11, 13)


def test_a_map_of_the_services_takes_its_text_alternative_from_the_ratings() -> None:
    """The example's map: its alt text lists every service of the period once, under
    its overall rating, as the ratings say, and the caption is the author's."""
    content = ROOT / "examples" / "annual" / "content"
    annual = load_annuals(content, load_reports(content), drafts=False)[0]
    f = annual.figures
    page = lxml.html.fromstring(render_annual(annual, TEMPLATES))
    (figure,) = page.xpath("//figure[img/@src='charts/services-map.svg']")
    assert "each marked by its overall rating" in figure.xpath("./figcaption")[0].text_content()
    alt = figure.xpath("./img")[0].get("alt")
    assert alt.startswith(f"A map of the {count_in_words(len(f.services))} services inspected")
    groups = dict(re.findall(r"Rated ‘([^’]+)’ \((\w[\w-]*)\): ", alt))
    assert groups == {rating.value: count_in_words(n) for rating, n in f.overall.items() if n}
    for result in f.services:
        shown = re.search(rf"Rated ‘([^’]+)’ \([^)]*\): [^.]*\b{result.meta.short_name}\b", alt)
        assert shown is not None and shown[1] == result.overall.value, result.slug
