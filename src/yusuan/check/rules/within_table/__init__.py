"""The within-table family: identities inside one table.

One module per kind of identity — code_tables (hierarchy sums), columns
(column identities), item_rows (named rows adding up to a total),
summary_rows (tables 1 and 4 row by row).  Importing the package registers
them all, in this order.
"""

from yusuan.check.rules.within_table import code_tables, columns, item_rows, summary_rows

__all__ = ["code_tables", "columns", "item_rows", "summary_rows"]
