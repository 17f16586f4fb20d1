"""第三部分 预算情况说明: the twelve explanations, every figure computed.

Each section explains one table (or, for 十二, the other matters) in the
official register.  Amounts come from the compiled tables' ledger, shares are
part/whole and changes this year − last year, all half-up at two decimals;
the reasons for changes come from the budget's `last_year` comparisons.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from yusuan.compile.detail_tables import three_public_amounts
from yusuan.compile.ledger import (
    Entry,
    Ledger,
    basic,
    carryover,
    fiscal,
    in_project,
    of_fund_type,
    of_kind,
    of_source,
    project,
    under_function,
)
from yusuan.compile.other_matters import other_matters_section
from yusuan.compile.wording import Phrases, enumerate_cn
from yusuan.model import Paragraph, Section, Source
from yusuan.model.budget import FUNCTION_COMPARISON_PREFIX
from yusuan.model.kinds import FundSource, FundType, SpendingKind, ThreePublicItem
from yusuan.numerals import to_chinese

S = FundSource
GPB = of_fund_type(FundType.GENERAL_PUBLIC_BUDGET)

# Section 二 names every income source, arranged or not, in this order.
INCOME_SOURCES: list[tuple[str, str, tuple[FundSource, ...], bool]] = [
    ("general_public_budget", "一般公共预算", (S.GENERAL_PUBLIC_BUDGET,), True),
    ("general_public_budget_transfer", "上级一般公共预算安排的转移支付资金", (S.GENERAL_PUBLIC_BUDGET_TRANSFER,), True),
    ("government_fund", "政府性基金预算", (S.GOVERNMENT_FUND,), True),
    ("government_fund_transfer", "上级政府性基金安排的转移支付资金", (S.GOVERNMENT_FUND_TRANSFER,), True),
    ("state_capital", "国有资本经营预算", (S.STATE_CAPITAL,), True),
    ("state_capital_transfer", "上级国有资本经营预算安排的转移支付资金", (S.STATE_CAPITAL_TRANSFER,), True),
    ("special_account", "财政专户管理资金", (S.SPECIAL_ACCOUNT,), False),
    (
        "unit_funds",
        "单位资金",
        (S.BUSINESS_INCOME, S.SUPERIOR_SUBSIDY, S.AFFILIATED_REMITTANCE, S.OPERATING_INCOME, S.OTHER_INCOME),
        True,
    ),
    ("carryover", "上年结转结余", tuple(s for s in S if s.is_carryover), False),
]


class NarrativeWriter:
    """Writes the sections of Part 3 for one budget."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.budget = ledger.budget
        self.say = Phrases(ledger.budget)
        self.who = ledger.budget.unit.name
        self.year = ledger.budget.year

    def sections(self) -> list[Section]:
        builders: list[tuple[str, str, Callable[[], list[Paragraph]]]] = [
            ("overview", f"关于{self.who}{self.year}年收支预算情况的总体说明", self.overview),
            ("income", f"关于{self.who}{self.year}年收入预算情况说明", self.income),
            ("expenditure", f"关于{self.who}{self.year}年支出预算情况说明", self.expenditure),
            ("fiscal", f"关于{self.who}{self.year}年财政拨款收支预算情况的总体说明", self.fiscal),
            ("general_budget", f"关于{self.who}{self.year}年一般公共预算当年拨款情况说明", list),
            ("general_budget_basic", f"关于{self.who}{self.year}年一般公共预算基本支出情况说明", self.basic),
            ("general_budget_projects", f"关于{self.who}{self.year}年一般公共预算项目支出情况说明", self.projects),
            ("government_fund", f"关于{self.who}{self.year}年政府性基金预算拨款情况说明", self.government_fund),
            ("state_capital", f"关于{self.who}{self.year}年国有资本经营预算拨款情况说明", self.state_capital),
            ("three_public", f"关于{self.who}{self.year}年财政拨款“三公”经费预算情况说明", self.three_public),
            ("carryover", f"关于{self.who}{self.year}年上年结转结余预算情况说明", self.carryover),
        ]
        sections = []
        for index, (key, title, build) in enumerate(builders):
            subsections = self.general_budget() if key == "general_budget" else []
            sections.append(
                Section(
                    key=key,
                    number=to_chinese(index + 1),
                    title=title,
                    paragraphs=build(),
                    subsections=subsections,
                )
            )
        sections.append(other_matters_section(self.ledger, self.say, to_chinese(len(builders) + 1)))
        self.say.refuse_missing()  # every last-year figure the text asked for and was not given, at once
        return sections

    def _p(self, text: str, *records: str) -> Paragraph:
        return Paragraph(text=text, source=Source(records=records) if records else None)

    # 一 -----------------------------------------------------------------------
    def overview(self) -> list[Paragraph]:
        total = self.ledger.sum()
        sources = [label for _key, label, srcs, _always in INCOME_SOURCES if self.ledger.sum(of_source(*srcs))]
        sources = [s.removesuffix("资金") if s.startswith("上级") else s for s in sources]
        classes = self._class_names(self.ledger.entries)
        return [
            self._p(
                f"按照全口径预算的原则，{self.who}{self.year}年所有收入和支出均纳入{self.budget.kind.entity}预算管理。"
                f"收支总预算{self.say.amount(total)}。"
            ),
            *self._department_units(),
            self._p(f"收入预算包括：{enumerate_cn(sources)}。"),
            self._p(f"支出预算包括：{enumerate_cn(classes)}。"),
        ]

    def _department_units(self) -> list[Paragraph]:
        """A department budget says which units it is the sum of: 本级 and 所属单位."""
        if self.budget.kind.entity != "部门":
            return []
        units = [f"{self.who}本级", *self.budget.unit.subordinate_units]
        return [
            self._p(f"纳入{self.who}{self.year}年部门预算编制范围的单位共{len(units)}个，包括：{enumerate_cn(units)}。")
        ]

    def _class_names(self, entries: list[Entry]) -> list[str]:
        codes = sorted({e.line.function_code[:3] for e in entries})
        return [self.ledger.function_name(code) for code in codes]

    # 二 -----------------------------------------------------------------------
    def income(self) -> list[Paragraph]:
        total = self.ledger.sum()
        paragraphs = [self._p(f"{self.who}收入预算{self.say.amount(total)}，其中：")]
        for key, label, sources, always in INCOME_SOURCES:
            amount = self.ledger.sum(of_source(*sources))
            if amount:
                text = f"{label.removesuffix('资金') if label.startswith('上级') else label}{self.say.amount(amount)}，"
                text += f"{self.say.share(amount, total)}，{self.say.change(f'income.{key}', amount)}。"
                paragraphs.append(self._p(text, f"last_year.income.{key}"))
            elif always:
                paragraphs.append(self._p(f"{label}未安排。"))
        return paragraphs

    # 三 -----------------------------------------------------------------------
    def expenditure(self) -> list[Paragraph]:
        total = self.ledger.sum()
        paragraphs = [self._p(f"{self.who}{self.year}年支出预算{self.say.amount(total)}，其中：")]
        for key, label, keep in (("basic", "基本支出", basic), ("project", "项目支出", project)):
            amount = self.ledger.sum(keep)
            text = f"{label}{self.say.amount(amount)}，{self.say.share(amount, total)}，"
            text += f"{self.say.change(f'expenditure.{key}', amount)}。"
            paragraphs.append(self._p(text, f"last_year.expenditure.{key}"))
        return paragraphs

    # 四 -----------------------------------------------------------------------
    def fiscal(self) -> list[Paragraph]:
        fiscal_total = self.ledger.sum(fiscal)
        by_type = {
            t: self.ledger.sum(fiscal, of_fund_type(t))
            for t in (FundType.GENERAL_PUBLIC_BUDGET, FundType.GOVERNMENT_FUND, FundType.STATE_CAPITAL)
        }
        paragraphs = [self._p(f"{self.year}年财政拨款收支总预算{self.say.amount(fiscal_total)}。")]
        arranged = [t for t, amount in by_type.items() if amount]
        if arranged == [FundType.GENERAL_PUBLIC_BUDGET]:
            paragraphs.append(self._p("收入全部为一般公共预算拨款，无政府性基金预算拨款和国有资本经营预算。"))
        parts = [f"{t.label}拨款{self.say.amount(by_type[t])}" for t in arranged]
        paragraphs.append(self._p(f"收入预算包括：{enumerate_cn(parts) or '无'}。"))
        for fund_type in arranged:
            uses = []
            for code in sorted({e.line.function_code[:3] for e in self.ledger.select(fiscal, of_fund_type(fund_type))}):
                amount = self.ledger.sum(fiscal, of_fund_type(fund_type), under_function(code))
                purpose = self.budget.class_purposes.get(code)
                use = f"{self.ledger.function_name(code)}{self.say.amount(amount)}"
                uses.append(f"{use}，主要用于{purpose}" if purpose else use)
            label = fund_type.label
            paragraphs.append(self._p(f"{label}支出包括：{'；'.join(uses)}。"))
        return paragraphs

    # 五 -----------------------------------------------------------------------
    def general_budget(self) -> list[Section]:
        total = self.ledger.sum(GPB)
        b = self.ledger.sum(GPB, basic)
        p = self.ledger.sum(GPB, project)
        scale = [
            self._p(
                f"{self.who}{self.year}年一般公共预算拨款合计{self.say.amount(total)}，其中：基本支出{self.say.amount(b)}，"
                f"{self.say.change('general_public_budget.basic', b)}。",
                "last_year.general_public_budget.basic",
            ),
            self._p(
                f"项目支出{self.say.amount(p)}，{self.say.change('general_public_budget.project', p)}。",
                "last_year.general_public_budget.project",
            ),
        ]
        structure = []
        classes = sorted({e.line.function_code[:3] for e in self.ledger.select(GPB)})
        for index, code in enumerate(classes, start=1):
            amount = self.ledger.sum(GPB, under_function(code))
            structure.append(
                self._p(
                    f"{index}、{self.ledger.function_name(code)}（类）{self.say.amount(amount)}，"
                    f"{self.say.share(amount, total)}。"
                )
            )
        detail = []
        for index, code in enumerate(self._explained_items(), start=1):
            amount = self.ledger.sum(GPB, under_function(code))
            path = (
                f"{self.ledger.function_name(code[:3])}（类）{self.ledger.function_name(code[:5])}（款）"
                f"{self.ledger.function_name(code)}（项）"
            )
            key = FUNCTION_COMPARISON_PREFIX + code
            detail.append(
                self._p(
                    f"{index}. {path}：{self.year}年预算数为{self.say.amount(amount)}，"
                    f"{self.say.change(key, amount)}。",
                    f"last_year.{key}",
                )
            )
        if not detail:
            detail.append(self._p(f"{self.who}{self.year}年没有一般公共预算拨款。"))
        return [
            Section(key="scale", number="（一）", title="一般公共预算当年拨款规模变化情况", paragraphs=scale),
            Section(key="structure", number="（二）", title="一般公共预算当年拨款结构情况", paragraphs=structure),
            Section(key="detail", number="（三）", title="一般公共预算当年拨款具体使用情况", paragraphs=detail),
        ]

    def _explained_items(self) -> list[str]:
        """The 项 codes 五（三） explains: those spent this year and those with a last-year figure.

        A 项 budgeted last year and not this year is explained as a fall to 0, so the items' changes add up to the
        changes of 基本支出 and 项目支出; a last-year row of 0 for a 项 not spent this year explains nothing and
        is refused (most likely a wrong code), never dropped silently."""
        spent = {e.line.function_code for e in self.ledger.select(GPB)}
        dropped = set()
        for key, comparison in self.budget.last_year.items():
            code = key.removeprefix(FUNCTION_COMPARISON_PREFIX)
            if code == key or code in spent:
                continue
            if comparison.amount:
                dropped.add(code)
            else:
                self.say.refuse_later(
                    key, "本年没有该科目的一般公共预算支出，上年数也为 0，没有增减可说明：请核对科目编码或删除该行"
                )
        return sorted(spent | dropped)

    # 六 -----------------------------------------------------------------------
    def basic(self) -> list[Paragraph]:
        b = self.ledger.sum(GPB, basic)
        paragraphs = [self._p(f"{self.who}{self.year}年一般公共预算基本支出{self.say.amount(b)}，其中：")]
        for kind in (SpendingKind.PERSONNEL, SpendingKind.PUBLIC):
            entries = self.ledger.select(GPB, of_kind(kind))
            codes = sorted({e.line.economic_code for e in entries})
            names = enumerate_cn([self.ledger.economic_name(code) for code in codes])
            amount = self.ledger.total(entries)
            text = f"{kind.label}{self.say.amount(amount)}"
            paragraphs.append(self._p(f"{text}，主要包括：{names}。" if names else f"{text}。"))
        return paragraphs

    # 七 -----------------------------------------------------------------------
    def projects(self) -> list[Paragraph]:
        names = list(dict.fromkeys(e.line.project for e in self.ledger.select(GPB, project)))
        if not names:
            return [self._p(f"{self.who}{self.year}年没有一般公共预算项目支出。")]
        paragraphs = []
        withheld = "完全不予公开"
        for index, name in enumerate(names, start=1):
            assert name is not None
            info = self.budget.project(name)
            amount = self.ledger.sum(GPB, in_project(name))
            paragraphs += [
                self._p(f"{index}、项目名称：{name}", f"projects[{name}]"),
                self._p(f"设立的政策依据：{withheld if info.classified else info.basis}"),
                self._p(f"预算安排规模：{self.say.amount(amount)}"),
                self._p(f"项目承担单位：{info.owner or self.who}"),
                self._p(f"资金分配情况：{withheld if info.classified else info.allocation}"),
                self._p(f"资金执行时间：{withheld if info.classified else info.period}"),
            ]
        return paragraphs

    # 八, 九 ---------------------------------------------------------------------
    def _fund_section(self, fund_type: FundType, table_title: str) -> list[Paragraph]:
        entries = self.ledger.select(of_fund_type(fund_type))
        if not entries:
            return [self._p(f"{self.who}{self.year}年没有使用{fund_type.label}拨款安排的支出，{table_title}为空表。")]
        total = self.ledger.total(entries)
        parts = []
        for code in sorted({e.line.function_code[:3] for e in entries}):
            amount = self.ledger.total([e for e in entries if e.line.function_code[:3] == code])
            parts.append(f"{self.ledger.function_name(code)}{self.say.amount(amount)}")
        return [
            self._p(
                f"{self.who}{self.year}年{fund_type.label}拨款支出{self.say.amount(total)}，其中：{enumerate_cn(parts)}。"
            )
        ]

    def government_fund(self) -> list[Paragraph]:
        return self._fund_section(FundType.GOVERNMENT_FUND, "政府性基金预算支出情况表")

    def state_capital(self) -> list[Paragraph]:
        return self._fund_section(FundType.STATE_CAPITAL, "国有资本经营预算支出情况表")

    # 十 -----------------------------------------------------------------------
    def three_public(self) -> list[Paragraph]:
        amounts = {
            item: sum(by_fund.values(), Decimal(0)) for item, by_fund in three_public_amounts(self.ledger).items()
        }
        total = amounts[ThreePublicItem.TOTAL]
        order = [
            (ThreePublicItem.ABROAD, "因公出国（境）费"),
            (ThreePublicItem.VEHICLE_PURCHASE, "公务用车购置费"),
            (ThreePublicItem.VEHICLE_OPERATION, "公务用车运行费"),
            (ThreePublicItem.RECEPTION, "公务接待费"),
        ]
        items = "，".join(f"{label}{self.say.amount(amounts[item])}" for item, label in order)
        first = f"{self.who}{self.year}年财政拨款“三公”经费数为{self.say.amount(total)}，其中：{items}。"
        changes = "；".join(
            f"{label}{self.say.change(f'three_public.{item.value}', amounts[item]).removeprefix('比上年预算')}"
            for item, label in order
        )
        last_total = sum((self.say.comparison(f"three_public.{item.value}").amount for item, _ in order), Decimal(0))
        second = f"{self.year}年财政拨款“三公”经费{self.say.change_from(last_total, total)}，其中：{changes}。"
        return [self._p(first, "three_public"), self._p(second, "last_year.three_public")]

    # 十一 ---------------------------------------------------------------------
    def carryover(self) -> list[Paragraph]:
        entries = self.ledger.select(carryover)
        if not entries:
            return [self._p(f"{self.who}{self.year}年无上年结转结余预算的支出，结转结余预算支出情况表为空表。")]
        total = self.ledger.total(entries)
        fiscal_part = self.ledger.total([e for e in entries if fiscal(e.line)])
        return [
            self._p(
                f"{self.who}{self.year}年使用上年结转结余安排支出{self.say.amount(total)}，其中：财政拨款结转"
                f"{self.say.amount(fiscal_part)}，非财政拨款结转结余{self.say.amount(total - fiscal_part)}。"
            )
        ]
