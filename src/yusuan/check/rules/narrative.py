"""Part 3 against the tables: amounts, shares, changes, rates, words and years.

Every statement whose subject can be grounded (see `yusuan.check.subjects`)
must print the table's amount; a share must be part / whole; a rate must be
change / (this year − change); the direction words must agree with each other;
changes of parts must add up to the change of their whole; the same subject
stated twice in one paragraph must agree; comparison years must fit the
document's year.  Percentages are judged within the range the rounded
amounts allow (`yusuan.check.rounding`), never with a blanket tolerance.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from decimal import Decimal

from yusuan.check.amounts import agree, agree_as_printed, fmt
from yusuan.check.claims import DOWN_WORDS, UP_WORDS, Statement
from yusuan.check.context import CheckContext
from yusuan.check.finding import Finding, Location
from yusuan.check.registry import rule
from yusuan.check.rounding import half_unit, printed_within, rate_bounds, share_bounds
from yusuan.check.subjects import Quantity, default_whole, resolve
from yusuan.check.text import fold
from yusuan.model import Col, Side, Table, TableKind
from yusuan.money import ZERO, MoneyUnit, convert, format_percent, quantize


def grounded(ctx: CheckContext) -> list[tuple[Statement, Quantity | None]]:
    """Every statement with the quantity it is about (computed once per run)."""
    if "narrative.grounded" not in ctx.memo:
        ctx.memo["narrative.grounded"] = [(s, resolve(ctx, s)) for s in ctx.claims.statements]
    result: list[tuple[Statement, Quantity | None]] = ctx.memo["narrative.grounded"]
    return result


def where(ctx: CheckContext, s: Statement) -> Location:
    return ctx.at_section(s.path, s.paragraph)


def section_label(ctx: CheckContext, s: Statement) -> str:
    return f"第三部分{ctx.section_number(s.path)}"


def quote(s: Statement) -> str:
    text = s.sentence if len(s.sentence) <= 60 else s.sentence[:58] + "…"
    return f"“{text}”"


def in_yuan(value: Decimal, unit: MoneyUnit) -> Decimal:
    return convert(value, unit, MoneyUnit.YUAN)


@rule("narrative-amount", "说明中的金额与表格不符", "error")
def narrative_amount(ctx: CheckContext) -> Iterable[Finding]:
    """An amount the narrative states (or a source it says is 未安排, i.e. nil) equals the table cell it describes."""
    for s, q in grounded(ctx):
        if q is None or q.soft:
            continue
        if s.amount is not None:
            if any(agree_as_printed(s.amount, s.unit, v, q.unit) for v in q.values):
                continue
            stated = f"{fmt(s.amount)}{s.unit.value}"
            yield ctx.finding(
                f"{section_label(ctx, s)}称“{s.describe()}”为 {stated}，而{q.label}为 {fmt(q.value)}"
                f"{q.unit.value}。（{quote(s)}）",
                where(ctx, s),
                expected=q.value,
                actual=s.amount,
                difference=quantize(s.amount - q.value) if s.unit is q.unit else None,
                related=(q.location,),
            )
        elif s.not_arranged and all(v != 0 for v in q.values):
            yield ctx.finding(
                f"{section_label(ctx, s)}称“{s.describe()}未安排”，但{q.label}为 {fmt(q.value)}{q.unit.value}。",
                where(ctx, s),
                expected=q.value,
                actual=ZERO,
                related=(q.location,),
            )


def readings(ctx: CheckContext, s: Statement, q: Quantity | None) -> list[tuple[Decimal, MoneyUnit]]:
    """The possible values of a statement's subject this year: the table's, the one stated here, and any
    stated for the same subject elsewhere in Part 3.  Shares and rates are judged against all of them, so
    a wrong amount is reported once (by narrative-amount), not again through every percentage built on it.
    """
    found: list[tuple[Decimal, MoneyUnit]] = []
    if q is not None:
        found.append((q.value, q.unit))
    if s.amount is not None:
        found.append((s.amount, s.unit))
    if q is not None:
        if "narrative.stated" not in ctx.memo:
            stated: dict[str, list[tuple[Decimal, MoneyUnit]]] = {}
            for other, oq in grounded(ctx):
                if oq is not None and other.amount is not None:
                    stated.setdefault(oq.key, []).append((other.amount, other.unit))
            ctx.memo["narrative.stated"] = stated
        found.extend(ctx.memo["narrative.stated"].get(q.key, []))
    unique: list[tuple[Decimal, MoneyUnit]] = []
    for value, unit in found:
        if not any(agree(value, unit, v, u) and unit is u for v, u in unique):
            unique.append((value, unit))
    return unique


def _share_fits(share: Decimal, part: tuple[Decimal, MoneyUnit], whole: tuple[Decimal, MoneyUnit]) -> bool:
    p, w = in_yuan(*part), in_yuan(*whole)
    bounds = share_bounds(
        p, w, part_error=in_yuan(half_unit(part[0]), part[1]), whole_error=in_yuan(half_unit(whole[0]), whole[1])
    )
    return bounds is None or printed_within(share, bounds)


@rule("narrative-share", "说明中的占比与金额不符", "error")
def narrative_share(ctx: CheckContext) -> Iterable[Finding]:
    """占 X% = part / whole × 100, two decimals half-up.

    The whole is the amount stated before `其中` in the section, else the
    section's total (e.g. 表5 合计 for 一般公共预算 structure).  Part and whole
    may be read from the table or from the narrative (see `readings`).
    """
    resolved = {id(s): q for s, q in grounded(ctx)}
    for s, q in grounded(ctx):
        if s.share is None:
            continue
        parts = readings(ctx, s, q)
        if s.whole is not None:
            wholes = readings(ctx, s.whole, resolved.get(id(s.whole)))
        else:
            dw = default_whole(ctx, s.path)
            wholes = [(dw.value, dw.unit)] if dw else []
            if s.share_of and any(agree(p, pu, w, wu) for p, pu in parts for w, wu in wholes):
                # the share names its own whole (`占本年支出合计的99.13%`) and the section's total is
                # this very amount: the named whole is another figure, which we cannot place
                continue
        if not parts or not wholes or any(_share_fits(s.share, p, w) for p in parts for w in wholes):
            continue
        part, whole = parts[0], wholes[0]
        expected = quantize(in_yuan(*part) * 100 / in_yuan(*whole))
        yield ctx.finding(
            f"{section_label(ctx, s)}称“{s.describe()}”占 {format_percent(s.share)}，按 {fmt(part[0])} ÷ "
            f"{fmt(whole[0])} 计算应为 {format_percent(expected)}。（{quote(s)}）",
            where(ctx, s),
            expected=expected,
            actual=s.share,
            difference=quantize(s.share - expected),
            related=(q.location,) if q else (),
        )


@rule("narrative-shares-sum", "同一总额的各项占比之和不为100%", "warning")
def narrative_shares_sum(ctx: CheckContext) -> Iterable[Finding]:
    """Shares of the parts of one whole add up to 100.00% (within each share's rounding) when the parts cover it."""
    groups: dict[tuple[str, int], list[Statement]] = {}
    for s, _q in grounded(ctx):
        if s.share is not None and s.amount is not None:
            key = (s.path, id(s.whole) if s.whole is not None else 0)
            groups.setdefault(key, []).append(s)
    for (path, _whole), parts in groups.items():
        if len(parts) < 2:
            continue
        whole = parts[0].whole
        whole_amount = whole.amount if whole is not None else None
        if whole_amount is None:
            dw = default_whole(ctx, path)
            whole_amount = dw.value if dw else None
        stated = sum((p.amount for p in parts if p.amount is not None), ZERO)
        if whole_amount is None or quantize(stated) != quantize(whole_amount):
            continue  # the parts do not cover the whole
        total = sum((p.share for p in parts if p.share is not None), ZERO)
        # each share is off by at most half a unit of its last printed digit (24 % → 0.5, 80.92% → 0.005)
        allowed = sum((half_unit(p.share) for p in parts if p.share is not None), ZERO)
        if abs(total - 100) > allowed:
            yield ctx.finding(
                f"第三部分{ctx.section_number(path)}各项金额合计等于总额，但占比之和为 {format_percent(total)}，"
                f"不是 100.00%（允许的舍入误差为 {allowed.normalize():f}%）。",
                where(ctx, parts[0]),
                expected=Decimal("100.00"),
                actual=total,
                difference=quantize(total - 100),
            )


def _rate_fits(rate: Decimal, this: Decimal, change: Decimal) -> bool:
    if change == 0:  # no change is 0.00% whatever last year was (even nil both years)
        return rate == 0
    bounds = rate_bounds(this, change)
    return bounds is None or printed_within(abs(rate), bounds)


@rule("narrative-rate", "增长率与增减额不符", "error")
def narrative_rate(ctx: CheckContext) -> Iterable[Finding]:
    """增长/下降 Y% = change / (this year − change) × 100, two decimals half-up; no change means 0.00%.

    This year's amount may be read from the table or from the narrative (see `readings`).
    """
    for s, q in grounded(ctx):
        if s.change is None or s.rate is None:
            continue
        options = [
            (this, s.change if s.change_unit is unit else convert(s.change, s.change_unit, unit))
            for this, unit in readings(ctx, s, q)
        ]
        if not options or any(_rate_fits(s.rate, this, change) for this, change in options):
            continue
        this, change = options[0]
        expected = ZERO if change == 0 else quantize(abs(change) * 100 / (this - change))
        yield ctx.finding(
            f"{section_label(ctx, s)}“{s.describe()}”本年 {fmt(this)}、{s.change_word} {fmt(abs(change))}，"
            f"上年应为 {fmt(this - change)}，{s.rate_word}率应为 {format_percent(expected)}，"
            f"而不是 {format_percent(abs(s.rate))}。（{quote(s)}）",
            where(ctx, s),
            expected=expected,
            actual=abs(s.rate),
            difference=quantize(abs(s.rate) - expected),
            related=(q.location,) if q else (),
        )


def _direction(word: str | None) -> int:
    if word in UP_WORDS:
        return 1
    if word in DOWN_WORDS:
        return -1
    return 0


@rule("narrative-direction", "增减用词前后矛盾", "error")
def narrative_direction(ctx: CheckContext) -> Iterable[Finding]:
    """The change word and the rate word point the same way (增加…增长, 减少…下降); 持平 means no change."""
    for s, _q in grounded(ctx):
        change_dir, rate_dir = _direction(s.change_word), _direction(s.rate_word)
        nonzero = (s.change is not None and s.change != 0) and (s.rate is not None and s.rate != 0)
        if change_dir and rate_dir and change_dir != rate_dir and nonzero:
            yield ctx.finding(
                f"{section_label(ctx, s)}“{s.describe()}”先说“{s.change_word}”后说“{s.rate_word}”，方向矛盾。"
                f"（{quote(s)}）",
                where(ctx, s),
                expected=s.change_word,
                actual=s.rate_word,
            )
        if s.flat and ((s.change is not None and s.change != 0) or (s.rate is not None and s.rate != 0)):
            yield ctx.finding(
                f"{section_label(ctx, s)}“{s.describe()}”称“持平”，但又说{s.change_word or s.rate_word}。"
                f"（{quote(s)}）",
                where(ctx, s),
                expected="持平",
                actual=s.change_word or s.rate_word,
            )


@rule("narrative-last-year", "推算的上年数与已知上年数不符", "error")
def narrative_last_year(ctx: CheckContext) -> Iterable[Finding]:
    """This year − stated change = last year's figure, where the document's data carries last year's figure."""
    last_year = ctx.disclosure.last_year
    if not last_year:
        return
    for s, q in grounded(ctx):
        if q is None or s.change is None or q.key not in last_year:
            continue
        options = readings(ctx, s, q)
        known = last_year[q.key]
        if not options or any(abs(value - s.change - known) <= Decimal("0.01") for value, _unit in options):
            continue
        this = options[0][0]
        derived = this - s.change
        yield ctx.finding(
            f"{section_label(ctx, s)}“{s.describe()}”本年 {fmt(this)}、{s.change_word} {fmt(abs(s.change))}，"
            f"推算上年为 {fmt(derived)}，而上年数为 {fmt(known)}。（{quote(s)}）",
            where(ctx, s),
            expected=known,
            actual=derived,
            difference=quantize(derived - known),
        )


def _changes(ctx: CheckContext) -> dict[str, tuple[Decimal, Statement]]:
    found: dict[str, tuple[Decimal, Statement]] = {}
    for s, q in grounded(ctx):
        if q is not None and s.change is not None and q.key not in found:
            found[q.key] = (s.change, s)
    return found


def change_identities(ctx: CheckContext) -> Iterator[tuple[str, list[str], str]]:
    """(whole key, part keys, what) triples whose changes must add up."""
    yield (
        "three_public.total",
        [
            "three_public.abroad",
            "three_public.reception",
            "three_public.vehicle_purchase",
            "three_public.vehicle_operation",
        ],
        "三公经费各项",
    )
    yield (
        "three_public.vehicles",
        ["three_public.vehicle_purchase", "three_public.vehicle_operation"],
        "公务用车购置费与运行费",
    )
    gpb_total = "general_public_budget.total"
    yield (
        gpb_total,
        ["general_public_budget.basic", "general_public_budget.project"],
        "一般公共预算基本支出与项目支出",
    )
    t5 = ctx.table(TableKind.GENERAL_BUDGET_EXPENDITURE)
    if t5 is not None:
        leaves = [r.code for r in t5.body_rows() if r.code and len(r.code) == 7 and r.amount(Col.TOTAL) != 0]
        if leaves:
            yield (gpb_total, [f"general_public_budget.function.{c}" for c in leaves], "一般公共预算各项级科目")


@rule("narrative-change-sum", "各部分增减额之和与总额增减不符", "warning")
def narrative_change_sum(ctx: CheckContext) -> Iterable[Finding]:
    """Changes of the parts add up to the change of their whole.

    三公: 合计 = Σ items; 一般公共预算: basic + project = Σ 项-level items.
    When the whole's own change is not stated, the sums of two complete sets
    of parts must agree with each other.  A set is used only when every part
    states its change (a missing part is never assumed nil); each stated
    change is rounded, so half a cent per term is allowed.
    """
    changes = _changes(ctx)
    estimates: dict[str, list[tuple[Decimal, int, str, Statement]]] = {}
    for whole, parts, what in change_identities(ctx):
        if whole in changes and whole not in estimates:
            estimates[whole] = [(changes[whole][0], 1, "总额", changes[whole][1])]
        if len(parts) < 2 or not all(p in changes for p in parts):
            continue
        total = sum((changes[p][0] for p in parts), ZERO)
        estimates.setdefault(whole, []).append((total, len(parts), what, changes[parts[0]][1]))
    for found in estimates.values():
        reference, ref_terms, ref_what, ref_statement = found[0]
        for total, terms, what, anchor in found[1:]:
            if abs(total - reference) > Decimal("0.005") * (terms + ref_terms):
                basis = "总额的增减额" if ref_what == "总额" else f"{ref_what}的增减额之和"
                yield ctx.finding(
                    f"{what}的增减额之和为 {fmt(total)}，而{basis}为 {fmt(reference)}，相差 "
                    f"{fmt(total - reference)}（{section_label(ctx, anchor)}）。",
                    where(ctx, anchor),
                    expected=reference,
                    actual=total,
                    difference=quantize(total - reference),
                    related=(where(ctx, ref_statement),),
                )


# subjects that name a property of something said before (`价值`, `涉及金额`), not a thing of their own
_RELATIVE = re.compile(r"^(价值|账面价值|原值|涉及|金额|其中|共计|合计|总计|分别|各|每).{0,6}$|^.{0,2}$")


@rule("narrative-repeated-amount", "同一段落中同一项目的金额前后不一", "error")
def narrative_repeated_amount(ctx: CheckContext) -> Iterable[Finding]:
    """The same subject stated twice in one paragraph carries the same amount (and the same change)."""
    seen: dict[tuple[str, int, str], Statement] = {}
    for s, q in grounded(ctx):
        name = q.key if q is not None else s.subject
        if not name or s.amount is None or (q is None and _RELATIVE.match(s.subject)):
            continue
        key = (s.path, s.paragraph_index, name)
        first = seen.setdefault(key, s)
        if first is not s and not agree(first.amount or ZERO, first.unit, s.amount, s.unit):
            yield ctx.finding(
                f"{section_label(ctx, s)}同一段中“{s.describe()}”先写作 {fmt(first.amount)}{first.unit.value}，"
                f"后写作 {fmt(s.amount)}{s.unit.value}。",
                where(ctx, s),
                expected=first.amount,
                actual=s.amount,
            )


_TOTAL_WORDS = re.compile(r"(共计|合计|总计)$")


@rule("narrative-sum-of-parts", "分项金额之和与“共计”不符", "error")
def narrative_sum_of_parts(ctx: CheckContext) -> Iterable[Finding]:
    """Amounts listed in a sentence and closed by 共计 / 合计 X add up to X (e.g. 资金分配情况)."""
    by_sentence: dict[tuple[str, int, str], list[Statement]] = {}
    for s, _q in grounded(ctx):
        if s.amount is not None:
            by_sentence.setdefault((s.path, s.paragraph_index, s.sentence), []).append(s)
    for statements in by_sentence.values():
        for index, s in enumerate(statements):
            if index < 2 or not _TOTAL_WORDS.search(fold(s.raw_subject)):
                continue
            parts = statements[:index]
            if any(p.unit is not s.unit for p in parts):
                continue
            total = sum((p.amount for p in parts if p.amount is not None), ZERO)
            assert s.amount is not None
            if quantize(total) != quantize(s.amount):
                yield ctx.finding(
                    f"{section_label(ctx, s)}列出的各项之和为 {fmt(total)}{s.unit.value}，但写作“{s.raw_subject} "
                    f"{fmt(s.amount)}{s.unit.value}”。（{quote(s)}）",
                    where(ctx, s),
                    expected=total,
                    actual=s.amount,
                    difference=quantize(s.amount - total),
                )


_COMPARE_YEAR = re.compile(r"比\s*(\d{4})\s*年")
_YEAR_PAIR = re.compile(r"(\d{4})\s*年\s*(?:与|和|及)\s*(\d{4})\s*年")
_LAST_YEAR_NAMED = re.compile(r"上(?:一)?年(?:度)?\s*[(（]\s*(\d{4})\s*年?\s*[)）]")
_AS_OF = re.compile(r"截(?:至|止)\s*(\d{4})\s*年\s*(?:底|末|12\s*月\s*31\s*日)")


@rule("narrative-year", "说明中的年份与文件年度不符", "warning")
def narrative_year(ctx: CheckContext) -> Iterable[Finding]:
    """Comparison years are the document year or the year before; titles name the document year.

    `比YYYY年` compares with last year; `YYYY年与YYYY年` names last year and
    this; assets are counted `截至` the end of last year (of this year in
    final accounts).
    """
    year = ctx.year
    final_accounts = "final" in ctx.disclosure.meta.kind.value
    for path, section in ctx.sections():
        for found in re.finditer(r"(\d{4})\s*年", section.title):
            if int(found.group(1)) != year:
                yield ctx.finding(
                    f"第三部分{ctx.section_number(path)}标题写“{found.group(0)}”，文件年度为 {year} 年。",
                    ctx.at_section(path),
                    expected=str(year),
                    actual=found.group(1),
                )
    for paragraph in ctx.claims.paragraphs:
        text = paragraph.text
        problems: list[tuple[str, str, str]] = []
        for m in _COMPARE_YEAR.finditer(text):
            if int(m.group(1)) != year - 1:
                problems.append((m.group(0), str(year - 1), m.group(1)))
        for m in _YEAR_PAIR.finditer(text):
            wrong = [y for y in (m.group(1), m.group(2)) if int(y) not in {year - 1, year}]
            if wrong:
                problems.append((m.group(0), f"{year - 1}、{year}", wrong[0]))
        for m in _LAST_YEAR_NAMED.finditer(text):
            if int(m.group(1)) != year - 1:
                problems.append((m.group(0), str(year - 1), m.group(1)))
        for m in _AS_OF.finditer(text):
            expected = year if final_accounts else year - 1
            if int(m.group(1)) != expected:
                problems.append((m.group(0), str(expected), m.group(1)))
        for phrase, expected_year, actual_year in problems:
            yield ctx.finding(
                f"第三部分{ctx.section_number(paragraph.path)}写“{phrase}”，{year} 年的文件应为 {expected_year} 年。",
                ctx.at_section(paragraph.path, paragraph.first),
                expected=expected_year,
                actual=actual_year,
            )


_LISTING = re.compile(r"(收入|支出)(?:预算)?(?:主要)?包括[:：](?P<items>[^。]+)")
_MAIN_ITEMS = re.compile(r"^(?P<kind>人员经费|公用经费)[\d,.\s]*万?元?.*?主要包括[:：](?P<items>[^。]+)")


_SOURCE_LABELS = {
    "general_public_budget": "一般公共预算",
    "government_fund": "政府性基金预算",
    "state_capital": "国有资本经营预算",
    "special_account": "财政专户管理资金",
    "unit_funds": "单位资金",
    "carryover": "上年结转结余",
}
_SOURCE_GROUPS = {**{k: k for k in _SOURCE_LABELS}, **{f"{k}_transfer": k for k in list(_SOURCE_LABELS)[:3]}}


def _listed(text: str) -> list[str]:
    from yusuan.check.facts import split_top_level

    return [fold(item).removesuffix("等") for item in split_top_level(text.rstrip("。；;"))]


@rule("narrative-lists", "说明列举的来源、科目与表格不符", "warning")
def narrative_lists(ctx: CheckContext) -> Iterable[Finding]:
    """Lists in Part 3 name what the tables hold.

    一、`收入预算包括：…` names exactly the income sources 表1 shows non-nil;
    `支出预算包括：…` exactly its non-nil function classes.  六、`人员经费…主要
    包括：…` / `公用经费…主要包括：…` name only 表6 items of that kind (主要:
    small items may be left out, but nothing may be named that is not there).
    """
    from yusuan.check.subjects import T1_SOURCES

    t1, t6 = ctx.table(TableKind.INCOME_EXPENDITURE_SUMMARY), ctx.table(TableKind.GENERAL_BUDGET_BASIC)
    for paragraph in ctx.claims.paragraphs:
        text = fold(paragraph.text)
        here = ctx.at_section(paragraph.path, paragraph.first)
        if paragraph.path == "overview" and t1 is not None:
            for m in _LISTING.finditer(text):
                items = _listed(m.group("items"))
                if m.group(1) == "收入":  # compared by budget: a transfer counts under its budget's row
                    listed = {
                        _SOURCE_GROUPS[source]
                        for item in items
                        for source, (pattern, _also) in T1_SOURCES.items()
                        if re.fullmatch(pattern, item)
                    }
                    present = {
                        group
                        for group in _SOURCE_LABELS
                        if (row := t1.row(f"income.{group}", Side.INCOME)) is not None and row.amount(Col.AMOUNT)
                    }
                    names = _SOURCE_LABELS
                else:
                    rows = [r for r in t1.body_rows(Side.EXPENDITURE) if r.code and len(r.code) == 3]
                    listed = {fold(r.label) for r in rows if fold(r.label) in items}
                    present = {fold(r.label) for r in rows if r.amount(Col.AMOUNT)}
                    names = {fold(r.label): r.label for r in rows}
                if listed != present:
                    missing = "、".join(names.get(x, x) for x in sorted(present - listed))
                    extra = "、".join(names.get(x, x) for x in sorted(listed - present))
                    parts = ([f"未列出表1中有数的 {missing}"] if missing else []) + (
                        [f"列出了表1中为空的 {extra}"] if extra else []
                    )
                    yield ctx.finding(
                        f"第三部分一“{m.group(0)[:40]}”{'；'.join(parts)}。",
                        here,
                        expected="、".join(sorted(present)),
                        actual="、".join(sorted(listed)),
                    )
        elif paragraph.path == "general_budget_basic" and t6 is not None:
            main = _MAIN_ITEMS.match(text)
            if not main:
                continue
            kind = main.group("kind")
            column = Col.PERSONNEL if kind == "人员经费" else Col.PUBLIC
            in_table = {fold(r.label) for r in t6.body_rows() if r.code and len(r.code) == 5 and r.amount(column)}
            unknown = [item for item in _listed(main.group("items")) if item not in in_table]
            if unknown:
                yield ctx.finding(
                    f"第三部分六称{kind}主要包括“{'、'.join(unknown)}”，但表6{kind}列中没有这些科目。",
                    here,
                    actual="、".join(unknown),
                )


# section → (what it says is nil, the cells that must then be nil)
_NIL_SECTIONS: dict[str, tuple[str, tuple[tuple[TableKind, str, str, Side | None], ...]]] = {
    "government_fund": (
        "政府性基金预算拨款安排的支出",
        (
            (TableKind.INCOME_EXPENDITURE_SUMMARY, "income.government_fund", Col.AMOUNT, Side.INCOME),
            (TableKind.FISCAL_SUMMARY, "total", Col.GOV_FUND, Side.EXPENDITURE),
            (TableKind.GOVERNMENT_FUND_EXPENDITURE, "total", Col.TOTAL, None),
        ),
    ),
    "state_capital": (
        "国有资本经营预算拨款安排的支出",
        (
            (TableKind.INCOME_EXPENDITURE_SUMMARY, "income.state_capital", Col.AMOUNT, Side.INCOME),
            (TableKind.FISCAL_SUMMARY, "total", Col.STATE_CAPITAL, Side.EXPENDITURE),
            (TableKind.STATE_CAPITAL_EXPENDITURE, "total", Col.TOTAL, None),
        ),
    ),
    "carryover": (
        "上年结转结余安排的支出",
        (
            (TableKind.INCOME_EXPENDITURE_SUMMARY, "income.carryover", Col.AMOUNT, Side.INCOME),
            (TableKind.CARRYOVER, "total", Col.TOTAL, None),
        ),
    ),
}
_SAYS_NIL = re.compile(r"(没有|无|未)(使用|安排)?.{0,30}(支出|安排)|空(白)?表")


@rule("narrative-nil-claim", "说明称无此项支出而表格有数", "error")
def narrative_nil_claim(ctx: CheckContext) -> Iterable[Finding]:
    """When 八 / 九 / 十一 say the unit has no such spending (空表), the tables hold none of it either."""
    for path, (what, cells) in _NIL_SECTIONS.items():
        section = ctx.section(path)
        text = fold(section.text()) if section else ""
        if section is None or not _SAYS_NIL.search(text) or re.search(r"\d+(\.\d+)?万元", text):
            continue  # a section that states an amount is checked by narrative-amount
        for kind, row_key, column, side in cells:
            table = ctx.table(kind)
            row = (table.row(row_key, side) if side else table.row(row_key)) if table else None
            if table is None or row is None or not row.amount(column):
                continue
            yield ctx.finding(
                f"第三部分{ctx.section_number(path)}称没有{what}，但表{table.number}“{row.label}”"
                f"“{column_label(table, column)}”为 {fmt(row.amount(column))}。",
                ctx.at_section(path),
                expected=ZERO,
                actual=row.amount(column),
                related=(ctx.at_cell(table, row, column),),
            )


def column_label(table: Table, key: str) -> str:
    column = table.column(key)
    return " ".join(column.label.split()) if column else key
