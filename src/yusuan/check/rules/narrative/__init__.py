"""The narrative family: Part 3 against the tables and against itself.

figures (amounts, shares, rates), changes (direction words, last year,
changes adding up), statements (a subject stated twice, 共计, years) and
lists (what Part 3 names or denies), document_kind (wording of another kind of
document) and subject_names (classification names against the catalogue and
the tables); grounding holds what they share.
Importing the package registers every rule, in this order.
"""

from importlib import import_module

from yusuan.check.rules.narrative.grounding import grounded, readings, section_label, where

for _module in (
    "figures",
    "changes",
    "statements",
    "lists",
    "from_to",
    "from_to_tables",
    "years",
    "final_accounts",
    "final_items",
    "document_kind",
    "subject_names",
):
    import_module(f"{__name__}.{_module}")

__all__ = ["grounded", "readings", "section_label", "where"]
