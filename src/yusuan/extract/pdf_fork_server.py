"""A small process a batch worker forks before its imports, which forks the worker's read-ahead children.

A batch worker reads its next PDF ahead in a forked child (`pdf_prefetch.read_ahead`).  Forked from the
worker itself, each child shared the worker's whole heap (180 MB after a few documents): while it lived,
every page of memory the worker wrote (Python writes reference counts everywhere) was copied first, and
the child copied what it touched in turn.  A one-worker batch of the corpus's 78 files (2026-12-07): the
worker's and its children's page faults 864,000 → 304,000 with this server, their system time 6.3 → 3.0 s,
the batch's wall time (median of 4 alternating runs) 37.1 → 33.5 s.  So a worker that reads ahead forks
this server once, when it has imported no more than the page reader and PyMuPDF (≈ 50 MB, shared from then
on with nobody who writes it), and asks it for each child: the server forks the child from its own small,
idle memory, on the pipes and the shared counter the worker made (sent over a Unix socket), and tells it
the child's pid.  The server, not the worker, is the child's parent: the worker asks it to stop one
(`end`), and the server kills and reaps it.  A server that has died only means the worker forks its
children itself again.

Each process of the chain dies with its parent (`children.die_with_parent`): a worker killed for its time
limit takes its server and the server's children with it (they also share its process group).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import socket
import struct
import time
from pathlib import Path
from typing import NoReturn

from yusuan.children import detach_streams, die_with_parent, end_child, keep_only_descriptors, may_fork

_PID = struct.Struct("=i")  # the server's answer to a request to read: the child's pid, or 0 when it could not fork
_MESSAGE_BYTES = 8192  # a request: "read\0PATH" with three descriptors (a path: ≤ 4,096 bytes), or "end\0PID"


class ForkServer:
    """The worker's end of the server: ask it for a child reading a PDF (`read`), and to stop one (`end`)."""

    def __init__(self, pid: int, channel: socket.socket) -> None:
        self.pid = pid
        self.channel = channel

    def read(self, path: Path, data_fd: int, control_fd: int, progress_fd: int) -> int | None:
        """Have a child read `path` (`pdf_prefetch`'s child, on these descriptors); its pid, None if it could not."""
        try:
            socket.send_fds(self.channel, [b"read\0" + os.fsencode(path)], [data_fd, control_fd, progress_fd])
            answer = self.channel.recv(_PID.size, socket.MSG_WAITALL)
        except OSError:
            answer = b""
        if len(answer) != _PID.size:
            self.close()
            return None
        pid: int = _PID.unpack(answer)[0]
        return pid or None

    def end(self, pid: int) -> None:
        """Ask the server to stop its child `pid` (if still running) and reap it."""
        with contextlib.suppress(OSError):
            self.channel.sendall(b"end\0" + str(pid).encode())

    def close(self) -> None:
        """End the server (and any child it still has); the worker forks its children itself from now on.

        The server is given `END_SECONDS` to stop and reap its children and end by itself, so that their
        processor time adds up to the worker's (`RUSAGE_CHILDREN`, what a benchmark of the batch counts);
        then it is killed."""
        if self in _running:
            _running.remove(self)
        with contextlib.suppress(OSError):
            self.channel.close()  # the server's end of it reads the end: it stops its children and ends
        deadline = time.monotonic() + END_SECONDS
        with contextlib.suppress(ChildProcessError):
            while os.waitpid(self.pid, os.WNOHANG) == (0, 0):
                if time.monotonic() >= deadline:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(self.pid, signal.SIGKILL)
                    os.waitpid(self.pid, 0)
                    break
                time.sleep(0.002)


END_SECONDS = 1.0
_running: list[ForkServer] = []  # the one this process started, while it is there


def server() -> ForkServer | None:
    """The server this process started (`start_server`), if it is still there."""
    return _running[0] if _running else None


def start_server() -> None:
    """Fork the server now, where forking pays (`children.may_fork`); call it before the heavy imports."""
    if _running or not may_fork():
        return
    import importlib

    importlib.import_module("pymupdf")  # once, in the small process: every child shares it
    importlib.import_module("yusuan.extract.pdf_prefetch")  # the child's code, imported before the fork as well

    try:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    except OSError:
        return
    parent = os.getpid()
    try:
        pid = os.fork()
    except OSError:
        ours.close()
        theirs.close()
        return
    if pid == 0:  # the server: never returns
        ours.close()
        _serve(theirs, parent)
    theirs.close()
    _running.append(ForkServer(pid, ours))
    atexit.register(_close)  # before `pdf_prefetch`'s own handler (they run last first): the children end with it


def _close() -> None:
    if _running:
        _running[0].close()


def _serve(channel: socket.socket, parent: int) -> NoReturn:
    children: set[int] = set()
    try:
        die_with_parent(parent)
        keep_only_descriptors(channel.fileno())  # the worker's pipe to its pool closes when the worker dies
        detach_streams()
        import gc

        gc.freeze()  # what the imports made stays untouched by the collector in every child
        while _answer(channel, children):
            pass
    except BaseException:  # the worker forks its children itself from now on
        pass
    finally:
        for pid in children:
            end_child(pid)
        os._exit(0)


def _answer(channel: socket.socket, children: set[int]) -> bytes:
    """Read one request and do it; the request (empty once the worker has gone)."""
    message, fds, flags, _address = socket.recv_fds(channel, _MESSAGE_BYTES, 3)
    kind, _, argument = message.partition(b"\0")
    if kind == b"read":
        whole = len(fds) == 3 and not flags & socket.MSG_TRUNC  # a path cut short names another file
        pid = _fork_child(channel, Path(os.fsdecode(argument)), fds) if whole else 0
        if pid:
            children.add(pid)
        channel.sendall(_PID.pack(pid))  # 0: no child
    elif kind == b"end" and argument.isdigit() and int(argument) in children:
        children.discard(pid := int(argument))
        end_child(pid)
    for fd in fds:  # those a child was forked on are its own now
        os.close(fd)
    return message


def _fork_child(channel: socket.socket, path: Path, fds: list[int]) -> int:
    """Fork `pdf_prefetch`'s child reading `path` on the worker's descriptors; its pid, 0 if it could not."""
    from yusuan.extract.pdf_prefetch import child_on  # imported before the server was forked

    server_pid = os.getpid()
    try:
        pid = os.fork()
    except OSError:
        return 0
    if pid == 0:  # the child: never returns
        channel.close()
        die_with_parent(server_pid)
        child_on(path, *fds)
    return pid
