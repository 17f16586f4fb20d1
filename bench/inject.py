"""Defect injection: would `yusuan check` catch each class of defect a reviewer looks for? (not a test)

Issue 10 lists the defects finance-bureau reviewers catch in published
budgets.  This benchmark plants each one, by class, in genuine documents of
every layout of the corpus and counts how often the checker says so.  The
defect is planted in the text the reader sees (the document's lines, after
PDF extraction, before reading), so the whole path is measured: reader and
rules.  One site per class and document: the first sentence of the body
(a line ending a sentence, outside the contents) where the class can be
planted; a document with no such site is not counted for that class.

A planted defect is *detected* when an error or warning appears at a place
where the unchanged document has none (the definition of bench/recall.py and
tests/mutation/: a place is code, severity, table, row, column, section,
line).  Lines are replaced, never inserted or removed, so line numbers stay
put.

    .venv/bin/python bench/inject.py [--write docs/recall.md] [--out /tmp/yusuan-inject.jsonl] [--limit N]

prints detection per class and per layout (a layout is the province, or the
city for the national set's cities), writes one JSON object per planted
defect to `--out` (with the codes that caught it) and with `--write`
replaces the part of docs/recall.md between the `inject:begin` /
`inject:end` markers.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, replace
from decimal import Decimal
from pathlib import Path

from corpus_documents import CORPUS, ROOT
from recall import documents, new_alarms, place
from yusuan.check import run_checks
from yusuan.errors import InputError
from yusuan.extract.documents import document_lines, join_files
from yusuan.extract.lines import TextLine

BEGIN, END = "<!-- inject:begin -->", "<!-- inject:end -->"
DEFAULT_OUT = Path("/tmp/yusuan-inject.jsonl")
AMOUNT = r"\d{1,3}(?:,\d{3})*(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?"


@dataclass(frozen=True)
class Document:
    """What a planter may use: the document's year and kind as read from the unchanged text."""

    year: int
    kind: str  # a DocumentKind value: department_budget, unit_budget, …


# A planter gets one sentence line and the document, and gives the changed text or None (no site here).
Planter = Callable[[str, Document], str | None]


@dataclass(frozen=True)
class DefectClass:
    key: str
    item: str  # the issue 10 item it belongs to
    label: str
    plant: Planter


def _sub_first(pattern: str, text: str, change: Callable[[re.Match[str]], str]) -> str | None:
    match = re.search(pattern, text)
    if match is None:
        return None
    return text[: match.start()] + change(match) + text[match.end() :]


def _shifted(number: str, step: str) -> str:
    """`12.34` + `3` printed like the original (decimals and thousands separators kept)."""
    plain = number.replace(",", "")
    places = len(plain.split(".")[1]) if "." in plain else 0
    value = Decimal(plain) + Decimal(step)
    return f"{value:,.{places}f}" if "," in number else f"{value:.{places}f}"


def rate_changed(line: str, doc: Document) -> str | None:
    """A stated rate of change 3 percentage points off (增长12.00% → 增长15.00%)."""
    pattern = rf"(增长|下降|增加|减少|上升)({AMOUNT})%"
    return _sub_first(pattern, line, lambda m: m.group(1) + _shifted(m.group(2), "3") + "%")


def direction_swapped(line: str, doc: Document) -> str | None:
    """The direction word of a year-on-year change reversed (比上年增加… → 比上年减少…).

    Not on a change of 0 万元 (`比上年增加0万元`): it has no direction, so either word is right."""
    swap = {"增加": "减少", "减少": "增加", "增长": "下降", "下降": "增长"}
    pattern = rf"(比上年|较上年|比20\d\d年)((?:预算)?(?:数)?)(增加|减少|增长|下降)({AMOUNT})万元"
    for m in re.finditer(pattern, line):
        if Decimal(m.group(4).replace(",", "")) != 0:
            changed = m.group(1) + m.group(2) + swap[m.group(3)] + m.group(4) + "万元"
            return line[: m.start()] + changed + line[m.end() :]
    return None


def comparison_year(line: str, doc: Document) -> str | None:
    """A comparison with the document's own year (2026 budget: 比2026年增加…)."""
    pattern = rf"比{doc.year - 1}年"
    return _sub_first(pattern, line, lambda m: f"比{doc.year}年")


