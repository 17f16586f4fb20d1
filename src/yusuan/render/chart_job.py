"""Draw the charts in the background while the other outputs are rendered.

Importing matplotlib and drawing four charts costs about half a second; so
does loading openpyxl and WeasyPrint.  A build starts a `ChartJob` first: on
platforms that fork, and in a process with no other threads, the charts are
drawn in a forked child while this process renders the workbook or loads
WeasyPrint; `result()` collects them.  Anywhere else (a server with
threads, no fork) the charts are drawn in-process when first asked for.  If
the child fails for any reason the charts are drawn again here, so a real
error surfaces with its own traceback.

The child never outlives the build: `close()` ends it when the build stops
early, it is a daemon (ended when the interpreter exits), and on Linux the
kernel kills it when its parent dies, even by SIGKILL (`PR_SET_PDEATHSIG`).
"""

from __future__ import annotations

import threading
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING

from yusuan.children import die_with_parent
from yusuan.model import Disclosure

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

    from yusuan.render.charts import Chart


class ChartJob:
    """Charts being drawn for one disclosure, in SVG and/or PNG."""

    def __init__(
        self,
        disclosure: Disclosure,
        *,
        svg: bool = True,
        png: bool = True,
        outlined: bool = False,
        background: bool = True,
    ) -> None:
        self.disclosure = disclosure
        self.svg = svg
        self.png = png
        self.outlined = outlined
        self._charts: list[Chart] | None = None
        self._receiver: Connection | None = None
        self._child: BaseProcess | None = None
        if background and _can_fork():
            self._start_child()

    def _start_child(self) -> None:
        import multiprocessing
        import os

        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(target=self._draw_into, args=(sender, receiver, os.getpid()), daemon=True)
        try:
            child.start()
        except OSError:  # no process to be had (a process limit): `result` draws them here
            receiver.close()
            return
        finally:
            sender.close()
        self._receiver, self._child = receiver, child

    def _draw(self) -> list[Chart]:
        from yusuan.render.charts import charts_for

        return charts_for(self.disclosure, svg=self.svg, png=self.png, outlined=self.outlined)

    def _draw_into(self, sender: Connection, receiver: Connection, parent: int) -> None:
        """In the child: draw and send the charts back, or None when anything goes wrong."""
        receiver.close()  # else a send could wait forever on a pipe the parent has given up reading
        die_with_parent(parent)
        try:
            result: list[Chart] | None = self._draw()
        except Exception:
            result = None
        try:
            sender.send(result)
        except Exception:
            sender.send(None)
        finally:
            sender.close()

    def result(self) -> list[Chart]:
        """The charts (waits for the child, or draws them here)."""
        if self._charts is None:
            received = self._collect()
            self._charts = received if received is not None else self._draw()
        return self._charts

    def _collect(self) -> list[Chart] | None:
        if self._receiver is None or self._child is None:
            return None
        try:
            received: list[Chart] | None = self._receiver.recv()
        except (EOFError, OSError):
            received = None
        except BaseException:  # interrupted (Ctrl-C, SIGTERM): the charts are not wanted any more
            self._child.kill()
            raise
        finally:
            self._receiver.close()
            self._child.join()
            self._receiver = self._child = None
        return received

    def close(self) -> None:
        """End the child if it still runs (the build stopped before collecting the charts)."""
        child, receiver = self._child, self._receiver
        self._child = self._receiver = None
        if receiver is not None:
            receiver.close()
        if child is not None:
            if child.is_alive():
                child.kill()
            child.join(timeout=5)


def _can_fork() -> bool:
    import multiprocessing

    return threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()
