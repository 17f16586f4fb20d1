"""The reference as read and the example budget as compiled state the same figures.

The example budget (examples/kizilsu-2024) is the reference's budget typed in;
compiling it must give every amount the reader reads from the published text.
Where the two differ, the published document itself prints it so (listed).
"""

from __future__ import annotations

from yusuan.model import Disclosure, Side, TableKind

PRINTED_ONLY_IN_THE_COMPILED = {(TableKind.GENERAL_BUDGET_BASIC, "301", None)}  # the reference omits the 301 row


def test_every_amount_read_equals_the_compiled_one(reference: Disclosure, example_disclosure: Disclosure) -> None:
    compared = 0
    for read_table in reference.tables:
        compiled = example_disclosure.table(read_table.kind)
        assert compiled is not None, read_table.kind
        assert [(c.key, c.side) for c in read_table.columns] == [(c.key, c.side) for c in compiled.columns]
        read_rows = {(r.key, r.side) for r in read_table.rows}
        compiled_rows = {(r.key, r.side) for r in compiled.rows}
        assert compiled_rows - read_rows == {
            (key, side) for kind, key, side in PRINTED_ONLY_IN_THE_COMPILED if kind == read_table.kind
        }
        assert read_rows <= compiled_rows
        for row in read_table.rows:
            other = compiled.row(row.key, row.side)
            assert other is not None
            assert (row.code, row.level, row.project, row.is_total) == (
                other.code,
                other.level,
                other.project,
                other.is_total,
            )
            for key in row.cells:
                assert row.amount(key) == other.amount(key), (read_table.number, row.key, key)
                compared += 1
    assert compared == 495  # every cell of the nine printed tables


def test_sections_and_performance_tables_line_up(reference: Disclosure, example_disclosure: Disclosure) -> None:
    def keys(disclosure: Disclosure) -> list[tuple[str, list[str]]]:
        return [(s.key, [c.key for c in s.subsections]) for s in disclosure.narrative]

    assert keys(reference) == keys(example_disclosure)
    assert sorted((p.scope, p.name, len(p.indicators)) for p in reference.performance) == sorted(
        (p.scope, p.name, len(p.indicators)) for p in example_disclosure.performance
    )
    assert reference.profile.staffing == example_disclosure.profile.staffing
    assert reference.meta.published == example_disclosure.meta.published
    assert reference.table(TableKind.FISCAL_SUMMARY).row("234", Side.EXPENDITURE).label == "抗疫特别国债还本支出"  # type: ignore[union-attr]
