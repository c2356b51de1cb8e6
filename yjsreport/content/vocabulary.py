"""The controlled vocabularies of case attributes, with the labels reports publish.

One place for the values a case CSV may hold, so the loader, the codebook, the
tables and the annual report cannot disagree about a category or its name. Order
is the published order of categories (offence groups as the Youth Justice Board
lists them), which tables use to break ties.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Vocabulary:
    """An attribute column: what it records and its values with labels. Which samples
    record it, and which of its values each sample may hold, the framework file says
    (`sample_kinds`), so a framework with other samples needs no change here."""

    name: str
    description: str
    values: dict[str, str]
    # the value saying the attribute does not apply to a case (one agency decided alone,
    # so there was no joint decision to escalate): a share "of the cases it applies to"
    # leaves it out
    not_applicable: str | None = None
    # the attribute and value a case must have for this attribute to apply (a placement
    # only for a child looked after): the loader refuses a row whose value is the
    # not-applicable one where it applies, or another where it does not
    applies_when: tuple[str, str] | None = None
    # the value saying the child has none of what the attribute records (no disability
    # recorded), and how a profile names the children with any other value, counted as one
    none: str | None = None
    any_label: str = ""

    def applicable(self) -> tuple[str, ...]:
        return tuple(v for v in self.values if v != self.not_applicable)

    def label(self, value: str) -> str:
        return self.values[value]


_YES_NO = {"yes": "Yes", "no": "No"}
_LEVELS = {"low": "Low", "medium": "Medium", "high": "High", "very-high": "Very high"}
DISPOSALS = {
    "referral-order": "Referral order",
    "reparation-order": "Reparation order",
    "youth-rehabilitation-order": "Youth rehabilitation order",
    "youth-rehabilitation-order-iss": (
        "Youth rehabilitation order with intensive supervision and surveillance"
    ),
    "detention-and-training-order": "Detention and training order",
    "long-term-detention": "Long-term detention",
    "other-court": "Other court disposal",
    "community-resolution": "Community resolution",
    "youth-caution": "Youth caution",
    "youth-conditional-caution": "Youth conditional caution",
    "outcome-22": "Outcome 22",
    "other-out-of-court": "Unclear or other out-of-court disposal",
}

ATTRIBUTES: dict[str, Vocabulary] = {
    v.name: v
    for v in (
        Vocabulary(
            "disposal_type",
            "the disposal the child received",
            DISPOSALS,
        ),
        Vocabulary(
            "gender",
            "the child's gender",
            {"male": "Male", "female": "Female", "other": "Other", "unknown": "Unknown"},
        ),
        Vocabulary("rosh", "risk of serious harm to others, as classified", _LEVELS),
        Vocabulary("safety_wellbeing", "risk to the child's safety and wellbeing", _LEVELS),
        Vocabulary(
            "offence_type",
            "the principal offence, in the Youth Justice Board's offence groups",
            {
                "violence-against-the-person": "Violence against the person",
                "sexual-offences": "Sexual offences",
                "robbery": "Robbery",
                "burglary": "Burglary",
                "theft-and-handling-stolen-goods": "Theft and handling stolen goods",
                "fraud-and-forgery": "Fraud and forgery",
                "criminal-damage": "Criminal damage",
                "drugs-offences": "Drugs offences",
                "possession-of-weapons": "Possession of weapons",
                "public-order-offences": "Public order offences",
                "other-indictable-offences": "Other indictable offences",
                "breach-of-statutory-order": "Breach of statutory order",
                "summary-motoring-offences": "Summary motoring offences",
                "other-summary-offences": "Other summary offences",
            },
        ),
        Vocabulary(
            "age_band",
            "the child's age",
            {"10-14": "10 to 14", "15-17": "15 to 17", "18-plus": "18 and over"},
        ),
        Vocabulary(
            "ethnicity",
            "the child's ethnicity, as the published tables group it",
            {
                "white": "White",
                "black-and-minority-ethnic": "Black and minority ethnic",
                "unknown": "Unknown",
            },
        ),
        Vocabulary(
            "looked_after",
            "a child looked after by the local authority",
            _YES_NO,
            none="no",
            any_label="Looked after by the local authority",
        ),
        Vocabulary(
            "placement",
            "where a looked-after child was placed; not-looked-after for a child not looked after",
            {
                "in-area": "Placed in the local area",
                "out-of-area": "Placed out of area",
                "not-looked-after": "Not looked after",
            },
            not_applicable="not-looked-after",
            applies_when=("looked_after", "yes"),
        ),
        Vocabulary(
            "ehcp",
            "a child with an education, health and care plan",
            _YES_NO,
            none="no",
            any_label="With an education, health and care plan",
        ),
        Vocabulary(
            "disability",
            "the main disability or condition the case records for the child",
            {
                "learning-disability": "Learning disability or difficulty",
                "neurodivergent": "Neurodivergent condition",
                "mental-illness": "Mental illness",
                "physical-disability": "Physical disability",
                "none-recorded": "None recorded",
            },
            none="none-recorded",
            any_label="With a disability or condition recorded",
        ),
        Vocabulary(
            "mappa",
            "multi-agency public protection arrangements (MAPPA) level",
            {"none": "None", "level-1": "Level 1", "level-2": "Level 2", "level-3": "Level 3"},
        ),
        Vocabulary(
            "oocd_sequence",
            "whether this was the child's first out-of-court disposal or a repeat",
            {"first": "First", "repeat": "Repeat"},
        ),
        Vocabulary(
            "decision_basis",
            "how the out-of-court disposal was decided",
            {
                "assessment-with-interview": "Assessment including an interview with the child",
                "screening": "Screening of agency records",
                "other": "Other",
            },
        ),
        Vocabulary(
            "decided_by",
            "who decided the out-of-court disposal",
            {
                "joint": "Jointly by the police and the service",
                "panel": "A multi-agency panel",
                "police": "The police alone",
                "other": "Other",
            },
        ),
        Vocabulary(
            "escalation",
            "whether a joint decision (police and service, or a panel) was agreed without "
            "escalation; decided-alone where one agency decided",
            {
                "agreed-without-escalation": "Agreed without escalation",
                "escalated": "Escalated",
                "decided-alone": "No joint decision",
            },
            not_applicable="decided-alone",
        ),
        Vocabulary(
            "assessment_tool",
            "the assessment that informed the out-of-court decision",
            {
                "assetplus": "AssetPlus, the full youth justice assessment",
                "local-tool": "A locally developed assessment tool",
                "no-tool": "No assessment tool",
            },
        ),
    )
}
REQUIRED_ATTRIBUTES: tuple[str, ...] = ("disposal_type",)
# What one sample's case file may record: each attribute it may hold, with the values it
# may take there, in published order (from the framework file: Framework.sample_vocabulary).
SampleVocabulary = Mapping[str, tuple[str, ...]]


def allowed_values(attribute: str, vocabulary: SampleVocabulary | None = None) -> tuple[str, ...]:
    """The values an attribute may take in a sample, in published order; with no sample
    vocabulary, every value the attribute has."""
    if vocabulary and attribute in vocabulary:
        return vocabulary[attribute]
    return tuple(ATTRIBUTES[attribute].values)
