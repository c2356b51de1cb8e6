"""Fictional inspections, made deterministically from a seed.

An annual report needs dozens of inspections and the benchmarks need more; no
real service's data may be used, so this writes complete, valid inspection
folders of invented services: varied ratings and sample sizes, sub-samples
(keeping-others-safe questions not applicable where the risk of serious harm is
low), both framework versions (each from the date its file gives), small samples that leave
a domain 'Not rated', a reinspection, a joint inspection, and resettlement
present and absent. The same seed always gives the same bytes. Given the id of a
first inspection that an annual report's history files hold (`history_original`),
the weakest service of the period is made its reinspection too.

    from yjsreport.authoring.fictional import generate
    generate(44, seed=2022, into=Path("content"))
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from yjsreport.content.vocabulary import ATTRIBUTES
from yjsreport.framework.load import load_frameworks
from yjsreport.framework.model import Framework, KeyQuestion, framework_in_force

DEFAULT_PERIOD_END = dt.date(2022, 9, 30)

_STEMS = (
    "Teasel", "Vetch", "Sorrel", "Plover", "Linnet", "Merrow", "Quill", "Tamber", "Wendle",
    "Orrin", "Pellow", "Gorsey", "Hollin", "Brindle", "Cardle", "Nettle", "Rushy", "Yarrow",
    "Sedgy", "Wrenn", "Fallow", "Marrow", "Harrier", "Larch",
)  # fmt: skip
_ENDS = ("moor", "ley", "dale", "wick", "combe", "stead", "worth", "holme", "bridge", "fold")
_FIRST = ("Ada", "Rowan", "Tamsin", "Hywel", "Priya", "Odile", "Callum", "Nia", "Bram", "Ines")
_LAST = ("Ferrow", "Lydgate", "Ashdown", "Penhale", "Quenby", "Marlowe", "Treharne", "Oduya")
_JOINT = ("Care Quality Commission", "Ofsted", "HM Inspectorate of Constabulary")

COURT_DISPOSALS = (
    "referral-order",
    "youth-rehabilitation-order",
    "youth-rehabilitation-order-iss",
    "reparation-order",
)
CUSTODY_DISPOSALS = ("detention-and-training-order", "long-term-detention")
OUT_OF_COURT_DISPOSALS = (
    "community-resolution",
    "youth-caution",
    "youth-conditional-caution",
    "outcome-22",
)
OFFENCE_TYPES = (
    "violence-against-the-person",
    "theft-and-handling-stolen-goods",
    "criminal-damage",
    "drugs-offences",
    "public-order-offences",
    "robbery",
    "summary-motoring-offences",
    "sexual-offences",
    "other-indictable-offences",
)
LEVELS = ("low", "medium", "high", "very-high")
# A question inspectors add beside the framework, recorded for every court and
# out-of-court case (see ExtraQuestion in yjsreport/content/schema.py).
OVERSIGHT = "management-oversight"
OVERSIGHT_TEXT = "Did management oversight support effective work with the child?"
_ASPECT_SHIFT = {"desistance": 0.08, "child-safety": -0.02, "others-safety": -0.07}


@dataclass(frozen=True)
class Plan:
    """What one fictional inspection will be like, before its rows are drawn."""

    slug: str
    place: str
    kind: str
    publication: dt.date
    quality: float
    court: int
    out_of_court: int
    resettlement: int
    reinspection_of: str | None = None
    joint: tuple[str, ...] = ()


_QUARTERS = ("", " North", " South", " East", " West", " Upper", " Lower")
MAX_COUNT = len({s + e for s in _STEMS for e in _ENDS}) * len(_QUARTERS)  # distinct places


class GenerateError(Exception):
    """The inspections cannot be written without replacing what is there."""


def _places(rng: random.Random, count: int) -> list[str]:
    """Distinct invented place names; benchmarks may ask for hundreds."""
    names = sorted({s + e for s in _STEMS for e in _ENDS})
    rng.shuffle(names)
    names = [n + q for q in _QUARTERS for n in names]
    if count > len(names):
        raise ValueError(f"at most {len(names)} fictional services can be generated")
    return names[:count]


def _dates(rng: random.Random, count: int, period_end: dt.date) -> list[dt.date]:
    """Three in four inside the year ending `period_end`, the rest over the three before."""
    in_period = count - count // 4
    dates = []
    for i in range(count):
        days = rng.randrange(0, 365) if i < in_period else rng.randrange(365, 4 * 365)
        dates.append(period_end - dt.timedelta(days=days))
    return sorted(dates)


def plan(
    count: int,
    seed: int,
    period_end: dt.date = DEFAULT_PERIOD_END,
    resettlement_from: dt.date | None = None,
    history_original: str | None = None,
) -> list[Plan]:
    """The inspections to write: all choices made here, from one seeded generator.
    Resettlement cases are drawn only from `resettlement_from` (the date the framework
    with a resettlement sample came into force; never, where None)."""
    if count < 1:
        raise ValueError("count must be at least one")
    rng = random.Random(seed)
    places = _places(rng, count)
    dates = _dates(rng, count, period_end)
    plans: list[Plan] = []
    for i, (place, date) in enumerate(zip(places, dates, strict=True)):
        quality = rng.triangular(0.5, 0.98, 0.86)
        drawn = resettlement_from is not None and date >= resettlement_from
        resettlement = rng.choice((0, 0, 1, 2, 3, 4)) if drawn else 0
        plans.append(
            Plan(
                slug=f"{place.lower().replace(' ', '-')}-{date.year}",
                place=place,
                kind=rng.choice(("YOT", "YOS", "YJS")),
                publication=date,
                quality=quality,
                court=rng.randint(6, 22),
                out_of_court=rng.randint(6, 26),
                resettlement=resettlement,
                joint=(rng.choice(_JOINT),) if i % 9 == 4 else (),
            )
        )
    _add_reinspection(plans, rng, period_end)
    if len(plans) > 3:  # one small out-of-court sample: under the 2021 framework unrated
        plans[-3] = _replace(plans[-3], out_of_court=5)
    if history_original is not None:
        _add_history_reinspection(plans, period_end, history_original)
    return sorted(plans, key=lambda p: (p.publication, p.slug))


def _add_history_reinspection(plans: list[Plan], period_end: dt.date, original: str) -> None:
    """The weakest service of the period (not already a reinspection) revisits a first
    inspection known only from history, named by its id; nothing else is drawn, so
    every other byte written stays the same."""
    year_ago = period_end - dt.timedelta(days=365)
    candidates = [p for p in plans if p.publication > year_ago and p.reinspection_of is None]
    if not candidates:
        return
    weakest = min(candidates, key=lambda p: (p.quality, p.slug))
    plans[plans.index(weakest)] = _replace(weakest, reinspection_of=original)


def _replace(p: Plan, **changes: object) -> Plan:
    return Plan(**{**p.__dict__, **changes})


def _add_reinspection(plans: list[Plan], rng: random.Random, period_end: dt.date) -> None:
    """The earliest weak service is inspected again in the period, with a small court
    sample (so its score is out of a reduced maximum)."""
    earlier = [p for p in plans if p.publication < period_end - dt.timedelta(days=365)]
    if not earlier or len(plans) < 4:
        return
    first = earlier[0]
    plans[plans.index(first)] = _replace(first, quality=0.4)
    latest = plans[-1]
    revisit = _replace(
        latest,
        slug=f"{first.place.lower().replace(' ', '-')}-{latest.publication.year}-reinspection",
        place=first.place,
        kind=first.kind,
        quality=max(latest.quality, 0.7),
        court=4,
        reinspection_of=first.slug,
    )
    plans[-1] = revisit


def _service(p: Plan) -> str:
    words = {"YOT": "Youth Offending Team", "YOS": "Youth Offending Service"}
    return f"{p.place} {words.get(p.kind, 'Youth Justice Service')}"


def _rating_for(quality: float) -> str:
    if quality >= 0.8:
        return "Outstanding"
    if quality >= 0.65:
        return "Good"
    if quality >= 0.5:
        return "Requires improvement"
    return "Inadequate"


def _rows(
    rng: random.Random,
    framework: Framework,
    sample: str,
    cases: int,
    quality: float,
    prefix: str,
) -> list[dict[str, str]]:
    key_questions: list[tuple[KeyQuestion, float]] = []
    for domain in framework.domains:
        if domain.sample != sample:
            continue
        for standard in domain.standards:
            shift = rng.uniform(-0.1, 0.1)
            for kq in standard.key_questions:
                q = quality + shift + _ASPECT_SHIFT.get(kq.aspect, 0.0) + rng.uniform(-0.05, 0.05)
                key_questions.append((kq, min(0.98, max(0.1, q))))
    rows = []
    for n in range(1, cases + 1):
        row = {"case": f"{prefix}-{sample[0].upper()}{n:02d}"}
        row.update(_attributes(rng, sample))
        if "disability" in ATTRIBUTES:
            row["disability"] = _disability(row["case"], sample)
        row.update(_profile(row, sample, framework.sample_vocabulary(sample)))
        for kq, q in key_questions:
            not_applicable = kq.aspect == "others-safety" and row.get("rosh") == "low"
            answer = "N/A" if not_applicable else "Yes" if rng.random() < q else "No"
            row[kq.id] = answer
            for prompt in kq.prompts:
                if not_applicable or rng.random() < 0.05:
                    row[prompt.id] = "N/A"
                else:
                    p_yes = 0.9 if answer == "Yes" else 0.45
                    row[prompt.id] = "Yes" if rng.random() < p_yes else "No"
        if sample in ("court", "out-of-court"):
            row[OVERSIGHT] = "Yes" if rng.random() < quality - 0.1 else "No"
        rows.append(row)
    return rows


def _attributes(rng: random.Random, sample: str) -> dict[str, str]:
    """Case attributes; only columns the content loader knows are written, so the
    generator follows the vocabulary in yjsreport/content/cases.py as it grows."""
    rosh = rng.choices(LEVELS, weights=(35, 40, 20, 5))[0]
    sw_weights = {
        "low": (45, 40, 12, 3),
        "medium": (20, 50, 25, 5),
        "high": (8, 27, 50, 15),
        "very-high": (3, 17, 45, 35),
    }[rosh]
    disposals = {
        "court": COURT_DISPOSALS,
        "out-of-court": OUT_OF_COURT_DISPOSALS,
        "resettlement": CUSTODY_DISPOSALS,
    }[sample]
    values = {
        "disposal_type": rng.choice(disposals),
        "gender": rng.choices(("male", "female"), weights=(85, 15))[0],
        "rosh": rosh,
        "safety_wellbeing": rng.choices(LEVELS, weights=sw_weights)[0],
        "offence_type": rng.choices(OFFENCE_TYPES, weights=(30, 18, 10, 12, 8, 7, 5, 3, 7))[0],
        "looked_after": rng.choices(("yes", "no"), weights=(22, 78))[0],
        "ehcp": rng.choices(("yes", "no"), weights=(25, 75))[0],
        "mappa": rng.choices(("none", "level-1", "level-2"), weights=(90, 7, 3))[0]
        if sample != "out-of-court"
        else "none",
    }
    if sample == "out-of-court":
        values["oocd_sequence"] = rng.choices(("first", "repeat"), weights=(78, 22))[0]
        values["decision_basis"] = rng.choices(
            ("assessment-with-interview", "screening", "other"), weights=(70, 22, 8)
        )[0]
    return {k: v for k, v in values.items() if k in ATTRIBUTES}


# The example's inspections record who decided an out-of-court disposal from this date
# only, so the annual report shows a characteristic that older case files lack.
DECISIONS_RECORDED_FROM = dt.date(2022, 1, 1)
_DECIDERS = ("panel", "joint", "police", "other")


def _add_decisions(rows: list[dict[str, str]], vocabulary: Mapping[str, Sequence[str]]) -> None:
    """Who decided each disposal and, for a joint decision, whether it was agreed without
    escalation, in a sample whose framework records them. Drawn from each case's own
    generator, so adding the columns left every other value of the example as it was."""
    if "decided_by" not in vocabulary or "escalation" not in vocabulary:
        return
    for row in rows:
        draw = random.Random(f"decision {row['case']}")
        decider = draw.choices(_DECIDERS, weights=(52, 38, 6, 4))[0]
        row["decided_by"] = decider
        if decider in ("panel", "joint"):
            agreed = draw.random() < 0.9
            row["escalation"] = "agreed-without-escalation" if agreed else "escalated"
        else:
            row["escalation"] = "decided-alone"


def _add_assessment(rows: list[dict[str, str]], vocabulary: Mapping[str, Sequence[str]]) -> None:
    """The assessment tool that informed each decision, in a sample whose framework
    records it; from each case's own generator, as the decisions are."""
    if "assessment_tool" not in vocabulary:
        return
    for row in rows:
        draw = random.Random(f"assessment {row['case']}")
        row["assessment_tool"] = draw.choices(
            ("assetplus", "local-tool", "no-tool"), weights=(28, 50, 22)
        )[0]


