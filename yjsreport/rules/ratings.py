"""The rating scale shared by key questions, standards and the overall judgement."""

from __future__ import annotations

from enum import Enum


class Rating(Enum):
    """A rating word; the order of the four scored ratings is their score."""

    INADEQUATE = "Inadequate"
    REQUIRES_IMPROVEMENT = "Requires improvement"
    GOOD = "Good"
    OUTSTANDING = "Outstanding"
    NOT_RATED = "Not rated"

    @property
    def score(self) -> int | None:
        """0-3 as published; None for 'Not rated', which never counts."""
        return _SCORES.get(self)

    @property
    def points(self) -> int:
        """The score of a rating known to be one of the four scored ones."""
        score = _SCORES.get(self)
        if score is None:
            raise ValueError(f"'{self.value}' has no score")
        return score

    @property
    def is_rated(self) -> bool:
        return self is not Rating.NOT_RATED

    def __str__(self) -> str:
        return self.value

    @classmethod
    def scored(cls) -> tuple[Rating, ...]:
        """The four ratings a standard can score, lowest first."""
        return (cls.INADEQUATE, cls.REQUIRES_IMPROVEMENT, cls.GOOD, cls.OUTSTANDING)

    @classmethod
    def from_score(cls, score: int) -> Rating:
        return cls.scored()[score]


_SCORES = {
    Rating.INADEQUATE: 0,
    Rating.REQUIRES_IMPROVEMENT: 1,
    Rating.GOOD: 2,
    Rating.OUTSTANDING: 3,
}

RATING_WORDS: tuple[str, ...] = tuple(r.value for r in Rating)
