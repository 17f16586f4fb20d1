"""Write output where it was sent, whole or not at all, and say in one line why it could not be.

Three promises, kept here for every command that writes:

* A file name made from a document's text (the unit's name) is a safe slug:
  no path separator, no control character, no leading dot, bounded length.
  The full name stays inside the document.
* A build is all or nothing.  Its files are written into a temporary folder
  beside the target (holding hard links to whatever the target already has),
  and the two folders are exchanged in one `renameat2(RENAME_EXCHANGE)` (a
  rename pair where the system has no exchange).  A failed or killed build
  leaves the previous build; its temporary folder is removed on the way out,
  or by the next build when the process was killed outright.
* A failure to write (the target is a file, a read-only folder, a full disk)
  is an `InputError` naming the path: one line, exit 2; refused before any
  work, it names the option or argument that gave the path.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
import unicodedata
from pathlib import Path

from yusuan.errors import InputError, write_reason
from yusuan.lazy_pattern import lazy_compile
from yusuan.limits import MAX_FILE_NAME_BYTES, MAX_FILE_STEM_CHARS

TEMP_MARK = ".yusuan-"
_UNSAFE = lazy_compile(r'[/\\:*?"<>|]')
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def safe_stem(text: str, limit: int = MAX_FILE_STEM_CHARS) -> str:
    """`text` as one safe file-name part: separators and reserved characters become `_`, control
    characters and line breaks spaces; no leading or trailing dot; at most `limit` characters."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(" " if unicodedata.category(ch)[0] in "CZ" and ch != " " else ch for ch in text)
    text = " ".join(_UNSAFE.sub("_", text).split()).strip(". ")
    text = text[:limit].rstrip(". ")
    while len(text.encode("utf-8")) > MAX_FILE_NAME_BYTES:
        text = text[:-1].rstrip(". ")
    if text.split(".")[0].upper() in _WINDOWS_RESERVED:
        text = f"_{text}"
    return text or "预算公开"


def write_error(path: Path, exc: OSError) -> InputError:
    """An OSError met while writing `path`, as one Chinese line."""
    return InputError(str(path), f"无法写入：{write_reason(exc)}")


def _read_only(folder: Path) -> bool:
    """A folder this process cannot write, or one marked read-only (even for root)."""
    return not os.access(folder, os.W_OK) or not folder.stat().st_mode & stat.S_IWUSR


def existing_above(path: Path) -> Path | None:
    """The nearest path above `path` that exists: a file there (not a folder) blocks every path below it."""
    return next((p for p in path.parents if p.exists()), None)


def check_output_folder(out_dir: Path) -> None:
    """Refuse at once (before any work) an output folder that cannot be written."""
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(str(out_dir), "这是一个文件，不是文件夹；-o 须指向一个输出文件夹")
    if out_dir.is_dir() and _read_only(out_dir):
        raise InputError(str(out_dir), "输出文件夹是只读的，无法写入")
    existing = next((p for p in (out_dir.absolute(), *out_dir.absolute().parents) if p.exists()), None)
    if existing is not None and not existing.is_dir():
        raise InputError(str(existing), "这是一个文件，不是文件夹；无法在其中创建输出文件夹")
    if existing is not None and existing != out_dir.absolute() and _read_only(existing):
        raise InputError(str(existing), "文件夹是只读的，无法在其中创建输出文件夹")


def check_output_file(target: Path, given: str | None = None) -> None:
    """Refuse at once (before any work) an output file that cannot be written.

    `given`: the option or argument that named `target` (`-o`, `--annotate`, `参数 FILE`), which the refusal
    then names with the path given: the person is told about what they typed, not about an option the command
    may not have.  Without it (a file the program names inside an output folder) the folder is spoken of."""
    if given is None:
        if target.is_dir():
            raise InputError(str(target), "这是一个文件夹，不是文件；-o 须给出输出文件名")
        check_output_folder(target.parent if str(target.parent) else Path("."))
        return
    if target.is_dir():
        raise InputError(str(target), f"这是一个文件夹，不是文件；{given} 须给出一个文件名")
    blocking = existing_above(target)
    if blocking is not None and not blocking.is_dir():
        raise InputError(str(blocking), f"这是一个文件，不是文件夹；{given} 给出的 {target} 无法写在它下面")
    if blocking is not None and _read_only(blocking):
        raise InputError(str(blocking), f"文件夹是只读的，无法在其中写入 {given} 给出的 {target}")


