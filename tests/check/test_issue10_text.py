"""Issue 10, text a reviewer marks: a reason left unwritten and a rate or share without its percent sign.

Each case is a sentence of a real corpus document (named with its page), once as published (no finding)
and once with the defect a reviewer marks (one finding).  The sentence stands in for the tiny
disclosure's `其他需说明的事项`, so only the text rules speak to it.
"""

from __future__ import annotations

import pytest

from tests.check.factory import base, findings, replace_text

PLACE = "本单位无其他需说明的事项。"


def said(sentence: str, code: str) -> list[str]:
    return [f.actual or "" for f in findings(replace_text(base(), PLACE, sentence), code)]


# (document and page, as published, as a reviewer would mark it)
EMPTY_REASONS = [
    (
        "深圳水务局 2026 p55",
        "2026年计划购置单价100万元以上设备1台（套）、224.00万元，主要是购置1艘电动巡逻船。",
        "2026年计划购置单价100万元以上设备1台（套）、224.00万元，主要是。",
    ),
    (
        "江苏省检察院 2018 p23",
        "公务用车运行维护费比上年减少0.61万元。主要是因代发检察官学院绩效工资减少。",
        "公务用车运行维护费比上年减少0.61万元。主要是。",
    ),
    (
        "湖州卫健委 2026 p17",
        "公务接待费增加，主要是公务出行根据业务需求增长。",
        "公务接待费增加，主要是；",
    ),
    (
        "深圳规自局盐田管理局 2026 p6",
        "预算收支增加主要原因说明：在职人员经费增加。",
        "预算收支增加主要原因。",
    ),
    (
        "杭州司法局 2026 p10",
        "增长1.9%，主要原因是本年罪犯其他业务费略有增加。",
        "增长1.9%，主要原因是：。",
    ),
]


@pytest.mark.parametrize(("where", "published", "defective"), EMPTY_REASONS, ids=[c[0] for c in EMPTY_REASONS])
def test_a_reason_left_unwritten_in_any_punctuation(where: str, published: str, defective: str) -> None:
    assert said(published, "text-empty-reason") == [], where
    assert len(said(defective, "text-empty-reason")) == 1, where


def test_what_is_no_empty_reason() -> None:
    for fine in (
        "因个人原因，人员减少1人。",  # a bare 原因 names no reason to give
        "支出增加，主要原因是：",  # introduces the items of the next paragraphs
        "主要用于人员工资。",
    ):
        assert said(fine, "text-empty-reason") == [], fine


SHARES = [
    ("杭州司法局 2026 p5", "上年结转结余347.32万元，占0.4%。", "上年结转结余347.32万元，占0.4。", "占0.4"),
    (
        "湖州卫健委 2026 p7",
        "事业收入436671.20万元，占84.7%；其他收入14023.40万元，占2.7%。",
        "事业收入436671.20万元，占84.7；其他收入14023.40万元，占2.7%。",
        "占84.7",
    ),
    (
        "江苏省检察院 2017 p20",
        "一般公共预算支出占本年支出合计的 99.92%。",
        "一般公共预算支出占本年支出合计的 99.92。",
        "占本年支出合计的 99.92",
    ),
]


@pytest.mark.parametrize(("where", "published", "defective", "actual"), SHARES, ids=[c[0] for c in SHARES])
def test_a_share_without_its_percent_sign(where: str, published: str, defective: str, actual: str) -> None:
    assert said(published, "text-rate-without-percent") == [], where
    assert said(defective, "text-rate-without-percent") == [actual], where


def test_what_is_no_share() -> None:
    for fine in ("办公用房占地面积 500，", "占用车辆 2，", "占全部项目的 120，", "占比45.2％。"):
        assert said(fine, "text-rate-without-percent") == [], fine


def test_part_1_other_paragraphs_are_read_for_punctuation() -> None:
    """广州 信访局 2026 部门预算 p4 (三、部门预算构成), with the comma a reviewer marks doubled."""
    d = base()
    published = d.model_copy(
        update={"profile": d.profile.model_copy(update={"other": ["本部门无下属单位，部门预算为局本级预算。"]})}
    )
    assert findings(published, "text-doubled-punctuation") == []
    doubled = d.model_copy(
        update={"profile": d.profile.model_copy(update={"other": ["本部门无下属单位，，部门预算为局本级预算。"]})}
    )
    [f] = findings(doubled, "text-doubled-punctuation")
    assert (f.location.section, f.location.row, f.expected) == ("profile", "paragraph 1", "，")
