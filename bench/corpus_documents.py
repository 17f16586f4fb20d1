"""The development corpus as documents: which files of ../shared/corpus make up one document.

Jiangsu publishes a year's narrative and tables as two files; the benchmarks
read and check them as one document.  Shared by the benchmarks that read the corpus.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("YUSUAN_CORPUS") or ROOT.parent / "shared" / "corpus")
"""The corpus beside the checkout (../shared/corpus); `YUSUAN_CORPUS=/path/to/corpus` for a checkout elsewhere
(a git worktree)."""
SUFFIXES = {".pdf", ".txt", ".docx", ".xlsx", ".xls"}

# Narrative + tables published apart (Jiangsu): one document.
PAIRS: list[tuple[str, str]] = [
    ("jiangsu/江苏省人大办公厅/江苏省人大常委会2019年度部门预算公开.pdf",
     "jiangsu/江苏省人大办公厅/江苏省人大常委会办公厅2019年部门预算公开表.pdf"),
    ("jiangsu/江苏省委办公厅/江苏省委办公厅2017年部门预算.pdf",
     "jiangsu/江苏省委办公厅/江苏省委办公厅2017年预算公开表格.pdf"),
    ("jiangsu/江苏省委办公厅/江苏省委办公厅2018年度部门预算公开文件.pdf",
     "jiangsu/江苏省委办公厅/江苏省委办公厅2018年度部门预算公开表.pdf"),
    ("jiangsu/江苏省委办公厅/江苏省委办公厅2019年度部门预算公开文件.pdf",
     "jiangsu/江苏省委办公厅/江苏省委办公厅2019年度部门预算公开表格.pdf"),
    ("jiangsu/江苏省政协办公厅/江苏省政协办公厅2017年度部门预算.pdf",
     "jiangsu/江苏省政协办公厅/2017年度部门预算公开表.pdf"),
    ("jiangsu/江苏省政协办公厅/江苏省政协办公厅2018年度部门预算.pdf",
     "jiangsu/江苏省政协办公厅/江苏省政协办公厅2018度部门预算公开表.pdf"),
    ("jiangsu/江苏省政协办公厅/江苏省政协办公厅2019年度部门预算.pdf",
     "jiangsu/江苏省政协办公厅/江苏省政协办公厅2019年预算公开表.pdf"),
]  # fmt: skip