def _profile(
    row: Mapping[str, str], sample: str, vocabulary: Mapping[str, Sequence[str]]
) -> dict[str, str]:
    """Where a looked-after child was placed, and the child's ethnicity, from the case's
    own generator, so adding the columns left every other value of the example as it was."""
    draw = random.Random(f"profile {row['case']}")
    out = {}
    if "placement" in vocabulary and "looked_after" in row:
        out["placement"] = (
            ("out-of-area" if draw.random() < 0.34 else "in-area")
            if row["looked_after"] == "yes"
            else "not-looked-after"
        )
    if "ethnicity" in vocabulary:
        weights = (78, 18, 4) if sample == "out-of-court" else (72, 24, 4)
        out["ethnicity"] = draw.choices(("white", "black-and-minority-ethnic", "unknown"), weights)[
            0
        ]
    return out


_DISABILITY = ("learning-disability", "neurodivergent", "mental-illness", "physical-disability")


def _disability(case: str, sample: str) -> str:
    """Drawn from the case's own generator, so adding the column left every other value of
    the example as it was."""
    weights = (14, 10, 6, 2, 68) if sample == "out-of-court" else (20, 13, 8, 3, 56)
    return random.Random(f"disability {case}").choices((*_DISABILITY, "none-recorded"), weights)[0]


