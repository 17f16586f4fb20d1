"""The template data cache: a hit gives exactly what parsing gives; anything wrong with it means parse again."""

from __future__ import annotations

import marshal
from pathlib import Path

import pytest
import yaml

from yusuan.extract import template_data
from yusuan.extract.detect import template_ids
from yusuan.extract.template_data import load_template_data, template_files


@pytest.fixture
def cache_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(template_data, "_cache_path", lambda folder, stem: tmp_path / "cache" / f"{stem}.m")
    return tmp_path / "cache"


def _parsed(template_id: str) -> object:
    return yaml.safe_load((template_files() / f"{template_id}.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("template_id", template_ids())
def test_a_cache_hit_is_the_parsed_yaml(cache_in: Path, template_id: str) -> None:
    first = load_template_data(template_id)
    assert (cache_in / f"{template_id}.m").is_file()
    second = load_template_data(template_id)
    assert first == second == _parsed(template_id)


def test_a_stale_or_corrupt_cache_is_parsed_again(cache_in: Path) -> None:
    template_id = template_ids()[0]
    load_template_data(template_id)
    cache = cache_in / f"{template_id}.m"
    key, _ = marshal.loads(cache.read_bytes())
    cache.write_bytes(marshal.dumps(((0, *key[1:]), {"id": "stale"})))  # another cache format
    assert load_template_data(template_id) == _parsed(template_id)
    cache.write_bytes(b"\x00garbage")
    assert load_template_data(template_id) == _parsed(template_id)
    assert marshal.loads(cache.read_bytes())[0] == key  # rewritten


def test_an_unwritable_cache_folder_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setattr(template_data, "_cache_path", lambda folder, stem: blocker / "cache" / "x.m")
    template_id = template_ids()[0]
    assert load_template_data(template_id) == _parsed(template_id)
    assert list(tmp_path.iterdir()) == [blocker]


def test_an_unknown_template_is_file_not_found() -> None:
    with pytest.raises(FileNotFoundError):
        load_template_data("no-such-template")


@pytest.mark.parametrize("template_id", template_ids())
def test_a_checked_template_from_the_cache_is_the_checked_template(cache_in: Path, template_id: str) -> None:
    from yusuan.extract.template import checked_template_data, whole_template_data

    first = checked_template_data(template_id)
    assert (cache_in / f"{template_id}.checked.m").is_file()
    assert checked_template_data(template_id) == first == whole_template_data(template_id, _parsed(template_id))


def test_a_result_is_made_again_when_an_input_changes_and_an_error_is_not_cached(cache_in: Path) -> None:
    made: list[int] = []

    def make() -> dict[str, int]:
        made.append(1)
        return {"n": len(made)}

    folder = template_files()
    assert template_data.cached_result(folder, "r", [b"a", b"b"], make) == {"n": 1}
    assert template_data.cached_result(folder, "r", [b"a", b"b"], make) == {"n": 1}
    assert template_data.cached_result(folder, "r", [b"a", b"c"], make) == {"n": 2}

    def fail() -> dict[str, int]:
        raise ValueError("malformed")

    with pytest.raises(ValueError, match="malformed"):
        template_data.cached_result(folder, "bad", [b"a"], fail)
    assert not (cache_in / "bad.m").exists()
