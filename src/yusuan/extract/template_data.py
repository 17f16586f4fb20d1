"""A template file's parsed YAML, cached next to it the way Python caches bytecode.

Parsing the four template files with PyYAML (and importing it) is about a
tenth of a `yusuan check` run, and every run needs all of them to detect
the template.  So the parsed data is kept in `templates/__pycache__/` as a
`marshal` dump of plain dicts, lists and scalars (the format of `.pyc`
files: fast, and it cannot run code), keyed by a hash of the YAML text.  A
changed template, a cache from another yusuan or Python, a corrupt cache
file or a folder we may not write to all mean: parse the YAML again.
`cached_result` keeps data computed from such files the same way, keyed by
every file and module it is computed from (template.py: a template checked
and merged once, not in every process).
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib
from collections.abc import Callable, Sequence
from contextlib import suppress
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

CACHE_FORMAT = 1  # bump when the cached shape changes
CACHE_FOLDER = "__pycache__"


def template_files() -> Traversable:
    """The folder holding templates/*.yaml."""
    return resources.files("yusuan.extract") / "templates"


def template_ids() -> tuple[str, ...]:
    """The ids of every template shipped with yusuan, sorted."""
    return tuple(sorted(e.name[: -len(".yaml")] for e in template_files().iterdir() if e.name.endswith(".yaml")))


def load_template_data(template_id: str) -> Any:
    """The parsed YAML of templates/<template_id>.yaml; FileNotFoundError if there is none."""
    return load_yaml_data(template_files(), template_id)


def load_yaml_data(folder: Traversable, stem: str) -> Any:
    """The parsed YAML of <folder>/<stem>.yaml (cached as above); FileNotFoundError if there is none."""
    source = (folder / f"{stem}.yaml").read_bytes()
    key = (CACHE_FORMAT, sys.version_info[:2], zlib.crc32(source), len(source))
    cache = _cache_path(folder, stem)
    cached = _read_cache(cache, key) if cache else None
    if cached is not None:
        return cached
    import yaml  # only on a cache miss: importing PyYAML alone costs several milliseconds

    data = yaml.load(source.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if cache:
        _write_cache(cache, key, data)
    return data


def cached_result(folder: Traversable, name: str, inputs: Sequence[bytes], make: Callable[[], Any]) -> Any:
    """`make()` (plain data), cached as <folder>/__pycache__/<name>.marshal keyed by a hash of `inputs`, the bytes
    of everything it is computed from; made again when any of them changes.  What `make` raises is not cached."""
    key = (CACHE_FORMAT, sys.version_info[:2], tuple((zlib.crc32(b), len(b)) for b in inputs))
    cache = _cache_path(folder, name)
    cached = _read_cache(cache, key) if cache else None
    if cached is not None:
        return cached
    data = make()
    if cache:
        _write_cache(cache, key, data)
    return data


def _cache_path(folder: Traversable, stem: str) -> Path | None:
    if not isinstance(folder, Path):  # data inside a zip: nowhere to cache
        return None
    return folder / CACHE_FOLDER / f"{stem}.marshal"


def _read_cache(path: Path, key: tuple[Any, ...]) -> Any:
    try:
        stored_key, data = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return data if stored_key == key else None


def _write_cache(path: Path, key: tuple[Any, ...], data: Any) -> None:
    """Write atomically (a batch may run many processes); any failure just leaves no cache."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(exist_ok=True)
        temporary.write_bytes(marshal.dumps((key, data)))
        os.replace(temporary, path)
    except (OSError, ValueError):
        with suppress(OSError):
            temporary.unlink(missing_ok=True)
