"""Running axe-core in headless Chromium, and the Nu HTML Checker, on built pages."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

# WCAG 2.0, 2.1 and 2.2 at levels A and AA, and Deque's best practices.
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice")
AXE_OPTIONS: dict[str, Any] = {
    "runOnly": {"type": "tag", "values": list(AXE_TAGS)},
    # WCAG 2.2 target size (minimum), 24 by 24 CSS pixels: switched on explicitly.
    "rules": {"target-size": {"enabled": True}},
}

# Chromium's own switches: no network traffic of its own, no first-run work, no GPU.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


@contextmanager
def chromium_browser(executable: str) -> Iterator[Browser]:
    """Headless Debian Chromium driven by Playwright (which gives it a fresh profile)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=list(CHROMIUM_ARGS)
        )
        try:
            yield browser
        finally:
            browser.close()


def run_axe(page: Page, axe_script: Path) -> dict[str, Any]:
    """axe-core's results for the loaded page (every group, so a test can tell that a
    rule really ran)."""
    page.add_script_tag(path=str(axe_script))
    return page.evaluate(
        """async (options) => {
            const r = await axe.run(document, options);
            const brief = (group) => group.map((rule) => ({
                id: rule.id, impact: rule.impact, help: rule.help,
                nodes: rule.nodes.map((n) => ({
                    target: n.target.join(" "), html: n.html, summary: n.failureSummary,
                })),
            }));
            return {
                version: r.testEngine.version,
                violations: brief(r.violations),
                incomplete: brief(r.incomplete),
                ran: [...r.violations, ...r.incomplete, ...r.passes, ...r.inapplicable]
                    .map((rule) => rule.id),
            };
        }""",
        AXE_OPTIONS,
    )


def describe_violations(violations: Sequence[dict[str, Any]]) -> str:
    lines = []
    for rule in violations:
        lines.append(f"{rule['id']} ({rule['impact']}): {rule['help']}")
        for node in rule["nodes"][:10]:
            lines.append(f"    at {node['target']}: {node['html'][:160]}")
            for summary in (node.get("summary") or "").splitlines():
                lines.append(f"        {summary}")
    return "\n".join(lines)


def run_vnu(java: str, jar: Path, files: Sequence[Path]) -> list[dict[str, Any]]:
    """The Nu HTML Checker's errors for these files (warnings are not asked for)."""
    done = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    # vnu writes its JSON report to standard error; exit status 1 means errors found.
    try:
        report = json.loads(done.stderr)
    except json.JSONDecodeError as exc:
        raise AssertionError(
            f"vnu gave no JSON report (exit {done.returncode}):\n{done.stdout}\n{done.stderr}"
        ) from exc
    messages: list[dict[str, Any]] = report["messages"]
    if done.returncode not in (0, 1) or (done.returncode == 1 and not messages):
        raise AssertionError(f"vnu failed (exit {done.returncode}):\n{done.stderr}")
    return messages


def describe_vnu(messages: Sequence[dict[str, Any]]) -> str:
    return "\n".join(
        f"{m.get('url', '?').rsplit('/site/', 1)[-1]}:{m.get('lastLine', '?')}:"
        f"{m.get('firstColumn', m.get('lastColumn', '?'))}: {m.get('type')}: {m.get('message')}"
        f"\n    {m.get('extract', '').strip()[:160]}"
        for m in messages
    )
