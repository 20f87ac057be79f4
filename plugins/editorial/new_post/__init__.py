"""`invoke new-post`: a post with every field explained, and profiles for first-time authors.

Entry point: `run_new_post(settings_file, Arguments(...))`; it asks for what is missing on a
terminal and refuses with the missing options otherwise.
"""

from .command import run_new_post
from .prompts import Arguments

__all__ = ["Arguments", "run_new_post"]
