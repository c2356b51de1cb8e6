"""The published JSON Schema of an inspection's data download (version 3).

The schema is the contract with people who reuse the data: it is written into the
built site at a stable address, every download names its id, and the tests
validate every built download against it. The descriptions are the data
dictionary: the site's data page prints them, so the two never disagree.
A change to the layout of the download is a new version: a new id and a new file,
the old one left where it was.
"""

from __future__ import annotations

from typing import Any

from yjsreport.rules.ratings import Rating

VERSION = 3
SCHEMA_ID = f"yjsreport/inspection-result/{VERSION}"
FILE_NAME = f"inspection-result-{VERSION}.schema.json"

# Why a count of a case characteristic is not given (the `suppressed` marker).
SUPPRESSION_REASONS: dict[str, str] = {
    "small-count": "The count is one or two: small enough to point to a child.",
    "secondary": (
        "The count would be safe alone, but it is withheld because, with the sample’s "
        "total, it would let a hidden small count be worked out."
    ),
    "small-sample": (
        "The sample has fewer than five cases, so none of its characteristics is broken down."
    ),
}


def _rating(description: str, *, nullable: bool = False) -> dict[str, Any]:
    values: list[str | None] = [r.value for r in Rating]
    if nullable:
        values.append(None)
    return {"description": description, "enum": values}


def _count(description: str) -> dict[str, Any]:
    return {"description": description, "type": "integer", "minimum": 0}


def _percent(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "type": ["integer", "null"],
        "minimum": 0,
        "maximum": 100,
    }


_QUESTION_PROPERTIES: dict[str, Any] = {
    "id": {
        "description": "The question’s id in the framework, always text: ‘2.1.1’ for a "
        "key question, ‘2.1.1a’ for a prompt, or the id an inspection gave its own question.",
        "type": "string",
    },
    "text": {"description": "The question as the framework words it.", "type": "string"},
    "yes": _count("Cases where the inspectors answered ‘Yes’."),
    "no": _count("Cases where the inspectors answered ‘No’."),
    "not_applicable": _count("Cases where the question did not apply."),
    "relevant": _count("Cases the question applied to: ‘Yes’ and ‘No’ together."),
    "sample": _count("Every case in the sample, whether or not the question applied."),
    "percent": _percent(
        "‘Yes’ as a whole-number percentage of the relevant cases, as the report prints it "
        "and as ratings are banded; null where no case was relevant."
    ),
    "sample_percent": _percent(
        "‘Yes’ as a whole-number percentage of the whole sample, as the data annexe prints "
        "prompts; null for an empty sample."
    ),
    "band": _rating(
        "The band the percentage of relevant cases falls in; null where there is none.",
        nullable=True,
    ),
}

QUESTION: dict[str, Any] = {
    "type": "object",
    "required": list(_QUESTION_PROPERTIES),
    "additionalProperties": False,
    "properties": _QUESTION_PROPERTIES,
}

KEY_QUESTION: dict[str, Any] = {
    "type": "object",
    "required": [*_QUESTION_PROPERTIES, "aspect", "lowest", "prompts"],
    "additionalProperties": False,
    "properties": {
        **_QUESTION_PROPERTIES,
        "aspect": {
            "description": "What the key question looks at, such as ‘desistance’ or "
            "‘safety’; the three key questions of a standard each have one.",
            "type": "string",
        },
        "lowest": {
            "description": "True for the key question whose band decides the standard’s "
            "rating (shown in bold in the report).",
            "type": "boolean",
        },
        "prompts": {
            "description": "The lettered prompts under the key question.",
            "type": "array",
            "items": {"$ref": "#/$defs/question"},
        },
    },
}

COUNT_CELL: dict[str, Any] = {
    "description": "A count of cases with one value of a characteristic: the number, or "
    "null with the reason it is withheld.",
    "type": "object",
    "required": ["count", "suppressed"],
    "additionalProperties": False,
    "oneOf": [
        {
            "properties": {
                "count": {"type": "integer", "minimum": 0},
                "suppressed": {"type": "null"},
            }
        },
        {
            "properties": {
                "count": {"type": "null"},
                "suppressed": {"enum": list(SUPPRESSION_REASONS)},
            }
        },
    ],
    "properties": {
        "count": {
            "description": "The number of cases, or null where it is suppressed.",
            "type": ["integer", "null"],
        },
        "suppressed": {
            "description": "Null where the count is given; otherwise why it is not: "
            + " ".join(f"‘{k}’: {v}" for k, v in SUPPRESSION_REASONS.items()),
            "enum": [*SUPPRESSION_REASONS, None],
        },
    },
}

