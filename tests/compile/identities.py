"""An independent oracle: the identities of DOMAIN.md, checked directly on a compiled Disclosure.

This deliberately does not use `yusuan.check`, so the property test checks
compile against the domain's rules, not against another part of yusuan.
"""

from __future__ import annotations

import re
from decimal import Decimal

from yusuan.model import Col, Disclosure, Side, Table, TableKind
from yusuan.money import quantize


def hierarchy_errors(table: Table, columns: list[str]) -> list[str]:
    errors = []
    code_rows = [r for r in table.rows if r.code and not r.project and r.side != Side.INCOME]
    by_code = {r.code: r for r in code_rows}
    for row in code_rows:
        assert row.code is not None
        children = [r for r in code_rows if r.code and len(r.code) == len(row.code) + 2 and r.code.startswith(row.code)]
        if table.kind is TableKind.GENERAL_BUDGET_PROJECTS and len(row.code) == 5:
            children = [r for r in table.rows if r.project and r.code and r.code.startswith(row.code)]
        if not children:
            continue
        for col in columns:
            total = sum((c.amount(col) for c in children), Decimal(0))
            if row.amount(col) != total:
                errors.append(f"T{table.number} {row.code} {col}: {row.amount(col)} != Σ {total}")
    total_row = table.row("total", Side.EXPENDITURE if table.rows_on(Side.EXPENDITURE) else None)
    if total_row is not None:
        tops = [r for r in by_code.values() if r.code and len(r.code) == 3]
        for col in columns:
            if total_row.amount(col) != sum((r.amount(col) for r in tops), Decimal(0)):
                errors.append(f"T{table.number} total {col} != Σ classes")
    return errors


def column_errors(table: Table, total: str, parts: list[str]) -> list[str]:
    return [
        f"T{table.number} {row.key}: {total} {row.amount(total)} != Σ {parts}"
        for row in table.rows
        if row.side != Side.INCOME and row.amount(total) != sum((row.amount(p) for p in parts), Decimal(0))
    ]


