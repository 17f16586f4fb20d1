"""The within-table family: identities inside one table.

One module per kind of identity — code_tables (hierarchy sums), columns
(column identities), item_rows (named rows adding up to a total),
summary_rows (tables 1 and 4 row by row), final_rows (a 决算's balances).  Importing the package registers
them all, in this order.
"""

from importlib import import_module

for _module in ("code_tables", "columns", "item_rows", "summary_rows", "final_rows"):
    import_module(f"{__name__}.{_module}")
