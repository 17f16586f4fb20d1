"""`yusuan check a b`: files are joined only when they are parts of one publication; else one report each."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.extract_real.test_multi_file import NARRATIVE
from yusuan.cli import app
from yusuan.extract.publications import same_unit

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
NARRATIVE_2017 = FIXTURES / "multifile" / "js-swbgt-2017.pdf"  # 江苏省委办公厅 2017: narrative only
TABLES_2017 = FIXTURES / "corpus" / "js-swbgt-2017-tables.pdf"  # its tables (编制单位：中国共产党江苏省委员会办公厅)
TABLES_2019 = FIXTURES / "corpus" / "js-rd-2019-tables.pdf"  # 江苏省人大常委会办公厅 2019: tables only
CHONGQING = FIXTURES / "national" / "cq-xcb-2026.pdf"
GUANGZHOU = FIXTURES / "national" / "gz-xfj-2026.pdf"

runner = CliRunner()
_cache: dict[tuple[str, ...], tuple[int, Any]] = {}


def check_json(*files: Path, extra: tuple[str, ...] = ()) -> tuple[int, Any]:
    """Exit code and parsed JSON of `yusuan check --format json FILES…` (cached: PDFs are slow)."""
    key = (*map(str, files), *extra)
    if key not in _cache:
        result = runner.invoke(app, ["check", "--format", "json", *extra, *map(str, files)])
        assert result.exit_code in (0, 1), result.output
        _cache[key] = (result.exit_code, json.loads(result.stdout))
    return _cache[key]


def codes(report: dict[str, Any]) -> list[str]:
    return [f["code"] for f in report["findings"]]


def test_narrative_and_tables_files_are_one_report() -> None:
    _code, report = check_json(NARRATIVE_2017, TABLES_2017)
    assert isinstance(report, dict) and report["schema"] == "yusuan.check/1"
    assert report["source"] == f"{NARRATIVE_2017}, {TABLES_2017}"
    assert report["document"]["unit"] == "江苏省委办公厅"
    assert (report["document"]["year"], report["document"]["kind"]) == (2017, "department_budget")
    assert len(report["document"]["tables_found"]) == 12
    assert not {"publication-apart", "publication-joined", "part-missing", "toc-table-missing"} & set(codes(report))


def test_the_pair_is_joined_in_either_order() -> None:
    _code, report = check_json(TABLES_2017, NARRATIVE_2017)
    assert isinstance(report, dict)
    assert report["source"] == f"{TABLES_2017}, {NARRATIVE_2017}"
    assert len(report["document"]["tables_found"]) == 12 and "part-missing" not in codes(report)


def test_two_unrelated_documents_are_reported_apart() -> None:
    code, reports = check_json(CHONGQING, GUANGZHOU)
    assert isinstance(reports, list) and len(reports) == 2
    assert [r["schema"] for r in reports] == ["yusuan.check/1"] * 2
    assert [r["source"] for r in reports] == [str(CHONGQING), str(GUANGZHOU)]
    assert [r["document"]["unit"] for r in reports] == ["中共重庆市委宣传部", "广州市信访局"]
    for report, alone in zip(reports, (check_json(CHONGQING)[1], check_json(GUANGZHOU)[1]), strict=True):
        assert report == alone  # each exactly as checked alone: its errors named with its own file
    assert code == (1 if any(r["summary"]["errors"] for r in reports) else 0)  # the worst of the two reports


def test_two_unrelated_documents_in_the_terminal() -> None:
    result = runner.invoke(app, ["check", str(CHONGQING), str(GUANGZHOU)])
    assert result.exit_code == check_json(CHONGQING, GUANGZHOU)[0]
    text = result.stdout
    first, second = text.index("━━ 第 1 份（共 2 份） ━━"), text.index("━━ 第 2 份（共 2 份） ━━")
    assert first < text.index("中共重庆市委宣传部") < second < text.index("广州市信访局")
    assert text.count("运行规则") == 2
    assert "共 2 份文件，分别检查：" in text


def test_two_unrelated_documents_as_one_html_page(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["check", "--format", "html", "-o", str(out), str(CHONGQING), str(TABLES_2019)])
    assert result.exit_code == 1, result.output
    page = out.read_text(encoding="utf-8")
    assert page.count("<html") == 1 and page.count('<section class="report">') == 2
    assert "<title>预算公开文件检查报告（2 份）</title>" in page
    assert page.index(str(CHONGQING)) < page.index(str(TABLES_2019))


def test_tables_only_file_is_checked_with_one_notice() -> None:
    _code, report = check_json(TABLES_2019)
    assert isinstance(report, dict) and len(report["document"]["tables_found"]) == 12
    notices = [f for f in report["findings"] if f["code"] == "publication-apart"]
    assert len(notices) == 1 and notices[0]["severity"] == "info"
    assert "yusuan check 说明.pdf js-rd-2019-tables.pdf" in notices[0]["message"]
    assert "part-missing" not in codes(report)
    empty = [f for f in report["findings"] if f["code"] == "empty-table-note"]  # the tables are checked as usual
    assert [f["location"]["table"] for f in empty] == ["十"]


def test_narrative_only_file_says_once_that_the_tables_are_apart() -> None:
    _code, report = check_json(NARRATIVE_2017)
    assert isinstance(report, dict) and report["document"]["tables_found"] == []
    notices = [f for f in report["findings"] if f["code"] == "publication-apart"]
    assert len(notices) == 1
    assert "没有预算公开表" in notices[0]["message"]
    assert "yusuan check js-swbgt-2017.pdf 报表.pdf" in notices[0]["message"]
    assert not {"toc-table-missing", "mandated-table-missing", "part-missing"} & set(codes(report))


def test_narrative_and_tables_of_other_units_are_not_joined() -> None:
    _code, reports = check_json(NARRATIVE_2017, TABLES_2019)
    assert isinstance(reports, list) and len(reports) == 2
    assert [r["document"]["unit"] for r in reports] == ["江苏省委办公厅", "江苏省人大常委会办公厅"]
    assert [codes(r).count("publication-apart") for r in reports] == [1, 1]


def test_two_tables_files_are_never_joined(tmp_path: Path) -> None:
    copy = tmp_path / "copy.pdf"
    shutil.copyfile(TABLES_2019, copy)
    result = runner.invoke(app, ["check", "--format", "json", str(TABLES_2019), str(copy)])
    reports = json.loads(result.stdout)
    assert isinstance(reports, list) and [r["source"] for r in reports] == [str(TABLES_2019), str(copy)]
    assert codes(reports[0]) == codes(reports[1]) and codes(reports[0]).count("publication-apart") == 1


def test_a_narrative_without_its_unit_is_joined_by_order_with_a_notice(tmp_path: Path) -> None:
    narrative = tmp_path / "说明.txt"
    narrative.write_text(NARRATIVE.replace("江苏省人大常委会办公厅\n", "", 1), encoding="utf-8")
    _code, report = check_json(narrative, TABLES_2019)
    assert isinstance(report, dict) and len(report["document"]["tables_found"]) == 12
    assert report["document"]["unit"] == "江苏省人大常委会办公厅"  # from the tables' 编制单位
    joined = [f for f in report["findings"] if f["code"] == "publication-joined"]
    assert len(joined) == 1
    assert "“说明.txt”没有印出单位名称" in joined[0]["message"]
    assert "按给出的顺序" in joined[0]["message"]
    assert "publication-apart" not in codes(report)


def test_notices_can_be_ignored() -> None:
    _code, report = check_json(TABLES_2019, extra=("--ignore", "publication-"))
    assert "publication-apart" not in codes(report) and "part-missing" not in codes(report)


def test_annotating_several_publications_is_refused(tmp_path: Path) -> None:
    marked = tmp_path / "marked.pdf"
    result = runner.invoke(app, ["check", "--annotate", str(marked), str(TABLES_2019), str(TABLES_2017)])
    assert result.exit_code == 2
    assert "--annotate" in result.stderr and not marked.exists()


def test_a_file_that_is_no_disclosure_among_others_exit_2(tmp_path: Path) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_text("各位同事：\n下周一上午开会。\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(TABLES_2019), str(letter)])
    assert result.exit_code == 2
    assert str(letter) in result.stderr and not result.stdout


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("中国共产党江苏省委员会办公厅", "江苏省委办公厅", True),
        ("中共江苏省委办公厅", "江苏省委办公厅", True),
        ("中国人民政治协商会议江苏省委员会办公厅", "江苏省政协办公厅", True),
        ("江苏省人民代表大会常务委员会办公厅", "江苏省人大常委会办公厅", True),
        ("江苏省 人大常委会办公厅", "江苏省人大常委会办公厅", True),
        ("上海市财政局", "上海市财政局信息中心", False),
        ("江苏省委办公厅", "江苏省人大常委会办公厅", False),
    ],
)
def test_same_unit(a: str, b: str, same: bool) -> None:
    assert same_unit(a, b) is same


def test_extract_joins_one_publication_and_refuses_two(tmp_path: Path) -> None:
    out = tmp_path / "data.json"
    result = runner.invoke(app, ["extract", str(NARRATIVE_2017), str(TABLES_2017), "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["meta"]["unit"] == "江苏省委办公厅" and len(data["tables"]) == 12 and data["narrative"]
    other = tmp_path / "other.json"
    result = runner.invoke(app, ["extract", str(NARRATIVE_2017), str(TABLES_2019), "-o", str(other)])
    assert result.exit_code == 2 and not other.exists()
    assert "不是同一份公开文件" in result.stderr and "请分别提取" in result.stderr


def test_six_full_documents_given_together_are_six_publications() -> None:
    from yusuan.extract.publications import read_publications

    files = sorted((FIXTURES / "national").glob("*.pdf"))
    publications = read_publications(files)
    assert [p.files for p in publications] == [(f,) for f in files]
    assert all(p.apart is None and not p.notices for p in publications)
