"""`check --compare REV`: what a change does to every computed figure.

The content at the git revision is read with `git archive` into a temporary
folder, both versions are checked by the current rules, and each
inspection's ratings, score and key-question and prompt figures are compared,
so a reviewer sees a change's effect before merging it.
"""

from __future__ import annotations

import subprocess
import tarfile
import tempfile
from pathlib import Path

from yjsreport.engine.results import InspectionResult, QuestionResult
from yjsreport.review.checking import ContentCheck, check_content

ARROW = "→"


class CompareError(Exception):
    """The revision could not be read; the message says why."""


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)


def content_at(revision: str, content: Path, into: Path) -> Path:
    """Extract the content folder as it was at `revision`; return where it now is."""
    folder = content.resolve()
    top = _git(["rev-parse", "--show-toplevel"], folder)
    if top.returncode:
        raise CompareError(f"{content} is not inside a git repository")
    root = Path(top.stdout.decode().strip())
    relative = folder.relative_to(root).as_posix()
    archive = _git(["archive", "--format=tar", revision, "--", relative], root)
    if archive.returncode:
        reason = archive.stderr.decode().strip().splitlines()
        raise CompareError(
            f"cannot read {relative}/ at {revision!r}: {reason[-1] if reason else 'git failed'}"
        )
    tar_path = into / "content.tar"
    tar_path.write_bytes(archive.stdout)
    with tarfile.open(tar_path) as tar:
        tar.extractall(into, filter="data")
    return into / relative


def _question(q: QuestionResult) -> str:
    if not q.relevant:
        return f"{q.yes}/{q.relevant} (no relevant cases)"
    return f"{q.yes}/{q.relevant} ({q.shown}%)"


def figures(result: InspectionResult) -> dict[str, str]:
    """Every computed figure of an inspection, by a name a reviewer can read."""
    out: dict[str, str] = {
        "score": f"{result.score.total}/{result.score.maximum}",
        "overall rating": f"'{result.overall}'",
        "governance limit applies": "yes" if result.governance_limit_applies else "no",
    }
    for name, sample in result.samples.items():
        out[f"{name} cases"] = str(sample.cases)
    for s in result.standards():
        out[f"{s.id} rating"] = f"'{s.rating}'"
        if s.is_case:
            out[f"{s.id} computed rating"] = f"'{s.computed}'"
        if s.discretion is not None:
            d = s.discretion
            out[f"{s.id} discretion"] = f"to '{d.to}' {'allowed' if d.allowed else 'refused'}"
        for kq in s.key_questions:
            out[kq.id] = _question(kq) + (" lowest" if kq.is_lowest else "")
            for prompt in kq.prompts:
                out[prompt.id] = _question(prompt)
    return out


def _diff(before: dict[str, str], after: dict[str, str]) -> list[str]:
    lines = []
    for key in [*before, *(k for k in after if k not in before)]:
        old, new = before.get(key, "(none)"), after.get(key, "(none)")
        if old != new:
            lines.append(f"  {key}: {old} {ARROW} {new}")
    return lines


def describe(revision: str, old: ContentCheck, new: ContentCheck, only: str | None = None) -> str:
    """The comparison as text, one block per inspection (or only the one named)."""
    old_results = {i.slug: i for i in old.inspections}
    new_results = {i.slug: i for i in new.inspections}
    lines = [f"Changes in computed figures since {revision}:"]
    for slug in [only] if only else sorted(set(old_results) | set(new_results)):
        before, after = old_results.get(slug), new_results.get(slug)
        if before is None:
            lines.append(f"{slug}: new since {revision}")
            continue
        if after is None:
            lines.append(f"{slug}: removed since {revision}")
            continue
        if before.report is None or after.report is None:
            which = "then" if before.report is None else "now"
            lines.append(f"{slug}: cannot be compared: it does not compute {which}")
            continue
        changes = _diff(figures(before.report.result), figures(after.report.result))
        lines.append(f"{slug}: {'no change' if not changes else f'{len(changes)} changed'}")
        lines.extend(changes)
    return "\n".join(lines)


def compare(
    revision: str, content: Path, current: ContentCheck | None = None, only: str | None = None
) -> str:
    """The comparison of `content` (or its check, if already made) with `revision`, of
    every inspection or `only` the one in that folder."""
    current = current if current is not None else check_content(content)
    with tempfile.TemporaryDirectory(prefix="yjsreport-compare-") as tmp:
        old = check_content(content_at(revision, content, Path(tmp)))
    return describe(revision, old, current, only)
