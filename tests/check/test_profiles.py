"""The document decides what is required: its region's profile only when it shows that region.

A regional template's extra tables and part names apply to a document of that
region; any other document is held to its own contents, its kind and the
national minimum, and the report says which profile it used and why.
"""

from __future__ import annotations

from typing import Any

from tests.check.factory import K, base, drop_table, findings
from yusuan.check import render_report, run_checks
from yusuan.check.profiles import choose_profile
from yusuan.model import Disclosure, DocumentKind, DocumentMeta, Profile

GUANGDONG: dict[str, Any] = {"province": "广东省", "city": "深圳市", "level": "市级", "region_read": True}
XINJIANG: dict[str, Any] = {"province": "新疆维吾尔自治区", "city": "克孜勒苏柯尔克孜自治州", "region_read": True}


def with_meta(d: Disclosure, **fields: Any) -> Disclosure:
    return d.model_copy(update={"meta": d.meta.model_copy(update=fields)})


def test_the_profile_follows_the_region_the_document_shows() -> None:
    meta = DocumentMeta(unit="某局", year=2026)
    assert choose_profile(meta.model_copy(update=XINJIANG)).profile.name == "xinjiang"
    guangdong = choose_profile(meta.model_copy(update=GUANGDONG))
    assert guangdong.profile.name == "default"
    assert guangdong.reason == "文档显示地区为广东省 深圳市，按全国通用要求和文档自己的目录"
    # read, but showing no region: never the default template's region
    unknown = choose_profile(meta.model_copy(update={"region_read": True}))
    assert (unknown.profile.name, unknown.reason) == ("default", "文档未显示所属地区，按全国通用要求和文档自己的目录")
    # built in code from the Xinjiang template: that template's profile
    assert choose_profile(meta).profile.name == "xinjiang"
    # named by the caller: always that one
    named = choose_profile(meta.model_copy(update=GUANGDONG), "xinjiang")
    assert (named.profile.name, named.reason) == ("xinjiang", "按指定的规则配置（xinjiang）")


def test_xinjiangs_mandated_tables_apply_only_to_a_document_of_xinjiang() -> None:
    # the contents do not list 表11 either: only Xinjiang's template mandates it
    d = drop_table(base(contents=[]), K.CARRYOVER)
    [finding] = findings(with_meta(d, **XINJIANG), "mandated-table-missing")
    assert finding.message.startswith("新疆模板要求公开“上年结转结余情况明细表”")
    assert (finding.location.table_kind, finding.expected) == ("carryover", "上年结转结余情况明细表")
    assert findings(with_meta(d, **GUANGDONG), "mandated-table-missing") == []


def test_the_national_minimum_applies_when_the_contents_list_the_tables() -> None:
    listed = [line for line in base().contents if "政府性基金" not in line]  # the contents forget 表8 too
    d = drop_table(base(contents=listed), K.GOVERNMENT_FUND_EXPENDITURE)
    [finding] = findings(with_meta(d, **GUANGDONG), "mandated-table-missing")
    assert finding.message == (
        "全国预算公开的基本要求（财预〔2016〕143号）公开“政府性基金预算支出情况表”，"
        "正文和目录中都没有（即使无数据也应公开空表并说明）。"
    )
    assert (finding.location.table_kind, finding.expected) == (
        "government_fund_expenditure",
        "政府性基金预算支出情况表",
    )
    # no contents listing the tables: what the reader did not find is not called unpublished
    assert findings(with_meta(drop_table(base(contents=[]), K.GOVERNMENT_FUND_EXPENDITURE), **GUANGDONG),
                    "mandated-table-missing") == []  # fmt: skip


def test_a_part_is_found_by_meaning_not_by_the_templates_title() -> None:
    # the reader could not take 主要职责 apart, but the document prints its heading
    bare = base(profile=Profile(organisation="本部门设 5 个处室。"))
    assert (
        findings(with_meta(bare, printed_parts=("profile", "duties", "organisation"), **GUANGDONG), "part-missing")
        == []
    )
    [missing] = findings(with_meta(bare, printed_parts=("organisation",), **GUANGDONG), "part-missing")
    assert (missing.message, missing.location.section, missing.expected) == (
        "缺少单位概况中的主要职责（职能）。",
        "profile",
        "单位概况中的主要职责（职能）",
    )


def test_a_department_final_account_names_its_parts_in_its_own_words() -> None:
    d = with_meta(base(glossary=[]), kind=DocumentKind.DEPARTMENT_FINAL_ACCOUNTS, **GUANGDONG)
    [missing] = findings(d, "part-missing")
    assert (missing.message, missing.expected) == ("缺少名词解释。", "名词解释")
    # Xinjiang's template numbers its parts: its own words for a document of Xinjiang
    [xinjiang] = findings(with_meta(base(glossary=[]), **XINJIANG), "part-missing")
    assert xinjiang.message == "缺少第四部分 名词解释。"


def test_the_report_says_which_profile_and_why() -> None:
    report = run_checks(with_meta(base(), **GUANGDONG))
    assert (report.document.region, report.document.level, report.document.profile) == (
        "广东省 深圳市",
        "市级",
        "default",
    )
    line = (
        "地区：广东省 深圳市（市级）；规则配置：全国通用（文档显示地区为广东省 深圳市，按全国通用要求和文档自己的目录）"
    )
    assert report.document.profile_line == line
    assert line in render_report(report, "terminal")
    assert line in render_report(report, "html")
