"""Moderated comments under posts, rendered at build time from the repository (COMMENTS_).

Public API for other plugins and tasks: `thread_id` (a post's stable thread id),
`thread_file_name` (the data file of a thread) and `ID_PATTERN` (the shape of an `Id:` header).
"""

from .plugin import register
from .threads import ID_PATTERN, thread_file_name, thread_id

__all__ = ["ID_PATTERN", "register", "thread_file_name", "thread_id"]
