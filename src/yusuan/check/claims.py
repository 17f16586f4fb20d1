"""Part 3 read as claims: who is said to be how much, what share, what change, what rate.

The explanations speak in a fixed register: `一般公共预算 1,526.00 万元，占
97.45%，比上年预算增加 150.11 万元，增长 10.91%，主要原因是…`.  This module
turns each sentence into `Statement`s — a subject (the words before the
figure) with its amount, share, signed change and signed rate — so that
narrative rules can ground them in table cells.  Reasons (`主要原因是…`,
`主要用于…`) are skipped, so counts of people inside them are never read as
money.  Paragraphs broken mid-sentence by text extraction are joined first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from yusuan.check.text import fold, fold_keep_spaces
from yusuan.lazy_pattern import lazy_compile
from yusuan.model import Disclosure, Paragraph, Section
from yusuan.money import AmountError, MoneyUnit, parse_amount

NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
UP_WORDS = ("增加", "增长", "上升", "提高", "增多")
DOWN_WORDS = ("减少", "下降", "降低", "减小", "缩减")
UP_RATE_NOUNS = ("增幅", "增长率")
DOWN_RATE_NOUNS = ("降幅", "下降率", "减幅")
"""A rate named by a noun rather than a verb: `降幅 6.60%`, `增长率为 5.00%` (the verbs above: `下降6.60%`)."""
_RATE_NOUNS = UP_RATE_NOUNS + DOWN_RATE_NOUNS
_WORDS = "|".join(UP_WORDS + DOWN_WORDS)
_RATE_WORDS = "|".join(_RATE_NOUNS + UP_WORDS + DOWN_WORDS)
CHANGE = lazy_compile(rf"(?P<word>{_WORDS})了?\s*(?P<num>{NUM})\s*(?P<unit>万元|元)")
RATE = lazy_compile(rf"(?P<word>{_RATE_WORDS})了?\s*(?:为|是|达)?\s*(?P<num>{NUM})\s*%")
SHARE = lazy_compile(rf"占(?P<whole>[^\d%,]{{0,24}}?)(?:的)?(?:比重|比例)?(?:为|是)?\s*(?P<num>{NUM})\s*%")
AMOUNT = lazy_compile(rf"(?<![\d.,])(?P<num>{NUM})\s*(?P<unit>万元|元)(?!以上|以下)")
REASON = lazy_compile(r"主要原因|原因是|原因为|主要用于|用于")
NOT_ARRANGED = lazy_compile(r"(?P<subject>.+?)(?:均)?(?:未安排|无安排|没有安排)")
FUND_CONTEXT = lazy_compile(r"(一般公共预算|政府性基金(?:预算)?|国有资本经营(?:预算)?)(?:拨款)?支出(?:包括|主要包括)")
PROJECT_NAME = lazy_compile(r"项目名称[:：]\s*(?P<name>.+?)\s*$")
_GENERIC = lazy_compile(r"(本年|当年|本年度)?(预算数|预算金额|预算安排|预算|金额|合计|总额|共计)?")
_LIST_MARKER = lazy_compile(
    r"^\s*(?:\d+[、.．](?!\d)|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|[-•·])"
)
_LABEL_LINE = lazy_compile(r"^\s*[\u4e00-\u9fff]{2,12}[:：]")
_ENDS_SENTENCE = lazy_compile(r"[。；;:：！？!?)）”\"]\s*$")
_CLAUSE_SPLIT = lazy_compile(r"(?<!\d),|,(?!\d)|:")
# what a change is compared with opens the words after the subject: `比上年`, `较2025年年初预算`, `与上年相比`,
# `同比`; the subject is what stands before it (`与` and `较` only before a year: `文化旅游体育与传媒支出`)
_COMPARED = lazy_compile(r"比|(?:较|与)\s*(?=上一?年|去年|\d{4}\s*年|年初|同期)")
# last year's amount stated right after the comparison (`比上年的1,260.00万元减少…`, `较2025年预算数`)
_LAST_YEAR_AMOUNT = lazy_compile(
    r"(?:比|较|与)(?:上一?年|去年|\d{4}年)度?(?:年初)?(?:预算|预算执行|执行|决算)?(?:数|金额)?(?:的|为)?"
)
# `…各增加 2,432.93 万元` (收、支预算总计各增加): both figures just named changed by as much, no new subject
_EACH = lazy_compile(r"各$")


def direction(word: str | None) -> int:
    """+1 for a word of increase (a verb or a rate's noun), −1 for one of decrease, 0 for none."""
    if word in UP_WORDS or word in UP_RATE_NOUNS:
        return 1
    if word in DOWN_WORDS or word in DOWN_RATE_NOUNS:
        return -1
    return 0


def signed(word: str, value: Decimal) -> Decimal:
    return -value if direction(word) < 0 else value


def rate_name(word: str) -> str:
    """What the rate a word states is called: `下降` → `下降率`, `降幅` → `降幅`."""
    return word if word in _RATE_NOUNS else f"{word}率"


@dataclass
class Statement:
    """One subject's figures, as stated in one paragraph."""

    path: str  # section path, e.g. `general_budget/detail`
    paragraph: Paragraph  # the (first) paragraph it was read from, for its source
    paragraph_index: int
    text: str  # the whole (joined) paragraph
    subject: str  # cleaned words before the figure ('' when none)
    raw_subject: str = ""
    amount: Decimal | None = None
    unit: MoneyUnit = MoneyUnit.WAN_YUAN
    share: Decimal | None = None
    change: Decimal | None = None  # signed by its word
    change_word: str | None = None
    change_unit: MoneyUnit = MoneyUnit.WAN_YUAN
    rate: Decimal | None = None  # signed by its word
    rate_word: str | None = None
    last_amount: Decimal | None = None  # last year's amount, where the sentence states it too
    last_unit: MoneyUnit = MoneyUnit.WAN_YUAN
    flat: bool = False  # 持平
    roughly_flat: bool = False  # 基本持平: a small change is allowed
    not_arranged: bool = False  # 未安排: the amount is nil
    is_whole: bool = False  # followed by 其中
    whole: Statement | None = None  # the whole a share refers to
    share_of: str = ""  # the whole a share names in its own words (`占本年支出合计的99.13%` → 本年支出合计)
    fund_context: str | None = None  # 一般公共预算 / 政府性基金 / 国有资本经营, in `…支出包括：`
    project: str | None = None  # in 七: the project being described
    sentence: str = ""

    def describe(self) -> str:
        """The subject as a finding quotes it: as printed, without its list number or quotes."""
        shown = _LIST_MARKER.sub("", self.raw_subject).strip().strip('"“”')
        return shown or self.subject or "（无主语）"


@dataclass
class LogicalParagraph:
    path: str
    index: int
    text: str
    first: Paragraph
    parts: list[Paragraph] = field(default_factory=list)


@dataclass
class NarrativeClaims:
    statements: list[Statement]
    paragraphs: list[LogicalParagraph]


def section_paths(narrative: list[Section]) -> list[tuple[str, Section]]:
    found: list[tuple[str, Section]] = []

    def walk(section: Section, prefix: str) -> None:
        path = f"{prefix}{section.key}"
        found.append((path, section))
        for sub in section.subsections:
            walk(sub, f"{path}/")

    for section in narrative:
        walk(section, "")
    return found


def logical_paragraphs(path: str, paragraphs: list[Paragraph]) -> list[LogicalParagraph]:
    """Join paragraphs that text extraction broke mid-sentence (`…相关机` + `构事务（款）…`)."""
    joined: list[LogicalParagraph] = []
    for paragraph in paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        if joined and _continues(joined[-1].text, text):
            last = joined[-1]
            glue = "" if _cjk_edge(last.text, text) else " "
            last.text = last.text.rstrip() + glue + text
            last.parts.append(paragraph)
        else:
            joined.append(LogicalParagraph(path, len(joined), text, paragraph, [paragraph]))
    return joined


def _continues(previous: str, text: str) -> bool:
    if _ENDS_SENTENCE.search(previous):
        return False
    return not (_LIST_MARKER.match(text) or _LABEL_LINE.match(text))


def _cjk_edge(a: str, b: str) -> bool:
    return bool(a) and bool(b) and not (a[-1].isascii() and b[0].isascii())


def _short_name(text: str, unit: str) -> int:
    """The length of the unit's short name opening `text` (`省检察院` for 江苏省人民检察院, `省委办公厅` for
    江苏省委办公厅): the shortest prefix of three characters or more that ends with the name's last two
    characters and whose characters all occur in the name in order; 0 when there is none.  Two, not one:
    `区商务会展活动经费` must keep its 会展 (上海市普陀区商务委员会 ends in 会 too)."""
    if len(unit) < 3:
        return 0
    for end in range(3, min(len(text), len(unit))):
        if text[end - 2 : end] != unit[-2:]:
            continue
        remaining = iter(unit)
        if all(ch in remaining for ch in text[:end]):
            return end
    return 0


def clean_subject(text: str, unit_name: str) -> str:
    """The words naming what a figure is about, without unit name, years, list markers and fillers."""
    t = fold(text).replace('"', "").replace("'", "")
    if unit_name:
        t = t.replace(fold(unit_name), "")
    t = _LIST_MARKER.sub("", t)
    t = re.sub(r"(截至)?\d{4}年(度|底)?", "", t)
    if unit_name:
        t = t[_short_name(t, fold(unit_name)) :]
    t = re.sub(r"^(其中|另外|此外|本单位|我单位|本部门|我部门|部门|的)+", "", t)
    t = re.sub(r"(的|为|是|达)+$", "", t)
    t = t.strip(",:;、")
    if t.startswith("(") and ")" not in t:
        t = t[1:]  # `（公务用车购置费230.55万元…）`: a bracket opened before the subject
    return "" if _GENERIC.fullmatch(t) else t


def other_year(year: int) -> re.Pattern[str]:
    """Words that date a folded subject to another year than `year`: `2023年`, `上年`, `去年` (`上年结转` is
    this year's income, not last year's figure)."""
    return re.compile(rf"(?<!\d)(?!{year})\d{{4}}年|上一?年(?!结转|结余)|去年")


class _Parser:
    def __init__(self, disclosure: Disclosure) -> None:
        self.unit = disclosure.meta.unit
        # `2023年预算安排2.63万元` after `"…(项)"2.63万元，…2022年当年预算执行数为1.48万元`: this year's amount of
        # the item last named, restated next to last year's (Shanghai 2023–2024)
        self.this_year = re.compile(rf"(?:本年|本年度|{disclosure.meta.year}年度?)预算(?:安排|数)?(?:为)?")
        self.other_year = other_year(disclosure.meta.year)
        self.topic: Statement | None = None
        self.after_other_year = False  # the last amount read was another year's (`2022年当年预算执行数为…`)
        self.other_year_statement: Statement | None = None  # that amount's statement
        self.bracket_parent: Statement | None = None  # the statement a bracket `（…）` opened after explains
        self.statements: list[Statement] = []
        self.paragraphs: list[LogicalParagraph] = []

    def parse(self, narrative: list[Section]) -> NarrativeClaims:
        for path, section in section_paths(narrative):
            self.topic = None
            project: str | None = None
            whole: Statement | None = None
            for paragraph in logical_paragraphs(path, section.paragraphs):
                self.paragraphs.append(paragraph)
                name = PROJECT_NAME.search(fold_keep_spaces(paragraph.text))
                if name:
                    project = fold(name.group("name"))
                for statement in self._paragraph(paragraph):
                    statement.project = project
                    if statement.is_whole:
                        whole = statement
                    elif statement.share is not None:
                        statement.whole = whole
                    self.statements.append(statement)
        return NarrativeClaims(self.statements, self.paragraphs)

    def _paragraph(self, paragraph: LogicalParagraph) -> list[Statement]:
        self.topic, self.after_other_year = None, False
        self.other_year_statement = self.bracket_parent = None
        text = fold_keep_spaces(paragraph.text)
        found: list[Statement] = []
        fund_context: str | None = None
        current: Statement | None = None
        for sentence in re.split(r"[。;!?]", text):
            pending = ""
            reason = False
            for piece in _CLAUSE_SPLIT.split(sentence):
                clause = piece.strip()
                if not clause or reason:
                    continue
                marker = REASON.search(clause)
                if marker:
                    # `主要用于以下方面：` opens a list of the items (each with its figures), not a reason
                    reason = not clause[marker.end() :].lstrip().startswith("以下")
                    clause = clause[: marker.start()].strip()
                    if not clause:
                        continue
                folded = fold(clause)
                if folded.startswith("其中") and current is not None:
                    current.is_whole = True
                context = FUND_CONTEXT.search(folded)
                if context:
                    fund_context = context.group(1)[:4]
                new, had_figures, last = self._clause(paragraph, clause, sentence, pending, current)
                current = last or current
                if new:
                    for statement in new:
                        statement.fund_context = fund_context
                    found.extend(new)
                    pending = ""
                elif "持平" in folded and current is not None:
                    current.flat = True
                    current.roughly_flat = "基本持平" in folded
                elif not had_figures:
                    pending = clean_subject(clause, self.unit) or pending
        return found

    def _clause(
        self, paragraph: LogicalParagraph, clause: str, sentence: str, pending: str, current: Statement | None
    ) -> tuple[list[Statement], bool, Statement | None]:
        """Statements a clause opens (figures it adds to `current` are set in place), whether it had figures, and
        the statement its last figure is about."""
        events: list[tuple[int, int, str, re.Match[str]]] = []
        for m in CHANGE.finditer(clause):
            events.append((m.start(), m.end(), "change", m))
        for m in RATE.finditer(clause):
            events.append((m.start(), m.end(), "rate", m))
        for m in SHARE.finditer(clause):
            events.append((m.start(), m.end(), "share", m))
        taken = [(s, e) for s, e, _k, _m in events]
        for m in AMOUNT.finditer(clause):
            if not any(s <= m.start() < e for s, e in taken):
                events.append((m.start(), m.end(), "amount", m))
        events.sort(key=lambda e: e[0])
        events = [e for e in events if _readable(e[3].group("num"))]  # a figure no budget holds is no claim
        opened: list[Statement] = []
        if not events:
            nil = NOT_ARRANGED.fullmatch(fold(clause))
            if nil and not re.search(r"\d", clause):
                subject = clean_subject(nil.group("subject"), self.unit)
                if subject:
                    opened.append(self._new(paragraph, subject, nil.group("subject"), sentence, not_arranged=True))
            return opened, False, opened[-1] if opened else None
        previous_end = 0
        for start, end, kind, m in events:
            before = clause[previous_end:start]
            previous_end = end
            if kind == "amount":
                if (
                    current is not None
                    and current.last_amount is None
                    and _LAST_YEAR_AMOUNT.fullmatch(fold(before).strip(","))
                ):
                    # `本年 X 万元，比上年的 A 万元减少 …`: last year's figure of the same subject
                    current.last_amount = parse_amount(m.group("num"))
                    current.last_unit = MoneyUnit(m.group("unit"))
                    continue
                subject = clean_subject(before, self.unit) or pending
                raw = before.strip() or pending
                restated = self.after_other_year and self.this_year.fullmatch(fold(before).strip(","))
                if not subject and self.topic is not None and restated:
                    subject, raw = self.topic.subject, self.topic.raw_subject
                statement = self._new(paragraph, subject, raw, sentence)
                statement.amount = parse_amount(m.group("num"))
                statement.unit = MoneyUnit(m.group("unit"))
                last = self.other_year_statement
                if (
                    restated
                    and last is not None
                    and last.sentence == statement.sentence
                    and _same(self.topic, statement)
                ):
                    # `2022年当年预算执行数为79.90万元，2023年预算安排100.20万元，比…增加25.41%`, where 100.20 is the
                    # item's amount named before (a sentence copied from the item above states another: no pair)
                    statement.last_amount, statement.last_unit = last.amount, last.unit
                if before.lstrip().startswith("(") and current is not None:
                    self.bracket_parent = current
                opened.append(statement)
                current = statement
                self.after_other_year = bool(self.other_year.search(fold(raw)))
                self.other_year_statement = statement if self.after_other_year else None
                if subject and not self.after_other_year:
                    self.topic = statement  # the item a `本年预算安排 X` right after last year's figure restates
            elif kind == "change":
                compared = _COMPARED.search(before)
                own = before[: compared.start()] if compared else before
                subject = clean_subject(own, self.unit)
                if _EACH.search(fold(before)) and current is not None and current.change is None:
                    # `…总计X万元，与上年相比收、支预算总计各增加Y万元` (the comparison may stand in a clause of its
                    # own: `…总预算X万元。与上年相比，财政拨款收、支总计各减少Y万元`): the same figures
                    subject = ""
                if own.strip().startswith(")") and not clean_subject(own.strip()[1:], self.unit):
                    # `运行维护费X万元（购置费…；运行维护费…。）比上年增加…`: the figure before the bracket
                    subject, current = "", self.bracket_parent
                value = signed(m.group("word"), parse_amount(m.group("num")))
                if subject or current is None or current.change is not None:
                    statement = self._new(paragraph, subject, own.strip(), sentence)
                    opened.append(statement)
                    current = statement
                current.change, current.change_word = value, m.group("word")
                current.change_unit = MoneyUnit(m.group("unit"))
            elif kind == "rate" and current is not None and current.rate is None:
                current.rate = signed(m.group("word"), parse_amount(m.group("num")))
                current.rate_word = m.group("word")
            elif kind == "share" and current is not None and current.share is None:
                current.share = parse_amount(m.group("num"))
                current.share_of = fold(m.group("whole") or "")
        return opened, True, current

    def _new(
        self, paragraph: LogicalParagraph, subject: str, raw: str, sentence: str, *, not_arranged: bool = False
    ) -> Statement:
        return Statement(
            path=paragraph.path,
            paragraph=paragraph.first,
            paragraph_index=paragraph.index,
            text=paragraph.text,
            subject=subject,
            raw_subject=" ".join(raw.split()),
            sentence=sentence.strip(),
            not_arranged=not_arranged,
        )


def _same(a: Statement | None, b: Statement) -> bool:
    return a is not None and a.amount == b.amount and a.unit is b.unit


def parse_narrative(disclosure: Disclosure) -> NarrativeClaims:
    return _Parser(disclosure).parse(disclosure.narrative)


def _readable(number: str) -> bool:
    """A figure within the amounts a budget can hold (yusuan.limits.MAX_AMOUNT_DIGITS)."""
    try:
        parse_amount(number)
    except AmountError:
        return False
    return True