# Recommendations by theme (the themes of content/annual/recommendation-themes.yaml).
_RECOMMENDATIONS: dict[str, tuple[str, ...]] = {
    "safety-and-risk": (
        "make contingency plans specific to each child",
        "assess and review the risks to each child's safety and wellbeing as their "
        "circumstances change",
        "plan how other people will be kept safe, with the actions of every agency involved",
    ),
    "management-board": (
        "make sure that the management board understands the needs of the children it serves",
        "give board members an induction that covers their part in the service's work",
    ),
    "partnerships": (
        "agree with health partners how children will reach specialist services without delay",
        "share information with children's social care promptly and in full",
    ),
    "education": (
        "make sure that every child has full-time education, training or employment "
        "suited to their needs",
    ),
    "diversity": (
        "analyse the service's data to find and address disproportionality",
        "give staff the training they need to understand each child's diversity",
    ),
    "out-of-court": (
        "set out how out-of-court disposals are decided, with the child's views taken into account",
    ),
    "resettlement": ("plan each child's release from custody early, with accommodation agreed",),
    "participation": ("seek the views of children and their parents or carers on the service",),
}


_THEME_LABELS = {
    "safety-and-risk": "Children's safety and wellbeing, and risk of harm to others",
    "management-board": "Management board and governance",
    "partnerships": "Partnerships and access to services",
    "education": "Education, training and employment",
    "diversity": "Diversity and disproportionality",
    "out-of-court": "Out-of-court disposal policy and provision",
    "resettlement": "Resettlement",
    "participation": "Participation of children and their parents or carers",
}


