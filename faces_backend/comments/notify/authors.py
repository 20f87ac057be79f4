"""The authors' e-mail addresses by profile, read from a file kept out of the site's content."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from faces_backend.comments.notify.addresses import bare_address
from faces_backend.http.settings import ConfigError

SETTING = "FACES_AUTHOR_EMAILS_FILE"
_EXAMPLE_CSV = "anna-muster,anna.muster@example.com"


def load_author_emails(path: Path) -> dict[str, str]:
    """Return {profile slug: address} from a JSON object or a CSV file of profile,address rows."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(
            f"{SETTING}: cannot read {path} ({error.strerror}). Expected the path of a JSON or "
            "CSV file with one profile and address per entry."
        ) from None
    except UnicodeDecodeError:
        raise ConfigError(f"{SETTING}: {path} is not UTF-8 text. Save it as UTF-8.") from None
    if path.suffix.lower() == ".json":
        return _from_json(path, text)
    return _from_csv(path, text)


def _from_json(path: Path, text: str) -> dict[str, str]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ConfigError(
            f"{path}:{error.lineno}: not valid JSON ({error.msg}). Expected an object such as "
            '{"anna-muster": "anna.muster@example.com"}.'
        ) from None
    if not isinstance(data, dict):
        raise ConfigError(
            f"{path}:1: expected a JSON object of profile -> address, "
            'e.g. {"anna-muster": "anna.muster@example.com"}.'
        )
    lines = text.splitlines()
    emails = {}
    for profile, address in data.items():
        line = next((n for n, row in enumerate(lines, 1) if json.dumps(profile) in row), 1)
        emails[_profile(path, line, profile)] = _checked(path, line, address)
    return emails


def _from_csv(path: Path, text: str) -> dict[str, str]:
    emails = {}
    for line, row in enumerate(csv.reader(text.splitlines()), start=1):
        cells = [cell.strip() for cell in row]
        if not any(cells) or cells[0].startswith("#") or cells[0].lower() == "profile":
            continue  # blank, comment or header row
        if len(cells) != 2:
            raise ConfigError(
                f"{path}:{line}: expected two columns, profile and address, e.g. {_EXAMPLE_CSV}."
            )
        emails[_profile(path, line, cells[0])] = _checked(path, line, cells[1])
    return emails


def _profile(path: Path, line: int, profile: object) -> str:
    if not isinstance(profile, str) or not profile or not profile.replace("-", "").isalnum():
        raise ConfigError(
            f"{path}:{line}: {profile!r} is not a profile slug. Expected the profile's file "
            "name without .md, e.g. anna-muster."
        )
    return profile


def _checked(path: Path, line: int, address: object) -> str:
    parsed = bare_address(address) if isinstance(address, str) else None
    if parsed is None:
        raise ConfigError(
            f"{path}:{line}: {address!r} is not an e-mail address. Expected e.g. "
            "anna.muster@example.com."
        )
    return parsed
