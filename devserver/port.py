"""The preview's port: taken or free, said in one line before anything is built."""

from __future__ import annotations

import errno
import socket

_PORT_IN_USE = {
    "de": "Port {port} ist belegt (läuft die Vorschau schon?). Wählen Sie einen anderen, "
    "z. B. --port {other}.",
    "en": "Port {port} is in use (is the preview already running?). Choose another one, "
    "e.g. --port {other}.",
}


class PortInUseError(OSError):
    """The preview's port is taken, most likely by a preview that is already running."""

    def __init__(self, port: int) -> None:
        super().__init__(errno.EADDRINUSE, f"port {port} is in use")
        self.port = port

    def message(self, lang: str) -> str:
        """One line for the editor: which port, the likely reason, and another port to use."""
        other = 8002 if self.port == 8001 else 8001
        return _PORT_IN_USE["en" if lang == "en" else "de"].format(port=self.port, other=other)


def ensure_port_free(host: str, port: int) -> None:
    """Raise PortInUseError unless the preview could listen on host:port."""
    # Bound the way uvicorn binds (SO_REUSEADDR), so a port left in TIME_WAIT counts as free.
    try:
        with socket.create_server((host, port)):
            pass
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise PortInUseError(port) from None
        raise
