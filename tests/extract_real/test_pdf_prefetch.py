"""A PDF whose pages a child began reading before the command's imports reads exactly as in turn."""

from __future__ import annotations

import atexit
import gc
import mmap
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.extract_real.forking import CAN_FORK, LONG, SHORT, SRC
from yusuan.__main__ import main, pdf_to_read
from yusuan.children import JOBS_VARIABLE
from yusuan.errors import InputError
from yusuan.extract import pdf_prefetch
from yusuan.extract.pdf import pdf_lines, pdf_pages

pytestmark = pytest.mark.skipif(not CAN_FORK, reason="the prefetch forks (Linux, two processors)")


def _lines(path: Path) -> list[tuple[int | None, int, str]]:
    return [(line.page, line.line_no, line.text) for line in pdf_lines(path)]


@pytest.fixture
def in_turn(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int | None, int, str]]:
    monkeypatch.setenv(JOBS_VARIABLE, "1")
    lines = _lines(LONG)
    monkeypatch.delenv(JOBS_VARIABLE)
    return lines


def _claimed(monkeypatch: pytest.MonkeyPatch) -> list[pdf_prefetch.Prefetch]:
    claimed: list[pdf_prefetch.Prefetch] = []
    real_claim = pdf_prefetch.claim

    def claim(path: Path) -> pdf_prefetch.Prefetch | None:
        prefetch = real_claim(path)
        if prefetch is not None:
            claimed.append(prefetch)
        return prefetch

    monkeypatch.setattr("yusuan.extract.pdf.claim_prefetch", claim)
    return claimed


@pytest.mark.parametrize("sent", [0, 1, 5, 12, 30, 36, 37])
def test_pages_read_alongside_the_child_equal_pages_read_in_turn(
    monkeypatch: pytest.MonkeyPatch, in_turn: list[tuple[int | None, int, str]], sent: int
) -> None:
    def sent_by_now(self: pdf_prefetch.Prefetch) -> int:  # wait until the child has sent `sent` pages
        while len(self.pages) < sent and not self._ended:
            self._receive()
        return len(self.pages)

    monkeypatch.setattr(pdf_prefetch.Prefetch, "sent", sent_by_now)
    claimed = _claimed(monkeypatch)
    pdf_prefetch.start(LONG)
    assert _lines(LONG) == in_turn
    assert len(claimed) == 1
    assert len(claimed[0].pages) >= min(sent, 37)


def test_a_child_that_sends_nothing_leaves_the_parent_to_read_every_page(
    monkeypatch: pytest.MonkeyPatch, in_turn: list[tuple[int | None, int, str]]
) -> None:
    monkeypatch.setattr(pdf_prefetch, "_read_in_turn", lambda path, data_fd, control_fd, progress, deadline: None)
    claimed = _claimed(monkeypatch)
    pdf_prefetch.start(LONG)
    assert _lines(LONG) == in_turn
    assert len(claimed) == 1 and claimed[0].pages == []


def test_a_child_that_sends_garbage_is_ignored(
    monkeypatch: pytest.MonkeyPatch, in_turn: list[tuple[int | None, int, str]]
) -> None:
    def garbage(path: Path, data_fd: int, control_fd: int, progress: object, deadline: float) -> None:
        os.write(data_fd, pdf_prefetch._FRAME.pack(5) + b"\x80\x05xxx")

    monkeypatch.setattr(pdf_prefetch, "_read_in_turn", garbage)
    pdf_prefetch.start(LONG)
    assert _lines(LONG) == in_turn


def test_a_file_changed_since_the_child_started_is_read_afresh(tmp_path: Path) -> None:
    copy = tmp_path / "a.pdf"
    copy.write_bytes(SHORT.read_bytes())
    pdf_prefetch.start(copy)
    assert len(pdf_prefetch._started) == 1
    copy.write_bytes(LONG.read_bytes())  # another document under the same name
    assert pdf_prefetch.claim(copy) is None
    assert [p.number for p in pdf_pages(copy)] == list(range(1, 38))
    pdf_prefetch._close_all()


