"""The numbers a sentence states, read as numbers rather than as wording.

A figure typed by hand is how a published report comes to contradict its own data, and
a check that looks for wordings ("45 per cent", "nine of 11") is talked round by any
other wording ("forty-five per cent", "of the 11 staff, nine said"). So this module reads
every number in a text: digits, number words and their compounds, fractions, multiples
and percentages, grouped where they make one figure ("seven out of 11", "one hundred
and twenty", "two-thirds"). A number is allowed only where it is a reference's output
or belongs to a class that is not a claim (a date, a section number, a name, an
address); each such class is one named rule below.

Rules of the grammar, and why:
- "one" alone names an instance, as "a" does ("one child told us", "at one meeting"):
  a reference could not say it better. It counts when it is limited or compared ("only
  one", "all but one", "one of the 11", "one in five"), and is then a figure.
- Word ordinals are positions ("the first time", "a second visit"), not claims, except
  as fractions ("a third of children", "two-thirds"). Digit ordinals ("17th") are ranks
  and are claims, unless they are days of a date ("31st March").
- "half" and "quarter" are fractions unless they are periods of time ("the second half
  of the year", "each quarter").
- A single age ("aged 15", "a 15-year-old") is a claim, and case-level detail about one
  child besides: it is never allowed. An age band ("aged 10 to 17", "10–14 years")
  names a category, as a table's row heading does, and is allowed.

Pure functions, no I/O: the Markdown layer gives the text and says which parts of it a
reference wrote.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass


def _words(text: str) -> list[str]:
    return text.split()


_UNITS = _words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
)
_TENS = _words("twenty thirty forty fifty sixty seventy eighty ninety")
_SCALES = _words("hundred thousand million billion dozen")
_ORDINALS = _words(
    "third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth twentieth hundredth"
)
_MULTIPLES = _words("twice doubled halved trebled tripled")
_MONTHS = _words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)

# Words after which a number names a thing rather than counting it ("standard 2.1",
# "domain one", "Outcome 22", "Schedule 1"). The grammar of labels, not report content.
LABELS = frozenset(
    _words(
        """standard standards domain domains section sections annex annexe annexes appendix
    appendices chapter chapters part parts paragraph paragraphs page pages figure figures
    table tables chart charts question questions prompt prompts recommendation
    recommendations footnote footnotes note notes outcome outcomes schedule schedules
    article articles rule rules regulation regulations clause clauses principle principles
    stage stages phase phases step steps tier tiers level levels version versions volume
    issue unit units floor suite box room ward junction year"""
    )
)
# "year" labels a school year only when written "Year 11"; lower-case it counts ("year 2").
_CAPITAL_ONLY_LABELS = frozenset({"year"})
_STREETS = frozenset(
    _words(
        """street road lane avenue way place square drive close crescent terrace gardens row
    walk hill parade grove court mews park"""
    )
)

_WORD = r"[A-Za-z]+(?:['’][a-z]+)?"
_NUMBER_WORDS = "|".join([*_UNITS, *_TENS, *_SCALES])
# One number or number-like word; grouping into figures comes after.
# Words and numbers, read one by one; a word's kind is looked up (a regex alternation of
# every number word, tried at every position, cost four times as much).
_TOKEN = re.compile(r"[A-Za-z]+|\d+(?:[.,:]\d+)*[A-Za-z]*|%")
_CENT = re.compile(r"[\s\-]*cent\b", re.IGNORECASE)
_WORD_KIND = {
    **dict.fromkeys([*_UNITS, *_TENS, *_SCALES], "word"),
    **dict.fromkeys(["half", "halves", "quarter", "quarters"], "fraction"),
    **dict.fromkeys([*_ORDINALS, *(o + "s" for o in _ORDINALS)], "fraction"),
    **dict.fromkeys(_MULTIPLES, "multiple"),
    "percent": "percent",
}
# A cheap test first: most typed prose has no digit and no number word.
_DIGIT = re.compile(r"[\d%]")
_LETTERS = re.compile(r"[a-z]+")
_NUMBERISH = frozenset([*_WORD_KIND, "cent"])


def maybe_figure(text: str) -> bool:
    """Whether the text could hold a figure at all: a digit, a % or a number word."""
    return _DIGIT.search(text) is not None or not _NUMBERISH.isdisjoint(
        _LETTERS.findall(text.lower())
    )


# Text between two atoms that joins them into one figure, and what it makes of them.
_JOIN_COMPOUND = re.compile(r"[\s\-]*(?:and\s+)?", re.IGNORECASE)  # thirty-seven; hundred and
_JOIN_OF = re.compile(
    r"\s+(?:(?:out\s+)?of(?:\s+the)?|in(?:\s+every)?|from)\s+|\s*/\s*", re.IGNORECASE
)
_JOIN_RANGE = re.compile(r"\s*(?:-|–|—)\s*|\s+to\s+", re.IGNORECASE)

_LIMITERS = re.compile(
    r"\b(?:only|just|all\s+but|at\s+least|at\s+most|more\s+than|fewer\s+than|less\s+than|"
    r"no\s+more\s+than|exactly|nearly|almost|than)\s*$",
    re.IGNORECASE,
)
_PERIOD_BEFORE = re.compile(
    r"\b(?:the|this|that|each|every|last|next|first|second|third|fourth|final|previous)"
    r"\s+$",
    re.IGNORECASE,
)
_FRACTION_HEAD = re.compile(
    rf"\b(?:a|an|one|{_NUMBER_WORDS})[\s\-]+$|\b(?:than|almost|nearly|over|under|about|"
    r"around|some|just|only|by|to)\s+$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Figure:
    """A figure a sentence states: where it is, its words, and what kind it is."""

    start: int
    end: int
    text: str
    kind: str  # "percent", "proportion", "fraction", "multiple", "number" or "score"
    percent_after_reference: bool = False  # typed 'per cent' turning a reference's count
    typed_start: int = -1  # where its first typed word starts (a reference may come first)


@dataclass(frozen=True)
class _Atom:
    start: int
    end: int
    kind: str  # digits, percent, word, fraction, multiple
    text: str
    typed: bool


def _atoms(
    text: str, typed: Callable[[int, int], bool], windows: Sequence[tuple[int, int]]
) -> list[_Atom]:
    atoms = []
    for m in (m for a, b in windows for m in _TOKEN.finditer(text, a, b)):
        start, end = m.span()
        token = m[0]
        if token[0].isdigit():
            before = text[start - 1] if start else " "
            if before.isalnum() or before in "_.,":  # 'M6', part of a code
                continue
            kind = "digits"
        elif token == "%":
            kind = "percent"
        else:
            low = token.lower()
            if low == "per" and (cent := _CENT.match(text, end)):
                kind, end = "percent", cent.end()
            elif (found := _WORD_KIND.get(low)) is None:
                continue
            else:
                kind = found
        atoms.append(_Atom(start, end, kind, text[start:end], typed(start, end)))
    return atoms


def _is_number(atom: _Atom) -> bool:
    return atom.kind in ("digits", "word")


def _groups(text: str, atoms: list[_Atom]) -> list[tuple[list[_Atom], str]]:
    """Atoms joined into figures: compounds, percentages, 'N of M', ranges."""
    groups: list[tuple[list[_Atom], str]] = []
    for atom in atoms:
        if groups:
            last, joined = groups[-1]
            prev = last[-1]
            gap = text[prev.end : atom.start]
            if atom.kind == "percent" and prev.kind in ("digits", "word") and not gap.strip():
                last.append(atom)
                continue
            scale = atom.kind == "word" and atom.text.lower() in _SCALES
            if prev.kind == "digits" and scale and gap == " ":  # '2.3 million'
                last.append(atom)
                continue
            words = prev.kind == "word" and atom.kind in ("word", "fraction")
            plain = "and" not in gap.lower() or prev.text.lower() in _SCALES
            if words and _JOIN_COMPOUND.fullmatch(gap) and plain:
                last.append(atom)
                continue
            if (
                atom.kind == "fraction"
                and prev.kind in ("word", "digits")
                and gap in ("-", " ", "")
            ):
                last.append(atom)
                continue
            if _is_number(atom) and prev.kind in ("digits", "word"):
                if _JOIN_OF.fullmatch(gap):
                    last.append(atom)
                    groups[-1] = (last, "of" if "/" not in gap else "score")
                    continue
                if _JOIN_RANGE.fullmatch(gap) and joined in ("", "range"):
                    last.append(atom)
                    groups[-1] = (last, "range")
                    continue
        groups.append(([atom], ""))
    return groups


def _kind(group: list[_Atom], joined: str) -> str:
    kinds = {a.kind for a in group}
    if "percent" in kinds:
        return "percent"
    if joined == "score":
        return "score"
    if joined == "of":
        return "proportion"
    if "fraction" in kinds:
        return "fraction"
    if "multiple" in kinds:
        return "multiple"
    return "number"


# --- classes that are not claims: each takes the text and the figure's span -------------

Rule = Callable[[str, int, int, str], bool]


def _before(text: str, start: int, chars: int = 40) -> str:
    return text[max(0, start - chars) : start]


def _after(text: str, end: int, chars: int = 40) -> str:
    return text[end : end + chars]


_YEAR = re.compile(r"(?:19|20)\d\d(?:s|\s*(?:[-–/]|to)\s*(?:(?:19|20)\d\d|\d\d))?")


def is_year(text: str, start: int, end: int, figure: str) -> bool:
    """'in 2021', '2020/21', '2020–2021', 'the Children Act 1989': a year, not a count."""
    return _YEAR.fullmatch(figure) is not None and not re.match(
        r"\s*(?:%|per[\s\-]*cent|percent)", _after(text, end), re.IGNORECASE
    )


_MONTH = "|".join(_MONTHS)


def is_date(text: str, start: int, end: int, figure: str) -> bool:
    """'31 March', '01 April', '1st of April', 'March 31', '19/06/2019': a day of a month."""
    if re.fullmatch(r"\d{1,2}/\d{1,2}/(?:\d\d)?\d\d", figure):
        return True
    one_day = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
    if not re.fullmatch(rf"{one_day}(?:\s*(?:-|–|to)\s*{one_day})?", figure, re.IGNORECASE):
        return False
    day = r"(?:\s*(?:-|–|to|and)\s*(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?)?"  # '14 to 18 May'
    after = re.match(rf"{day}\s+(?:of\s+)?(?:{_MONTH})\b", _after(text, end), re.IGNORECASE)
    before = re.search(rf"\b(?:{_MONTH})\.?\s+$", _before(text, start), re.IGNORECASE)
    return bool(after or before)


_ID = rf"(?:\d+(?:\.\d+)*[a-z]?|{_NUMBER_WORDS})"
# A label, then perhaps a list of earlier ids: 'standards 2.1, 2.2 and 2.4'.
_LABEL_BEFORE = re.compile(
    rf"(?P<label>[A-Za-z]+)\.?\s+(?:no\.?\s+)?(?:{_ID}\s*(?:,|and|or|to|-|–)\s*)*$",
    re.IGNORECASE,
)


def is_label(text: str, start: int, end: int, figure: str) -> bool:
    """'standard 2.1', 'domain one', 'standards 2.1 and 2.4', 'Outcome 22', 'Schedule 1',
    'Annexe 2', 'Year 11': a number naming a section, a standard or a thing."""
    m = _LABEL_BEFORE.search(_before(text, start))
    if m is None:
        return False
    label = m["label"]
    if label.lower() not in LABELS:
        return False
    if label.lower() in _CAPITAL_ONLY_LABELS and not label[0].isupper():
        return False
    return not re.match(r"\s*(?:%|per[\s\-]*cent|percent)", _after(text, end), re.IGNORECASE)


def is_identifier(text: str, start: int, end: int, figure: str) -> bool:
    """'2.1.1a', '1.2.3': a framework id with two dots or more is never a quantity."""
    return re.fullmatch(r"\d+(?:\.\d+){2,}[a-z]?", figure) is not None


def is_name(text: str, start: int, end: int, figure: str) -> bool:
    """'Covid-19', 'M6', 'A38': digits joined to a word make a name or a code ('M6' is
    never read as a number at all; this rule is for the hyphened kind)."""
    if re.fullmatch(r"\d+(?!st|nd|rd|th|am|pm|k|m|bn|s)[A-Za-z]+", figure, re.IGNORECASE):
        return True  # 'the 5Cs', a code
    return re.search(r"[A-Za-z]-$", _before(text, start, 2)) is not None


def is_time(text: str, start: int, end: int, figure: str) -> bool:
    """'10am', '2.30pm', '14:00', '9 o'clock': a time of day."""
    if re.fullmatch(r"\d{1,2}(?:[.:]\d\d)?(?:am|pm)", figure, re.IGNORECASE):
        return True
    if re.fullmatch(r"\d{1,2}[:]\d\d", figure):
        return True
    return re.match(r"\s*(?:am|pm|a\.m\.|p\.m\.|o['’]clock)\b", _after(text, end), re.I) is not None


