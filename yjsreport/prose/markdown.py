"""Markdown to HTML with data references resolved and headings nested.

`{{ ref }}` is parsed as its own inline token, resolved after parsing when the
block's source line is known, so a bad reference is reported with file, line
and column. Headings in a part's body start at `##` and are shifted to sit
under the part's own heading, so page structure never skips a level.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterator, Mapping, MutableMapping
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

from yjsreport.content.schema import Context, KeyData
from yjsreport.engine.results import InspectionResult
from yjsreport.errors import ContentError, Problem, display_path
from yjsreport.figures.collect import FigureSet, for_inspection
from yjsreport.figures.references import is_figure_reference, resolve_figure
from yjsreport.figures.tables import note_mark, table_html
from yjsreport.prose import typed_numbers
from yjsreport.prose.notes import Notes
from yjsreport.prose.numbers import capitalise_first
from yjsreport.prose.references import ReferenceProblem, resolve
from yjsreport.prose.typed_numbers import RATING_MESSAGE, typed_ratings
from yjsreport.sources.scripts import find_script
from yjsreport.sources.scripts import message as script_message

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


def _inline_tokens(state: StateCore, kind: str) -> Iterator[tuple[Token, Token]]:
    """(block, child) for every inline child token of a kind, with its block for the line."""
    for block in state.tokens:
        if block.type == "inline" and block.children:
            for child in block.children:
                if child.type == kind:
                    yield block, child


QUOTE = "quote"  # ::: quote <who> ... ::: marks a person's own words
PRACTICE = "practice"  # ::: practice <title> ... ::: in a part's prose
_QUOTE_OPEN, _QUOTE_CLOSE = f"container_{QUOTE}_open", f"container_{QUOTE}_close"
_UNMARKED_QUOTE_HINT = (
    "; if these are a person's own words, mark the quotation with who said them "
    "(::: quote a child, the words, then :::) and its figures are theirs"
)


def _sentence_text(children: list[Token]) -> tuple[str, list[tuple[int, int, Token]]]:
    """An inline block's text as a reader meets it, and where each text token sits in it.
    A reference's output is marked by the token's meta (set in _resolve_refs)."""
    parts: list[str] = []
    spans: list[tuple[int, int, Token]] = []
    at = 0
    address = False  # an autolink's text is its address, not prose
    for child in children:
        if child.type == "link_open" and child.markup == "autolink":
            address = True
        elif child.type == "link_close":
            address = False
        if address:
            continue
        if child.type in ("text", "code_inline"):  # a figure in code is published too
            piece = child.content
            spans.append((at, at + len(piece), child))
        elif child.type in ("softbreak", "hardbreak"):
            piece = " "
        else:
            continue
        parts.append(piece)
        at += len(piece)
    return "".join(parts), spans


def _declared_names(env: MutableMapping[str, Any], text: str) -> list[tuple[int, int]]:
    """Where the proper names declared as data ('Junction 10 Project') stand in a text:
    their numbers name, not count, so the figure check reads them as a reference's."""
    figures: FigureSet | None = env.get("figures")
    context: Context | None = env.get("context")
    names = figures.names if figures is not None else tuple(context.names) if context else ()
    return [
        (m.start(), m.end())
        for name in names
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)
    ]


def _typed_figures(state: StateCore) -> None:
    """Every figure a reader meets in the prose must come from a reference or belong to a
    class that is not a claim (typed_numbers says which); a marked quotation is exempt."""
    source: Source = state.env["source"]
    lines = source.text.splitlines()
    problems: list[Problem] = state.env["problems"]
    quoted = unmarked = 0
    for block in state.tokens:
        if block.type == _QUOTE_OPEN:
            quoted += 1
            if not block.info.strip()[len(QUOTE) :].strip():
                block.meta = {**(block.meta or {}), "raw": block.markup}
                problems.append(
                    _locate(
                        source,
                        lines,
                        block,
                        block,
                        "a marked quotation names who said it: write '::: quote a child' "
                        "(or a parent, a member of staff) on its first line",
                    )
                )
        elif block.type == _QUOTE_CLOSE:
            quoted -= 1
        elif block.type == "blockquote_open":
            unmarked += 1
        elif block.type == "blockquote_close":
            unmarked -= 1
        if block.type != "inline" or not block.children or quoted:
            continue
        text, spans = _sentence_text(block.children)
        references = [(a, b) for a, b, t in spans if (t.meta or {}).get("reference")]
        references += _declared_names(state.env, text)
        found: list[tuple[int, str, Token, str]] = []
        for a, _, token in spans:
            if (token.meta or {}).get("reference"):
                continue
            for start, end in typed_ratings(token.content):
                found.append((a + start, token.content[start:end], token, RATING_MESSAGE))
        for figure in typed_numbers.figures(text, references):
            at = figure.typed_start
            a, b, token = next((s for s in spans if s[0] <= at < s[1]), spans[-1])
            raw = text[at : min(figure.end, b)].strip()
            advice = typed_numbers.message(figure, typed_numbers.sentence_at(text, figure.start))
            if unmarked:
                advice += _UNMARKED_QUOTE_HINT
            found.append((figure.start, raw, token, advice))
        for at, raw, token, message in sorted(found, key=lambda f: f[0]):
            # which occurrence of these words it is, counting those typed before it that
            # passed (an exempt 'Junction 10' before a typed '10'), not a reference's
            typed = [(a, b) for a, b, t in spans if not (t.meta or {}).get("reference")]
            nth = sum(
                1
                for a, b in typed
                for m in _as_written(raw).finditer(text, a, b)
                if m.start() < at and m.end() <= b
            )
            problem = _locate_nth(source, lines, block, token, raw, nth)
            problems.append(replace(problem, message=f"{message} (found {raw!r})"))