def all_identity_errors(d: Disclosure) -> list[str]:
    t = {table.kind: table for table in d.tables}
    t1, t2, t3, t4 = (
        t[TableKind.INCOME_EXPENDITURE_SUMMARY],
        t[TableKind.INCOME_SUMMARY],
        t[TableKind.EXPENDITURE_SUMMARY],
        t[TableKind.FISCAL_SUMMARY],
    )
    t5, t6, t7, t8, t9, t10 = (
        t[TableKind.GENERAL_BUDGET_EXPENDITURE],
        t[TableKind.GENERAL_BUDGET_BASIC],
        t[TableKind.GENERAL_BUDGET_PROJECTS],
        t[TableKind.GOVERNMENT_FUND_EXPENDITURE],
        t[TableKind.STATE_CAPITAL_EXPENDITURE],
        t[TableKind.THREE_PUBLIC],
    )
    errors: list[str] = []
    fund_cols = [Col.GPB, Col.GPB_TRANSFER, Col.GOV_FUND, Col.GOV_FUND_TRANSFER, Col.STATE_CAPITAL]
    errors += hierarchy_errors(t2, [Col.TOTAL, Col.FISCAL_SUBTOTAL, *fund_cols])
    errors += column_errors(
        t2,
        Col.TOTAL,
        [Col.FISCAL_SUBTOTAL, Col.SPECIAL_ACCOUNT, Col.UNIT_FUNDS, Col.FISCAL_CARRYOVER, Col.NONFISCAL_CARRYOVER],
    )
    errors += column_errors(t2, Col.FISCAL_SUBTOTAL, fund_cols)
    for table in (t3, t5, t8):
        errors += hierarchy_errors(table, [Col.TOTAL, Col.BASIC, Col.PROJECT])
        errors += column_errors(table, Col.TOTAL, [Col.BASIC, Col.PROJECT])
    errors += hierarchy_errors(t6, [Col.TOTAL, Col.PERSONNEL, Col.PUBLIC])
    errors += column_errors(t6, Col.TOTAL, [Col.PERSONNEL, Col.PUBLIC])
    econ = [c.key for c in t7.columns if c.key.startswith("econ:")]
    errors += hierarchy_errors(t7, [Col.TOTAL, *econ])
    errors += column_errors(t7, Col.TOTAL, econ)
    errors += column_errors(t9, Col.TOTAL, [Col.PERSONNEL, Col.PUBLIC, Col.PROJECT])
    errors += column_errors(t10, Col.TOTAL, [Col.GPB, Col.GOV_FUND, Col.STATE_CAPITAL])
    for col in (Col.TOTAL, Col.GPB):
        v = {r.key: r.amount(col) for r in t10.rows}
        if v["total"] != v["abroad"] + v["reception"] + v["vehicles"]:
            errors.append("T10 total != abroad + reception + vehicles")
        if v["vehicles"] != v["vehicle_purchase"] + v["vehicle_operation"]:
            errors.append("T10 vehicles != purchase + operation")
    # table 1
    inc = {r.key: r.amount(Col.AMOUNT) for r in t1.rows_on(Side.INCOME)}
    exp = {r.key: r.amount(Col.AMOUNT) for r in t1.rows_on(Side.EXPENDITURE)}
    current = sum(
        (
            inc[k]
            for k in inc
            if re.fullmatch(r"income\.[a-z_]+", k) and k not in ("income.current", "income.carryover")
        ),
        Decimal(0),
    )
    if inc["income.current"] != current:
        errors.append("T1 本年收入 != Σ sources")
    if inc["total"] != inc["income.current"] + inc["income.carryover"]:
        errors.append("T1 收入总计 != 本年收入 + 上年结转结余")
    if exp["total"] != sum((v for k, v in exp.items() if k != "total"), Decimal(0)):
        errors.append("T1 支出总计 != Σ classes")
    if inc["total"] != exp["total"]:
        errors.append("T1 收入总计 != 支出总计")
    # across tables
    t2_total = t2.row("total")
    assert t2_total is not None
    if inc["total"] != t2_total.amount(Col.TOTAL):
        errors.append("T1 total != T2 total")
    for code, amount in exp.items():
        if code != "total":
            r3, r2 = t3.row(code), t2.row(code)
            if amount != (r3.amount(Col.TOTAL) if r3 else 0) or amount != (r2.amount(Col.TOTAL) if r2 else 0):
                errors.append(f"T1 class {code} != T2/T3")
    for row in t4.rows_on(Side.EXPENDITURE):
        r5 = t5.row(row.key) if row.key != "total" else t5.row("total")
        if row.amount(Col.GPB) != (r5.amount(Col.TOTAL) if r5 else 0):
            errors.append(f"T4 {row.key} GPB != T5")
        r8 = t8.row(row.key)
        if row.key != "total" and row.amount(Col.GOV_FUND) != (r8.amount(Col.TOTAL) if r8 else 0):
            errors.append(f"T4 {row.key} gov fund != T8")
        r9 = t9.row(row.key)
        if row.key != "total" and row.amount(Col.STATE_CAPITAL) != (r9.amount(Col.TOTAL) if r9 else 0):
            errors.append(f"T4 {row.key} state capital != T9")
    t5_total, t6_total, t7_total = t5.row("total"), t6.row("total"), t7.row("total")
    assert t5_total and t6_total and t7_total
    if t5_total.amount(Col.BASIC) != t6_total.amount(Col.TOTAL):
        errors.append("T5 basic != T6 total")
    if t5_total.amount(Col.PROJECT) != t7_total.amount(Col.TOTAL):
        errors.append("T5 project != T7 total")
    return errors


SHARE = re.compile(r"占(\d+\.\d{2})%")


def narrative_share_errors(d: Disclosure) -> list[str]:
    """Shares of one whole, stated in one section, sum to 100.00 within the rounding residue."""
    errors = []
    for key in ("income", "expenditure"):
        section = d.section(key)
        assert section is not None
        shares = [Decimal(s) for s in SHARE.findall(section.text())]
        if len(shares) > 1:
            residue = Decimal("0.01") * len(shares)
            if abs(sum(shares) - 100) > residue:
                errors.append(f"{key}: shares sum to {sum(shares)}")
    return errors


CHANGE = re.compile(r"(\d[\d,]*\.\d{2})万元，比上年预算(增加|减少)(\d[\d,]*\.\d{2})万元(?:，(增长|下降)(\d+\.\d{2})%)?")


def narrative_change_errors(d: Disclosure) -> list[str]:
    """Direction words match the sign; the rate equals change / last year."""
    errors = []
    for section in d.narrative:
        for match in CHANGE.finditer(section.text()):
            current, direction, change, word, pct = match.groups()
            cur, chg = Decimal(current.replace(",", "")), Decimal(change.replace(",", ""))
            signed = chg if direction == "增加" else -chg
            last = cur - signed
            if word and (word == "增长") != (direction == "增加"):
                errors.append(f"{match.group(0)}: direction words disagree")
            if pct and last and quantize(chg * 100 / abs(last)) != Decimal(pct):
                errors.append(f"{match.group(0)}: rate should be {quantize(chg * 100 / last)}")
    return errors
