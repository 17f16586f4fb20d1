"""Parts 1 and 4 and the table of contents: profile, glossary, contents.

Part 1 (单位概况) restates the unit's duties, organisation and staffing;
Part 4 (名词解释) is the standard glossary, which a budget may replace.
"""

from __future__ import annotations

from yusuan.model import Budget, GlossaryEntry, Profile, Section, Table
from yusuan.numerals import to_chinese

STANDARD_GLOSSARY: list[tuple[str, str]] = [
    ("财政拨款", "指由一般公共预算、政府性基金预算、国有资本经营预算安排的财政拨款数。"),
    ("一般公共预算", "包括公共财政拨款（补助）资金、专项收入。"),
    ("财政专户管理资金", "包括专户管理行政事业性收费（主要是教育收费）、其他非税收入。"),
    ("其他资金", "包括事业收入、事业经营收入、其他收入等。"),
    ("基本支出", "包括人员经费、公用经费（定额）。其中，人员经费包括工资福利支出、对个人和家庭的补助。"),
    (
        "项目支出",
        "单位支出预算的组成部分，是各单位为完成其特定的行政任务或事业发展目标，在基本支出预算之外编制的年度项目支出计划。",
    ),
    (
        "“三公”经费",
        "指单位因公出国（境）费、公务用车购置及运行维护费和公务接待费，其中：因公出国（境）费反映机关和参公事业单位公务出国（境）的"
        "国际旅费、国外城市间交通费、住宿费、伙食费、培训费、公杂费等支出；公务用车购置反映基本建设支出中安排机关和参公事业单位"
        "用于公务用车购置的支出（含车辆购置税、牌照费）；公务用车运行维护费反映单位机关和参公事业单位按规定保留的公务用车燃料费、"
        "维修费、过桥过路费、保险费、安全奖励费用等支出；公务接待费反映机关和参公事业单位按规定开支的各类公务接待（含外宾接待）费用。",
    ),
    (
        "机关运行经费",
        "指行政单位（含参照公务员法管理事业单位）的公用经费，包括办公及印刷费、邮电费、差旅费、会议费、福利费、日常维修费、"
        "专用材料及一般设备购置费、办公用房水电费、办公用房取暖费、办公用房物业管理费、公务用车运行维护费及其他费用。",
    ),
]

# The glossary of the national final-accounts layout (附件2：部门决算模板, 第四部分).
STANDARD_FINAL_GLOSSARY: list[tuple[str, str]] = [
    (
        "财政拨款收入",
        "指单位本年度从本级财政部门取得的财政拨款，包括一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款。",
    ),
    ("事业收入", "指事业单位开展专业业务活动及其辅助活动取得的收入。"),
    ("经营收入", "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。"),
    ("其他收入", "指单位取得的除“财政拨款收入”、“事业收入”、“经营收入”等以外的收入。"),
    ("年初结转和结余", "指以前年度尚未完成、结转到本年按有关规定继续使用的资金。"),
    (
        "年末结转和结余",
        "指本年度或以前年度预算安排、因客观条件发生变化无法按原计划实施，需延迟到以后年度按有关规定继续使用的资金。",
    ),
    ("基本支出", "指单位为保障机构正常运转、完成日常工作任务而发生的各项支出。"),
    ("项目支出", "指单位为完成特定的行政工作任务或事业发展目标，在基本支出之外发生的各项支出。"),
    ("经营支出", "指事业单位在专业活动及辅助活动之外开展非独立核算经营活动发生的支出。"),
    (
        "“三公”经费",
        "指单位使用本级财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。",
    ),
    (
        "机关运行经费",
        "指行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款安排的基本支出中的日常公用经费支出。",
    ),
]


def profile(budget: Budget) -> Profile:
    unit = budget.unit
    s = unit.staffing
    if budget.kind.entity == "部门":
        organisation = f"{unit.name}部门预算由本级和所属{len(unit.subordinate_units)}个单位的预算组成"
        if unit.subordinate_units:
            organisation += f"，所属单位：{'、'.join(unit.subordinate_units)}"
    elif unit.subordinate_units:
        organisation = f"{unit.name}下属预算单位{len(unit.subordinate_units)}个：{'、'.join(unit.subordinate_units)}"
    else:
        organisation = f"{unit.name}无下属预算单位"
    if unit.divisions:
        organisation += f"，下设{len(unit.divisions)}个科室，分别是：{'、'.join(unit.divisions)}"
    organisation += "。"

    def change(n: int) -> str:
        return f"增加{n}人" if n >= 0 else f"减少{-n}人"

    staffing_text = (
        f"{unit.name}编制数{s.authorised}，实有人数{s.actual}人，其中：在职{s.in_service}人，{change(s.in_service_change)}；"
        f"退休{s.retired}人，{change(s.retired_change)}；离休{s.retired_cadres}人，{change(s.retired_cadres_change)}。"
    )
    return Profile(duties=list(unit.duties), organisation=organisation, staffing=s, staffing_text=staffing_text)


def glossary(budget: Budget) -> list[GlossaryEntry]:
    if budget.glossary is not None:
        return list(budget.glossary)
    return [GlossaryEntry(term=term, definition=definition) for term, definition in STANDARD_GLOSSARY]


def contents(budget: Budget, tables: list[Table], sections: list[Section]) -> list[str]:
    """The table of contents, as the template prints it."""
    entity = budget.kind.entity
    year = budget.year
    lines = [f"第一部分 {year}年{entity}概况", "一、主要职能", "二、机构设置及人员情况"]
    lines.append(f"第二部分 {year}年{entity}预算公开表")
    lines += [f"{to_chinese(i)}、{t.title}" for i, t in enumerate(tables, start=1)]
    lines.append(f"第三部分 {year}年{entity}预算情况说明")
    lines += [f"{s.number}、{s.title}" for s in sections]
    lines.append("第四部分 名词解释")
    return lines
