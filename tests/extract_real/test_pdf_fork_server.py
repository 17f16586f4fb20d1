"""A batch worker's read-ahead children come from its small fork server, read exactly as in turn, and end with it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.extract_real.forking import CAN_FORK, LONG, SHORT, SRC
from yusuan.children import JOBS_VARIABLE
from yusuan.extract import pdf_fork_server, pdf_prefetch
from yusuan.extract.pdf import pdf_lines

pytestmark = pytest.mark.skipif(not CAN_FORK, reason="the server forks (Linux, two processors)")


def _children(pid: int) -> set[int]:
    return {int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}


def _gone(pid: int, seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return True
        if state == "Z":  # ended, not yet reaped by its parent
            return True
        time.sleep(0.02)
    return False


def _lines(path: Path) -> list[tuple[int | None, int, str]]:
    return [(line.page, line.line_no, line.text) for line in pdf_lines(path)]


@pytest.fixture
def server() -> Iterator[pdf_fork_server.ForkServer]:
    pdf_fork_server.start_server()
    started = pdf_fork_server.server()
    assert started is not None
    yield started
    pdf_prefetch._close_all()
    started.close()
    assert pdf_fork_server.server() is None


def test_the_read_ahead_child_is_the_servers_and_reads_as_in_turn(
    server: pdf_fork_server.ForkServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(JOBS_VARIABLE, "1")
    in_turn = _lines(LONG)
    monkeypatch.delenv(JOBS_VARIABLE)
    before = _children(os.getpid())
    pdf_prefetch.read_ahead(LONG)
    assert len(pdf_prefetch._started) == 1
    assert len(_children(server.pid)) == 1  # forked by the server …
    assert _children(os.getpid()) == before  # … not by this process
    assert _lines(LONG) == in_turn  # claimed and read alongside: the same pages
    assert not pdf_prefetch._started
    deadline = time.monotonic() + 5
    while _children(server.pid) and time.monotonic() < deadline:  # the server reaps the child it was asked to end
        time.sleep(0.02)
    assert not _children(server.pid)


def test_a_read_ahead_not_needed_is_ended_by_the_server(server: pdf_fork_server.ForkServer) -> None:
    pdf_prefetch.read_ahead(LONG)
    (child,) = _children(server.pid)
    pdf_prefetch.read_ahead(SHORT)  # LONG was never checked: its child is stopped
    assert _gone(child)
    assert len(pdf_prefetch._started) == 1


def test_a_dead_server_means_the_children_are_forked_here(server: pdf_fork_server.ForkServer) -> None:
    os.kill(server.pid, signal.SIGKILL)
    assert _gone(server.pid)
    before = _children(os.getpid())
    pdf_prefetch.read_ahead(SHORT)
    assert pdf_fork_server.server() is None  # it answered nothing: dropped
    assert len(pdf_prefetch._started) == 1
    assert len(_children(os.getpid()) - before) == 1
    assert [line.text for line in pdf_lines(SHORT)]


def test_the_server_and_its_children_die_with_the_worker() -> None:
    probe = (
        "import os, sys, time\n"
        "from pathlib import Path\n"
        "from yusuan.extract import pdf_fork_server, pdf_prefetch\n"
        "pdf_fork_server.start_server()\n"
        f"pdf_prefetch.read_ahead(Path({str(LONG)!r}))\n"
        "server = pdf_fork_server.server()\n"
        "children = open(f'/proc/{server.pid}/task/{server.pid}/children').read().split()\n"
        "print(server.pid, *children, flush=True)\n"
        "os.kill(os.getpid(), 9)\n"  # killed, as the pool kills a worker past its time limit
    )
    run = subprocess.run(
        [sys.executable, "-c", probe],
        env={**os.environ, "PYTHONPATH": str(SRC)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,  # it kills itself
    )
    pids = [int(pid) for pid in run.stdout.split()]
    assert len(pids) == 2, run.stderr  # the server and the child reading ahead
    assert all(_gone(pid) for pid in pids)


def test_no_server_on_request(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(JOBS_VARIABLE, "1")
    pdf_fork_server.start_server()
    assert pdf_fork_server.server() is None


def test_a_request_cut_short_is_answered_with_no_child_and_the_server_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_fork_server, "_MESSAGE_BYTES", 16)  # the server reads its requests 16 bytes at a time
    pdf_fork_server.start_server()
    server = pdf_fork_server.server()
    assert server is not None
    try:
        descriptors = [*os.pipe(), os.memfd_create("test")]
        assert server.read(LONG, *descriptors) is None  # "read\0/…/hz-gaj-2026.pdf" is longer: never a child
        assert pdf_fork_server.server() is server and not _children(server.pid)
        for fd in descriptors:
            os.close(fd)
        monkeypatch.chdir(LONG.parent)
        pdf_prefetch.read_ahead(Path(LONG.name))  # "read\0hz-gaj-2026.pdf": 20 bytes, still too long for 16
        assert len(pdf_prefetch._started) == 1  # forked here instead
    finally:
        pdf_prefetch._close_all()
        server.close()
