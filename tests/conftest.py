"""Shared fixtures: one strict build of the site per test run, started early.

The build takes a while (it draws every figure and renders every page), so as soon as
collection shows that a test needs the site, the build starts in a background process and the
other tests run beside it; the `site` fixture then waits for it.

`make test` runs the suite on every core with pytest-xdist. Its workers share one build: the
controller makes the build's folder before the workers start (they inherit its path in
``DLREF_TEST_SITE``), the first worker that needs the site starts the build, which writes its
exit status next to its log when it ends, and every `site` fixture waits for that file. A plain
``pytest`` run, without workers, does the same in its one process.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FOLDER = "DLREF_TEST_SITE"  # the environment variable that names this run's build folder
BUILD_TIMEOUT = 300  # seconds
# the build, run by a small parent that writes its exit status atomically once it ends
_RUNNER = (
    "import os, subprocess, sys; folder = sys.argv[1]; "
    "log = open(os.path.join(folder, 'build.log'), 'w'); "
    "code = subprocess.call(sys.argv[2:], stdout=log, stderr=subprocess.STDOUT); "
    "open(os.path.join(folder, 'status.part'), 'w').write(str(code)); "
    "os.replace(os.path.join(folder, 'status.part'), os.path.join(folder, 'status'))"
)


def _command(config: Path, site_dir: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)]


def _env() -> dict[str, str]:
    # the figures are drawn in the build's own process: the suite's workers keep the cores busy
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DLREF_FIGURE_PROCESSES": "1"}


def mkdocs_build(config: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` of ``config`` into ``site_dir``."""
    return subprocess.run(
        _command(config, site_dir), cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=BUILD_TIMEOUT
    )


_PROCESS = pytest.StashKey[subprocess.Popen]()


def _is_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


def pytest_configure(config: pytest.Config) -> None:
    if not _is_worker(config):  # the controller, or a run without workers: one folder for the run
        os.environ[FOLDER] = tempfile.mkdtemp(prefix="dlref-site-")


def _needs_site(item: pytest.Item) -> bool:
    return "site" in getattr(item, "fixturenames", ())


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Files with a test that needs the site run last, each file's tests still in their order
    (the blocks of a page share a namespace): the build then has the most time to finish."""
    waiting = {item.path for item in items if _needs_site(item)}
    items.sort(key=lambda item: item.path in waiting)


def pytest_collection_finish(session: pytest.Session) -> None:
    if not any(_needs_site(item) for item in session.items):
        return
    folder = Path(os.environ[FOLDER])
    try:
        (folder / "started").mkdir()  # atomic: only one process of the run starts the build
    except FileExistsError:
        return
    process = subprocess.Popen(
        [sys.executable, "-c", _RUNNER, str(folder), *_command(ROOT / "mkdocs.yml", folder / "site")],
        cwd=ROOT, env=_env(), stdin=subprocess.DEVNULL, start_new_session=True,
    )
    (folder / "pid").write_text(str(process.pid))
    session.config.stash[_PROCESS] = process


def pytest_sessionfinish(session: pytest.Session) -> None:
    folder = Path(os.environ[FOLDER])
    if _is_worker(session.config):  # the other workers may still need the build; the controller ends it
        return
    if (folder / "pid").exists() and not (folder / "status").exists():  # an interrupted run
        try:
            os.killpg(int((folder / "pid").read_text()), signal.SIGKILL)
        except ProcessLookupError:
            pass
    process = session.config.stash.get(_PROCESS, None)
    if process is not None:  # a run without workers started it
        process.wait()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def site() -> Path:
    """The site, built once with ``mkdocs build --strict``; the build must succeed."""
    folder = Path(os.environ[FOLDER])
    status, deadline = folder / "status", time.monotonic() + BUILD_TIMEOUT
    while not status.exists():
        assert (folder / "started").exists(), "the site build was never started"
        assert time.monotonic() < deadline, f"the site build took more than {BUILD_TIMEOUT} s"
        time.sleep(0.2)
    returncode = int(status.read_text())
    assert returncode == 0, (folder / "build.log").read_text(encoding="utf-8")
    return folder / "site"
