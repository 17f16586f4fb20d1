"""The cross-table family: the same quantity printed in two tables agrees.

summary (tables 1–3), fiscal (table 4 against the others), detail (tables 5–7
and 10); compare holds what they share.  Importing the package registers every
rule, in this order.
"""

from importlib import import_module

for _module in ("summary", "fiscal", "detail", "final_links"):
    import_module(f"{__name__}.{_module}")
