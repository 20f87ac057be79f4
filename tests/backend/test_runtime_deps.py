"""The backend as an operator installs it: runtime dependencies only, a real process, real HTTP."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.backend.helpers import ORIGIN, POLLS, write_manifest
from tests.servers import free_port, serve_static

REPO = Path(__file__).resolve().parents[2]
START_SECONDS = 60


@pytest.fixture(scope="module")
def runtime_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A virtual environment with `uv sync --no-dev`: what `pyproject.toml` promises to need."""
    uv = shutil.which("uv")
    assert uv is not None, "uv is not on PATH; the runtime environment cannot be made"
    environment = tmp_path_factory.mktemp("runtime") / "venv"
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    made = subprocess.run(
        [uv, "sync", "--no-dev", "--frozen", "--offline", "--quiet"],
        cwd=REPO,
        env={**env, "UV_PROJECT_ENVIRONMENT": str(environment)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert made.returncode == 0, made.stderr
    python = environment / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    dev_only = subprocess.run(
        [str(python), "-c", "import httpx"], capture_output=True, text=True, cwd=REPO
    )
    assert dev_only.returncode != 0, "the runtime environment holds dev dependencies"
    return python


def get(url: str, **headers: str) -> tuple[int, bytes]:
    """GET with the standard library; return the status and body (error statuses too)."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=5) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def post_form(url: str, fields: dict[str, str], **headers: str) -> tuple[int, bytes]:
    """POST a urlencoded form; return the status and body."""
    body = urllib.parse.urlencode(fields).encode()
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=5) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture
def served_backend(runtime_python: Path, tmp_path: Path) -> Iterator[str]:
    """`python -m faces_backend serve` from the runtime environment, manifest over HTTP."""
    site = tmp_path / "site"
    site.mkdir()
    write_manifest(site / "manifest.json", POLLS)
    port = free_port()
    log_path = tmp_path / "server.log"
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("FACES_", "PYTHON"))}
    with serve_static(site, free_port()) as site_url, open(log_path, "wb") as log:
        process = subprocess.Popen(
            [str(runtime_python), "-m", "faces_backend", "serve", "--port", str(port)],
            cwd=REPO,
            env={
                **clean,
                "FACES_DB": str(tmp_path / "polls.sqlite3"),
                "FACES_MANIFEST": f"{site_url}manifest.json",
                "FACES_ALLOWED_ORIGINS": ORIGIN,
                "FACES_SECRET": "runtime-test-secret-" + "x" * 32,
            },
            stdout=log,
            stderr=log,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_for_health(process, base, log_path)
            yield base
        finally:
            process.terminate()
            process.wait(timeout=30)


def wait_for_health(process: subprocess.Popen[bytes], base: str, log_path: Path) -> None:
    """Return once /health answers; fail with the server's log if it exits or never answers."""
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the backend exited with {process.returncode}:\n{log_path.read_text()}")
        try:
            if get(f"{base}/health")[0] == 200:
                return
        except OSError:
            time.sleep(0.05)  # not started yet: ask again until the deadline
    pytest.fail(f"the backend did not answer /health in {START_SECONDS} s:\n{log_path.read_text()}")


def test_backend_runs_with_runtime_dependencies_only(served_backend: str) -> None:
    status, body = get(f"{served_backend}/health")
    assert (status, json.loads(body)["status"]) == (200, "ok")
    status, body = post_form(
        f"{served_backend}/vote",
        {"poll": "live", "choice": "cafe"},
        Origin=ORIGIN,
        Accept="application/json",
    )
    answer = json.loads(body)
    assert (status, answer["status"]) == (201, "counted")
    assert answer["results"]["total"] == 1
