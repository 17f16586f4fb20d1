"""The processors yusuan counts are those the process may use, so a pinned run forks no helper."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from yusuan.cpus import usable_cpus

SRC = Path(__file__).resolve().parents[1] / "src"
PDF = Path(__file__).resolve().parent / "fixtures" / "national" / "gz-xfj-2026.pdf"


def test_at_least_one_and_no_more_than_the_machine_has() -> None:
    assert 1 <= usable_cpus() <= (os.cpu_count() or 1)


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="no processor affinity here")
def test_a_process_pinned_to_one_processor_forks_no_page_reader() -> None:
    probe = (
        "import os\n"
        "os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})\n"
        "from pathlib import Path\n"
        "from yusuan.cpus import usable_cpus\n"
        "from yusuan.extract import pdf_prefetch\n"
        f"pdf_prefetch.start(Path({str(PDF)!r}))\n"
        "print(usable_cpus(), len(pdf_prefetch._started))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], env={"PYTHONPATH": str(SRC)}, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["1", "0"]