def heading_year(line: str, doc: Document) -> str | None:
    """The document's year in a sentence replaced by the next year (2026年部门预算 → 2027年部门预算)."""
    pattern = rf"{doc.year}(年度?)(部门|单位)(预算|决算)"
    return _sub_first(pattern, line, lambda m: f"{doc.year + 1}{m.group(1)}{m.group(2)}{m.group(3)}")


OBSOLETE_NAMES = {"卫生健康支出": "医疗卫生与计划生育支出", "节能环保支出": "环境保护支出"}


def subject_renamed(line: str, doc: Document) -> str | None:
    """A class named by its obsolete name (卫生健康支出 → 医疗卫生与计划生育支出, renamed 2019)."""
    for current, obsolete in OBSOLETE_NAMES.items():
        if current in line and f"其他{current}" not in line:
            return line.replace(current, obsolete, 1)
    return None


def placeholder_left(line: str, doc: Document) -> str | None:
    """A template placeholder left in (主要用于… → 主要用于XX…)."""
    return _sub_first(r"(主要用于|用于)", line, lambda m: m.group(1) + "XX")


def alternative_left(line: str, doc: Document) -> str | None:
    """Both wordings of the template left in (增加 → 增加（减少）)."""
    return _sub_first(rf"(比上年|较上年)(增加|增长)(?={AMOUNT})", line, lambda m: m.group(1) + m.group(2) + "（减少）")


def reason_emptied(line: str, doc: Document) -> str | None:
    """The reason after 主要原因是 deleted (主要原因是。)."""
    return _sub_first(r"(主要(?:原因|是)(?:是|为)?[:：]?)[^。]+。", line, lambda m: m.group(1) + "。")


def percent_dropped(line: str, doc: Document) -> str | None:
    """A rate printed without its % sign (增长12.00% → 增长12.00)."""
    return _sub_first(rf"((?:增长|下降|占)[^，。；]{{0,12}}?)({AMOUNT})%", line, lambda m: m.group(1) + m.group(2))


def punctuation_doubled(line: str, doc: Document) -> str | None:
    """A doubled punctuation mark (，，)."""
    return _sub_first(r"，", line, lambda m: "，，")


# where the other kind's word is no defect: `本部门预算` → `本单位预算` reads "this unit's budget"; a duty over budgets
# (`负责部门预算执行`); spending put in "the budget" (`纳入年度部门预算`, `不纳入部门预算序列`), unless it is the
# document's scope (`收入和支出均纳入…`, `收支全部纳入…`)
_KIND_NOT_NAMED = re.compile(r"(?:本|负责|指导|监督|组织|审核|汇总|编制|(?<![均都部])(?:纳入|列入|编入)了?(?:年度)?)$")
# a department with no subordinate unit: its 部门预算 and its 单位预算 are the same budget, either word is right
_NO_SUBORDINATE = re.compile(r"无(?:独立核算的?)?(?:下属|所属)(?:预算)?单位")


def kind_wording(line: str, doc: Document) -> str | None:
    """The other document kind's wording (部门预算 in a 单位预算 and the reverse), where it names the document:
    not inside a quoted title (`《…部门预算的批复》` names another document), nor where either word is right
    (`_KIND_NOT_NAMED`, `_NO_SUBORDINATE`)."""
    own, other = ("部门预算", "单位预算") if doc.kind.startswith("department") else ("单位预算", "部门预算")
    if doc.kind.endswith("final_accounts"):
        own, other = own.replace("预算", "决算"), own  # a 决算 that says 预算
    if _NO_SUBORDINATE.search(line):
        return None
    for m in re.finditer(own, line):
        before, after = line[: m.start()], line[m.end() :]
        in_title = before.count("《") > before.count("》") or "》" in after.split("《", 1)[0]
        if in_title or _KIND_NOT_NAMED.search(before):
            continue
        return before + other + line[m.end() :]
    return None


def total_changed(line: str, doc: Document) -> str | None:
    """A total the narrative states (收入总计/支出总计/收支总预算 …万元) 100 万元 off."""
    pattern = rf"((?:收入|支出|收支)(?:总计|总预算|预算总额|合计)[^0-9，。；]{{0,6}}?)({AMOUNT})(万元)"
    return _sub_first(pattern, line, lambda m: m.group(1) + _shifted(m.group(2), "100") + m.group(3))


