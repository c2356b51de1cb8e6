"""Every exhibit an annual report can show, each declared once.

A chapter's front-matter names exhibits by id, with a domain or a sample of the
framework after a colon where the exhibit is made for one (`distribution:2`);
the annual report's check reads the names against this registry and the
framework (annual/exhibit_names.py), the renderer builds them through it, and
the README's list of exhibits follows it. An exhibit's module builds it from the annual figures; its
entry here says what it is, under which heading it is shown, whether it has a
chart, what is said when the period has no data for it, and where it goes.
"""

from __future__ import annotations

from yjsreport.annual.exhibits import (
    case_profile,
    caseload,
    groups,
    key_questions,
    out_of_court,
    ratings,
    recommendations,
    reinspections,
    resettlement,
    surveys,
    trends,
)
from yjsreport.annual.exhibits.parts import ExhibitSpec

ENTRIES: tuple[ExhibitSpec, ...] = (
    ExhibitSpec(
        "ratings-matrix",
        "Ratings of the services inspected",
        "ratings",
        "the ratings of every inspection in the period",
        ratings.ratings_matrix,
        "table",
    ),
    ExhibitSpec(
        "overall-by-year",
        "Overall ratings by year",
        "ratings",
        "overall ratings by reporting year, across all years in the content",
        ratings.overall_by_year,
        "chart and table",
    ),
    ExhibitSpec(
        "overall-distribution",
        "Overall ratings",
        "ratings",
        "overall ratings in the period",
        ratings.overall_distribution,
        "chart and table",
    ),
    ExhibitSpec(
        "distribution",
        "Ratings of {domain}",
        "ratings",
        "ratings of the standards of one domain, named by its id in the framework file "
        "(distribution:2), headed with the domain's title",
        ratings.distribution,
        "chart and table",
        "No inspection in the period rated these standards.",
        takes="domain",
    ),
    ExhibitSpec(
        "key-questions",
        "Cases judged sufficient on each key question",
        "key questions",
        "cases judged sufficient on each key question, court and out-of-court side by "
        "side, by year and framework version",
        key_questions.key_questions,
        "chart and table",
    ),
    ExhibitSpec(
        "banding",
        "How key questions set a standard’s rating",
        "key questions",
        "the bands of a key question's share of cases judged sufficient, and the rating "
        "the lowest of a standard's key questions gives it, as every report's methodology "
        "prints them",
        key_questions.banding,
        "table",
    ),
    ExhibitSpec(
        "contingency-planning",
        "Contingency planning",
        "key questions",
        "prompts on contingency planning",
        key_questions.contingency,
        "table",
        "No prompt on contingency planning was inspected in the period.",
    ),
    ExhibitSpec(
        "extra-questions",
        "Questions beside the framework",
        "key questions",
        "questions asked beside the framework, such as management oversight",
        key_questions.extra_questions,
        "table",
        "No inspection in the period recorded a question beside the framework.",
    ),
    ExhibitSpec(
        "safety-by-risk",
        "Safety and wellbeing by risk of serious harm",
        "case profile",
        "safety and wellbeing levels by risk of serious harm",
        case_profile.safety_by_risk,
        "chart and table",
        "No case in the period recorded both levels.",
    ),
    ExhibitSpec(
        "case-quality-by-group",
        "Case quality for groups of children",
        "groups of children",
        "case quality for looked-after children, children with an education, health and "
        "care plan, and MAPPA cases",
        groups.case_quality_by_group,
        "chart and table",
        "No case in the period recorded whether the child was looked after, had an "
        "education, health and care plan or was a MAPPA case.",
    ),
    ExhibitSpec(
        "out-of-court-first-repeat",
        "First and repeat {noun}",
        "groups of children",
        "first and repeat disposals, of the sample whose kind in the framework file records "
        "them (oocd_sequence), headed with that sample's noun",
        groups.out_of_court_sequence,
        "chart and table",
        "No {label} case in the period recorded whether the disposal was the child's first.",
    ),
    ExhibitSpec(
        "out-of-court-decisions",
        "How out-of-court disposals were decided",
        "case profile",
        "who decided each out-of-court disposal, whether a joint decision was agreed "
        "without escalation, and the assessment that informed it (AssetPlus, a local tool), "
        "with the cases and inspections whose case files record each",
        out_of_court.decisions,
        "table",
        "No case in the period recorded who decided the disposal or the assessment used.",
    ),
    ExhibitSpec(
        "disposal-types-first-repeat",
        "Types of out-of-court disposal, first and repeat",
        "case profile",
        "out-of-court disposal types with first disposals set apart from repeat ones (a "
        "first youth caution from a second or later one), where the case files record both",
        out_of_court.disposal_types_by_sequence,
        "table",
        "No case in the period recorded both the disposal type and whether it was the "
        "child's first.",
    ),
    ExhibitSpec(
        "disposal-types-as-published",
        "Types of out-of-court disposal",
        "case profile",
        "out-of-court disposal types in one list, as the published report gives them: the "
        "types the framework file names under split_types (youth cautions) given as first "
        "and repeat, the others whole, and unclear or other types, each with its share",
        out_of_court.disposal_types_as_published,
        "table",
        "No out-of-court case in the period recorded the disposal type.",
    ),
    ExhibitSpec(
        "offence-types",
        "Offence types",
        "case profile",
        "offence types, court and out-of-court",
        case_profile.by_attribute("offence_type", "Offence type"),
        "chart and table",
        "No case in the period recorded the offence type.",
    ),
    ExhibitSpec(
        "disposal-types",
        "Types of disposal",
        "case profile",
        "types of disposal, court and out-of-court",
        case_profile.by_attribute("disposal_type", "Disposal type"),
        "chart and table",
        "No case in the period recorded the disposal type.",
    ),
    ExhibitSpec(
        "court-and-out-of-court",
        "{first} and {second} work compared",
        "ratings",
        "ratings of the standards the framework file compares (annual: compared), such as "
        "court and out-of-court assessment, planning and delivery, side by side, headed with "
        "the samples' labels",
        ratings.court_and_out_of_court,
        "chart and table",
        "No inspection in the period rated both {first} and {second} work.",
    ),
    ExhibitSpec(
        "reinspections",
        "Services inspected again",
        "reinspections",
        "services inspected again, earlier and later scores",
        reinspections.reinspections,
        "chart and table",
        "No service was inspected again in the period.",
    ),
    ExhibitSpec(
        "trend-overall",
        "Overall ratings over the years",
        "trends",
        "overall ratings by year over the trend window: earlier years from their published "
        "figures (history/), then this year's",
        trends.trend_overall,
        "chart and table",
        "No earlier year's figures are entered under history/.",
    ),
    ExhibitSpec(
        "trend-standards",
        "Ratings of chosen standards over the years",
        "trends",
        "the ratings of each standard named in annual.yaml (trends: standards) by year",
        trends.trend_standards,
        "chart and table",
        "No standard is named for trends in annual.yaml, or no earlier year rated it.",
    ),
    ExhibitSpec(
        "trend-key-questions",
        "{sample}case quality over the years",
        "trends",
        "key-question shares by year, earlier years as published, with each figure's "
        "framework: a chart and its table for each standard; of every sample, or of the one "
        "named (trend-key-questions:court), headed with its label",
        trends.trend_key_questions,
        "chart and table",
        "No earlier year's {sample}key-question figures are entered under history/.",
        takes="sample",
        optional=True,
    ),
    ExhibitSpec(
        "recommendation-themes",
        "Recommendations by theme",
        "recommendations",
        "recommendations counted by the theme each inspection gives them",
        recommendations.recommendation_themes,
        "table",
        "No recommendation of the period's inspections has a theme.",
    ),
    ExhibitSpec(
        "resettlement-profile",
        "{noun}",
        "sample profile",
        "the children of the sample the framework file profiles rather than rates, such as "
        "resettlement (looked after, gender, age, ethnicity, plan, disability, where the cases "
        "record them) and the ratings of its standard, headed with the sample's noun",
        resettlement.resettlement_profile,
        "table",
        "No inspection in the period had {noun}.",
    ),
    ExhibitSpec(
        "disability",
        "Disability",
        "case profile",
        "the main disability or condition recorded, court and out-of-court",
        case_profile.by_attribute("disability", "Disability or condition"),
        "chart and table",
        "No case in the period recorded a disability or condition.",
    ),
    ExhibitSpec(
        "caseload-profile",
        "Characteristics of children on caseloads",
        "case profile",
        "the children of each rated sample by the characteristics its framework file names "
        "under profile (looked after, placed out of area, disability, ethnicity), each as a "
        "number and a share",
        caseload.caseload_profile,
        "table",
        "No case in the period recorded a characteristic the framework files profile.",
    ),
    ExhibitSpec(
        "surveys",
        "Survey responses",
        "surveys",
        "survey responses recorded by inspections",
        surveys.surveys,
        "table",
        "No inspection in the period recorded survey responses.",
    ),
)

# by id, in the order declared (tests check that no id is declared twice)
REGISTRY: dict[str, ExhibitSpec] = {spec.id: spec for spec in ENTRIES}
