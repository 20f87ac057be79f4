"""Loading a manifest (polls, or countable pages) from a file or URL; picking up a rebuild."""

from __future__ import annotations

import asyncio
import contextlib
import http.client
import json
import logging
import os
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.message import Message
from typing import Any, Generic, TypeVar

log = logging.getLogger("faces_backend")

# A file is stat()ed at most this often; a rebuilt site is live within a second.
FILE_CHECK_SECONDS = 1.0
# A URL is asked again (conditionally, with ETag/Last-Modified) at most this often.
URL_CHECK_SECONDS = 30.0
FETCH_TIMEOUT_SECONDS = 5.0

FileSignature = tuple[int, int, int]
Document = TypeVar("Document")
Parser = Callable[[bytes], Document]


class ManifestError(ValueError):
    """A manifest cannot be used; the message names the entry and the field."""


def manifest_entries(text: str | bytes, key: str, version: int) -> tuple[str, list[Any]]:
    """Return a manifest's `generated` time and its list `key`; raise ManifestError if malformed."""
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ManifestError(f"the manifest is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ManifestError(f"the manifest must be a JSON object with 'version' and '{key}'")
    if data.get("version") != version:
        raise ManifestError(
            f"'version' is {data.get('version')!r}; this backend reads version {version}"
        )
    entries = data.get(key)
    if not isinstance(entries, list):
        raise ManifestError(f"'{key}' must be a list")
    return str(data.get("generated") or ""), entries


def is_url(location: str) -> bool:
    """Return whether the manifest location is an http(s) URL rather than a path."""
    return location.startswith(("http://", "https://"))


@dataclass(frozen=True)
class Fetched:
    """One answer to a GET of a manifest URL: 200 with a body, or 304 without."""

    status: int
    body: bytes
    headers: Message


class FetchError(Exception):
    """A manifest URL could not be fetched (network error or an HTTP error status)."""


def fetch_url(url: str, headers: Mapping[str, str] | None = None) -> Fetched:
    """GET `url` with the standard library (redirects followed); 304 is an answer, not an error."""
    # urllib rather than an HTTP client package: the backend must run with its runtime
    # dependencies alone, and one conditional GET is all it needs.
    request = urllib.request.Request(url, headers=dict(headers or {}))
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT_SECONDS) as response:
            return Fetched(response.status, response.read(), response.headers)
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return Fetched(304, b"", exc.headers)
        raise FetchError(f"HTTP {exc.code} {exc.reason}") from None
    except (OSError, http.client.HTTPException, ValueError) as exc:
        raise FetchError(str(getattr(exc, "reason", exc)) or type(exc).__name__) from None


def load_document(location: str, parse: Parser[Document], label: str) -> Document:
    """Read and parse a manifest once; errors are ManifestError naming `label` and location."""
    try:
        if is_url(location):
            return parse(fetch_url(location).body)
        with open(location, "rb") as file:
            return parse(file.read())
    except (OSError, FetchError) as exc:
        raise ManifestError(f"cannot read the {label} {location}: {exc}") from None
    except ManifestError as exc:
        raise ManifestError(f"{label} {location}: {exc}") from None


class DocumentSource(Generic[Document]):
    """Holds the current manifest and re-reads it when the site build replaced it."""

    def __init__(
        self,
        location: str,
        parse: Parser[Document],
        label: str,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.location = location
        self.label = label
        self._parse = parse
        self._clock = clock
        self._manifest: Document | None = None
        self._checked_at = 0.0
        self._file_signature: FileSignature | None = None
        self._validators: dict[str, str] = {}
        self._refresh: asyncio.Task[None] | None = None

    async def open(self) -> None:
        """Load the manifest for the first time; raise ManifestError if that fails."""
        if is_url(self.location):
            try:
                await self._fetch()
            except FetchError as exc:
                raise ManifestError(
                    f"cannot read the {self.label} {self.location}: {exc}"
                ) from None
        else:
            self._reload_file(self._stat())
        self._checked_at = self._clock()

    async def close(self) -> None:
        """Stop a refresh in flight."""
        if self._refresh is not None:
            self._refresh.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._refresh

    def current(self) -> Document:
        """Return the manifest, re-reading it first if it changed (checked at most 1/s)."""
        now = self._clock()
        if is_url(self.location):
            if now - self._checked_at >= URL_CHECK_SECONDS and self._refresh is None:
                self._checked_at = now
                self._refresh = asyncio.get_running_loop().create_task(self._refresh_url())
        elif now - self._checked_at >= FILE_CHECK_SECONDS:
            self._checked_at = now
            self._check_file()
        if self._manifest is None:
            raise RuntimeError(f"{type(self).__name__}.current() called before open()")
        return self._manifest

    def _stat(self) -> FileSignature:
        try:
            stat = os.stat(self.location)
        except OSError as exc:
            raise ManifestError(f"cannot read the {self.label} {self.location}: {exc}") from None
        return (stat.st_mtime_ns, stat.st_size, stat.st_ino)

    def _check_file(self) -> None:
        try:
            signature = self._stat()
            if signature != self._file_signature:
                self._reload_file(signature)
        except ManifestError as exc:
            log.error("faces_backend: keeping the previous manifest: %s", exc)

    def _reload_file(self, signature: FileSignature) -> None:
        manifest = load_document(self.location, self._parse, self.label)
        if self._manifest is not None:
            log.info("faces_backend: %s %s reloaded", self.label, self.location)
        self._manifest = manifest
        self._file_signature = signature

    async def _refresh_url(self) -> None:
        try:
            await self._fetch()
        except (FetchError, ManifestError) as exc:
            log.error(
                "faces_backend: keeping the previous manifest from %s: %s", self.location, exc
            )
        finally:
            self._refresh = None

    async def _fetch(self) -> None:
        response = await asyncio.to_thread(fetch_url, self.location, self._validators)
        if response.status == 304:
            if self._manifest is not None:
                return
            raise FetchError("HTTP 304 Not Modified without a manifest to keep")
        try:
            manifest = self._parse(response.body)
        except ManifestError as exc:
            raise ManifestError(f"{self.label} {self.location}: {exc}") from None
        self._manifest = manifest
        self._validators = {}
        if "etag" in response.headers:
            self._validators["If-None-Match"] = response.headers["etag"]
        if "last-modified" in response.headers:
            self._validators["If-Modified-Since"] = response.headers["last-modified"]
