"""The files a batch finds are named by absolute paths, so the store can find them again from anywhere."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from yusuan.batch.discover import discover


def test_files_given_relative_to_the_current_folder_come_back_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "docs" / "sub").mkdir(parents=True)
    (tmp_path / "docs" / "b.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "docs" / "sub" / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "docs" / "budget.yaml").write_text("x", encoding="utf-8")
    (tmp_path / "here").mkdir()
    os.symlink(tmp_path / "docs" / "b.pdf", tmp_path / "here" / "link.pdf")
    monkeypatch.chdir(tmp_path / "here")
    found = discover([Path("../docs"), Path("link.pdf"), Path("../docs/b.pdf")])
    # "../docs" is normalised; the link names a file already found, so it is not checked twice
    assert found == [tmp_path / "docs" / "b.pdf", tmp_path / "docs" / "sub" / "a.txt"]
    assert discover([Path("link.pdf")]) == [tmp_path / "here" / "link.pdf"]  # a link alone keeps its own name
