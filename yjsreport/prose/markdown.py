"""Markdown to HTML with data references resolved and headings nested.

`{{ ref }}` is parsed as its own inline token, resolved after parsing when the
block's source line is known, so a bad reference is reported with file, line
and column. Headings in a part's body start at `##` and are shifted to sit
under the part's own heading, so page structure never skips a level.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin

from yjsreport.content.schema import Context
from yjsreport.engine.results import InspectionResult
from yjsreport.errors import ContentError, Problem
from yjsreport.figures.collect import FigureSet, for_inspection
from yjsreport.figures.references import is_figure_reference, resolve_figure
from yjsreport.figures.tables import note_mark, table_html
from yjsreport.prose.notes import Notes
from yjsreport.prose.numbers import capitalise_first
from yjsreport.prose.references import ReferenceProblem, resolve

OPEN, CLOSE = "{{", "}}"
_SENTENCE_END = re.compile(r"(^|[.!?]['’\"”)]?)\s*$")


@dataclass(frozen=True)
class Source:
    """Markdown text and where its first line sits in its file."""

    text: str
    path: Path
    first_line: int = 1
    column: int | None = None  # for one-line text from front-matter


def _dataref_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith(OPEN, state.pos):
        return False
    end = state.src.find(CLOSE, state.pos + 2)
    if end < 0:
        return False
    if not silent:
        before = state.src[: state.pos]
        token = state.push("dataref", "", 0)
        token.content = state.src[state.pos + 2 : end].strip()
        token.meta = {
            "raw": state.src[state.pos : end + 2],
            "capitalise": bool(_SENTENCE_END.search(before)) or not before.strip(),
        }
    state.pos = end + 2
    return True


_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    "fifteen|sixteen|seventeen|eighteen|nineteen|twenty"
)
# Figures typed by hand are how published reports came to contradict their own
# data; in prose they must be references. Each pattern names the fix.
_TYPED = (
    (
        re.compile(
            r"['‘\"“]\s*(Outstanding|Good|Requires improvement|Inadequate|Not rated)"
            r"\s*['’\"”]"
        ),
        "a rating typed into prose: write {{ 2.1.rating }} or {{ overall.rating }} so it comes "
        "from the data",
    ),
    (
        re.compile(r"\b\d+(?:\.\d+)?\s*(?:%|per\s*cent\b|percent\b)", re.IGNORECASE),
        "a percentage typed into prose: write {{ <question id>.percent }} so it comes from "
        "the data",
    ),
    (
        re.compile(
            # the lookahead (each number's first character) only saves time
            rf"\b(?=[\dotfsen])(?:\d+|{_NUMBER_WORDS})\s+(?:out\s+)?of\s+(?:the\s+)?(?:\d+|{_NUMBER_WORDS})\b",
            re.IGNORECASE,
        ),
        "a count typed into prose: write {{ <question id> }} (‘seven out of 11’) or "
        "{{ <question id>.yes }} so it comes from the data",
    ),
    (
        re.compile(r"\b\d+\s*/\s*\d+\b"),
        "a score typed into prose: write {{ overall.score }} and {{ overall.max }}",
    ),
)


# What every typed figure above must contain: a digit, a quoted rating, or "of" and a
# number word. Almost no text holds a typed figure, so the patterns are run one by one
# only on text with one of these (one quick pass, where the count pattern alone is slow).
_MAYBE_TYPED = re.compile(
    r"\d|['‘\"“]\s*(?:outstanding|good|requires\s+improvement|inadequate|not\s+rated)"
    rf"|\s(?:out\s+)?of\s+(?:the\s+)?(?:{_NUMBER_WORDS})\b",
    re.IGNORECASE,
)


def _inline_tokens(state: StateCore, kind: str) -> Iterator[tuple[Token, Token]]:
    """(block, child) for every inline child token of a kind, with its block for the line."""
    for block in state.tokens:
        if block.type == "inline" and block.children:
            for child in block.children:
                if child.type == kind:
                    yield block, child


def _typed_figures(state: StateCore) -> None:
    source: Source = state.env["source"]
    lines = source.text.splitlines()
    for block, child in _inline_tokens(state, "text"):
        if not _MAYBE_TYPED.search(child.content):
            continue
        found = sorted(
            (match.start(), match[0], message)
            for pattern, message in _TYPED
            for match in pattern.finditer(child.content)
        )
        for _, raw, message in found:  # every typed figure, in reading order
            child.meta = {**(child.meta or {}), "raw": raw}
            state.env["problems"].append(
                _locate(source, lines, block, child, f"{message} (found {raw!r})")
            )


# Report text is Markdown only: raw HTML could run script in the site, publish a
# comment (a case id) in the page source, or ask the PDF renderer to embed a file.
_LINK_SCHEMES = ("https:", "http:", "mailto:")
_HTML_MESSAGE = (
    "raw HTML is not allowed in report text; write Markdown (** for bold, [text](https://...) "
    "for a link) and leave comments out of the file"
)


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:40] + "…"


def _no_raw_html(state: StateCore) -> None:
    """Raw HTML, images and links other than web, mail or in-page ones are problems."""
    source: Source = state.env["source"]
    lines = source.text.splitlines()
    problems: list[Problem] = state.env["problems"]
    for block in state.tokens:
        if block.type == "html_block":
            raw = block.content.strip().splitlines()[0] if block.content.strip() else "<"
            block.meta = {**(block.meta or {}), "raw": raw}
            problems.append(
                _locate(source, lines, block, block, f"{_HTML_MESSAGE} (found {_shown(raw)!r})")
            )
        if block.type != "inline" or not block.children:
            continue
        tagged = False
        for child in block.children:
            if child.type == "html_inline" and not tagged:  # one per paragraph is enough
                tagged = True
                child.meta = {**(child.meta or {}), "raw": child.content}
                message = f"{_HTML_MESSAGE} (found {_shown(child.content)!r})"
                problems.append(_locate(source, lines, block, child, message))
            elif child.type == "image":
                target = str(child.attrGet("src") or "")
                child.meta = {**(child.meta or {}), "raw": target or "!["}
                problems.append(
                    _locate(
                        source,
                        lines,
                        block,
                        child,
                        f"images are not allowed in report text (found {_shown(target)!r}); "
                        "a report's figures and tables come from the data",
                    )
                )
            elif child.type == "link_open":
                target = str(child.attrGet("href") or "")
                if target.startswith("#") or target.lower().startswith(_LINK_SCHEMES):
                    continue
                child.meta = {**(child.meta or {}), "raw": target}
                problems.append(
                    _locate(
                        source,
                        lines,
                        block,
                        child,
                        f"link to {_shown(target)!r} is not allowed: a link may go only to a "
                        "web address (https: or http:), an e-mail address (mailto:) or a "
                        "heading on the page (#...); files are never linked",
                    )
                )


def _resolve_refs(state: StateCore) -> None:
    env = state.env
    result: InspectionResult = env["result"]
    source: Source = env["source"]
    resolver = env.get("resolver")
    lines = source.text.splitlines()
    for block, child in list(_inline_tokens(state, "dataref")):
        try:
            if is_figure_reference(child.content):  # surveys, statistics: both reports
                _figure_ref(state, block, child)
                continue
            if resolver is not None:  # the annual report resolves its own figures
                text = resolver(child.content, result)
            else:
                text = resolve(child.content, result, env.get("context"))
        except ReferenceProblem as exc:
            env["problems"].append(_locate(source, lines, block, child, str(exc)))
            text = child.meta["raw"]
        if child.meta["capitalise"]:
            text = capitalise_first(text)
        child.type, child.content = "text", text


def _figure_ref(state: StateCore, block: Token, child: Token) -> None:
    """A figure from outside the case data: its text, then a note for each source; a
    table in place of the paragraph it stands alone in."""
    env = state.env
    if env.get("figures") is None:
        result = env["result"]
        env["figures"] = for_inspection(
            env.get("context"), result if isinstance(result, InspectionResult) else None
        )
    figures: FigureSet = env["figures"]
    found = resolve_figure(child.content, figures)
    if found.table is not None:
        index = state.tokens.index(block)
        alone = [c for c in block.children or [] if c.type != "text" or c.content.strip()]
        if alone != [child] or index == 0 or state.tokens[index - 1].type != "paragraph_open":
            raise ReferenceProblem(
                f"{{{{ {child.content} }}}} prints a table: put it on a line of its own, "
                "with a blank line before and after"
            )
        state.tokens[index - 1].hidden = state.tokens[index + 1].hidden = True
        block.children = [child]
        child.type, child.meta = "figure_table", {"table": found.table, "figures": figures}
        return
    text = capitalise_first(found.text) if child.meta["capitalise"] else found.text
    child.type, child.content = "text", text
    if found.notes and block.children is not None:
        note = Token("figure_note", "", 0)
        note.meta = {"notes": found.notes}
        at = block.children.index(child)
        block.children.insert(at + 1, note)


def _render_figure_note(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    return "".join(note_mark(env["notes"], n) for n in tokens[idx].meta["notes"])


def _render_figure_table(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    meta = tokens[idx].meta
    return str(table_html(meta["table"], meta["figures"], env["notes"]))


def _locate(source: Source, lines: list[str], block: Token, child: Token, message: str) -> Problem:
    if source.column is not None:
        return Problem(source.path, message, source.first_line, _column_in_yaml(source, child))
    start, stop = block.map if block.map else (0, len(lines))
    for index in range(start, min(stop, len(lines))):
        col = lines[index].find(child.meta["raw"])
        if col >= 0:
            return Problem(source.path, message, source.first_line + index, col + 1)
    return Problem(source.path, message, source.first_line + start)


def _column_in_yaml(source: Source, child: Token) -> int | None:
    """Where a reference sits inside a one-line YAML string, found in the file itself;
    the string's own column when the text is folded or escaped in the file."""
    assert source.column is not None
    try:
        line = source.path.read_text(encoding="utf-8").splitlines()[source.first_line - 1]
    except (OSError, IndexError):
        return source.column
    raw = child.meta.get("raw", "")
    found = line.find(raw, source.column - 1)
    return found + 1 if raw and found >= 0 else source.column


