"""The poll manifest written by the site build: its records and their validation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, cast, get_args

from faces_common.manifests import POLLS_MANIFEST_VERSION

from faces_backend.http.documents import ManifestError, manifest_entries
from faces_backend.http.forms import ID_PATTERN

ResultsMode = Literal["live", "after_vote", "after_close"]

RESULTS_MODES: tuple[ResultsMode, ...] = get_args(ResultsMode)


@dataclass(frozen=True)
class Poll:
    """One poll embedded in a post."""

    id: str
    question: str
    url: str
    options: dict[str, str]  # the ideas a reader can vote for: id -> label, in the post's order
    multiple: bool
    max: int
    closes: datetime | None
    results: ResultsMode
    suggestions: bool

    def closed_at(self, now: datetime) -> bool:
        """Return whether the poll no longer takes votes at `now`."""
        return self.closes is not None and now >= self.closes


@dataclass(frozen=True)
class Manifest:
    """All polls the site currently publishes."""

    generated: str
    polls: dict[str, Poll]


def parse_manifest(text: str | bytes) -> Manifest:
    """Parse and validate manifest JSON; raise ManifestError naming what is wrong."""
    generated, raw_polls = manifest_entries(text, "polls", POLLS_MANIFEST_VERSION)
    polls: dict[str, Poll] = {}
    for index, raw in enumerate(raw_polls):
        poll = _poll(raw, f"polls[{index}]")
        if poll.id in polls:
            raise ManifestError(f"poll id {poll.id!r} appears twice")
        polls[poll.id] = poll
    return Manifest(generated=generated, polls=polls)


def _poll(raw: Any, where: str) -> Poll:
    if not isinstance(raw, dict):
        raise ManifestError(f"{where} must be an object")
    poll_id = _identifier(raw.get("id"), f"{where}.id")
    where = f"poll {poll_id!r}"
    options = _options(raw.get("options"), where)
    multiple = _flag(raw.get("multiple", False), f"{where}: 'multiple'")
    maximum = raw.get("max", len(options) if multiple else 1)
    if isinstance(maximum, bool) or not isinstance(maximum, int) or maximum < 1:
        raise ManifestError(f"{where}: 'max' is {maximum!r}; expected a whole number >= 1")
    if not multiple and maximum != 1:
        raise ManifestError(f"{where}: 'max' is {maximum} but 'multiple' is false; use max 1")
    results = raw.get("results", "after_vote")
    if results not in RESULTS_MODES:
        raise ManifestError(
            f"{where}: 'results' is {results!r}; expected one of {', '.join(RESULTS_MODES)}"
        )
    return Poll(
        id=poll_id,
        question=_text(raw.get("question", ""), f"{where}: 'question'"),
        url=_text(raw.get("url", ""), f"{where}: 'url'"),
        options=options,
        multiple=multiple,
        max=min(maximum, len(options)),
        closes=_closes(raw.get("closes"), where),
        results=cast(ResultsMode, results),
        suggestions=_flag(raw.get("suggestions", False), f"{where}: 'suggestions'"),
    )


def _options(raw: Any, where: str) -> dict[str, str]:
    if not isinstance(raw, list) or not raw:
        raise ManifestError(f"{where}: 'options' must be a non-empty list")
    options: dict[str, str] = {}
    for index, item in enumerate(raw):
        if not isinstance(item, dict):
            raise ManifestError(f"{where}: options[{index}] must be an object")
        option_id = _identifier(item.get("id"), f"{where}: options[{index}].id")
        if option_id in options:
            raise ManifestError(f"{where}: option id {option_id!r} appears twice")
        label = _text(item.get("label", option_id), f"{where}: options[{index}].label")
        options[option_id] = label
    return options


def _identifier(value: Any, where: str) -> str:
    if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
        raise ManifestError(f"{where} is {value!r}; expected 1-64 characters of A-Z a-z 0-9 _ -")
    return value


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise ManifestError(f"{where} is {value!r}; expected a string")
    return value


def _flag(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise ManifestError(f"{where} is {value!r}; expected true or false")
    return value


def _closes(value: Any, where: str) -> datetime | None:
    if value is None:
        return None
    try:
        closes = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        closes = None
    if closes is None or closes.tzinfo is None:
        raise ManifestError(
            f"{where}: 'closes' is {value!r}; expected null or an ISO 8601 date-time "
            "with UTC offset, e.g. 2027-01-31T23:59:59+01:00"
        )
    return closes
