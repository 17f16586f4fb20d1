"""Read a table by the printed form that explains it best, and say when none does.

A table's kind comes from its title (model/vocabulary.yaml); how its columns
and rows are printed differs by region and year.  The reader knows several
printed forms of each kind — the detected template's own, the national form,
the other regions' (`template.candidate_specs`) — and reads the table with
each in turn, keeping the reading with no doubt and the most amounts mapped
for the fewest problems (`doubt.score`).  A reading by the template's own form
that raises no problem and no doubt is taken at once, so documents of a known
layout are read exactly as before.  The kept reading carries its doubt, if
any, and one `table-doubtful` problem names the table and the reason.
"""

from __future__ import annotations

from dataclasses import replace

from yusuan.extract.doubt import doubt, score, unread_amounts
from yusuan.extract.problems import Problems
from yusuan.extract.table_blocks import TableBlock
from yusuan.extract.table_rows import read_table
from yusuan.extract.template import TableSpec, Template, candidate_specs
from yusuan.model import Table

# problems that say the reading did not fit (a unit line or a realigned row says nothing of the form)
_MISFIT = frozenset(
    {
        "header-unreadable",
        "column-unknown",
        "column-duplicate",
        "row-unknown",
        "row-extra-cells",
        "cells-misaligned",
        "cell-not-amount",
        "row-code-invalid",
    }
)


def read_best(block: TableBlock, template: Template, source_name: str, problems: Problems) -> Table | None:
    """The table read by its best-fitting printed form (its problems added to `problems`), or None."""
    specs = [block.spec, *(s for s in candidate_specs(block.spec.kind, template.id) if s != block.spec)]
    best: tuple[tuple[int, int], Table, TableSpec, Problems] | None = None
    first: Problems | None = None
    for spec in specs:
        scratch = Problems()
        table = read_table(replace(block, spec=spec), template, source_name, scratch)
        first = first or scratch
        if table is None:
            continue
        misfits = sum(1 for p in scratch.items if p.code in _MISFIT)
        rank = score(table, spec, misfits)
        if best is None or rank > best[0]:
            best = (rank, table, spec, scratch)
        if misfits == 0 and rank[0] == 1:
            break  # a form that reads every cell and raises no doubt: no other can do better
    if best is None:  # no form reads it: say what the table's own form met
        problems.items.extend(first.items if first else ())
        return None
    rank, table, spec, scratch = best
    problems.items.extend(scratch.items)
    # the rank says whether the reading is doubtful (`score` asked `doubt`); only a doubtful one's reason is needed
    reason = (doubt(table, spec) if rank[0] == 0 else None) or unread_amounts(block, table)
    if reason is None:
        return table
    problems.add("table-doubtful", f"表{block.number}“{block.title}”读取存疑：{reason}", block.title_line, block.title)
    return table.model_copy(update={"doubt": reason})
