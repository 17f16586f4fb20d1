"""A PDF check too short to fork loads no module it does not use (start-up is most of a short check's time)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"


def test_reading_and_writing_modules_leave_pickle_and_ctypes_unloaded() -> None:
    probe = (
        "import sys\n"
        "import yusuan.extract.pdf, yusuan.extract.pdf_fork, yusuan.render.files\n"
        "print(sorted(m for m in ('pickle', 'ctypes') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], env={"PYTHONPATH": str(SRC)}, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
