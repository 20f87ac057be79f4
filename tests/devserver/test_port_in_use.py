"""A preview whose port is taken says so in one line before it builds anything."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from devserver.port import PortInUseError
from devserver.server import serve_preview
from tests.minisite import make_site
from tests.sites import ROOT


@pytest.fixture(params=["127.0.0.1", "0.0.0.0"])
def taken_port(request: pytest.FixtureRequest) -> Iterator[int]:
    """A port another process listens on, on the preview's address or on all of them."""
    with socket.socket() as holder:
        holder.bind((request.param, 0))
        holder.listen()
        yield int(holder.getsockname()[1])


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        (
            "de_CH",
            "Port {port} ist belegt (läuft die Vorschau schon?). Wählen Sie einen anderen, "
            "z. B. --port 8001.\n",
        ),
        (
            "en_GB",
            "Port {port} is in use (is the preview already running?). Choose another one, "
            "e.g. --port 8001.\n",
        ),
    ],
)
def test_invoke_livereload_on_a_taken_port_refuses_before_building(
    taken_port: int, locale: str, expected: str
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACES_")}
    completed = subprocess.run(
        [sys.executable, "-m", "invoke", "-r", str(ROOT), "livereload", "--port", str(taken_port)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**env, "FACES_LOCALE": locale},
    )
    result = (completed.returncode, completed.stdout, completed.stderr)
    assert result == (2, "", expected.format(port=taken_port))


def test_serve_preview_on_a_taken_port_writes_nothing(tmp_path: Path, taken_port: int) -> None:
    settings = make_site(tmp_path, {})
    output = tmp_path / "output"
    with pytest.raises(PortInUseError) as raised:
        serve_preview(str(settings), str(output), [], "127.0.0.1", taken_port)
    assert raised.value.port == taken_port
    assert not output.exists()


def test_the_suggested_port_is_another_one() -> None:
    assert PortInUseError(8001).message("en").endswith("e.g. --port 8002.")