def _shift_headings(state: StateCore) -> None:
    base: int = state.env.get("base_level", 1)
    source: Source = state.env["source"]
    previous = 1
    for token in state.tokens:
        if token.type not in ("heading_open", "heading_close"):
            continue
        level = int(token.tag[1])
        if token.type == "heading_open":
            line = source.first_line + (token.map[0] if token.map else 0)
            if level == 1:
                state.env["problems"].append(
                    Problem(
                        source.path,
                        "headings in a part start at '##': the part's own heading is made for you",
                        line,
                        1,
                    )
                )
            elif level > previous + 1:
                state.env["problems"].append(
                    Problem(
                        source.path,
                        f"heading level {'#' * level} follows {'#' * previous}: "
                        "headings must not skip a level",
                        line,
                        1,
                    )
                )
            previous = level
        new_level = min(6, level + base - 1)
        token.tag = f"h{new_level}"


def _collect_notes(state: StateCore) -> None:
    """Render each footnote's text and take the footnote block out of the flow;
    the references then ask the report's Notes for their number."""
    tokens = state.tokens
    start = next((i for i, t in enumerate(tokens) if t.type == "footnote_block_open"), None)
    if start is None:
        return
    end = next(i for i, t in enumerate(tokens) if t.type == "footnote_block_close")
    rendered: dict[int, str] = {}
    segment: list[Token] = []
    note_id = -1
    for token in tokens[start + 1 : end]:
        if token.type == "footnote_open":
            segment, note_id = [], token.meta["id"]
        elif token.type == "footnote_close":
            html_text = state.md.renderer.render(segment, state.md.options, state.env).strip()
            if html_text.startswith("<p>") and html_text.count("<p>") == 1:
                html_text = html_text[3:].removesuffix("</p>")
            rendered[note_id] = html_text
        elif token.type != "footnote_anchor":
            _no_note_in_note(state, token)
            segment.append(token)
    state.env["footnote_html"] = rendered
    state.tokens = tokens[:start] + tokens[end + 1 :]