STANDARD_PROPERTIES: dict[str, Any] = {
    "id": {"description": "The standard’s id, always text (‘2.1’, ‘3.10’).", "type": "string"},
    "title": {"description": "The standard’s title.", "type": "string"},
    "kind": {
        "description": "‘case’ where the rating is computed from the case judgements; "
        "‘qualitative’ where the inspectors give it.",
        "enum": ["case", "qualitative"],
    },
    "scored": {
        "description": "True where the rating counts towards the overall score "
        "(resettlement does not).",
        "type": "boolean",
    },
    "computed": _rating("The rating the published rules give, before any professional discretion."),
    "rating": _rating("The rating published, after any professional discretion."),
    "governance_limited": {
        "description": "True where the governance rule limited 1.1 to ‘Requires improvement’.",
        "type": "boolean",
    },
    "discretion": {
        "description": "Where a ratings panel moved the rating: from which rating, to which, "
        "whether the published rules allowed it and on what grounds; null otherwise.",
        "oneOf": [
            {"type": "null"},
            {
                "type": "object",
                "required": ["from", "to", "allowed", "grounds"],
                "additionalProperties": False,
                "properties": {
                    "from": _rating("The computed rating."),
                    "to": _rating("The rating the panel gave."),
                    "allowed": {"type": "boolean"},
                    "grounds": {"type": "array", "items": {"type": "string"}},
                },
            },
        ],
    },
    "key_questions": {
        "description": "The standard’s key questions; empty for a qualitative standard.",
        "type": "array",
        "items": {"$ref": "#/$defs/key_question"},
    },
}

DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}

TOP_PROPERTIES: dict[str, Any] = {
    "schema": {
        "description": "The id of this schema; a new layout gets a new version.",
        "const": SCHEMA_ID,
    },
    "generator": {"description": "The program and version that wrote the file.", "type": "string"},
    "slug": {
        "description": "The inspection’s id: the last part of its web address.",
        "type": "string",
        "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
    },
    "service": {"description": "The service’s full name.", "type": "string"},
    "short_name": {"description": "The service’s short name.", "type": "string"},
    "place": {"description": "The area the service covers.", "type": "string"},
    "kind": {
        "description": "What the service calls itself: YOT, YOS or YJS.",
        "enum": ["YOT", "YOS", "YJS"],
    },
    "status": {
        "description": "‘published’, or ‘draft’ in a preview; a published site holds "
        "published inspections only.",
        "enum": ["draft", "published"],
    },
    "framework": {
        "description": "The version of the inspection framework, as text (‘2021’).",
        "type": "string",
    },
    "fieldwork_start": {"description": "The first day of fieldwork.", **DATE},
    "fieldwork_end": {"description": "The last day of fieldwork.", **DATE},
    "publication_date": {
        "description": "The publication date (the first of the month where the report "
        "gives only a month).",
        **DATE,
    },
    "lead_inspector": {"description": "The lead inspector’s name.", "type": "string"},
    "score": _count("The sum of the scored standards’ scores (0 to 3 each)."),
    "max_score": _count("The most the score could be: 36, or less where a domain was not rated."),
    "score_rating": _rating("The rating the score bands to.", nullable=True),
    "overall": _rating("The overall rating published.", nullable=True),
    "resettlement": _rating(
        "The resettlement rating, which is not scored; null under a framework without it.",
        nullable=True,
    ),
    "governance_limit_applies": {
        "description": "True where fewer than half of the case standards were rated ‘Good’ "
        "or better, which limits 1.1.",
        "type": "boolean",
    },
    "disclosure": {
        "description": "The disclosure rule the counts of characteristics follow, in words.",
        "type": "string",
    },
    "samples": {
        "description": "Each sample of cases (court, out-of-court, resettlement): its size "
        "and the counts of its cases’ characteristics, never a case row.",
        "type": "object",
        "additionalProperties": {
            "type": "object",
            "required": ["cases", "attributes"],
            "additionalProperties": False,
            "properties": {
                "cases": _count("The number of cases in the sample."),
                "attributes": {
                    "description": "For each characteristic (such as ‘gender’), the count "
                    "for each value seen; empty for a sample too small to break down.",
                    "type": "object",
                    "additionalProperties": {
                        "type": "object",
                        "additionalProperties": {"$ref": "#/$defs/count"},
                    },
                },
            },
        },
    },
    "extra_questions": {
        "description": "Questions an inspection added of its own, by sample.",
        "type": "object",
        "additionalProperties": {"type": "array", "items": {"$ref": "#/$defs/question"}},
    },
    "domains": {
        "description": "The framework’s domains in order, each with its standards.",
        "type": "array",
        "items": {
            "type": "object",
            "required": ["id", "title", "sample", "standards"],
            "additionalProperties": False,
            "properties": {
                "id": {"description": "The domain’s number, as text.", "type": "string"},
                "title": {"description": "The domain’s title.", "type": "string"},
                "sample": {
                    "description": "The sample its case standards are judged on, if any.",
                    "type": ["string", "null"],
                },
                "standards": {"type": "array", "items": {"$ref": "#/$defs/standard"}},
            },
        },
    },
}


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) every data download of this version meets."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": FILE_NAME,
        "title": "Inspection results of a youth justice service",
        "description": "The aggregate figures behind one inspection report, as offered "
        f"for download beside it. Layout version {VERSION}.",
        "type": "object",
        "required": list(TOP_PROPERTIES),
        "additionalProperties": False,
        "properties": TOP_PROPERTIES,
        "$defs": {
            "question": QUESTION,
            "key_question": KEY_QUESTION,
            "count": COUNT_CELL,
            "standard": {
                "type": "object",
                "required": list(STANDARD_PROPERTIES),
                "additionalProperties": False,
                "properties": STANDARD_PROPERTIES,
            },
        },
    }
