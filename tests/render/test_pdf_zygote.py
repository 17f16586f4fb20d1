"""The PDF zygote (`pdf_zygote`): the same PDF as this process makes, and the PDF made here when it fails or dies."""

from __future__ import annotations

import importlib
import os
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from yusuan.model import Disclosure
from yusuan.render import pdf, pdf_zygote

pytestmark = pytest.mark.skipif(not pdf_zygote.can_start(), reason="no fork, one CPU or threads running")


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _gone(pid: int) -> bool:
    """The process has ended (a zombie waiting for its new parent counts); waits up to 5 s for the kernel."""
    for _ in range(100):
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return True
        if state == "Z":
            return True
        time.sleep(0.05)
    return False


def _reaped(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


@pytest.fixture(scope="module")
def here(example_pdf: bytes) -> bytes:
    """The example's PDF made in this process (charts drawn by a chart child, one process typesetting)."""
    return example_pdf


@pytest.fixture
def by_zygote(monkeypatch: pytest.MonkeyPatch) -> list[bytes | None]:
    """What `Zygote.render` returned (None: it failed), so that a PDF the caller made in its stead is told apart."""
    made: list[bytes | None] = []
    render = pdf_zygote.Zygote.render

    def recorded(self: pdf_zygote.Zygote, *args: Any, **kwargs: Any) -> bytes | None:
        made.append(render(self, *args, **kwargs))
        return made[-1]

    monkeypatch.setattr(pdf_zygote.Zygote, "render", recorded)
    return made


def test_zygote_makes_the_same_pdf(example_disclosure: Disclosure, here: bytes, by_zygote: list[bytes | None]) -> None:
    with pdf_zygote.running(True) as zygote:
        assert zygote is not None and pdf_zygote.waiting()
        made = pdf.render_pdf(example_disclosure)
        assert not pdf_zygote.waiting()  # taken by the PDF
    assert by_zygote == [here]
    assert made == here
    assert _reaped(zygote.pid)


def test_zygote_given_the_charts_makes_the_same_pdf(
    example_disclosure: Disclosure, here: bytes, by_zygote: list[bytes | None]
) -> None:
    """Another output needs charts too: one chart child draws them all and the zygote only typesets."""
    from yusuan.render.chart_job import ChartJob

    with pdf_zygote.running(True, draws=False) as zygote:
        assert zygote is not None and pdf_zygote.waiting() and not pdf_zygote.draws_charts()
        job = ChartJob(example_disclosure, svg=True, png=False, outlined=True)
        made = pdf.render_pdf(example_disclosure, charts=job)
        job.close()
    assert by_zygote == [here]
    assert made == here
    assert _reaped(zygote.pid)


def test_not_started_when_one_process_is_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YUSUAN_JOBS", "1")
    with pdf_zygote.running(True) as zygote:
        assert zygote is None and not pdf_zygote.waiting()
    with pdf_zygote.running(False) as zygote:
        assert zygote is None


def test_pdf_made_here_when_no_process_can_be_forked(
    example_disclosure: Disclosure, here: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_fork() -> int:
        raise BlockingIOError("Resource temporarily unavailable")

    with monkeypatch.context() as patch:
        patch.setattr(os, "fork", no_fork)
        with pdf_zygote.running(True) as zygote:
            assert zygote is None and not pdf_zygote.waiting()
            assert pdf.render_pdf(example_disclosure) == here  # no fork anywhere: all of it in this process


def test_pdf_made_here_when_the_zygote_was_killed(
    example_disclosure: Disclosure, here: bytes, by_zygote: list[bytes | None]
) -> None:
    with pdf_zygote.running(True) as zygote:
        assert zygote is not None
        os.kill(zygote.pid, signal.SIGKILL)
        made = pdf.render_pdf(example_disclosure)
    assert by_zygote == [None]  # it failed: the PDF was made here
    assert made == here
    assert _reaped(zygote.pid)


def _failing_in_a_child(function: Callable[..., object], message: str) -> Callable[..., object]:
    """`function` as it is in this process, raising `message` in any process forked from it."""
    this = os.getpid()

    def failing(*args: object, **kwargs: object) -> object:
        if os.getpid() != this:
            raise RuntimeError(message)
        return function(*args, **kwargs)

    return failing


@pytest.mark.parametrize(
    ("module", "name", "message"),
    [
        ("yusuan.render.pdf", "typeset_page", "typesetting failed in the zygote"),
        ("yusuan.render.charts", "draw_charts", "drawing failed in the drawer"),
    ],
)
def test_pdf_made_here_when_the_zygote_or_its_drawer_fails(
    example_disclosure: Disclosure,
    here: bytes,
    by_zygote: list[bytes | None],
    monkeypatch: pytest.MonkeyPatch,
    module: str,
    name: str,
    message: str,
) -> None:
    owner = importlib.import_module(module)
    monkeypatch.setattr(owner, name, _failing_in_a_child(getattr(owner, name), message))
    with pdf_zygote.running(True) as zygote:
        assert zygote is not None
        made = pdf.render_pdf(example_disclosure)
    assert by_zygote == [None]  # it failed: the PDF was made here
    assert made == here
    assert _reaped(zygote.pid)


def test_a_build_stopped_early_leaves_no_process() -> None:
    with pytest.raises(KeyboardInterrupt), pdf_zygote.running(True) as zygote:
        assert zygote is not None
        time.sleep(0.3)  # the zygote has forked its chart drawer
        family = _children(zygote.pid)
        assert family  # the drawer
        raise KeyboardInterrupt
    assert _reaped(zygote.pid)
    assert all(_gone(pid) for pid in family)
