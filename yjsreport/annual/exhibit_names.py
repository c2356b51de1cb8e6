"""The exhibits a chapter names, read against the registry and the framework.

A chapter names an exhibit by its id (`ratings-matrix`), and an exhibit made for
one domain or one sample of the annual report's framework with that domain's or
sample's id after a colon (`distribution:2`, `trend-key-questions:court`), the
same in the front-matter's `exhibits:` list and on a `::: exhibit` line. Which
domains and samples there are is the framework file's to say, so a name is
checked here, where the framework is known, and each problem is given at the
name's own line and column.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from yjsreport.annual.exhibits.parts import Exhibit, ExhibitSpec
from yjsreport.annual.exhibits.registry import REGISTRY
from yjsreport.annual.placement import PlacedExhibit
from yjsreport.errors import Problem
from yjsreport.framework.model import Framework

if TYPE_CHECKING:
    from yjsreport.annual.content import AnnualSource, Chapter
    from yjsreport.annual.model import AnnualFigures


@dataclass(frozen=True)
class ExhibitName:
    """An exhibit as a chapter names it: the registry's id, and the domain or sample
    it is made for."""

    id: str
    param: str | None = None


def parse(text: str) -> ExhibitName:
    exhibit, colon, param = text.partition(":")
    return ExhibitName(exhibit, param if colon else None)


def spec_for(text: str) -> ExhibitSpec:
    """The registry's entry for a name the check has accepted, made for its domain or
    sample."""
    name = parse(text)
    return REGISTRY[name.id].of(name.param)


def build(text: str, figures: AnnualFigures) -> Exhibit:
    return spec_for(text)(figures)


def choices(spec: ExhibitSpec, framework: Framework) -> list[tuple[str, str]]:
    """Each domain or sample the exhibit may be made for, with the framework's words for
    it (a domain's id and title, a rated sample's id and label), in the file's order."""
    if spec.takes == "domain":
        return [(d.id, d.title) for d in framework.domains]
    if spec.takes == "sample":
        return [
            (s, kind.label if (kind := framework.sample_kind(s)) else s)
            for s in framework.case_samples
        ]
    return []


def every_name(framework: Framework) -> list[str]:
    """Every exhibit a chapter may name under the framework, in the registry's order:
    each made for a domain or sample once for each of the framework's."""
    return [
        name
        for spec in REGISTRY.values()
        for name in (
            [spec.id]
            if spec.takes is None
            else [
                *([spec.id] if spec.optional else []),
                *(f"{spec.id}:{c}" for c, _ in choices(spec, framework)),
            ]
        )
    ]


def _listed(spec: ExhibitSpec, framework: Framework) -> str:
    return ", ".join(f"{spec.id}:{i} ({words})" for i, words in choices(spec, framework))


def _retired(text: str, framework: Framework) -> str | None:
    """What to write for an id of the exhibits made for one domain or sample that named
    it in the id itself (`distribution-court`, `trend-key-questions-out-of-court`): the
    domain that inspects that sample, or whose title begins with the word."""
    for spec in REGISTRY.values():
        if spec.takes is None or not text.startswith(f"{spec.id}-"):
            continue
        word = text.removeprefix(f"{spec.id}-")
        if spec.takes == "sample":
            found = [s for s, _ in choices(spec, framework) if s == word]
        else:
            found = [
                d.id
                for d in framework.domains
                if d.sample == word or d.title.lower().split(" ")[0] == word
            ]
        kind = spec.takes
        if len(found) == 1:
            return (
                f"{text!r} is no longer an exhibit: write {spec.id}:{found[0]}, naming the "
                f"{kind} by its id in framework {framework.id}'s file"
            )
        return (
            f"{text!r} is no longer an exhibit: name the {kind} after a colon, as its id in "
            f"framework {framework.id}'s file; expected one of {_listed(spec, framework)}"
        )
    return None


def syntax_problem(text: object) -> str | None:
    """A name written as YAML's mapping (`distribution: 2`, with a space) or as more than
    one word, in words; the check of its meaning needs the framework (`problem`)."""
    if isinstance(text, dict) and len(text) == 1:
        ((key, value),) = text.items()
        return f"expected the exhibit as one word, {key}:{value}, with no space after the colon"
    if not isinstance(text, str) or not text or any(ch.isspace() for ch in text):
        return f"expected an exhibit's id, such as ratings-matrix or distribution:1; got {text!r}"
    return None


def problem(text: str, framework: Framework) -> str | None:
    """What is wrong with one name a chapter gives, in words; None where it names an
    exhibit the registry has, made for a domain or sample the framework has."""
    if (wrong := syntax_problem(text)) is not None:
        return wrong
    name = parse(text)
    spec = REGISTRY.get(name.id)
    if spec is None:
        return _retired(text, framework) or f"expected one of {_ids()}; got {text!r}"
    if spec.takes is None:
        if name.param is not None:
            return f"{spec.id} is made for no one domain or sample: write {spec.id} alone"
        return None
    if name.param is None:
        if spec.optional:
            return None
        return (
            f"{spec.id} is made for one {spec.takes}: name it after a colon; expected one of "
            f"{_listed(spec, framework)}"
        )
    if name.param not in {i for i, _ in choices(spec, framework)}:
        rated = " whose cases are rated" if spec.takes == "sample" else ""
        return (
            f"{text}: framework {framework.id} has no {spec.takes}{rated} {name.param!r}; "
            f"expected one of {_listed(spec, framework)}"
        )
    return None


def _ids() -> str:
    """The registry's ids as a chapter writes them: 'distribution:<domain>', and both
    'trend-key-questions' and 'trend-key-questions:<sample>'."""
    return ", ".join(
        ", ".join(
            ([spec.id] if spec.takes is None or spec.optional else [])
            + ([f"{spec.id}:<{spec.takes}>"] if spec.takes else [])
        )
        for spec in REGISTRY.values()
    )


def _named(chapter: Chapter) -> Iterator[tuple[str, int | None, int | None]]:
    """Each name the chapter gives, with its line and column."""
    for i, text in enumerate(chapter.meta.exhibits):
        yield (text, *chapter.front.locate(("exhibits", i)))
    for part in chapter.parts:
        if isinstance(part, PlacedExhibit):
            yield part.id, part.line, part.column


def exhibit_problems(source: AnnualSource, framework: Framework) -> list[Problem]:
    """Every exhibit name of the report's chapters that the registry or the framework
    does not have, at its line and column."""
    out = []
    for chapter in source.chapters:
        for text, line, column in _named(chapter):
            found = problem(text, framework)
            if found is not None:
                out.append(Problem(chapter.path, f"exhibits: {found}", line, column))
    return out
