"""The web editor's local proxy: started for a folder, refused in plain words when it cannot run."""

from __future__ import annotations

import json
import socket
import urllib.request
from pathlib import Path

import pytest

from devserver.editor_proxy import ProxyError, start_editor_proxy, stop_editor_proxy
from tests.servers import free_port


def test_the_proxy_serves_the_folder_until_stopped(tmp_path: Path) -> None:
    (tmp_path / "content" / "posts").mkdir(parents=True)
    (tmp_path / "content" / "posts" / "a.md").write_text("Title: A\n\nText\n", encoding="utf-8")
    port = free_port()
    proxy = start_editor_proxy(str(tmp_path), port, "de")
    try:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/v1",
            data=json.dumps(
                {
                    "action": "entriesByFolder",
                    "params": {
                        "branch": "main",
                        "folder": "content/posts",
                        "extension": "md",
                        "depth": 1,
                    },
                }
            ).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as answer:
            entries = json.load(answer)
        assert [(e["file"]["path"], e["data"]) for e in entries] == [
            ("content/posts/a.md", "Title: A\n\nText\n")
        ]
    finally:
        stop_editor_proxy(proxy)
    assert proxy.poll() is not None


def test_a_taken_port_is_refused_naming_the_setting(tmp_path: Path) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        with pytest.raises(ProxyError) as refused:
            start_editor_proxy(str(tmp_path), port, "de")
    assert str(refused.value) == (
        f"Der lokale Editor-Proxy hat nicht auf Port {port} geantwortet (belegt?). "
        "Setzen Sie WEB_EDITOR_PROXY_PORT auf einen freien Port."
    )


def test_without_node_the_preview_is_told_in_english_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ProxyError, match=r"^The editor needs Node.js \('node' is missing\)"):
        start_editor_proxy(str(tmp_path), free_port(), "en")