def _recommendation_groups(name: str) -> list[dict[str, object]]:
    """Three to five recommendations for the service, each with its theme, and for some
    services a group for the management board that carries one theme for all."""
    rng = random.Random(f"recommendations {name}")
    themes = rng.sample(sorted(_RECOMMENDATIONS), rng.randint(3, 5))
    items: list[object] = [{"text": rng.choice(_RECOMMENDATIONS[t]), "theme": t} for t in themes]
    groups: list[dict[str, object]] = [{"who": f"{name} should:", "items": items}]
    if rng.random() < 0.35:
        groups.append(
            {
                "who": "The management board should:",
                "theme": "management-board",
                "items": list(_RECOMMENDATIONS["management-board"][: rng.randint(1, 2)]),
            }
        )
    return groups


def _csv(rows: Sequence[dict[str, str]], columns: Sequence[str]) -> str:
    lines = [",".join(columns)]
    lines += [",".join(row[c] for c in columns) for row in rows]
    return "\n".join(lines) + "\n"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _front(data: dict[str, object], body: str) -> str:
    dumped = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return f"---\n{dumped}---\n{body}"


def _copy_frameworks(source: Path, target: Path) -> None:
    """Framework files are copied where missing; one that differs is never overwritten."""
    for path in sorted(source.rglob("*")):
        there = target / path.relative_to(source)
        if path.is_dir() or (there.is_file() and there.read_bytes() == path.read_bytes()):
            continue
        if there.exists() or there.is_symlink():
            raise GenerateError(
                f"{there} differs from {path}; a framework file is never replaced: "
                "write into an empty folder"
            )
    shutil.copytree(source, target, dirs_exist_ok=True)


