"""The units a department's document lists (`extract.composition`), on sentences of published documents."""

from __future__ import annotations

import pytest

from yusuan.extract.composition import member_units

CASES = [
    (  # 广州市科学技术局 2026, page 3: the whole as 本级 + 下属单位, then the 下属单位 listed
        "本部门预算为汇总预算，包括：局本级预算，以及纳入编制范围的下属单位预算。"
        "下属单位具体包括：广州市科学技术发展战略研究院和广州市科技项目评审中心。",
        ("本级", "广州市科学技术发展战略研究院", "广州市科技项目评审中心"),
    ),
    (  # 无锡市统计局 2026: the divisions first (not units), then the count and the whole list
        "1.根据部门职责分工，本部门内设机构包括：办公室、组织人事处、数据管理处。本部门下属单位包括：无锡市统计普查中心。"
        "2.从预算单位构成看，纳入本部门2026年部门汇总预算编制范围的预算单位共计2家，具体包括：无锡市统计局（本级），"
        "无锡市统计普查中心。",
        ("本级", "无锡市统计普查中心"),
    ),
    (  # 杭州市司法局 2026: each unit's type in brackets, the last two joined by 和
        "从预算单位构成看，杭州市司法局部门预算包括：杭州市司法局本级预算（行政单位）、杭州市东郊监狱（行政单位）、"
        "杭州市法律援助中心（参公事业单位）预算和杭州市政府法制建设服务中心（事业单位，合并在市司法局本级核算）预算。",
        ("本级", "杭州市东郊监狱", "杭州市法律援助中心", "杭州市政府法制建设服务中心"),
    ),
    (  # 湖州市退役军人事务局 2026: 局属 before each name
        "从预算单位构成看，湖州市退役军人事务局预算包括：局本级预算、局属湖州市军队离休退休干部休养所预算、"
        "局属湖州市烈士陵园管理所预算和局属湖州市退役军人服务中心预算。",
        ("本级", "湖州市军队离休退休干部休养所", "湖州市烈士陵园管理所", "湖州市退役军人服务中心"),
    ),
    ("三、部门预算构成本部门无下属单位，部门预算为局本级预算。", ("本级",)),  # 广州市信访局 2026
    ("本部门下属单位包括：甲中心、乙中心等。", None),  # not the whole list
    ("纳入编制范围的单位共4个，包括：示例局本级、甲中心、乙中心。", None),  # the count disagrees
    ("本部门内设机构包括：办公室、财务处、规划科。", None),  # divisions, not units
    ("部门预算包括：一般公共预算、政府性基金预算。", None),  # not names of units
]


@pytest.mark.parametrize(("text", "members"), CASES)
def test_members(text: str, members: tuple[str, ...] | None) -> None:
    assert member_units([text]) == members
