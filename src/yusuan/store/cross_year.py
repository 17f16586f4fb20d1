"""Checks across a unit's documents in the store: what a budget says of last year against last year's budget.

A sentence such as `公务接待费预算支出27万元，比上年预算减少1万元` implies last
year's budget (28 万元).  When the store holds the same unit's budget of the
year before (same unit name, same kind), the figure that document states for
the same quantity (the stable key `check.narrative_facts` resolves: 三公's
reception, a fund's income, a function line…) must be that amount, within
half a unit of the coarsest digit the sentence prints.  Only a sentence whose
上年 is last year's *budget* is compared (比上年执行数 speaks of an execution
no budget document prints).  A difference is a warning: a budget may have been
adjusted during the year, but the reader should know which figure is meant.

The findings go into `findings` of the later document, naming the earlier one
(`related_document_id`, `related_page`); running the check again replaces them.
"""

from __future__ import annotations

from typing import Any

from yusuan.money import MoneyUnit, convert, format_amount
from yusuan.store.pages import drop_pages

CODE = "cross-year-last-year"
TITLE = "说明中的上年预算数与上年预算公开不符"

_PAIRS = """
SELECT s.document_id, s.section, s.page, s.line, s.sentence, s.subject, s.last_year, s.unit, s.tolerance,
       q.document_id, q.page, q.quantity_value, q.quantity_unit, p.year, p.unit
FROM documents d
JOIN documents p ON p.unit = d.unit AND p.kind = d.kind AND p.year = d.year - 1 AND p.status = 'checked'
JOIN statements s ON s.document_id = d.id
JOIN statements q ON q.document_id = p.id AND q.quantity_key = s.quantity_key
WHERE d.status = 'checked' AND d.kind LIKE '%budget' AND s.basis = 'budget' AND s.last_year IS NOT NULL
  AND q.quantity_value IS NOT NULL
ORDER BY s.document_id, s.statement_index, q.statement_index
"""


def check_across_years(connection: Any) -> int:
    """Replace every cross-year finding in the store; returns how many there are now."""
    rows = connection.execute(_PAIRS).fetchall()
    findings: dict[tuple[int, int | None, int | None, str], tuple[Any, ...]] = {}
    for (doc, section, page, line, sentence, subject, last, unit, tolerance,
         prior, prior_page, value, value_unit, prior_year, unit_name) in rows:  # fmt: skip
        place = (doc, page, line, subject)
        if place in findings:
            continue  # the first statement of that quantity in the earlier document
        shown = convert(value, MoneyUnit(value_unit), MoneyUnit(unit))  # last year's figure in the sentence's unit
        if abs(last - shown) <= tolerance:
            continue
        message = (
            f"说明称“{subject}”的上年预算为 {format_amount(last)}{unit}（“{_short(sentence)}”），"
            f"而{unit_name}{prior_year}年预算公开第 {prior_page or '?'} 页所列为 {format_amount(shown)}{unit}。"
        )
        findings[place] = (doc, CODE, "warning", False, message, None, None, None, section, None, None,
                           page, line, str(shown), str(last), None, prior, prior_page)  # fmt: skip
    replace_findings(connection, CODE, list(findings.values()))
    return len(findings)


def replace_findings(connection: Any, code: str, rows: list[tuple[Any, ...]]) -> None:
    """Replace the store's findings of `code` by `rows` (a finding's columns less its index), in one transaction,
    and recount the errors and warnings of every document they touch (whose stored pages are dropped)."""
    connection.execute("BEGIN TRANSACTION")
    try:
        touched = {row[0] for row in connection.execute("SELECT DISTINCT document_id FROM findings WHERE code = ?",
                                                        [code]).fetchall()}  # fmt: skip
        connection.execute("DELETE FROM findings WHERE code = ?", [code])
        for row in rows:
            index = connection.execute(
                "SELECT coalesce(max(finding_index), -1) + 1 FROM findings WHERE document_id = ?", [row[0]]
            ).fetchone()[0]
            connection.execute(
                "INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [row[0], index, *row[1:]],
            )
        for doc in touched | {row[0] for row in rows}:
            drop_pages(connection, doc)  # its page shows its findings: written again after the batch
            connection.execute(
                "UPDATE documents SET errors = (SELECT count(*) FROM findings WHERE document_id = ? "
                "AND severity = 'error' AND NOT is_notice), warnings = (SELECT count(*) FROM findings "
                "WHERE document_id = ? AND severity = 'warning' AND NOT is_notice) WHERE id = ?",
                [doc, doc, doc],
            )
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def _short(sentence: str) -> str:
    return sentence if len(sentence) <= 50 else sentence[:48] + "…"
