"""Standards and questions across framework versions, matched by what they mean.

An id is not a meaning: the 2018 framework's 3.4 judges joint working with the
police, the 2021 framework's 3.4 out-of-court disposal policy and provision. Each
framework file declares the `meaning` of its standards and key questions; items of
two versions with the same meaning are counted together in the annual report, and
every other item is counted apart, under its own framework's id marked with the
framework's version. Pure functions of the framework files.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from yjsreport.framework.model import Framework


@dataclass(frozen=True)
class Matching:
    """Each (framework version, id) mapped to the key the annual figures count it under:
    the annual report's own framework's id where the meanings match (or where the item
    is the own framework's), else the id marked with its version ('3.4 (2018 framework)')."""

    own: str
    keys: dict[tuple[str, str], str] = field(default_factory=dict)
    # key -> (id, framework version it comes from), for labels
    origins: dict[str, tuple[str, str]] = field(default_factory=dict)

    def key(self, framework: str, item_id: str) -> str:
        return self.keys.get((framework, item_id), f"{item_id} ({framework} framework)")

    def id_in(self, framework: str, key: str) -> str | None:
        """The id the framework gives the item counted under `key`, if it has one."""
        return next(
            (item for (f, item), k in self.keys.items() if f == framework and k == key), None
        )

    def is_own(self, key: str) -> bool:
        return self.origins.get(key, ("", self.own))[1] == self.own

    def label(self, key: str) -> str:
        """The key as a reader sees it: the id, with its framework where not the own one."""
        item, version = self.origins.get(key, (key, self.own))
        return item if version == self.own else f"{item} ({version} framework)"

    def versions(self, keys: Iterable[str], present: Iterable[str]) -> tuple[str, ...]:
        """The framework versions among `present` that have an item under any of `keys`."""
        wanted = set(keys)
        have = set(present)
        return tuple(sorted({f for (f, _), k in self.keys.items() if k in wanted and f in have}))


def _items(framework: Framework) -> Iterable[str]:
    for _, standard in framework.standards():
        yield standard.id
        for kq in standard.key_questions:
            yield kq.id
            yield from (p.id for p in kq.prompts)


def match_frameworks(frameworks: Sequence[Framework], own: str) -> Matching:
    """Match every standard, key question and prompt of `frameworks` to a key; the own
    framework's items keep their ids, another's share the key of the item that declares
    the same meaning, and anything else is counted apart."""
    ordered = sorted(frameworks, key=lambda f: f.id != own)  # the own framework first
    keys: dict[tuple[str, str], str] = {}
    origins: dict[str, tuple[str, str]] = {}
    by_meaning: dict[str, str] = {}
    for framework in ordered:
        meanings = framework.meanings()
        for item in _items(framework):
            meaning = meanings.get(item)
            if meaning is not None and meaning in by_meaning:
                keys[(framework.id, item)] = by_meaning[meaning]
                continue
            key = item if framework.id == own else f"{item} ({framework.id} framework)"
            keys[(framework.id, item)] = key
            origins[key] = (item, framework.id)
            if meaning is not None:
                by_meaning[meaning] = key
    return Matching(own, keys, origins)


def versions_in_words(versions: Sequence[str]) -> str:
    """'the 2021 framework', 'the 2018 and 2021 frameworks'."""
    if not versions:
        return "no framework"
    if len(versions) == 1:
        return f"the {versions[0]} framework"
    return f"the {', '.join(versions[:-1])} and {versions[-1]} frameworks"
