"""Shared fixtures: one strict build of the site per test session, started early.

The build takes a while (it draws every figure and renders every page), so as soon as
collection shows that a test needs the site, the build starts in a background process and the
other tests run beside it; the `site` fixture then waits for it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_build: dict[str, object] = {}


def _command(config: Path, site_dir: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)]


def _env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def mkdocs_build(config: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` of ``config`` into ``site_dir``."""
    return subprocess.run(
        _command(config, site_dir), cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=300
    )


def pytest_collection_finish(session: pytest.Session) -> None:
    if any("site" in getattr(item, "fixturenames", ()) for item in session.items):
        folder = Path(tempfile.mkdtemp(prefix="dlref-site-"))
        _build["dir"] = folder / "site"
        _build["log"] = open(folder / "build.log", "w+", encoding="utf-8")  # noqa: SIM115
        _build["process"] = subprocess.Popen(
            _command(ROOT / "mkdocs.yml", _build["dir"]),
            cwd=ROOT, env=_env(), stdout=_build["log"], stderr=subprocess.STDOUT, text=True,
        )


def pytest_sessionfinish(session: pytest.Session) -> None:
    process = _build.get("process")
    if isinstance(process, subprocess.Popen):
        if process.poll() is None:
            process.kill()
        process.wait()
        _build["log"].close()  # type: ignore[union-attr]


@pytest.fixture(scope="session")
def site() -> Path:
    """The site, built once with ``mkdocs build --strict``; the build must succeed."""
    process = _build["process"]
    assert isinstance(process, subprocess.Popen)
    returncode = process.wait(timeout=300)
    log = _build["log"]
    log.seek(0)  # type: ignore[union-attr]
    assert returncode == 0, log.read()  # type: ignore[union-attr]
    return _build["dir"]  # type: ignore[return-value]