def _write_inspection(p: Plan, framework: Framework, rng: random.Random, root: Path) -> Path:
    folder = root / "inspections" / p.slug
    meta: dict[str, object] = {
        "service": _service(p),
        "short_name": f"{p.place} {p.kind}",
        "place": p.place,
        "kind": p.kind,
        "framework": framework.id,
        "fieldwork_start": p.publication - dt.timedelta(days=88),
        "fieldwork_end": p.publication - dt.timedelta(days=84),
        "publication_date": p.publication,
        "lead_inspector": f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
        "status": "published",
    }
    meta["extra_questions"] = [
        {"id": OVERSIGHT, "sample": sample, "text": OVERSIGHT_TEXT}
        for sample in ("court", "out-of-court")
    ]
    if p.reinspection_of:
        meta["reinspection_of"] = p.reinspection_of
    if p.joint:
        meta["joint_services"] = list(p.joint)
    _write(folder / "inspection.yaml", yaml.safe_dump(meta, sort_keys=False))
    sizes = {"court": p.court, "out-of-court": p.out_of_court, "resettlement": p.resettlement}
    prefix = p.place[:3].upper() + "".join(w[0] for w in p.place.split()[1:])
    for sample in framework.samples:
        if sizes[sample] == 0:
            continue
        rows = _rows(rng, framework, sample, sizes[sample], p.quality, prefix)
        if p.publication >= DECISIONS_RECORDED_FROM:
            _add_decisions(rows, framework.sample_vocabulary(sample))
            _add_assessment(rows, framework.sample_vocabulary(sample))
        attributes = [a for a in ATTRIBUTES if a in rows[0]]
        extra = [OVERSIGHT] if OVERSIGHT in rows[0] else []
        columns = ["case", *attributes, *framework.sample_columns(sample), *extra]
        _write(folder / "cases" / f"{sample}.csv", _csv(rows, columns))
    staff = rng.randint(8, 40)
    surveys = [
        {
            "id": "staff",
            "title": "Staff survey",
            "responses": staff,
            "respondents": "staff",
            "questions": _staff_questions(staff, p.quality),
        },
        {
            "id": "children",
            "title": "Children and their parents or carers",
            "responses": rng.randint(0, 12),
        },
    ]
    _write(folder / "context.yaml", yaml.safe_dump({"surveys": surveys}, sort_keys=False))
    _write_parts(p, framework, rng, folder / "report", sizes)
    return folder


_NOTE = (
    "This is a fictional inspection, generated to show and test the annual report. "
    "No real service, child or member of staff is described."
)


