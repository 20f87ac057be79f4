"""The web editor's local proxy (decap-server): the CMS reads and writes the working copy.

Started by `invoke livereload` next to the preview, so nobody needs a code-host account to
try the editor; it listens on 127.0.0.1 only. In mode "fs" it writes files straight into the
folder (no commits: the person commits as after any other edit); in mode "git"
(WEB_EDITOR_PROXY_MODE) it commits each entry on a cms/ branch of the folder's repository and
merges it on "Veröffentlichen", the board of a code host without the code host.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

from devserver.processes import stop_process

PROJECT = Path(__file__).resolve().parent.parent
PROXY_SCRIPT = PROJECT / "node_modules" / "decap-server" / "dist" / "index.js"
# Seconds the proxy may take to listen (node loads express and its helpers first).
START_TIMEOUT = 30.0

_REFUSALS = {
    "de": {
        "node": "Der Editor braucht Node.js ('node' fehlt). Installieren Sie Node.js 20 oder "
        "neuer; die Vorschau läuft ohne Editor weiter.",
        "script": "Der lokale Editor-Proxy fehlt ({path}). Führen Sie 'npm ci' im Projektordner "
        "aus; die Vorschau läuft ohne Editor weiter.",
        "start": "Der lokale Editor-Proxy hat nicht auf Port {port} geantwortet (belegt?). "
        "Setzen Sie WEB_EDITOR_PROXY_PORT auf einen freien Port.",
        "not_repository": 'WEB_EDITOR_PROXY_MODE = "git" braucht ein git-Repository, {path} '
        "ist keines. Klonen Sie das Repository in einen eigenen Ordner und starten Sie dort.",
        "changes": 'WEB_EDITOR_PROXY_MODE = "git" wechselt Branches und committet alles in '
        "{path}, dort gibt es aber nicht eingecheckte Änderungen. Nutzen Sie einen eigenen Klon "
        "des Repositorys (git clone) oder committen Sie zuerst.",
        "branch": "Der Branch '{branch}' (EDITORIAL_REPOSITORY_BRANCH) fehlt in {path}. Setzen "
        "Sie EDITORIAL_REPOSITORY_BRANCH auf den Hauptbranch des Repositorys.",
    },
    "en": {
        "node": "The editor needs Node.js ('node' is missing). Install Node.js 20 or newer; "
        "the preview goes on without the editor.",
        "script": "The editor's local proxy is missing ({path}). Run 'npm ci' in the project "
        "folder; the preview goes on without the editor.",
        "start": "The editor's local proxy did not answer on port {port} (in use?). Set "
        "WEB_EDITOR_PROXY_PORT to a free port.",
        "not_repository": 'WEB_EDITOR_PROXY_MODE = "git" needs a git repository; {path} is '
        "none. Clone the repository into a folder of its own and start there.",
        "changes": 'WEB_EDITOR_PROXY_MODE = "git" switches branches and commits everything '
        "in {path}, which has uncommitted changes. Use a clone of its own (git clone) or "
        "commit first.",
        "branch": "The branch '{branch}' (EDITORIAL_REPOSITORY_BRANCH) is missing in {path}. "
        "Set EDITORIAL_REPOSITORY_BRANCH to the repository's main branch.",
    },
}


class ProxyError(RuntimeError):
    """The proxy cannot run; str() says why and what to do, in the site's language."""


def start_editor_proxy(
    repository: str, port: int, lang: str, mode: str = "fs", branch: str = "main"
) -> subprocess.Popen[bytes]:
    """Start decap-server for the folder on 127.0.0.1:port; return once it listens."""
    words = _REFUSALS["en" if lang == "en" else "de"]
    node = shutil.which("node")
    if node is None:
        raise ProxyError(words["node"])
    if not PROXY_SCRIPT.is_file():
        raise ProxyError(words["script"].format(path=PROXY_SCRIPT))
    if _listening(port):
        raise ProxyError(words["start"].format(port=port))
    if mode == "git":
        _check_repository(repository, branch, words)
    environment = {
        **os.environ,
        "PORT": str(port),
        "BIND_HOST": "127.0.0.1",
        "MODE": mode,
        "GIT_REPO_DIRECTORY": repository,
        "LOG_LEVEL": "warn",
    }
    process = subprocess.Popen([node, str(PROXY_SCRIPT)], env=environment, cwd=repository)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline and process.poll() is None:
        if _listening(port):
            return process
        time.sleep(0.05)
    stop_editor_proxy(process)
    raise ProxyError(words["start"].format(port=port))


def stop_editor_proxy(process: subprocess.Popen[bytes]) -> None:
    """Stop the proxy and wait for it."""
    stop_process(process, grace_seconds=5)


def _check_repository(repository: str, branch: str, words: dict[str, str]) -> None:
    """Refuse a folder git mode would harm or fail in: no repository, loose changes, no branch."""

    def git(*arguments: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["git", "-C", repository, *arguments], capture_output=True, text=True, check=False
        )

    if git("rev-parse", "--show-toplevel").stdout.strip() != os.path.realpath(repository):
        raise ProxyError(words["not_repository"].format(path=repository))
    # decap-server commits with `git add .`: anything loose would land in a post's branch.
    if git("status", "--porcelain").stdout.strip():
        raise ProxyError(words["changes"].format(path=repository))
    if git("rev-parse", "--verify", "--quiet", f"refs/heads/{branch}").returncode != 0:
        raise ProxyError(words["branch"].format(branch=branch, path=repository))


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.2)
        return probe.connect_ex(("127.0.0.1", port)) == 0