_TYPOGRAPHY = {
    "‘": "['‘]",
    "’": "['’]",
    "“": '["“]',
    "”": '["”]',
    "–": "(?:–|--)",
    "—": "(?:—|---)",
}


def _as_written(text: str) -> re.Pattern[str]:
    """Text as it may be written in the source: smart quotes and dashes are the
    typographer's, and a line break is a space to the reader."""
    parts = []
    for ch in text:
        if ch in _TYPOGRAPHY:
            parts.append(_TYPOGRAPHY[ch])
        elif ch.isspace():
            parts.append(r"\s+")
        else:
            parts.append(re.escape(ch))
    return re.compile("".join(parts))


_REFERENCE_SOURCE = re.compile(r"\{\{.*?\}\}", re.S)


def _locate_nth(
    source: Source, lines: list[str], block: Token, token: Token, raw: str, nth: int
) -> Problem:
    """Where the nth (from 0) typed occurrence of `raw` is written in the block, outside
    any {{ reference }}: two figures with the same words each get their own place, and
    words that passed (a name, a date) are not taken for the figure that did not."""
    if source.column is None and block.map:
        pattern = _as_written(raw)
        start, stop = block.map
        seen = 0
        for index in range(start, min(stop, len(lines))):
            line = lines[index]
            inside = [(m.start(), m.end()) for m in _REFERENCE_SOURCE.finditer(line)]
            for match in pattern.finditer(line):
                if any(a <= match.start() < b for a, b in inside):
                    continue
                if seen == nth:
                    return Problem(source.path, "", source.first_line + index, match.start() + 1)
                seen += 1
    token.meta = {**(token.meta or {}), "raw": raw}
    return _locate(source, lines, block, token, "")


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


_TITLED = (f"container_{PRACTICE}_open", f"container_{QUOTE}_open")


def _no_script_in_title(
    source: Source, lines: list[str], block: Token, problems: list[Problem]
) -> None:
    """A practice example's title or a quotation's attribution carries no script: it is
    published as a heading or caption, and a script there is refused as anywhere else
    (yjsreport/sources/scripts.py), not merely escaped."""
    script = find_script(block.info)
    if script is None:
        return
    index = block.map[0] if block.map else 0
    line = lines[index] if index < len(lines) else ""
    column = line.find(block.info) if block.info else -1
    shown = _shown(block.info[script.start :])
    problems.append(
        Problem(
            source.path,
            f"{script_message(script)} (found {shown!r})",
            source.first_line + index,
            column + script.start + 1 if column >= 0 else None,
        )
    )


def _no_raw_html(state: StateCore) -> None:
    """Raw HTML, images and links other than web, mail or in-page ones are problems."""
    source: Source = state.env["source"]
    lines = source.text.splitlines()
    problems: list[Problem] = state.env["problems"]
    for block in state.tokens:
        if block.type in _TITLED and block.nesting == 1:
            _no_script_in_title(source, lines, block, problems)
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
            if "" in child.content.strip().split("."):
                # 'years.' read as 'years' would print a figure the author did not name
                raise ReferenceProblem(
                    f"{{{{ {child.content.strip()} }}}} has an empty part: expected names "
                    "joined by single dots, none at either end"
                )
            if is_figure_reference(child.content):  # surveys, statistics: both reports
                _figure_ref(state, block, child)
                continue
            if resolver is not None:  # the annual report resolves its own figures
                text = resolver(child.content, result)
            else:
                text = resolve(child.content, result)
        except ReferenceProblem as exc:
            env["problems"].append(_locate(source, lines, block, child, str(exc)))
            text = child.meta["raw"]
        if child.meta["capitalise"]:
            text = capitalise_first(text)
        child.type, child.content = "text", text
        child.meta["reference"] = True  # its figures are the data's, not typed


