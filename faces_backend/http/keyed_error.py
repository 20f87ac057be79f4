"""A failure told by a message key: each feature's catalog turns it into words for its reader."""

from __future__ import annotations


class KeyedError(Exception):
    """An action cannot go on as asked; `key` names the message, `values` fill it."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values
