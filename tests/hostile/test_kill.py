"""A build killed at random points leaves one complete build, no temporary folder and no child process.

A previous build (three files) is in `out`; a second build of a budget with
another unit name (so other file names) is started and killed after a
random delay, by SIGTERM (unwinds like Ctrl-C) or SIGKILL (nothing runs).
Afterwards `out` holds either exactly the previous build or the previous and
the whole new one — never a part of it; no temporary folder is left (after
SIGKILL, the next build removes it: `remove_stale`); and the chart process
the build had forked is gone.  Runs go four at a time to stay fast.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import time
import zipfile
from pathlib import Path

from tests.hostile.harness import EXAMPLE, leftovers, start
from yusuan.render.files import remove_stale

RUNS = 24
AT_ONCE = 4
FORMATS = "html,xlsx,docx"
NAME = "  name: 中共克孜勒苏柯尔克孜自治州委员会办公室"


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            text = Path(f"/proc/{pid}/task/{task}/children").read_text()
            found.update(int(child) for child in text.split())
    except OSError:
        pass
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def _complete(path: Path) -> bool:
    if path.suffix in (".docx", ".xlsx"):
        try:
            with zipfile.ZipFile(path) as archive:
                return archive.testzip() is None
        except zipfile.BadZipFile:
            return False
    return path.read_bytes().rstrip().endswith(b"</html>")


def test_killed_builds_leave_a_complete_build(tmp_path: Path) -> None:
    new_budget = tmp_path / "budget.yaml"
    new_budget.write_text(EXAMPLE.read_text(encoding="utf-8").replace(NAME, "  name: 另一个单位", 1), encoding="utf-8")
    previous = tmp_path / "previous"
    first = start(["build", str(EXAMPLE), "-o", str(previous), "--format", FORMATS], tmp_path)
    assert first.wait(timeout=60) == 0
    old_names = sorted(p.name for p in previous.iterdir())
    assert len(old_names) == 3
    new_names: list[str] | None = None
    rng = random.Random(20240225)
    outcomes: list[str] = []
    seen_children = 0
    for batch in range(RUNS // AT_ONCE):
        runs = []
        for index in range(AT_ONCE):
            work = tmp_path / f"run{batch}-{index}"
            work.mkdir()
            shutil.copytree(previous, work / "out")
            process = start(["build", str(new_budget), "-o", "out", "--format", FORMATS], work)
            how = signal.SIGKILL if (batch * AT_ONCE + index) % 3 == 0 else signal.SIGTERM
            runs.append((work, process, rng.uniform(0.2, 2.5), how))
        started = time.monotonic()
        children: dict[int, set[int]] = {}
        for _work, process, delay, how in sorted(runs, key=lambda r: r[2]):
            time.sleep(max(0.0, started + delay - time.monotonic()))
            children[process.pid] = _children(process.pid)
            process.send_signal(how)
        for work, process, _delay, _how in runs:
            process.communicate(timeout=30)
            remove_stale(work)  # what the next build does first
            assert not leftovers(work), leftovers(work)
            names = sorted(p.name for p in (work / "out").iterdir())
            for name in old_names:
                assert (work / "out" / name).read_bytes() == (previous / name).read_bytes()
            extra = sorted(set(names) - set(old_names))
            if extra:
                new_names = new_names or extra
                assert extra == new_names and len(extra) == 3, names
                assert all(_complete(work / "out" / name) for name in extra)
                outcomes.append("new")
            else:
                outcomes.append("previous")
        deadline = time.monotonic() + 5
        alive = {pid for group in children.values() for pid in group}
        seen_children += len(alive)
        while alive and time.monotonic() < deadline:
            alive = {pid for pid in alive if _running(pid)}
            time.sleep(0.05)
        assert not alive, f"chart processes outlived their build: {alive}"
    assert len(outcomes) == RUNS
    assert "previous" in outcomes  # some kills came before the swap
    assert seen_children > 0, outcomes  # some came while the chart process was drawing