def is_address(text: str, start: int, end: int, figure: str) -> bool:
    """'12 High Street', '4 Mill Lane': a house number."""
    if re.fullmatch(r"\d+(?:st|nd|rd|th)", figure) and re.match(r"\s+Floor\b", _after(text, end)):
        return True  # '1st Floor'
    m = re.match(r"\s+((?:[A-Z][a-z]+\s*){1,4})", _after(text, end, 60))
    if m is None or re.fullmatch(r"\d+[a-z]?", figure) is None:
        return False
    return any(word.lower() in _STREETS for word in m[1].split())


def is_age_band(text: str, start: int, end: int, figure: str) -> bool:
    """'aged 10 to 17', '10–14 years', '10-17-year-olds', '16- to 18-year-olds': an age
    band names a category."""
    before = _before(text, start)
    if re.search(r"\b(?:aged|ages?)\s+$", before, re.IGNORECASE) and re.match(
        r"\s+(?:and|or)\s+(?:over|under|above|older|younger)\b", _after(text, end), re.IGNORECASE
    ):
        return True  # 'aged 16 and over'
    years = r"[\s\-]*(?:years?|year[\s\-]olds?)\b"
    if re.fullmatch(r"\d+", figure) and (
        re.match(r"-\s+(?:to|and)\s+\d+" + years, _after(text, end), re.IGNORECASE)
        or (
            re.search(r"\b\d+-\s+(?:to|and)\s+$", before)
            and re.match(years, _after(text, end), re.IGNORECASE)
        )
    ):
        return True  # '16- to 18-year-olds': the first number's 'year' is understood
    if not re.fullmatch(r"\d+\s*(?:-|–|to)\s*\d+", figure):
        return False
    return bool(
        re.search(r"\b(?:aged|ages?)\s+(?:between\s+)?$", _before(text, start), re.IGNORECASE)
        or re.match(r"[\s\-]*(?:years?|year[\s\-]olds?)\b", _after(text, end), re.IGNORECASE)
    )


