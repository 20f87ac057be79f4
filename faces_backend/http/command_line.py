"""What every backend command line shares: the language of its messages."""

from __future__ import annotations

import argparse
from typing import Any

from faces_backend.http.setting_values import Language

LANGUAGES: tuple[Language, ...] = ("de", "en")


def add_language_option(command: argparse.ArgumentParser) -> None:
    """Give a command the `--lang` option: the language of its messages, German by default."""
    command.add_argument("--lang", choices=LANGUAGES, default="de", help="language of messages")


def add_feature_command(commands: Any, name: str, summary: str) -> Any:
    """Add a feature's command with `--lang`; return the parser of its actions (`args.action`)."""
    command = commands.add_parser(name, help=summary)
    add_language_option(command)
    return command.add_subparsers(dest="action", required=True)
