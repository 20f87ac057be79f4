"""Checking an e-mail address once, the same way for settings, author files and subscribers."""

from __future__ import annotations

from email.errors import HeaderParseError
from email.headerregistry import Address

MAX_ADDRESS_CHARS = 254


def bare_address(raw: str) -> str | None:
    """Return the normalised address `raw` holds, or None if it is not one usable for mail."""
    if not raw or len(raw) > MAX_ADDRESS_CHARS or not raw.isprintable():
        return None
    try:
        parsed = Address(addr_spec=raw.strip())
    except (ValueError, IndexError, HeaderParseError):
        return None
    if not parsed.username or "." not in parsed.domain or parsed.domain.startswith("."):
        return None
    return parsed.addr_spec