def _figure_ref(state: StateCore, block: Token, child: Token) -> None:
    """A figure from outside the case data: its text, then a note for each source; a
    table in place of the paragraph it stands alone in."""
    env = state.env
    if env.get("figures") is None:
        result = env["result"]
        env["figures"] = for_inspection(
            env.get("context"),
            result if isinstance(result, InspectionResult) else None,
            env.get("key_data"),
        )
    figures: FigureSet = env["figures"]
    found = resolve_figure(child.content, figures)
    if found.table is not None:
        index = next(i for i, t in enumerate(state.tokens) if t is block)
        alone = [c for c in block.children or [] if c.type != "text" or c.content.strip()]
        what = "a chart" if found.table.chart else "a table"
        if alone != [child] or index == 0 or state.tokens[index - 1].type != "paragraph_open":
            raise ReferenceProblem(
                f"{{{{ {child.content} }}}} prints {what}: put it on a line of its own, "
                "with a blank line before and after"
            )
        placer: Any = env.get("charts")
        if found.table.chart and placer is None:
            raise ReferenceProblem(
                f"{{{{ {child.content} }}}}: charts of statistics are drawn in annual "
                f"reports only; here, place the table: {{{{ table {child.content.strip()[6:]} }}}}"
            )
        # placed before the token changes, so a refusal still finds the reference's place
        number = placer.place(found.table.name, figures) if found.table.chart else None
        state.tokens[index - 1].hidden = state.tokens[index + 1].hidden = True
        block.children = [child]
        child.type, child.meta = "figure_table", {"table": found.table, "figures": figures}
        if number is not None:
            child.type = "figure_chart"
            child.meta |= {"placer": placer, "number": number}
        return
    text = capitalise_first(found.text) if child.meta["capitalise"] else found.text
    child.type, child.content = "text", text
    child.meta["reference"] = True  # its figures are the data's, not typed
    # a paragraph cites each source once, at its first figure, as a published report's
    # sentence does ('15 per cent were Black and 7 per cent of mixed ethnicity, up from
    # 10 and 5 per cent' carries one note, not four)
    cited = [n for c in block.children or [] if c.type == "figure_note" for n in c.meta["notes"]]
    fresh = [n for n in found.notes if n not in cited]
    if fresh and block.children is not None:
        note = Token("figure_note", "", 0)
        note.meta = {"notes": fresh}
        # by identity: tokens compare by value, so a second identical reference in one
        # paragraph would find the first and put both notes there
        at = next(i for i, c in enumerate(block.children) if c is child)
        block.children.insert(at + 1, note)