def three_public_changed(line: str, doc: Document) -> str | None:
    """The 三公 total stated in the narrative 1 万元 off."""
    pattern = rf"(三公[”\"]?经费[^0-9，。；]{{0,16}}?)({AMOUNT})(万元)"
    return _sub_first(pattern, line, lambda m: m.group(1) + _shifted(m.group(2), "1") + m.group(3))


CLASSES: tuple[DefectClass, ...] = (
    DefectClass("rate", "1/4", "增减幅度与金额不符", rate_changed),
    DefectClass("direction", "4", "增减方向写反", direction_swapped),
    DefectClass("comparison-year", "3", "与本年度比较", comparison_year),
    DefectClass("heading-year", "3", "年度写错", heading_year),
    DefectClass("subject-name", "2", "科目名称已停用", subject_renamed),
    DefectClass("placeholder", "6", "模板占位符未替换", placeholder_left),
    DefectClass("alternative", "6", "增加（减少）未删选", alternative_left),
    DefectClass("empty-reason", "6", "原因未填写", reason_emptied),
    DefectClass("percent-sign", "6", "百分比缺少%", percent_dropped),
    DefectClass("punctuation", "6", "标点重复", punctuation_doubled),
    DefectClass("document-kind", "7", "文件类型用语错误", kind_wording),
    DefectClass("narrative-total", "5", "说明中的总计与表不符", total_changed),
    DefectClass("three-public", "9", "说明中的三公经费与表不符", three_public_changed),
)


@dataclass(frozen=True)
class Planted:
    document: str
    layout: str
    defect: str
    page: int | None
    line: int
    before: str
    after: str
    detected: bool = False
    codes: tuple[str, ...] = ()


def layout_of(path: Path) -> str:
    """The national set's `广东_深圳_…` → 广东深圳; jiangsu/…, shanghai/… → 江苏省级 / 上海; else the folder."""
    relative = path.relative_to(CORPUS) if path.is_relative_to(CORPUS) else path
    if relative.parts[0] in ("national", "final-accounts"):
        province, city = relative.name.split("_")[:2]
        return province + city
    return {"jiangsu": "江苏省级", "shanghai": "上海"}.get(relative.parts[0], relative.parts[0])


def _sentences(lines: list[TextLine]) -> Iterator[int]:
    """Indexes of body lines that end a sentence (contents entries and table rows do not)."""
    for index, line in enumerate(lines):
        if not line.has_tabs and "。" in line.text and "…" not in line.text and "..." not in line.text:
            yield index


def measure(files: tuple[Path, ...]) -> list[Planted]:
    """Every class planted once in one document, each checked against the unchanged document."""
    try:
        read = [(path, document_lines(path)) for path in files]
        disclosure, problems = join_files(read)
    except InputError:
        return []
    baseline = {place(f) for f in run_checks(disclosure, read_problems=problems).findings}
    doc = Document(disclosure.meta.year, disclosure.meta.kind.value)
    results = []
    for defect in CLASSES:
        site = _plant(read, defect, doc)
        if site is None:
            continue
        file_index, line_index, after = site
        lines = read[file_index][1]
        changed = [*lines[:line_index], replace(lines[line_index], text=after), *lines[line_index + 1 :]]
        planted = [*read[:file_index], (read[file_index][0], changed), *read[file_index + 1 :]]
        try:
            mutant, mutant_problems = join_files(planted)
            alarms = new_alarms(run_checks(mutant, read_problems=mutant_problems), baseline)
        except InputError:
            alarms = []
        results.append(
            Planted(
                document=str(files[0].relative_to(CORPUS) if files[0].is_relative_to(CORPUS) else files[0].name),
                layout=layout_of(files[0]),
                defect=defect.key,
                page=lines[line_index].page,
                line=lines[line_index].line_no,
                before=lines[line_index].text,
                after=after,
                detected=bool(alarms),
                codes=tuple(sorted({f.code for f in alarms})),
            )
        )
    return results


