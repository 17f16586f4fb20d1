"""A PDF check too short to fork loads no module it does not use (start-up is most of a short check's time)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "national"


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


def test_the_command_skips_pydantic_plugin_discovery_unless_asked() -> None:
    probe = (
        "import os, sys\n"
        "from yusuan.__main__ import main\n"
        f"sys.argv = ['yusuan', 'check', {str(FIXTURES / 'gz-xfj-2026.pdf')!r}, '--format', 'json']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "from pydantic.plugin import _loader\n"
        "print(os.environ['PYDANTIC_DISABLE_PLUGINS'], _loader._plugins is None, file=sys.stderr)\n"
    )

    def run(**env: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", probe],
            env={"PYTHONPATH": str(SRC), "YUSUAN_JOBS": "1", **env},
            capture_output=True,
            text=True,
            check=True,
        )
        assert '"findings"' in done.stdout
        return done.stderr.strip().splitlines()[-1]

    assert run() == "__all__ True"  # the entry points were never scanned
    assert run(PYDANTIC_DISABLE_PLUGINS="some-plugin") == "some-plugin False"  # the user's setting stands
