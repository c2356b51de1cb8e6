"""Running axe-core and HTML_CodeSniffer in headless Chromium, and the Nu HTML Checker,
on built pages."""

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


# HTML_CodeSniffer's message types (HTMLCS.ERROR, WARNING, NOTICE).
HTMLCS_TYPES = {1: "error", 2: "warning", 3: "notice"}
HTMLCS_STANDARD = "WCAG2AA"


def run_htmlcs(page: Page, htmlcs_script: Path) -> dict[str, list[dict[str, str]]]:
    """HTML_CodeSniffer's messages for the loaded page under WCAG 2 AA, by type.

    It reads tables differently from axe-core (it works out each data cell's headers
    itself, on a plain grid, and compares them with the cell's ``headers``), so it is a
    second opinion, not a repeat. Its grid takes a group header that spans the row
    (``<th scope="rowgroup" colspan>``) as a column header of every cell below it, so
    it expects each cell to name the headers of every later group as well: a known
    false positive (squizlabs/HTML_CodeSniffer#285, #287) that the accessible markup
    cannot meet. Those messages, and only those, are set apart as "grid": the cell's
    own row, column and group headers must still be exactly what it expects."""
    page.add_script_tag(path=str(htmlcs_script))
    messages: list[dict[str, Any]] = page.evaluate(
        """(standard) => new Promise((resolve, reject) => {
            // The headers HTML_CodeSniffer expects beyond those the cell names are all
            // group headers of other row groups of the same table.
            const onlyOtherGroups = (m) => {
                const found = /Expected "([^"]*)" but found "([^"]*)"/.exec(m.msg);
                if (!m.code.endsWith("H43.IncorrectAttr") || !found) return false;
                const expected = found[1].split(/\\s+/).filter(Boolean);
                const named = found[2].split(/\\s+/).filter(Boolean);
                if (!named.every((id) => expected.includes(id))) return false;
                const group = m.element.closest("tbody, thead, tfoot");
                const table = m.element.closest("table");
                return expected.filter((id) => !named.includes(id)).every((id) => {
                    const th = document.getElementById(id);
                    return th && th.tagName === "TH" && th.getAttribute("scope") === "rowgroup"
                        && th.closest("table") === table && th.closest("tbody") !== group;
                });
            };
            HTMLCS.process(standard, document, () => resolve(HTMLCS.getMessages().map((m) => ({
                type: m.type === 1 && onlyOtherGroups(m) ? "grid" : m.type,
                code: m.code, msg: m.msg,
                html: m.element && m.element.outerHTML
                    ? m.element.outerHTML.slice(0, 200) : String(m.element && m.element.nodeName),
            }))), reject, "en");
        })""",
        HTMLCS_STANDARD,
    )
    kinds = {**HTMLCS_TYPES, "grid": "grid"}
    grouped: dict[str, list[dict[str, str]]] = {kind: [] for kind in kinds.values()}
    for message in messages:
        grouped[kinds[message.pop("type")]].append(message)
    return grouped


def describe_htmlcs(messages: Sequence[dict[str, str]]) -> str:
    return "\n".join(f"{m['code']}: {m['msg']}\n    at {m['html']}" for m in messages)


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