def _write_parts(
    p: Plan, framework: Framework, rng: random.Random, folder: Path, sizes: dict[str, int]
) -> None:
    name = f"{p.place} {p.kind}"
    _write(
        folder / "foreword.md",
        _front(
            {"part": "foreword", "signed_by": {"name": "Edmund Carrow", "role": "Chief Inspector"}},
            f"We inspected {name} and rated it {{{{ overall.rating }}}}. {_NOTE}\n",
        ),
    )
    _write(
        folder / "recommendations.md",
        _front(
            {
                "part": "recommendations",
                "groups": _recommendation_groups(name),
            },
            "",
        ),
    )
    _write(
        folder / "background.md",
        _front({"part": "background"}, f"{name} works with children who have offended.\n"),
    )
    for domain in framework.domains:
        body = f"{_NOTE}\n"
        if domain.sample and sizes[domain.sample]:
            body = f"We inspected {{{{ sample.{domain.sample} }}}} cases. {body}"
        _write(
            folder / f"domain-{domain.id}.md",
            _front({"part": "domain", "domain": domain.id}, body),
        )
        for standard in domain.standards:
            front: dict[str, object] = {"part": "standard", "standard": standard.id}
            body = f"{_NOTE}\n"
            if standard.is_case:
                first = standard.key_questions[0]
                if domain.sample and sizes[domain.sample]:
                    body = (
                        f"## {{{{ {first.id}.text }}}}\n\n"
                        f"Work was sufficient in {{{{ {first.id} }}}} cases.\n"
                    )
            elif domain.sample and not sizes[domain.sample]:
                front["rating"] = "Not rated"
            else:
                front["rating"] = _rating_for(p.quality - 0.1 + rng.uniform(-0.12, 0.12))
            _write(folder / f"{standard.id}.md", _front(front, body))


# Staff survey questions every fictional inspection asks, with how far each answer
# follows the service's quality; derived without the random generator, so adding them
# left every other generated figure as it was.
STAFF_QUESTIONS = (
    ("workload", "My workload is manageable", 0.9),
    ("supervision", "I receive supervision that helps me in my work", 1.0),
)


def _staff_questions(responses: int, quality: float) -> list[dict[str, object]]:
    questions: list[dict[str, object]] = []
    for i, (qid, text, lean) in enumerate(STAFF_QUESTIONS):
        answered = responses - i  # not everyone answers every question
        agree = min(answered, round(answered * quality * lean))
        disagree = (answered - agree) // 2
        options = [
            {"id": "agree", "label": "Agree", "count": agree},
            {
                "id": "neither",
                "label": "Neither agree nor disagree",
                "count": answered - agree - disagree,
            },
            {"id": "disagree", "label": "Disagree", "count": disagree},
        ]
        questions.append({"id": qid, "text": text, "answered": answered, "options": options})
    return questions


def generate(
    count: int,
    seed: int,
    into: Path,
    *,
    frameworks: Path | None = None,
    period_end: dt.date = DEFAULT_PERIOD_END,
    history_original: str | None = None,
) -> list[Path]:
    """Write `count` fictional inspections under `into/inspections/`; return their folders.

    The framework files are read from `into/frameworks/`, or copied there from
    `frameworks` when given. With `history_original`, one inspection of the period
    names that id in `reinspection_of`: the annual report's history files must hold
    it (the example's history/2020.yaml does).
    """
    into = Path(into)
    known = load_frameworks(Path(frameworks) if frameworks is not None else into / "frameworks")
    resettlement_from = min(
        (
            f.in_force_from
            for f in known.values()
            if f.in_force_from and "resettlement" in f.samples
        ),
        default=None,
    )
    plans = plan(count, seed, period_end, resettlement_from, history_original)
    taken = [p.slug for p in plans if (into / "inspections" / p.slug).exists()]
    if taken:
        raise GenerateError(
            f"{into / 'inspections'} already holds {len(taken)} of the inspections to write "
            f"({', '.join(taken[:3])}{', ...' if len(taken) > 3 else ''}); an inspection is "
            "never replaced: write into an empty folder"
        )
    if frameworks is not None and Path(frameworks).resolve() != (into / "frameworks").resolve():
        _copy_frameworks(Path(frameworks), into / "frameworks")
    rng = random.Random(seed + 1)
    folders = []
    for p in plans:
        folders.append(_write_inspection(p, framework_in_force(known, p.publication), rng, into))
    themes = into / "annual" / "recommendation-themes.yaml"
    if not themes.exists():  # the recommendations' themes, declared for an annual report
        declared = [{"id": t, "label": label} for t, label in _THEME_LABELS.items()]
        _write(themes, yaml.safe_dump({"themes": declared}, sort_keys=False))
    return folders
