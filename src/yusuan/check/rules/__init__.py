"""Rule families, one module each; `yusuan.check.registry.FAMILIES` lists them in run order.

- `completeness`: every table and section the contents and the template promise is there
- `within_table`: hierarchy sums, total rows and column identities inside one table
- `cross_table`: the same quantity printed in two tables agrees
- `codes`: classification codes well-formed and named as in the catalogue
- `narrative`: amounts, shares, changes and rates in Part 3 against the tables
- `other_facts`: staffing, procurement, assets, running costs
- `performance`: performance-target tables
- `text_hygiene`: doubled punctuation, unbalanced brackets, leftover template wording
"""