def test_no_child_on_request(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(JOBS_VARIABLE, "1")
    pdf_prefetch.start(LONG)
    assert not pdf_prefetch._started


def test_the_pdf_of_a_check_command_line() -> None:
    existing = str(SHORT)
    assert pdf_to_read(["yusuan", "check", existing]) == SHORT
    assert pdf_to_read(["yusuan", "check", "--format", "json", existing, "--units", str(LONG)]) == SHORT
    assert pdf_to_read(["yusuan", "check", "a.txt", "--annotate", existing]) is None  # an option's value
    assert pdf_to_read(["yusuan", "check", "missing.pdf"]) is None
    assert pdf_to_read(["yusuan", "extract", existing, "-o", "data.json"]) == SHORT
    assert pdf_to_read(["yusuan", "build", existing]) is None
    assert pdf_to_read(["yusuan"]) is None


def test_the_command_prints_the_same_report_and_leaves_no_child() -> None:
    probe = (
        "import os, sys\n"
        "from yusuan.__main__ import main\n"
        f"sys.argv = ['yusuan', 'check', {str(LONG)!r}, '--format', 'json']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "try:\n"
        "    os.waitpid(-1, os.WNOHANG)\n"
        "    print('a child is left', file=sys.stderr)\n"
        "except ChildProcessError:\n"
        "    print('no child left', file=sys.stderr)\n"
    )

    def run(**env: str) -> tuple[str, str]:
        done = subprocess.run(
            [sys.executable, "-c", probe],
            env={"PYTHONPATH": str(SRC), **env},
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout, done.stderr.strip().splitlines()[-1]

    alone, alongside = run(YUSUAN_JOBS="1"), run()
    assert '"findings"' in alone[0]
    assert alongside == alone
    assert alongside[1] == "no child left"


def test_stopped_while_loading_says_so_in_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(path: Path) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(pdf_prefetch, "start", interrupted)
    monkeypatch.setattr(sys, "argv", ["yusuan", "check", str(SHORT)])
    for module, name in ((gc, "set_threshold"), (signal, "signal"), (atexit, "register")):  # the command's own
        monkeypatch.setattr(module, name, lambda *args: None)
    monkeypatch.setattr(os, "environ", {**os.environ})
    with pytest.raises(SystemExit) as stopped:
        main()
    assert stopped.value.code == 130
    assert capsys.readouterr().err == "已中断，未写入任何文件。\n"


def test_the_count_of_pages_laid_out_includes_those_a_full_pipe_holds_back(
    monkeypatch: pytest.MonkeyPatch, in_turn: list[tuple[int | None, int, str]]
) -> None:
    def counted_not_sent(path: Path, data_fd: int, control_fd: int, progress: mmap.mmap, deadline: float) -> None:
        pdf_prefetch._COUNT.pack_into(progress, 0, 30)  # says it read 30 pages and sends none

    monkeypatch.setattr(pdf_prefetch, "_read_in_turn", counted_not_sent)
    claimed = _claimed(monkeypatch)
    pdf_prefetch.start(LONG)
    started = next(iter(pdf_prefetch._started.values()))
    deadline = time.monotonic() + 10
    while started.laid_out() < 30 and time.monotonic() < deadline:  # until the child has counted
        time.sleep(0.01)
    assert started.laid_out() == 30
    assert _lines(LONG) == in_turn  # the pages it did not send are read after all
    assert len(claimed) == 1


def test_a_batch_worker_reads_its_next_file_ahead_and_drops_a_read_ahead_not_needed(tmp_path: Path) -> None:
    other = tmp_path / "other.pdf"
    other.write_bytes(SHORT.read_bytes())
    pdf_prefetch.read_ahead(LONG)
    pdf_prefetch.read_ahead(other, keep=[LONG])  # checking LONG now, `other` next: both children run
    assert len(pdf_prefetch._started) == 2
    first_child = pdf_prefetch._started[pdf_prefetch._identity(LONG)]  # type: ignore[index]
    pdf_prefetch.read_ahead(SHORT, keep=[other])  # LONG was never checked: its child is stopped
    assert first_child._closed
    assert set(pdf_prefetch._started) == {pdf_prefetch._identity(other), pdf_prefetch._identity(SHORT)}
    lines = [(line.page, line.text) for line in pdf_lines(other)]
    assert len(pdf_prefetch._started) == 1  # `other`'s child claimed
    pdf_prefetch._close_all()
    assert lines == [(line.page, line.text) for line in pdf_lines(SHORT)]


def test_a_check_whose_pages_the_child_read_whole_never_imports_pymupdf() -> None:
    probe = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from yusuan.extract import pdf_prefetch\n"
        "from yusuan.extract.pdf import pdf_pages\n"
        f"path = Path({str(SHORT)!r})\n"
        "pdf_prefetch.start(path)\n"
        "child = next(iter(pdf_prefetch._started.values()))\n"
        "end = time.monotonic() + 60\n"
        "while (child.page_count(end) is None or child.laid_out() < child.count) and time.monotonic() < end:\n"
        "    time.sleep(0.01)\n"
        "pages = pdf_pages(path)\n"
        "print(len(pages), 'pymupdf' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], env={"PYTHONPATH": str(SRC)}, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["25", "False"]


def test_a_file_the_child_cannot_open_is_refused_as_without_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(SHORT.read_bytes()[: len(SHORT.read_bytes()) // 3])
    not_a_pdf = tmp_path / "text.pdf"
    not_a_pdf.write_text("预算", encoding="utf-8")
    for path in (truncated, not_a_pdf):
        monkeypatch.setenv(JOBS_VARIABLE, "1")
        with pytest.raises(InputError) as alone:
            pdf_pages(path)
        monkeypatch.delenv(JOBS_VARIABLE)
        pdf_prefetch.start(path)
        assert pdf_prefetch._started
        with pytest.raises(InputError) as alongside:
            pdf_pages(path)
        assert str(alongside.value) == str(alone.value)
        assert not pdf_prefetch._started  # claimed and stopped


def test_the_page_limit_the_reader_is_given_holds_for_pages_the_child_reads() -> None:
    pdf_prefetch.start(LONG)
    with pytest.raises(InputError, match="PDF 共 37 页，超过 10 页的上限"):
        pdf_pages(LONG, max_pages=10)
    assert not pdf_prefetch._started


@pytest.mark.parametrize(("threshold", "imported"), [(0, "True"), (10**12, "False")])
def test_pymupdf_is_imported_before_the_fork_only_for_a_large_file(threshold: int, imported: str) -> None:
    probe = (
        "import sys\n"
        "from pathlib import Path\n"
        "from yusuan.extract import pdf_prefetch\n"
        f"pdf_prefetch.SHARED_IMPORT_BYTES = {threshold}\n"
        f"pdf_prefetch.start(Path({str(SHORT)!r}))\n"
        "print(len(pdf_prefetch._started), 'pymupdf' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], env={"PYTHONPATH": str(SRC)}, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["1", imported]


def test_a_slow_child_leaves_the_parent_chunks_from_the_end_that_read_as_in_turn(
    monkeypatch: pytest.MonkeyPatch, in_turn: list[tuple[int | None, int, str]]
) -> None:
    real_read_page = pdf_prefetch.read_page

    def slowly(*args: object, **kwargs: object) -> object:
        time.sleep(0.05)
        return real_read_page(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf_prefetch, "read_page", slowly)  # the forked child inherits it
    stops: list[int] = []
    real_stop_at = pdf_prefetch.Prefetch.stop_at

    def stop_at(self: pdf_prefetch.Prefetch, index: int) -> None:
        stops.append(index)
        real_stop_at(self, index)

    monkeypatch.setattr(pdf_prefetch.Prefetch, "stop_at", stop_at)
    pdf_prefetch.start(LONG)
    assert _lines(LONG) == in_turn
    assert len(stops) >= 2 and stops == sorted(stops, reverse=True)  # chunk after chunk, from the end