def _no_note_in_note(state: StateCore, token: Token) -> None:
    """A note's text cannot itself carry a note: say where, and drop the reference."""
    if token.type != "inline" or not token.children:
        return
    refs = [c for c in token.children if c.type == "footnote_ref"]
    if not refs:
        return
    source: Source = state.env["source"]
    lines = source.text.splitlines()
    for ref in refs:
        ref.meta = {**ref.meta, "raw": f"[^{ref.meta.get('label', '')}]"}
        message = "a footnote cannot carry a footnote of its own"
        problem = _locate(source, lines, token, ref, message)
        state.env["problems"].append(problem)
    token.children = [c for c in token.children if c.type != "footnote_ref"]


def _render_note_ref(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    note_id = tokens[idx].meta["id"]
    notes: Notes = env["notes"]
    return notes.reference(env["footnote_html"][note_id], key=(env["docId"], note_id))


PRACTICE = "practice"  # ::: practice <title> ... ::: in a part's prose


def _render_practice(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    """A practice example: a titled box, an aside (a panel in print), so it reads as the
    inspectors' example and never as a quotation of a child's words."""
    token = tokens[idx]
    if token.nesting != 1:
        return "</aside>\n"
    title = token.info.strip()[len(PRACTICE) :].strip() or "Practice example"
    return (
        '<aside class="practice-example">\n'
        f'<p class="practice-example-title"><strong>{escapeHtml(title)}</strong></p>\n'
    )


def make_markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"typographer": True}).enable(
        ["table", "replacements", "smartquotes"]
    )
    md.use(footnote_plugin)
    md.use(container_plugin, name=PRACTICE, render=_render_practice)
    # Every link is kept as a link so that _no_raw_html can name a refused one
    # (markdown-it would otherwise leave `javascript:` links as plain text).
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    md.inline.ruler.before("emphasis", "dataref", _dataref_rule)
    md.core.ruler.push("no_raw_html", _no_raw_html)
    md.core.ruler.push("typed_figures", _typed_figures)
    md.core.ruler.push("dataref_resolve", _resolve_refs)
    md.core.ruler.push("heading_shift", _shift_headings)
    md.core.ruler.push("notes_collect", _collect_notes)
    md.add_render_rule("footnote_ref", _render_note_ref)
    md.add_render_rule("figure_note", _render_figure_note)
    md.add_render_rule("figure_table", _render_figure_table)
    return md


