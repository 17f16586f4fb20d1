"""第三部分 决算情况说明: the eleven explanations of the national 决算 layout, every figure computed.

The register is the template's (附件2：部门决算模板): totals and their change on
last year's 决算; each 一般公共预算 项 with its 年初预算数, 决算数, 完成年初预算的 %
and 大于/小于/等于 with the stated reason; the 三公 with 完成预算的 %; 机关运行经费;
政府采购; 国有资产.  Every amount is the printed (rounded) figure of the tables,
and every share, rate and completion is computed from printed figures, so a
reader recomputing them from the document gets the same result.
"""

from __future__ import annotations

from decimal import Decimal

from yusuan.compile.final_book import Book, fiscal_income, of_fund, used_as
from yusuan.model import Paragraph, Section, Source
from yusuan.model.budget import ThreePublic
from yusuan.model.final_accounts import FinalFund, IncomeSource, SpendingUse
from yusuan.money import format_amount, format_percent, rate, share
from yusuan.numerals import to_chinese

F = FinalFund


def _p(text: str, *records: str) -> Paragraph:
    return Paragraph(text=text, source=Source(records=records) if records else None)


class FinalNarrative:
    """Writes Part 3 of one 决算."""

    def __init__(self, book: Book) -> None:
        self.book = book
        self.facts = book.facts
        self.who = self.facts.unit.name
        self.year = self.facts.year
        self.unit = self.facts.print_unit.value

    # -- phrases ---------------------------------------------------------------
    def amount(self, value: Decimal) -> str:
        return f"{format_amount(value, thousands=False)}{self.unit}"

    def share(self, part: Decimal, whole: Decimal) -> str:
        value = share(part, whole)
        return f"占{format_percent(value)}" if value is not None else ""

    def change(self, last: Decimal, current: Decimal, reason: str) -> str:
        """`与2023年度相比，增加X万元，增长Y%。主要原因：…` (持平 when equal)."""
        difference = current - last
        if difference == 0:
            text = f"与{self.year - 1}年度持平"
        else:
            up = difference > 0
            text = f"与{self.year - 1}年度相比，{'增加' if up else '减少'}{self.amount(abs(difference))}"
            pct = rate(abs(difference), last)
            if pct is not None:
                text += f"，{'增长' if up else '下降'}{format_percent(pct)}"
        return f"{text}。主要原因：{reason}。" if reason else f"{text}。"

    def no_last_year(self) -> str:
        return f"{self.facts.no_last_year.rstrip('。')}。"

    def against_budget(self, budget: Decimal, final: Decimal, reason: str, subject: str = "支出") -> str:
        """`年初预算为A万元，支出决算为B万元，完成年初预算的X%。决算数大于预算数的主要原因：…`."""
        text = f"年初预算为{self.amount(budget)}，{subject}决算为{self.amount(final)}"
        completion = share(final, budget)
        text += f"，完成年初预算的{format_percent(completion)}。" if completion is not None else "，年初未安排预算。"
        if final == budget:
            return text + "决算数等于预算数。"
        word = "大于" if final > budget else "小于"
        return (
            text + f"决算数{word}预算数的主要原因：{reason.rstrip('。')}。"
            if reason
            else text + f"决算数{word}预算数。"
        )

    # -- the sections -------------------------------------------------------------
    def sections(self) -> list[Section]:
        parts: list[tuple[str, str, list[Paragraph] | list[Section]]] = [
            ("overview", "收入支出决算总体情况说明", self.overview()),
            ("income", "收入决算情况说明", self.income()),
            ("expenditure", "支出决算情况说明", self.expenditure()),
            ("fiscal", "财政拨款收入支出决算总体情况说明", self.fiscal()),
            ("general_budget", "一般公共预算财政拨款支出决算情况说明", self.general_budget()),
            ("general_budget_basic", "一般公共预算财政拨款基本支出决算情况说明", self.basic()),
            ("three_public", "财政拨款“三公”经费支出决算情况说明", self.three_public()),
            ("government_fund", "政府性基金预算财政拨款收入支出决算情况说明", self.fund(F.GOVERNMENT_FUND)),
            ("state_capital", "国有资本经营预算财政拨款收入支出决算情况说明", self.fund(F.STATE_CAPITAL)),
            ("performance", "预算绩效管理情况", self.performance()),
            ("other", "其他重要事项的情况说明", self.other()),
        ]
        sections = []
        for number, (key, title, body) in enumerate(parts, start=1):
            paragraphs = [b for b in body if isinstance(b, Paragraph)]
            subsections = [b for b in body if isinstance(b, Section)]
            sections.append(
                Section(key=key, number=to_chinese(number), title=title, paragraphs=paragraphs, subsections=subsections)
            )
        return sections

    def _totals(self) -> tuple[Decimal, Decimal]:
        """收入总计 and 财政拨款收入支出总计, as printed in 表1 and 表4."""
        facts = self.facts
        opening = sum((b.opening for b in facts.balances.values()), Decimal(0))
        total = sum((i.amount for i in facts.income), Decimal(0)) + facts.nonfiscal_surplus_used + opening
        fiscal_opening = sum((b.opening for f, b in facts.balances.items() if f.is_fiscal), Decimal(0))
        fiscal = sum((i.amount for i in self.book.income(fiscal_income)), Decimal(0)) + fiscal_opening
        return self.book.printed(total), self.book.printed(fiscal)

    def overview(self) -> list[Paragraph]:
        total, _fiscal = self._totals()
        text = f"{self.who}{self.year}年度收入、支出总计{self.amount(total)}。"
        last = self.facts.last_year
        text += (
            self.change(self.book.printed(last.total), total, last.reasons.get("total", ""))
            if last
            else self.no_last_year()
        )
        return [_p(text, "income", "spending", "balances")]

    def income(self) -> list[Paragraph]:
        whole = self.book.sum(self.facts.income)
        parts = [("财政拨款收入", self.book.sum(self.book.income(fiscal_income)))]
        for source in list(IncomeSource)[3:]:
            parts.append((source.label, self.book.sum(self.book.income(lambda line, s=source: line.source is s))))  # type: ignore[misc]
        said = "；".join(f"{label}{self.amount(value)}，{self.share(value, whole)}" for label, value in parts if value)
        return [_p(f"本年收入合计{self.amount(whole)}，其中：{said}。", "income")]

    def expenditure(self) -> list[Paragraph]:
        whole = self.book.sum(self.facts.spending)
        parts = [(use.label, self.book.sum(self.book.spending(used_as(use)))) for use in SpendingUse]
        said = "；".join(f"{label}{self.amount(value)}，{self.share(value, whole)}" for label, value in parts if value)
        return [_p(f"本年支出合计{self.amount(whole)}，其中：{said}。", "spending")]

    def fiscal(self) -> list[Paragraph]:
        _total, fiscal = self._totals()
        text = f"{self.who}{self.year}年度财政拨款收入、支出总计{self.amount(fiscal)}。"
        last = self.facts.last_year
        text += (
            self.change(self.book.printed(last.fiscal_total), fiscal, last.reasons.get("fiscal_total", ""))
            if last
            else self.no_last_year()
        )
        return [_p(text, "income", "spending", "balances")]

    def general_budget(self) -> list[Section]:
        lines = self.book.spending(of_fund(F.GENERAL_PUBLIC_BUDGET))
        gpb = self.book.sum(lines)
        whole = self.book.sum(self.facts.spending)
        scale = (
            f"一般公共预算财政拨款支出{self.amount(gpb)}，{self.share(gpb, whole).replace('占', '占本年支出合计的')}。"
        )
        last = self.facts.last_year
        scale += (
            self.change(
                self.book.printed(last.general_public_budget), gpb, last.reasons.get("general_public_budget", "")
            )
            if last
            else self.no_last_year()
        )
        classes = sorted({line.function_code[:3] for line in lines})
        structure = "；".join(
            f"{self.book.function_name(code)}（类）{self.amount(value)}，{self.share(value, gpb)}"
            for code in classes
            if (value := self.book.sum([line for line in lines if line.function_code.startswith(code)]))
        )
        detail = self._detail(lines, gpb)
        return [
            Section(
                key="scale",
                number="一",
                title="一般公共预算财政拨款支出决算总体情况",
                paragraphs=[_p(scale, "spending")],
            ),
            Section(
                key="structure",
                number="二",
                title="一般公共预算财政拨款支出决算结构情况",
                paragraphs=[
                    _p(f"一般公共预算财政拨款支出{self.amount(gpb)}，主要用于以下方面：{structure}。", "spending")
                ],
            ),
            Section(key="detail", number="三", title="一般公共预算财政拨款支出决算具体情况", paragraphs=detail),
        ]

    def _items(self, lines: list, fund: FinalFund) -> list[Paragraph]:  # type: ignore[type-arg]
        """One paragraph per 项: what it was for, 年初预算数 against 决算数, and why they differ."""
        paragraphs = []
        for number, code in enumerate(sorted({line.function_code for line in lines}), start=1):
            final = self.book.sum([line for line in lines if line.function_code == code])
            plan = self.facts.line_budgets.get(code)
            budget = self.book.printed(plan.budget) if plan else Decimal(0)
            names = "".join(
                f"{self.book.function_name(code[:n])}（{level}）" for n, level in ((3, "类"), (5, "款"), (7, "项"))
            )
            purpose = f"主要用于：{plan.purpose.rstrip('。')}。" if plan and plan.purpose else ""
            said = self.against_budget(budget, final, plan.reason if plan else "")
            paragraphs.append(_p(f"{number}、{names}。{purpose}{said}", f"line_budgets.{code}"))
        return paragraphs

    def _detail(self, lines: list, gpb: Decimal) -> list[Paragraph]:  # type: ignore[type-arg]
        budget = self.book.printed(
            sum(
                (
                    b.budget
                    for code, b in self.facts.line_budgets.items()
                    if any(line.function_code == code for line in lines)
                ),
                Decimal(0),
            )
        )
        first = "一般公共预算财政拨款支出" + self.against_budget(budget, gpb, self._overall_reason(lines)).rstrip("。")
        return [_p(f"{first}。其中：", "line_budgets"), *self._items(lines, F.GENERAL_PUBLIC_BUDGET)]

    def _overall_reason(self, lines: list) -> str:  # type: ignore[type-arg]
        reasons = []
        for code in sorted({line.function_code for line in lines}):
            plan = self.facts.line_budgets.get(code)
            if plan and plan.reason and plan.reason not in reasons:
                reasons.append(plan.reason.rstrip("。"))
        return "；".join(reasons)

    def basic(self) -> list[Paragraph]:
        items = self.facts.basic_items
        people = [i for i in items if i.personnel]
        public = [i for i in items if not i.personnel]
        total = self.book.sum(items)

        def names(chosen: list) -> str:  # type: ignore[type-arg]
            return "、".join(
                self.book.economic_name(i.economic_code) for i in chosen if i.amount and len(i.economic_code) == 5
            )

        text = (
            f"一般公共预算财政拨款基本支出{self.amount(total)}。其中：人员经费{self.amount(self.book.sum(people))}，"
            f"主要包括：{names(people) or '无'}；"
            f"公用经费{self.amount(self.book.sum(public))}，主要包括：{names(public) or '无'}。"
        )
        return [_p(text, "basic_items")]

    def three_public(self) -> list[Paragraph]:
        outturn = self.facts.three_public
        printed = self.book.printed

        def figures(t: ThreePublic) -> dict[str, Decimal]:
            return {
                "abroad": printed(t.abroad),
                "vehicles": printed(t.vehicle_purchase + t.vehicle_operation),
                "purchase": printed(t.vehicle_purchase),
                "operation": printed(t.vehicle_operation),
                "reception": printed(t.reception),
                "total": printed(t.abroad + t.vehicle_purchase + t.vehicle_operation + t.reception),
            }

        budget, final = figures(outturn.budget), figures(outturn.final)
        if not final["total"] and not budget["total"]:
            return [_p(f"{self.who}{self.year}年度无“三公”经费财政拨款支出。", "three_public")]
        labels = (("abroad", "因公出国（境）费"), ("vehicles", "公务用车购置及运行维护费"), ("reception", "公务接待费"))

        def completion(key: str) -> str:
            done = share(final[key], budget[key])
            if done is None:
                return "年初未安排预算"
            return f"完成预算的{format_percent(done)}"

        first = (
            f"“三公”经费财政拨款支出年初预算为{self.amount(budget['total'])}，支出决算为{self.amount(final['total'])}，"
            f"{completion('total')}，其中："
            + "；".join(f"{label}支出决算为{self.amount(final[key])}，{completion(key)}" for key, label in labels)
            + "。"
        )
        if final["total"] != budget["total"]:
            word = "大于" if final["total"] > budget["total"] else "小于"
            reason = outturn.reason.rstrip("。")
            first += f"{self.year}年度“三公”经费支出决算数{word}预算数" + (
                f"的主要原因：{reason}。" if reason else "。"
            )
        paragraphs = [_p(first, "three_public")]
        last = self.facts.last_year
        if last:
            before = figures(last.three_public)
            second = f"{self.year}年度“三公”经费财政拨款支出决算数" + self.change(
                before["total"], final["total"], last.reasons.get("three_public", "")
            ).replace(f"与{self.year - 1}年度相比，", f"比{self.year - 1}年度")
            paragraphs.append(_p(second, "last_year.three_public"))
        parts = "；".join(
            f"{label}支出决算{self.amount(final[key])}，{self.share(final[key], final['total'])}"
            for key, label in labels
        )
        paragraphs.append(_p(f"“三公”经费财政拨款支出决算中，{parts}。具体情况如下：", "three_public"))
        paragraphs.append(
            _p(
                f"1、因公出国（境）费支出{self.amount(final['abroad'])}。全年安排因公出国（境）团组{outturn.abroad_groups}个、"
                f"累计{outturn.abroad_people}人次。",
                "three_public.final.abroad",
            )
        )
        paragraphs.append(
            _p(
                f"2、公务用车购置及运行维护费支出{self.amount(final['vehicles'])}。其中：公务用车购置支出为"
                f"{self.amount(final['purchase'])}，购置车辆{outturn.vehicles_bought}辆；公务用车运行维护支出"
                f"{self.amount(final['operation'])}。{self.year}年，{self.who}开支财政拨款的公务用车保有量为{outturn.vehicles_held}辆。",
                "three_public.final.vehicles",
            )
        )
        purpose = f"主要用于{outturn.reception_purpose.rstrip('。')}，" if outturn.reception_purpose else ""
        paragraphs.append(
            _p(
                f"3、公务接待费支出{self.amount(final['reception'])}。{purpose}国内公务接待{outturn.receptions}批次、"
                f"{outturn.reception_people}人次。",
                "three_public.final.reception",
            )
        )
        return paragraphs

    def fund(self, fund: FinalFund) -> list[Paragraph]:
        received = self.book.sum(self.book.income(of_fund(fund)))
        lines = self.book.spending(of_fund(fund))
        spent = self.book.sum(lines)
        if not received and not spent:
            return [_p(f"{self.who}{self.year}年度无{fund.label}收入和支出。", f"balances.{fund.value}")]
        head = _p(f"{fund.label}收入{self.amount(received)}，支出{self.amount(spent)}，支出具体情况如下：", "spending")
        return [head, *self._items(lines, fund)]

    def performance(self) -> list[Paragraph]:
        if not self.facts.performance:
            return [_p(f"{self.who}{self.year}年度预算绩效管理情况另行公开。")]
        return [_p(text, "performance") for text in self.facts.performance]

    def other(self) -> list[Section]:
        return [self._running_costs(), self._procurement(), self._assets()]

    def running_costs(self) -> Decimal:
        """机关运行经费: the 公用经费 of an administrative unit's 一般公共预算 basic spending (表6)."""
        if not self.facts.unit.administrative:
            return Decimal(0)
        return self.book.sum([i for i in self.facts.basic_items if not i.personnel])

    def _running_costs(self) -> Section:
        costs = self.running_costs()
        if not costs:
            text = f"{self.who}{self.year}年度无机关运行经费支出。"
        else:
            text = f"{self.year}年度{self.who}机关运行经费支出{self.amount(costs)}"
            last = self.facts.last_year
            if last:
                text += "，" + self.change(
                    self.book.printed(last.running_costs), costs, last.reasons.get("running_costs", "")
                ).replace(f"与{self.year - 1}年度相比，", f"比{self.year - 1}年度")
            else:
                text += "。" + self.no_last_year()
            if self.facts.running_costs_budget is not None:
                text += self.against_budget(
                    self.book.printed(self.facts.running_costs_budget),
                    costs,
                    self.facts.running_costs_reason,
                    subject="",
                )
        return Section(
            key="running_costs", number="一", title="机关运行经费支出情况", paragraphs=[_p(text, "basic_items")]
        )

    def _procurement(self) -> Section:
        p = self.facts.procurement
        amount = self.amount
        text = (
            f"{self.who}{self.year}年度政府采购支出总额{amount(self.book.printed(p.total))}，其中：政府采购货物支出"
            f"{amount(self.book.printed(p.goods))}、政府采购工程支出{amount(self.book.printed(p.works))}、"
            f"政府采购服务支出{amount(self.book.printed(p.services))}。"
        )
        if p.reserved_sme:
            text += (
                f"面向中小企业预留政府采购项目预算金额{amount(self.book.printed(p.reserved_sme))}，其中：面向小微企业预留"
                f"{amount(self.book.printed(p.reserved_small_micro))}。"
            )
        return Section(key="procurement", number="二", title="政府采购支出情况", paragraphs=[_p(text, "procurement")])

    def _assets(self) -> Section:
        assets = self.facts.assets
        if assets is None:
            text = f"{self.who}{self.year}年度国有资产占有使用情况另行公开。"
        else:
            count = sum(assets.vehicles.values())
            kinds = "、".join(f"{name}{n}辆" for name, n in assets.vehicles.items())
            text = f"截至{self.year}年12月31日，{self.who}共有车辆{count}辆" + (f"，其中：{kinds}" if kinds else "")
            text += (
                f"；单价50万元以上通用设备{assets.equipment_over_50}台（套），"
                f"单价100万元以上专用设备{assets.equipment_over_100}台（套）。"
            )
        return Section(key="assets", number="三", title="国有资产占有使用情况", paragraphs=[_p(text, "assets")])
