"""A content problem and how it is shown to the person who can fix it."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """Something wrong in a content file, with the place and the fix."""

    path: str
    line: int
    message: str
    fix: str
    severity: str = ERROR
    column: int = 1
    rule: str = "content"

    def format(self) -> str:
        """Render as 'path:line:col: severity: message', then the fix indented."""
        text = f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"
        return f"{text}\n    → {self.fix}" if self.fix else text


def log_problems(problems: Iterable[Problem], logger: logging.Logger) -> None:
    """Log each problem as 'file:line:col: severity: message' and its fix: errors as errors."""
    for problem in problems:
        log = logger.error if problem.severity == ERROR else logger.warning
        log("%s", problem.format())
