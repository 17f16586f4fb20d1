"""A list sorted by a click on a column heading: the `sort` parameter read against the list's own columns.

Each list the app shows (documents, units, a rule's documents) is defined
once, in web/data.py, as a `Listing`: its columns — the Chinese heading, the
row's field under it and, for a column the list can be sorted by, its `sort`
key — and its own order.  That one definition gives the download's headings,
the page's heading links (▲/▼ on the column the list is sorted by) and the
values `sort` may take: `sort=year` sorts by that column ascending,
`sort=-errors` descending.  The store's query turns the column into SQL from
its own table (store/queries.py: no text from the address reaches the SQL)
and ends every order in a unique key, so paging never repeats or skips a row.
A page reads an unknown `sort` as its own order, as it reads its other
parameters leniently; the API answers it with 422, as it does a bad `format`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, NamedTuple
from urllib.parse import urlencode

from yusuan.store.queries import Order

Row = dict[str, Any]


class Column(NamedTuple):
    """A column of a list: its heading, the row's field under it (JSON, download) and the `sort` value a first
    click on its heading asks for (`year`; `-errors`: most first), or None when the list is not sorted by it."""

    heading: str
    key: str
    sort: str | None = None


class Heading(NamedTuple):
    """A sortable column's heading on the page: its text, the address its link sorts by, and the current order's
    mark (▲ ascending, ▼ descending; `aria` the same for a screen reader) when the list is sorted by it."""

    text: str
    href: str
    mark: str
    aria: str


def parse(key: str) -> Order:
    """A `sort` value as an order (not checked against a list)."""
    return Order(key.removeprefix("-"), key.startswith("-"))


def sort_key(order: Order) -> str:
    """The `sort` value of `order` (`-errors`)."""
    return ("-" if order.descending else "") + order.column


@dataclass(frozen=True)
class Listing:
    """A list's columns, in the download's order, and the `sort` value of its own order."""

    columns: tuple[Column, ...]
    default: str
    note: str = ""  # what the API's description of `sort` adds about the list's order

    @cached_property
    def sortable(self) -> dict[str, Column]:
        """The columns the list can be sorted by, by `sort` column name (`errors`)."""
        return {c.sort.removeprefix("-"): c for c in self.columns if c.sort}

    @property
    def headings(self) -> list[str]:
        return [c.heading for c in self.columns]

    def table(self, records: list[Row]) -> tuple[list[str], list[tuple[Any, ...]]]:
        """A download: the headings, and each record's values under them."""
        return self.headings, [tuple(r[c.key] for c in self.columns) for r in records]

    def read(self, value: str | None) -> Order | None:
        """The order `value` asks for; the list's own for none (blank included), None for one it does not take."""
        key = (value or "").strip() or self.default
        return parse(key) if key.removeprefix("-") in self.sortable else None

    def lenient(self, value: str | None) -> Order:
        """The order `value` asks for, or the list's own (a page: an unknown value is not an error)."""
        return self.read(value) or parse(self.default)

    def strict(self, value: str | None) -> Order:
        """The order `value` asks for (the API: RequestValidationError for a value the list does not take)."""
        found = self.read(value)
        if found is None:
            from fastapi.exceptions import RequestValidationError

            keys = "、".join(self.sortable)
            raise RequestValidationError(
                [{"type": "sort", "loc": ("query", "sort"), "input": value, "ctx": {"keys": keys}}]
            )
        return found

    def description(self) -> str:
        """The API's description of `sort` for this list, in Chinese, its keys named as the page heads them."""
        keys = "、".join(f"{name}（{c.heading}）" for name, c in self.sortable.items())
        return (
            f"排序，取值：{keys}；前加 - 为降序（如 -{next(reversed(self.sortable))}）；"
            f"不填为默认顺序（{self.default}）；顺序相同的按默认顺序排列{self.note}"
        )

    def query(self, filters: Iterable[tuple[str, str]], sort: Order) -> str:
        """The address query of `filters` in `sort` (no `sort` for the list's own order): what a page's paging and
        download links carry."""
        kept = [(k, v) for k, v in filters if k not in ("sort", "page")]
        asked = self.asked(sort)
        return urlencode(kept + ([("sort", asked)] if asked else []))

    def asked(self, sort: Order) -> str:
        """The `sort` value an address carries for `sort`: none ("") for the list's own order."""
        key = sort_key(sort)
        return "" if key == self.default else key

    def heading_links(self, path: str, filters: Iterable[tuple[str, str]], sort: Order) -> dict[str, Heading]:
        """Each sortable column's heading, by `sort` column name: a link to the list sorted by it (the other way
        round when the list already is; its first page, the filters kept), the current one marked."""
        kept = list(filters)
        found = {}
        for name, column in self.sortable.items():
            current = name == sort.column
            asked = Order(name, not sort.descending) if current else parse(column.sort or name)
            query = self.query(kept, asked)
            mark = ("▼" if sort.descending else "▲") if current else ""
            aria = ("descending" if sort.descending else "ascending") if current else ""
            found[name] = Heading(column.heading, f"{path}?{query}" if query else path, mark, aria)
        return found
