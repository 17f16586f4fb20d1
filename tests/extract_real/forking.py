"""What the tests of the forked page readers share: the PDFs they read and whether this machine can fork them.

`pdf_fork`, `pdf_prefetch` and `pdf_fork_server` fork only on Linux with two
processors; their tests read the same two national fixtures.
"""

from __future__ import annotations

import sys
from pathlib import Path

from yusuan.cpus import usable_cpus

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "national"
LONG = FIXTURES / "hz-gaj-2026.pdf"  # 37 pages, tables running over pages
SHORT = FIXTURES / "gz-xfj-2026.pdf"
SRC = Path(__file__).resolve().parents[2] / "src"
CAN_FORK = sys.platform.startswith("linux") and usable_cpus() >= 2