def _plant(read: list[tuple[Path, list[TextLine]]], defect: DefectClass, doc: Document) -> tuple[int, int, str] | None:
    for file_index, (_, lines) in enumerate(read):
        for line_index in _sentences(lines):
            after = defect.plant(lines[line_index].text, doc)
            if after is None or after == lines[line_index].text:
                continue
            if defect.key == "rate" and not _states_money(lines, line_index):
                continue
            return file_index, line_index, after
    return None


_MONEY = re.compile(r"\d\s*(?:万元|亿元|元)")


def _states_money(lines: list[TextLine], index: int) -> bool:
    """The sentence of a line's first rate states an amount of money (`rate` is 增减幅度与金额不符).

    Not a rate of the economy or of a target with no amount in its sentence (苏州科学技术局 2026 p6
    `…主要科技指标增长10%。`, 重庆商务委 p25 `社会消费品零售总额同比增长8%`): no budget figure can
    contradict it, so changing it plants no disagreement between a rate and an amount.  The sentence is
    read back to its last `。` (at most six lines) and forward to the end of the rate's clause."""
    text = lines[index].text
    rate = re.search(rf"(?:增长|下降|增加|减少|上升)(?:{AMOUNT})%", text)
    head = text[: rate.start()] if rate else text
    sentence = head.rsplit("。", 1)[-1]
    back = index - 1
    while "。" not in head and back >= 0 and index - back <= 6:
        head = lines[back].text
        sentence = head.rsplit("。", 1)[-1] + sentence
        back -= 1
    tail = text[rate.end() :] if rate else ""
    sentence += re.split(r"[，,；;。]", tail, maxsplit=1)[0]  # the rate's own clause, not the next subject's
    return bool(_MONEY.search(sentence))


def report(results: list[Planted]) -> str:
    by_class: dict[str, list[Planted]] = defaultdict(list)
    by_layout: dict[str, dict[str, list[Planted]]] = defaultdict(lambda: defaultdict(list))
    for r in results:
        by_class[r.defect].append(r)
        by_layout[r.layout][r.defect].append(r)
    caught = sum(r.detected for r in results)
    lines = [
        f"{len(results)} defects planted in {len({r.document for r in results})} documents of "
        f"{len(by_layout)} layouts; **{caught} detected ({_pct(caught, len(results))})**.",
        "",
        "| class | issue 10 item | what is planted | planted | detected | rate | codes that caught it |",
        "|---|---|---|---|---|---|---|",
    ]
    for defect in CLASSES:
        group = by_class.get(defect.key, [])
        hit = sum(r.detected for r in group)
        codes = sorted({c for r in group for c in r.codes})
        lines.append(
            f"| `{defect.key}` | {defect.item} | {defect.label} | {len(group)} | {hit} | {_pct(hit, len(group))} "
            f"| {', '.join(f'`{c}`' for c in codes[:6])} |"
        )
    lines += ["", "Per layout (detected / planted):", "", "| layout | " + " | ".join(d.key for d in CLASSES) + " |"]
    lines.append("|---|" + "---|" * len(CLASSES))
    for layout in sorted(by_layout):
        cells = []
        for defect in CLASSES:
            group = by_layout[layout].get(defect.key, [])
            cells.append(f"{sum(r.detected for r in group)}/{len(group)}" if group else "–")
        lines.append(f"| {layout} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "–"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--write", type=Path, help="replace the generated part of this Markdown file")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--limit", type=int, help="only the first N documents (a quick look)")
    args = parser.parse_args()
    docs = [d for d in documents(CORPUS, reference=False) if d[0].relative_to(CORPUS).parts[0] != "final-accounts"]
    docs = docs[: args.limit] if args.limit else docs
    results: list[Planted] = []
    with ProcessPoolExecutor(2) as pool:
        for found in pool.map(measure, docs):
            results.extend(found)
    with args.out.open("w", encoding="utf-8") as handle:
        for r in results:
            handle.write(json.dumps(asdict(r), ensure_ascii=False) + "\n")
    text = report(results)
    if args.write:
        page = args.write.read_text(encoding="utf-8")
        if BEGIN not in page:
            page += f"\n## Defect injection (issue 10)\n\n{BEGIN}\n{END}\n"
        head, rest = page.split(BEGIN, 1)
        page = head + BEGIN + "\n" + text + END + rest.split(END, 1)[1]
        args.write.write_text(page, encoding="utf-8")
    sys.stdout.write(text)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "bench"))
    main()