# Spans that are not prose at all, found in the whole text before figures are read.
_CODED = re.compile(
    r"https?://\S+|www\.\S+|\S+@\S+\.\S+"  # web and mail addresses
    r"|\bISBN(?:-1[03])?:?\s*(?:\d[\d\- ]{8,15}[\dXx])"  # ISBNs
    r"|\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b"  # postcodes
    r"|\b(?:tel|telephone|phone)\.?:?\s*\+?[\d ]{8,16}\d",  # telephone numbers
    re.IGNORECASE,
)

EXEMPT: tuple[tuple[str, Rule], ...] = (
    ("year", is_year),
    ("date", is_date),
    ("framework id", is_identifier),
    ("section, standard or name", is_label),
    ("name or code", is_name),
    ("time", is_time),
    ("address", is_address),
    ("age band", is_age_band),
)


def exempt_class(text: str, start: int, end: int) -> str | None:
    """The name of the class that makes this figure not a claim, if one does."""
    figure = text[start:end]
    for name, rule in EXEMPT:
        if rule(text, start, end, figure):
            return name
    return None


def _counts_alone(text: str, group: list[_Atom]) -> bool:
    """Whether a lone 'one', 'half' or word ordinal states a figure (see the module's rules)."""
    if len(group) > 1:
        return True
    atom = group[0]
    word = atom.text.lower()
    before = _before(text, atom.start)
    if atom.kind == "word" and word == "one":
        return _LIMITERS.search(before) is not None
    if atom.kind == "multiple" and word == "twice":  # 'twice as many', not 'twice a week'
        return re.match(r"\s+as\b", _after(text, atom.end), re.IGNORECASE) is not None
    if atom.kind == "fraction":
        if word in ("half", "halves", "quarter", "quarters"):
            return _PERIOD_BEFORE.search(before) is None
        if word.endswith("s"):  # 'thirds', 'fifths'
            return True
        after = _after(text, atom.end)
        return _FRACTION_HEAD.search(before) is not None or (
            re.match(r"\s+of\b", after, re.IGNORECASE) is not None
            and re.search(r"\bthe\s+$", before, re.IGNORECASE) is None
        )
    return True