def _render_figure_note(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    return "".join(note_mark(env["notes"], n) for n in tokens[idx].meta["notes"])


def _render_figure_table(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    meta = tokens[idx].meta
    return str(table_html(meta["table"], meta["figures"], env["notes"]))


def _render_figure_chart(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    """A table's chart, then the table: drawn by the report that placed it (`charts`)."""
    meta = tokens[idx].meta
    return str(
        meta["placer"].html(meta["table"].name, meta["number"], meta["figures"], env["notes"])
    )


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


def _render_quote(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    """A person's words with who said them: a blockquote in a figure whose caption is the
    attribution, so a screen reader hears both together (in print, a block quote and its
    caption)."""
    token = tokens[idx]
    if token.nesting == 1:
        return '<figure class="quotation">\n<blockquote>\n'
    opening = next(
        t for t in reversed(tokens[:idx]) if t.type == _QUOTE_OPEN and t.level == token.level
    )
    who = opening.info.strip()[len(QUOTE) :].strip()
    return f"</blockquote>\n<figcaption>— {escapeHtml(who)}</figcaption>\n</figure>\n"


def make_markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"typographer": True}).enable(
        ["table", "replacements", "smartquotes"]
    )
    md.use(footnote_plugin)
    md.use(container_plugin, name=PRACTICE, render=_render_practice)
    md.use(container_plugin, name=QUOTE, render=_render_quote)
    # Every link is kept as a link so that _no_raw_html can name a refused one
    # (markdown-it would otherwise leave `javascript:` links as plain text).
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    md.inline.ruler.before("emphasis", "dataref", _dataref_rule)
    md.core.ruler.push("no_raw_html", _no_raw_html)
    md.core.ruler.push("dataref_resolve", _resolve_refs)
    md.core.ruler.push("typed_figures", _typed_figures)
    md.core.ruler.push("heading_shift", _shift_headings)
    md.core.ruler.push("notes_collect", _collect_notes)
    md.add_render_rule("footnote_ref", _render_note_ref)
    md.add_render_rule("figure_note", _render_figure_note)
    md.add_render_rule("figure_table", _render_figure_table)
    md.add_render_rule("figure_chart", _render_figure_chart)
    return md


_MD = make_markdown()


@dataclass(frozen=True)
class Quotation:
    """A marked quotation: its figures are the speaker's, so an editor reviews the list."""

    path: Path
    line: int
    who: str

    def __str__(self) -> str:
        return f"{display_path(self.path)}:{self.line} ({self.who or 'no attribution'})"


# Blocks only: finding the quotations needs no inline parse and no data.
_BLOCKS = MarkdownIt("commonmark").use(footnote_plugin)
_BLOCKS.use(container_plugin, name=QUOTE).use(container_plugin, name=PRACTICE)
_BLOCKS.disable("inline")


def marked_quotations(source: Source) -> list[Quotation]:
    """Every '::: quote <who>' in a text, with the line it opens on."""
    if ":::" not in source.text:
        return []
    return [
        Quotation(
            source.path,
            source.first_line + (token.map[0] if token.map else 0),
            token.info.strip()[len(QUOTE) :].strip(),
        )
        for token in _BLOCKS.parse(source.text)
        if token.type == _QUOTE_OPEN
    ]


# Parsed parts, per computed result: `check` and the web and print articles of one
# report all need a part's prose, and parsing (with reference resolution) is the
# costly step. Footnote numbers and heading levels are applied when the tokens are
# rendered, so one parse serves every document order and nesting level.
# (tokens, footnote HTML, problems, the context parsed with: kept so its id stays its own)
Parsed = tuple[list[Token], dict[int, str], tuple[Problem, ...], Context | None]
_PARSED: dict[int, dict[tuple[bool, Source, str, int, int, int], Parsed]] = {}


def _parsed(
    inline: bool,
    source: Source,
    result: InspectionResult,
    doc_id: str,
    context: Context | None,
    resolver: Any = None,
    figures: FigureSet | None = None,
    key_data: Mapping[str, KeyData] | None = None,
    charts: Any = None,
) -> Parsed:
    if resolver is not None:  # the annual report's own figures: parsed afresh each time
        return _parse(inline, source, result, doc_id, context, resolver, figures, charts=charts)
    per_result = _PARSED.get(id(result))
    if per_result is None:
        per_result = _PARSED[id(result)] = {}
        weakref.finalize(result, _PARSED.pop, id(result), None)  # before the id can be reused
    key = (inline, source, doc_id, id(context), id(figures), id(key_data))
    found = per_result.get(key)
    if found is None:
        found = per_result[key] = _parse(
            inline, source, result, doc_id, context, None, figures, key_data
        )
    return found


def _parse(
    inline: bool,
    source: Source,
    result: InspectionResult,
    doc_id: str,
    context: Context | None,
    resolver: Any,
    figures: FigureSet | None = None,
    key_data: Mapping[str, KeyData] | None = None,
    charts: Any = None,
) -> Parsed:
    """`charts` places the charts of statistics `{{ chart stat.<table> }}` asks for (the
    annual report's; None where the report draws none)."""
    env: dict[str, Any] = {
        "charts": charts,
        "figures": figures,
        "key_data": key_data,
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
    key_data: Mapping[str, KeyData] | None = None,
    charts: Any = None,
) -> str:
    """Render the (cached) parse; every problem found on the way is raised together."""
    tokens, footnote_html, problems, _ = _parsed(
        inline, source, result, doc_id, context, resolver, figures, key_data, charts
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
    key_data: Mapping[str, KeyData] | None = None,
    charts: Any = None,
) -> str:
    """A part's body as HTML; its `##` headings become h(base_level + 1). `figures` are
    those an annual report quotes (a single report's come from its context and its
    standards' `key_data`); `charts` places the charts of statistics (annual reports)."""
    return _rendered(
        False,
        source,
        result,
        notes,
        doc_id,
        base_level,
        context,
        resolver,
        figures,
        key_data,
        charts,
    )


def render_inline(
    source: Source,
    result: InspectionResult,
    notes: Notes | None = None,
    doc_id: str = "inline",
    context: Context | None = None,
    key_data: Mapping[str, KeyData] | None = None,
) -> str:
    """One line of inline Markdown (a strength, a recommendation) without a <p>."""
    return _rendered(True, source, result, notes, doc_id, context=context, key_data=key_data)
