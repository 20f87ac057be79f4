"""Clear reports of content problems, naming file and line (settings prefix CHECKS_).

Besides `register`, the small public API `invoke check` (editorial) runs the same rules with.
"""

from .duplicates import Claim, duplicate_slugs
from .plugin import register
from .reader import read_in_this_build
from .rules import check_source

__all__ = ["Claim", "check_source", "duplicate_slugs", "read_in_this_build", "register"]