def figures(text: str, references: Sequence[tuple[int, int]] = ()) -> list[Figure]:
    """Every typed figure in the text that is a claim.

    `references` are the spans of the text a data reference wrote. Figures that belong to
    a class that is not a claim are left out; see `exempt_class`.
    """
    windows = _typed_windows(text, references)
    if not any(maybe_figure(text[a:b]) for a, b in windows):
        return []
    return _figures(text, references, windows)


_MARGIN = 40  # characters of a reference's output read beside typed text


def _typed_windows(text: str, references: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The typed stretches of a text, each widened into its neighbours' output (so that
    'seven out of 11' is read whole where a reference wrote 'seven') and out to whole
    words. Only typed text can hold a typed figure, so nothing else is read (the fuzz
    test of _figures shows this saves time only)."""
    edges = [0, *(x for span in sorted(references) for x in span), len(text)]
    windows: list[tuple[int, int]] = []
    for a, b in zip(edges[::2], edges[1::2], strict=True):
        if a == b:
            continue
        start = text.rfind(" ", 0, max(0, a - _MARGIN)) + 1
        stop = text.find(" ", min(len(text), b + _MARGIN))
        stop = len(text) if stop < 0 else stop
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], stop)
        else:
            windows.append((start, stop))
    return windows


def _figures(
    text: str,
    references: Sequence[tuple[int, int]],
    windows: Sequence[tuple[int, int]] | None = None,
) -> list[Figure]:
    coded: list[tuple[int, int]] | None = None  # found only once a figure needs them

    def typed(start: int, end: int) -> bool:
        return not any(s <= start and end <= e for s, e in references)

    found = []
    atoms = _atoms(text, typed, windows if windows is not None else [(0, len(text))])
    for group, joined in _groups(text, atoms):
        numbers = [a for a in group if a.kind != "percent"]
        typed_numbers = any(a.typed for a in numbers)
        typed_percent = any(a.typed for a in group if a.kind == "percent")
        if not numbers or not (typed_numbers or typed_percent):
            continue  # a lone 'per cent' states no figure; a reference's figure is the data's
        if not _counts_alone(text, group):
            continue
        start, end = group[0].start, group[-1].end
        if coded is None:
            coded = [(m.start(), m.end()) for m in _CODED.finditer(text)]
        if any(s <= start and end <= e for s, e in coded):
            continue
        if exempt_class(text, start, numbers[-1].end) is not None:
            continue
        found.append(
            Figure(
                start,
                end,
                text[start:end],
                _kind(group, joined),
                percent_after_reference=typed_percent and not typed_numbers,
                typed_start=next(a.start for a in group if a.typed),
            )
        )
    return found


# --- what to write instead --------------------------------------------------------------

_SURVEY_WORDS = re.compile(
    r"\b(?:survey\w*|questionnaire|answered|responded|respondents?|replied|"
    r"said|told\s+us|agreed|felt)\b",
    re.IGNORECASE,
)
_STATISTIC_WORDS = re.compile(
    r"\b(?:national(?:ly)?|population|census|average|deprivation|deprived|England|Wales|"
    r"local\s+authorit\w+|rate|caseload|cohort|budget|staff(?:ing)?|employed|"
    r"not\s+in\s+education|NEET|disposals|first[\s\-]time\s+entrants?|reoffending)\b",
    re.IGNORECASE,
)
NOT_CASE_DATA = (
    "if the figure is not case data, add it to context.yaml as a statistic or survey with "
    "its source (see README, 'Figures from outside the case data') and quote it by reference"
)


def message(figure: Figure, sentence: str) -> str:
    """What the author should write instead, by the kind of figure and the sentence's
    subject (a survey, a statistic, or the cases read)."""
    if figure.percent_after_reference:
        return (
            "'per cent' typed after a reference makes its figure a percentage: write "
            "{{ <question id>.percent }} (or the .percent field of a survey or statistic), "
            "which prints the figure with 'per cent'"
        )
    number = re.escape(figure.text)
    if re.search(rf"\baged\s+{number}\b|\b{number}[\s\-]+years?[\s\-]+old\b", sentence):
        return (
            "a child's age typed into prose: one child's age is case-level detail and is "
            "never published; leave it out, or count the children of an age band by "
            "reference ({{ <sample>.<attribute>.<value> }})"
        )
    survey = _SURVEY_WORDS.search(sentence) is not None
    statistic = _STATISTIC_WORDS.search(sentence) is not None
    period = re.search(rf"\b{number}[\s\-]+(?:hours?|days?|weeks?|months?|years?)\b", sentence)
    framework = re.search(
        rf"\b{number}\s+(?:core\s+|broad\s+)?(?:standards|domains|areas|(?:key\s+)?questions)\b",
        sentence,
        re.IGNORECASE,
    )
    if period is not None and figure.kind == "number":
        where = (
            "a period is data too: a statistic whose column has the unit hours, days, weeks, "
            "months or years ({{ stat.<table>.<row>.<column> }} prints 'six weeks'), or a "
            "one-off period with its source: {{ 6 weeks from <source id> }}"
        )
    elif framework is not None and figure.kind == "number":
        where = (
            "the framework's counts come from the framework file: {{ framework.domains }}, "
            "{{ framework.standards }} (those scored), {{ framework.<domain>.standards }} or "
            "{{ <standard>.questions }}"
        )
    elif survey:
        where = (
            "a survey answer is quoted from its survey: {{ survey.<survey>.<question>."
            "<option> }} (or .of, .share, .percent), and those who answered by "
            "{{ survey.<survey>.<question>.answered }}"
        )
    elif statistic:
        where = (
            "a local or national figure is quoted by name: {{ stat.<table>.<row>.<column> }}"
            " or {{ context.<figure id> }}, a figure of a standard's key data table by "
            "{{ key_data.<standard>.<figure> }}, a one-off figure with its source: "
            "{{ 37% from <source id> }}"
        )
    else:
        where = {
            "percent": "a case question's share is {{ <question id>.percent }}",
            "proportion": (
                "a case question's count is {{ <question id> }} ('seven out of 11') or "
                "{{ <question id>.of }} ('seven of the 11')"
            ),
            "fraction": (
                "a case question's share in words is {{ <question id>.share }} ('all but one "
                "of the 11') or {{ <question id>.percent }}"
            ),
            "score": "the overall score is {{ overall.score }} out of {{ overall.max }}",
        }.get(
            figure.kind,
            "cases are counted by {{ sample.<sample> }}, {{ <question id>.yes }} or "
            "{{ <sample>.<attribute>.<value> }}",
        )
    what = {
        "percent": "a percentage",
        "proportion": "a count",
        "fraction": "a fraction",
        "score": "a score",
        "multiple": "a multiple",
    }.get(figure.kind, "a figure")
    return f"{what} typed into prose: {where}; {NOT_CASE_DATA}"


# --- ratings ------------------------------------------------------------------------------

_RATING = re.compile(
    r"['‘\"“]\s*(Outstanding|Good|Requires\s+improvement|Inadequate|Not\s+rated)\s*['’\"”]"
)
RATING_MESSAGE = (
    "a rating typed into prose: write {{ 2.1.rating }} or {{ overall.rating }} so it comes "
    "from the data"
)


def typed_ratings(text: str) -> list[tuple[int, int]]:
    """Spans of ratings written in quotes, as the reports quote them."""
    return [(m.start(), m.end()) for m in _RATING.finditer(text)]


_SENTENCE = re.compile(r"[^.!?]*(?:[.!?]+['’\"”)]*|$)")


def sentence_at(text: str, offset: int) -> str:
    """The sentence holding an offset (for choosing a message's advice)."""
    for m in _SENTENCE.finditer(text):
        if m.start() <= offset < max(m.end(), m.start() + 1):
            return m[0]
    return text
