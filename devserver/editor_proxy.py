"""The web editor's local proxy (decap-server): the CMS reads and writes the working copy.

Started by `invoke livereload` next to the preview, so nobody needs a code-host account to
try the editor; it listens on 127.0.0.1 only and writes files straight into the folder (no
commits, no branches: the person commits as after any other edit).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

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
    },
    "en": {
        "node": "The editor needs Node.js ('node' is missing). Install Node.js 20 or newer; "
        "the preview goes on without the editor.",
        "script": "The editor's local proxy is missing ({path}). Run 'npm ci' in the project "
        "folder; the preview goes on without the editor.",
        "start": "The editor's local proxy did not answer on port {port} (in use?). Set "
        "WEB_EDITOR_PROXY_PORT to a free port.",
    },
}


class ProxyError(RuntimeError):
    """The proxy cannot run; str() says why and what to do, in the site's language."""


def start_editor_proxy(repository: str, port: int, lang: str) -> subprocess.Popen[bytes]:
    """Start decap-server for the folder on 127.0.0.1:port; return once it listens."""
    words = _REFUSALS["en" if lang == "en" else "de"]
    node = shutil.which("node")
    if node is None:
        raise ProxyError(words["node"])
    if not PROXY_SCRIPT.is_file():
        raise ProxyError(words["script"].format(path=PROXY_SCRIPT))
    if _listening(port):
        raise ProxyError(words["start"].format(port=port))
    environment = {
        **os.environ,
        "PORT": str(port),
        "BIND_HOST": "127.0.0.1",
        "MODE": "fs",
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
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.2)
        return probe.connect_ex(("127.0.0.1", port)) == 0
