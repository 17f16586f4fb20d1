"""Years the narrative names, against the document's year (issue 10, item 3): real sentences, then the same
sentence with the year a copied document would carry."""

from __future__ import annotations

from tests.check.factory import base, findings, replace_text
from yusuan.check.rules.narrative.years import YearProblem, paragraph_problems
from yusuan.check.text import fold

CODE = "narrative-year"


def _problems(text: str, year: int, *, final_accounts: bool = False) -> list[YearProblem]:
    return list(paragraph_problems(fold(text), year, final_accounts=final_accounts))


def test_compared_with_last_year_by_number() -> None:
    """深圳市审计局 2026 部门预算 p.4: `部门预算支出10,737.69万元，较2025年年初预算减少176.45万元`."""
    sentence = "审计局部门预算支出10,737.69万元，较{}年年初预算减少176.45万元，下降1.62%。"
    assert _problems(sentence.format(2025), 2026) == []
    [problem] = _problems(sentence.format(2026), 2026)  # a 2026 document that compares with 2026
    assert (problem.expected, problem.actual, problem.suggestion) == (2025, 2026, "较2025年")


def test_compared_with_a_year_in_a_final_account() -> None:
    """国家信访局 2024 部门决算 p.15: `国家信访局 2024 年度收、支总计 22066.59 万元，与 2023 年相比，…`."""
    sentence = "国家信访局 2024 年度收、支总计 22066.59 万元，与 {} 年相比，收、支总计各增加 5834.37 万元。"
    assert _problems(sentence.format(2023), 2024, final_accounts=True) == []
    [problem] = _problems(sentence.format(2022), 2024, final_accounts=True)
    assert problem.expected == 2023 and problem.suggestion == "与2023年相比"
    financial = "与 2023 年度相比，财政拨款收、支总计各增加 5551.7 万元"  # the same document, p.18
    assert _problems(financial, 2024, final_accounts=True) == []
    assert [p.actual for p in _problems(financial, 2025, final_accounts=True)] == [2023]


def test_assets_are_counted_at_the_end_of_the_year_of_a_final_account() -> None:
    """佛山市轨道交通局 2019 部门决算 p.26: `截至 2019年 12 月 31 日，本部门共有车辆 0辆`."""
    sentence = "截至 2019年 12 月 31 日，本部门共有车辆 0辆"
    assert _problems(sentence, 2019, final_accounts=True) == []
    [problem] = _problems(sentence, 2019, final_accounts=False)  # a budget counts at the end of last year
    assert problem.expected == 2018 and problem.suggestion == "截至2018年12月31日"


def test_last_and_this_year_named_in_brackets() -> None:
    assert _problems("上年（2023年）预算10.00万元，本年（2024年）预算8.00万元", 2024) == []
    [problem] = _problems("本年（2023年）预算8.00万元", 2024)
    assert problem.expected == 2024 and problem.suggestion == "本年(2024年)"


def test_a_finding_names_the_paragraph_and_suggests_the_year() -> None:
    wrong = replace_text(base(), "主要原因是厉行节约", "与2024年相比，主要原因是厉行节约")
    [f] = findings(wrong, CODE)
    assert (f.location.section, f.expected, f.actual, f.suggestion) == ("three_public", "2023", "2024", "与2023年相比")


def test_a_contents_entry_for_the_document_names_its_year() -> None:
    d = base()
    assert findings(d, CODE) == []
    contents = [e.replace("第二部分 2024年单位预算公开表", "第二部分 2023年单位预算公开表") for e in d.contents]
    [f] = findings(d.model_copy(update={"contents": contents}), CODE)
    assert f.location.section == "contents" and f.expected == "2024" and f.actual == "2023"


def test_running_text_that_names_the_document_names_its_year() -> None:
    """`2025年部门预算安排购置车辆…` in a 2024 document; `比2023年部门预算…` compares and is left alone."""
    lead = "主要原因是厉行节约"
    assert findings(replace_text(base(), lead, f"比2023年单位预算公开的数字减少，{lead}"), CODE) == []
    [f] = findings(replace_text(base(), lead, f"2025年单位预算安排购置车辆0辆，{lead}"), CODE)
    assert (f.location.section, f.expected, f.actual, f.suggestion) == (
        "three_public",
        "2024",
        "2025",
        "2024年单位预算",
    )


def test_a_budget_never_speaks_of_a_later_years_budget() -> None:
    """深圳 建筑工务署 2026 部门预算 p6: `2026年部门预算不含中央基建资金`, with the next year as a reviewer marks it."""
    published = "本部门2024年部门预算不含中央基建资金。"  # the tiny disclosure is a 2024 budget
    assert findings(replace_text(base(), "本单位无其他需说明的事项。", published), "narrative-year") == []
    later = published.replace("2024年", "2025年")
    [f] = findings(replace_text(base(), "本单位无其他需说明的事项。", later), "narrative-year")
    assert (f.expected, f.actual, f.suggestion) == ("2024", "2025", "2024年部门预算")
    # last year's budget may be spoken of (`2023年部门预算执行…` is compared with, not named as this one)
    earlier = "2023年部门预算执行情况良好。"
    assert findings(replace_text(base(), "本单位无其他需说明的事项。", earlier), "narrative-year") == []


def test_part_1_naming_the_budget_of_another_year() -> None:
    """江苏省政协办公厅2017年度部门预算 p6 (四、部门收支预算编制的相关依据): `2017 年度部门预算收入包括…`; as a
    reviewer marks it, with the next year."""
    d = base()
    for text, expected in (
        ("2024年度部门预算收入包括财政拨款、其他资金。", 0),
        ("2025年度部门预算收入包括财政拨款、其他资金。", 1),
    ):
        other = d.model_copy(update={"profile": d.profile.model_copy(update={"other": [text]})})
        found = findings(other, "narrative-year")
        assert len(found) == expected, text
    assert found[0].location.section == "profile" and found[0].suggestion == "2024年度部门预算"


def test_the_tables_parts_sentence_names_the_documents_year() -> None:
    """江苏省政协办公厅2018年度部门预算 p7: `2018年度部门预算公开表附后。`, with the next year, as marked."""
    for text, expected in (("2024年度部门预算公开表附后。", 0), ("2025年度部门预算公开表附后。", 1)):
        found = findings(base(tables_text=[text]), "narrative-year")
        assert len(found) == expected, text
    assert (found[0].location.section, found[0].suggestion) == ("tables", "2024年度部门预算")
