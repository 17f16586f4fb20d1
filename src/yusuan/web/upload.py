"""An uploaded publication: refused at the door when it is too big or not a disclosure, else checked in a worker.

A file sent to the web app is untrusted.  Its type is judged by its name and
its first bytes (a `.pdf` must begin `%PDF`, a `.docx`/`.xlsx` is a zip), its
size is counted while it is read (the upload stops at WEB_UPLOAD_BYTES), and
it is saved under a plain name in a fresh temporary folder.  The check runs
as a batch job (`batch.job.check_job`) in a worker process with the batch's
time and memory limits, started off the request's event loop; a file that
cannot be used comes back as the same one-line Chinese reason `yusuan check`
prints, with the temporary folder taken out of it.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from yusuan.batch.discover import DISCLOSURE_SUFFIXES
from yusuan.lazy_pattern import lazy_compile
from yusuan.limits import BATCH_JOB_SECONDS, BATCH_WORKER_MEMORY_MB, WEB_UPLOAD_BYTES, WEB_UPLOAD_FILES
from yusuan.store.records import PublicationRecord

CHUNK = 1 << 20
_UNSAFE = lazy_compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]")


class Refused(Exception):
    """The upload is not checked; the message is one Chinese line for the person who sent it."""


class Incoming(Protocol):
    """What an uploaded file offers (starlette's UploadFile)."""

    filename: str | None

    async def read(self, size: int = -1) -> bytes: ...


@dataclass(frozen=True)
class Saved:
    folder: Path
    paths: tuple[Path, ...]


def _safe_name(name: str | None, number: int) -> str:
    base = _UNSAFE.sub("_", Path(name or "").name).strip(" .")
    suffix = Path(base).suffix.lower()
    stem = Path(base).stem[:80] or f"文件{number}"
    return f"{stem}{suffix}"


def _type_matches(suffix: str, head: bytes) -> bool:
    if suffix == ".pdf":
        return head.startswith(b"%PDF")
    if suffix in (".docx", ".xlsx"):
        return head.startswith(b"PK\x03\x04")
    return b"\x00" not in head  # text or HTML: no NUL bytes (a binary file renamed .txt is refused)


async def save_uploads(files: list[Incoming], folder: Path) -> Saved:
    """Each file written into `folder` under a safe name; Refused for a wrong type, too many files or too many bytes."""
    files = [f for f in files if f.filename]
    if not files:
        raise Refused("请选择要检查的文件")
    if len(files) > WEB_UPLOAD_FILES:
        raise Refused(f"一次最多上传 {WEB_UPLOAD_FILES} 个文件（一份公开文件）")
    total = 0
    paths: list[Path] = []
    for number, incoming in enumerate(files, 1):
        name = _safe_name(incoming.filename, number)
        suffix = Path(name).suffix
        if suffix not in DISCLOSURE_SUFFIXES:
            shown = "、".join(s.lstrip(".").upper() for s in DISCLOSURE_SUFFIXES if s != ".htm")
            raise Refused(f"{name}：不支持这种文件；请上传 {shown} 文件")
        target = folder / name
        if target.exists():
            target = folder / f"{number}-{name}"
        with target.open("wb") as out:
            first = True
            while chunk := await incoming.read(CHUNK):
                if first and not _type_matches(suffix, chunk[:1024]):
                    raise Refused(
                        f"{name}：文件内容与扩展名 {suffix} 不符（不是真正的 {suffix.lstrip('.').upper()} 文件）"
                    )
                first = False
                total += len(chunk)
                if total > WEB_UPLOAD_BYTES:
                    raise Refused(f"文件过大：上限为 {WEB_UPLOAD_BYTES // 1024 // 1024} MB")
                out.write(chunk)
        if target.stat().st_size == 0:
            raise Refused(f"{name}：文件是空的")
        paths.append(target)
    return Saved(folder, tuple(paths))


def check_saved(saved: Saved) -> list[PublicationRecord]:
    """Check the saved files as one batch job in a worker process (blocking: call it off the event loop)."""
    from yusuan.batch.pool import Limits, WorkerPool

    limits = Limits(BATCH_JOB_SECONDS, BATCH_WORKER_MEMORY_MB * 1024 * 1024)
    job = tuple(str(p) for p in saved.paths)
    records: list[PublicationRecord] = []
    for _job, result in WorkerPool(1, limits).run([job]):
        records.extend(result)
    return records


def plain_reason(reason: str | None, folder: Path) -> str:
    """The reason as the sender reads it: file names without the temporary folder they were saved in."""
    text = reason or "无法检查"
    for prefix in (str(folder.resolve()) + "/", str(folder) + "/"):
        text = text.replace(prefix, "")
    return " ".join(text.split())


def upload_folder() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix="yusuan-upload-")
