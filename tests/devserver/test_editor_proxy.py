"""The web editor's local proxy: started for a folder, refused in plain words when it cannot run."""

from __future__ import annotations

import json
import os
import socket
import subprocess
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


def _git(folder: Path, *arguments: str) -> None:
    identity = {"GIT_AUTHOR_NAME": "R", "GIT_AUTHOR_EMAIL": "r@example.org"}
    identity |= {"GIT_COMMITTER_NAME": "R", "GIT_COMMITTER_EMAIL": "r@example.org"}
    subprocess.run(
        ["git", "-C", str(folder), *arguments], check=True, env={**os.environ, **identity}
    )


def test_git_mode_refuses_a_folder_it_would_harm_or_fail_in(tmp_path: Path) -> None:
    def refusal(branch: str = "main") -> str:
        with pytest.raises(ProxyError) as refused:
            start_editor_proxy(str(tmp_path), free_port(), "de", mode="git", branch=branch)
        return str(refused.value)

    assert refusal() == (
        f'WEB_EDITOR_PROXY_MODE = "git" braucht ein git-Repository, {tmp_path} ist keines. '
        "Klonen Sie das Repository in einen eigenen Ordner und starten Sie dort."
    )
    _git(tmp_path, "init", "--quiet", "--initial-branch=main")
    (tmp_path / "post.md").write_text("Title: A\n\nText\n", encoding="utf-8")
    assert refusal().startswith(
        f'WEB_EDITOR_PROXY_MODE = "git" wechselt Branches und committet alles in {tmp_path}, '
        "dort gibt es aber nicht eingecheckte Änderungen."
    )
    _git(tmp_path, "add", "post.md")
    _git(tmp_path, "commit", "--quiet", "-m", "A post")
    assert refusal("trunk") == (
        f"Der Branch 'trunk' (EDITORIAL_REPOSITORY_BRANCH) fehlt in {tmp_path}. Setzen Sie "
        "EDITORIAL_REPOSITORY_BRANCH auf den Hauptbranch des Repositorys."
    )
    proxy = start_editor_proxy(str(tmp_path), free_port(), "de", mode="git", branch="main")
    stop_editor_proxy(proxy)