_MD = make_markdown()


# Parsed parts, per computed result: `check` and the web and print articles of one
# report all need a part's prose, and parsing (with reference resolution) is the
# costly step. Footnote numbers and heading levels are applied when the tokens are
# rendered, so one parse serves every document order and nesting level.
# (tokens, footnote HTML, problems, the context parsed with: kept so its id stays its own)
Parsed = tuple[list[Token], dict[int, str], tuple[Problem, ...], Context | None]
_PARSED: dict[int, dict[tuple[bool, Source, str, int], Parsed]] = {}


def _parsed(
    inline: bool,
    source: Source,
    result: InspectionResult,
    doc_id: str,
    context: Context | None,
    resolver: Any = None,
    figures: FigureSet | None = None,
) -> Parsed:
    if resolver is not None:  # the annual report's own figures: parsed afresh each time
        return _parse(inline, source, result, doc_id, context, resolver, figures)
    per_result = _PARSED.get(id(result))
    if per_result is None:
        per_result = _PARSED[id(result)] = {}
        weakref.finalize(result, _PARSED.pop, id(result), None)  # before the id can be reused
    key = (inline, source, doc_id, id(context))
    found = per_result.get(key)
    if found is None:
        found = per_result[key] = _parse(inline, source, result, doc_id, context, None)
    return found


def _parse(
    inline: bool,
    source: Source,
    result: InspectionResult,
    doc_id: str,
    context: Context | None,
    resolver: Any,
    figures: FigureSet | None = None,
) -> Parsed:
    env: dict[str, Any] = {
        "figures": figures,
        "result": result,
        "source": source,
        "problems": [],
        "notes": Notes(),
        "docId": doc_id,
        "context": context,
        "resolver": resolver,
    }
    tokens = _MD.parseInline(source.text, env) if inline else _MD.parse(source.text, env)
    return (tokens, env.get("footnote_html", {}), tuple(env["problems"]), context)


def _at_level(tokens: list[Token], base_level: int) -> list[Token]:
    """Headings moved under the part's own heading: `##` becomes h(base_level + 1)."""
    if base_level == 1:
        return tokens
    return [
        replace(t, tag=f"h{min(6, int(t.tag[1]) + base_level - 1)}")
        if t.type in ("heading_open", "heading_close")
        else t
        for t in tokens
    ]


def _rendered(
    inline: bool,
    source: Source,
    result: InspectionResult,
    notes: Notes | None,
    doc_id: str,
    base_level: int = 1,
    context: Context | None = None,
    resolver: Any = None,
    figures: FigureSet | None = None,
) -> str:
    """Render the (cached) parse; every problem found on the way is raised together."""
    tokens, footnote_html, problems, _ = _parsed(
        inline, source, result, doc_id, context, resolver, figures
    )
    if problems:
        raise ContentError(problems)
    env = {
        "notes": notes if notes is not None else Notes(),
        "footnote_html": footnote_html,
        "docId": doc_id,
    }
    out: str = _MD.renderer.render(_at_level(tokens, base_level), _MD.options, env)
    return out


def render(
    source: Source,
    result: InspectionResult,
    base_level: int,
    doc_id: str,
    notes: Notes | None = None,
    context: Context | None = None,
    resolver: Any = None,
    figures: FigureSet | None = None,
) -> str:
    """A part's body as HTML; its `##` headings become h(base_level + 1). `figures` are
    those an annual report quotes (a single report's come from its context)."""
    return _rendered(False, source, result, notes, doc_id, base_level, context, resolver, figures)


def render_inline(
    source: Source,
    result: InspectionResult,
    notes: Notes | None = None,
    doc_id: str = "inline",
    context: Context | None = None,
) -> str:
    """One line of inline Markdown (a strength, a recommendation) without a <p>."""
    return _rendered(True, source, result, notes, doc_id, context=context)
