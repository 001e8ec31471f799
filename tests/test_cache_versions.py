"""The figure and run caches keep the latest versions of the sources, not every version ever built."""

from __future__ import annotations

import os

import stored_runs


def test_a_new_version_of_the_sources_deletes_all_but_the_latest_versions(tmp_path, monkeypatch):
    for age, key in enumerate(["d", "c", "b", "a"]):  # "a" the oldest
        (tmp_path / key).mkdir()
        (tmp_path / key / "figure.svg").write_text(key)
        os.utime(tmp_path / key, (1_000_000 - age * 1000,) * 2)
    monkeypatch.setattr(stored_runs, "sources_key", lambda: "new")

    folder = stored_runs.version_folder(tmp_path, keep=3)

    assert folder == tmp_path / "new" and folder.is_dir()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c", "d", "new"]
    assert (tmp_path / "d" / "figure.svg").read_text() == "d"


def test_the_current_version_is_reused_and_deletes_nothing(tmp_path, monkeypatch):
    for key in ["x", "y", "z", "now"]:
        (tmp_path / key).mkdir()
    (tmp_path / "now" / "run.pickle").write_bytes(b"kept")
    monkeypatch.setattr(stored_runs, "sources_key", lambda: "now")

    assert stored_runs.version_folder(tmp_path, keep=2) == tmp_path / "now"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["now", "x", "y", "z"]
    assert (tmp_path / "now" / "run.pickle").read_bytes() == b"kept"
