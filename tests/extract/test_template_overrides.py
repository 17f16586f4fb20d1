"""Regional templates as overrides of the national form: the merge, its checks, and what the regions read.

Each regional template (`extends: national`) holds only what its layout prints
differently.  The loaded templates must equal the specs written in
tests/fixtures/templates/ (taken from the whole regional files before they
became overrides, so the rewrite changed no reading); after a deliberate change
to a template, or to national.yaml, write them again with
`tests/extract/template_specs.py` and review the diff.
"""

from __future__ import annotations

from typing import Any

import pytest

from yusuan.extract.template import BASE_TEMPLATE, load_template, whole_template_data
from yusuan.extract.template_data import load_template_data, template_ids
from yusuan.extract.template_merge import merge_template
from yusuan.extract.template_schema import check_template
from yusuan.model.kinds import TableKind

from .template_specs import GOLDEN, template_json

REGIONS = tuple(i for i in template_ids() if i != BASE_TEMPLATE)


@pytest.mark.parametrize("template_id", template_ids())
def test_a_template_reads_as_its_recorded_specs(template_id: str) -> None:
    assert template_json(load_template(template_id)) == (GOLDEN / f"{template_id}.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("template_id", REGIONS)
def test_every_regional_template_is_an_override_of_the_national_form(template_id: str) -> None:
    data = load_template_data(template_id)
    assert data["extends"] == BASE_TEMPLATE
    assert len(str(data)) < len(str(load_template_data(BASE_TEMPLATE)))


def _national() -> dict[str, Any]:
    return whole_template_data(BASE_TEMPLATE, load_template_data(BASE_TEMPLATE))


def test_what_an_override_leaves_out_is_the_national_forms() -> None:
    national = _national()
    merged = merge_template(national, {"id": "x", "extends": "national", "totals": ["合计"]})
    assert merged["totals"] == ["合计"]
    assert merged["sections"] == national["sections"] and merged["performance"] == national["performance"]
    assert merged["tables"] == national["tables"]  # no `tables`: the region prints the national ones
    listed = merge_template(national, {"id": "x", "extends": "national", "tables": [{"kind": "carryover"}]})
    assert [t["kind"] for t in listed["tables"]] == ["carryover"]  # else only those it lists


def test_a_map_of_roles_merges_role_by_role() -> None:
    national = _national()
    merged = merge_template(
        national,
        {
            "id": "x",
            "extends": "national",
            "label_columns": {"code": ["编码"]},
            "performance": {"amount_fields": {"total": ["合计"]}},
        },
    )
    assert merged["label_columns"] == {**national["label_columns"], "code": ["编码"]}
    assert merged["performance"]["amount_fields"] == {**national["performance"]["amount_fields"], "total": ["合计"]}
    assert merged["performance"]["text_fields"] == national["performance"]["text_fields"]


def test_a_table_amends_the_national_table_of_its_kind_and_layout() -> None:
    national = _national()
    columns = [{"key": "total", "labels": ["金额"]}]
    tables = merge_template(
        national,
        {
            "id": "x",
            "extends": "national",
            "tables": [
                {"kind": "expenditure_summary", "titles": ["支出表"], "columns": columns, "sums": []},
                {"kind": "three_public", "layout": "header_items", "columns": columns},
                {"kind": "running_costs", "titles": ["机关运行经费表"], "layout": "codes", "columns": columns},
            ],
        },
    )["tables"]
    spending = next(t for t in national["tables"] if t["kind"] == "expenditure_summary")
    assert tables[0] == {**spending, "titles": ["支出表"], "columns": columns, "sums": []}
    header_items = next(t for t in national["tables"] if t["kind"] == "three_public" and t["layout"] == "header_items")
    assert tables[1]["rows"] == header_items["rows"] and tables[1]["titles"] == header_items["titles"]
    assert tables[2] == {"kind": "running_costs", "titles": ["机关运行经费表"], "layout": "codes", "columns": columns}


def test_a_merged_template_loads_with_the_national_layouts() -> None:
    shanghai = load_template("shanghai-2023").table(TableKind.EXPENDITURE_SUMMARY)
    national = load_template(BASE_TEMPLATE).table(TableKind.EXPENDITURE_SUMMARY)
    assert (shanghai.layout, shanghai.code_kind, shanghai.sums) == (national.layout, national.code_kind, national.sums)
    assert shanghai.titles != national.titles and len(shanghai.columns) < len(national.columns)


@pytest.mark.parametrize(
    ("override", "named"),
    [
        ({"tables": [{"kind": "income_summary", "colums": []}]}, "tables.0.colums"),
        ({"parts": {"profil": ["概况"]}}, "parts.profil"),
        ({"performance": {"text_fields": {"nmae": ["名称"]}}}, "performance.text_fields.nmae"),
        ({"label_column": {"code": ["编码"]}}, "label_column"),
        ({"tables": [{"titles": ["表"]}]}, "tables.0.kind"),
        ({"tables": [{"kind": "income_summary", "layout": "grid"}]}, "tables.0.layout"),
    ],
)
def test_a_misspelt_or_wrong_key_in_an_override_is_an_error_naming_file_and_key(
    override: dict[str, Any], named: str
) -> None:
    with pytest.raises(ValueError, match=r"templates/x\.yaml") as raised:
        check_template({"id": "x", "extends": "national", **override}, "templates/x.yaml", override=True)
    assert named in str(raised.value)


def test_a_table_the_national_form_does_not_know_must_be_whole() -> None:
    merged = merge_template(_national(), {"id": "x", "extends": "national", "tables": [{"kind": "procurement"}]})
    with pytest.raises(ValueError, match=r"tables\.0\.titles") as raised:
        check_template(merged, "templates/x.yaml（与 national 合并后）")
    assert "缺少这个键" in str(raised.value)


def test_only_the_national_form_can_be_extended() -> None:
    with pytest.raises(ValueError, match="extends"):
        check_template({"id": "x", "extends": "shanghai-2023"}, "templates/x.yaml", override=True)
