"""The first-view fast paths write exactly what the slower ways they replaced wrote.

`PlainJSONResponse` must give the bytes of `JSONResponse(plain(...))`, `plain_scalar` an amount's text as
formatting at its normalized places did, `cells_html` the HTML the table
template wrote cell by cell (kept here as the reference), and the scan setting must not change what a
document's queries return.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

import duckdb
from fastapi.responses import JSONResponse
from jinja2 import Environment

from yusuan.store import queries
from yusuan.web.app import PlainJSONResponse
from yusuan.web.data import plain, plain_scalar
from yusuan.web.views import cells_html

_TEMPLATE_CELLS = (
    "{% for c in cells %}<td id=\"{{ c['anchor'] }}\" class=\"num{% if c['flags'] %} flagged "
    "{{ c['flags'][0].severity }}{% endif %}\"{% if c['flags'] %} title=\"{{ c['flags']|map(attribute='message')"
    "|join('；') }}\"{% endif %}>{% if c['flags'] %}<a href=\"#{{ c['flags'][0].target }}\">{{ c['text'] }}</a>"
    "{% else %}{{ c['text'] }}{% endif %}</td>{% endfor %}"
)


def test_plain_json_response_writes_the_bytes_of_plain_then_json() -> None:
    content = {
        "amounts": {"a": Decimal("1234.500000"), "b": Decimal("0.000000"), "c": Decimal("-7.125"), "d": None},
        "when": datetime(2026, 12, 6, 6, 30, 15, 123456),
        "rows": [(1, "二〇二六", True), [Decimal("10"), Decimal("1E+3")]],
        "text": "<b>“引号”</b>",
    }
    expected = JSONResponse(plain(content)).body
    assert PlainJSONResponse(content).body == expected
    assert b'"1234.50"' in expected and b'"-7.125"' in expected and b'"1000.00"' in expected


def _normalized_places(value: Decimal) -> str:
    """What `plain_scalar` wrote before: the amount at the places of its `normalize()`, at least two."""
    exponent = value.normalize().as_tuple().exponent
    places = max(2, -exponent) if isinstance(exponent, int) else 2
    return f"{value:.{places}f}"


def test_plain_scalar_writes_an_amount_at_the_places_of_its_normalized_form() -> None:
    texts = ["0", "-0", "-0.000000", "0E-6", "0E+3", "-0E+3", "5", "-5.10", "0.1", "-0.05", "1E+3", "1.5E+10"]
    texts += ["-1E-7", "123.456789123", "1E+30", "12345678901234567890.123456", "NaN", "-Infinity", "Infinity"]
    values = [Decimal(t) for t in texts]
    values += [Decimal(m).scaleb(e) for m in (1, -7, 10, 120, 123456789, -1000000) for e in range(-12, 7)]
    for value in values:
        assert plain_scalar(value) == _normalized_places(value), value


def test_cells_html_matches_the_template_it_replaced() -> None:
    flag = {"index": 3, "target": "u2-f-3", "severity": "error", "message": "合计 <不等于> 各项之和 & “说明”"}
    other = {"index": 9, "target": "f-9", "severity": "warning", "message": "第二条"}
    cells = [
        {"key": "total", "anchor": "c-0-1-0", "text": "1,234.50", "flags": []},
        {"key": "basic", "anchor": "c-0-1-1", "text": "-0.01", "flags": [flag, other]},
        {"key": "project", "anchor": "c-0-1-2", "text": "", "flags": [other]},
        {"key": "x", "anchor": "c-0-1-3", "text": "<&>", "flags": []},
    ]
    env = Environment(autoescape=True)
    expected = env.from_string(_TEMPLATE_CELLS).render(cells=cells)
    assert str(env.from_string("{{ cells_html(cells) }}").render(cells=cells, cells_html=cells_html)) == expected
    assert 'title="合计 &lt;不等于&gt; 各项之和 &amp; “说明”；第二条"' in expected
    assert cells_html([]) == ""


def test_scanning_instead_of_the_index_returns_the_same_rows(store: Path) -> None:
    connection = duckdb.connect(str(store), read_only=True)
    try:
        ids = [r[0] for r in connection.execute("SELECT id FROM documents WHERE status = 'checked'").fetchall()]
        assert ids
        before = [(queries.tables(connection, i), queries.findings(connection, i)) for i in ids]
        queries.prefer_scans(connection)
        cursor = connection.cursor()
        after = [(queries.tables(cursor, i), queries.findings(cursor, i)) for i in ids]
        assert after == before
        assert any(table["cells"] for tables, _ in after for table in tables)
        setting = cursor.execute("SELECT current_setting('index_scan_max_count')").fetchone()[0]
        assert int(setting) == 0
    finally:
        connection.close()