def write_file(target: Path, content: bytes) -> Path:
    """Write one file whole: into a temporary file beside it, then renamed over it."""
    check_output_file(target)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name[:40]}{TEMP_MARK}{os.getpid()}-", dir=folder)
    except OSError as exc:
        raise write_error(folder, exc) from exc
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except OSError as exc:
        raise write_error(target, exc) from exc
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return target


def write_build(out_dir: Path, files: dict[str, bytes]) -> dict[str, Path]:
    """Write the named files of one build into `out_dir`, all at once; return each file's path.

    Other files already in `out_dir` stay; files of the same names are replaced.
    """
    for name in files:
        if Path(name).name != name or name.startswith("."):
            raise ValueError(f"not a plain file name: {name!r}")  # a programming error: names come from safe_stem
    check_output_folder(out_dir)
    target = out_dir.resolve() if out_dir.exists() else out_dir.absolute()
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        remove_stale(parent)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name[:40]}{TEMP_MARK}{os.getpid()}-", dir=parent))
    except OSError as exc:
        raise write_error(parent, exc) from exc
    try:
        try:
            if target.exists():
                _link_tree(target, staging)
                os.chmod(staging, stat.S_IMODE(target.stat().st_mode))
            else:
                os.chmod(staging, 0o777 & ~_umask())
            for name, content in files.items():
                path = staging / name
                if path.exists() or path.is_symlink():
                    path.unlink()  # a hard link to the previous build's file: never write through it
                path.write_bytes(content)
                os.chmod(path, 0o666 & ~_umask())
            _swap(staging, target)
        except OSError as exc:
            raise write_error(out_dir, exc) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # after the swap: the previous build
    return {name.rsplit(".", 1)[-1]: out_dir / name for name in files}


def remove_stale(folder: Path) -> None:
    """Remove temporary folders and files left in `folder` by a yusuan process that no longer runs."""
    for entry in folder.iterdir() if folder.is_dir() else ():
        if not entry.name.startswith(".") or TEMP_MARK not in entry.name:
            continue
        pid = entry.name.split(TEMP_MARK, 1)[1].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _link_tree(source: Path, destination: Path) -> None:
    """Hard-link (copy where links are impossible) everything in `source` into `destination`."""
    for entry in source.iterdir():
        if entry.name.startswith(".") and TEMP_MARK in entry.name:
            continue
        copy = destination / entry.name
        if entry.is_dir() and not entry.is_symlink():
            shutil.copytree(entry, copy, symlinks=True, copy_function=_link_or_copy)
        elif entry.is_symlink():
            os.symlink(os.readlink(entry), copy)
        else:
            _link_or_copy(str(entry), str(copy))


def _link_or_copy(source: str, destination: str) -> None:
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


def _swap(staging: Path, target: Path) -> None:
    """Put `staging` at `target` in one step; the previous `target` (if any) ends up at `staging`."""
    if not target.exists():
        os.rename(staging, target)
        return
    if _exchange(staging, target):
        return
    aside = staging.with_name(f"{staging.name}-old")
    os.rename(target, aside)  # no atomic exchange here: two renames, a moment apart
    try:
        os.rename(staging, target)
    except OSError:
        os.rename(aside, target)
        raise
    os.rename(aside, staging)


def _exchange(first: Path, second: Path) -> bool:
    """Exchange two paths atomically (Linux renameat2); False where the system cannot."""
    import ctypes  # only here: `yusuan check` imports this module for `-o` and rarely writes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def _umask() -> int:
    """The process's umask, read without changing it where the system says it (threads may be writing)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
