"""`invoke new-post`: a post with every field explained, and profiles for first-time authors.

Entry point: `run_new_post(settings_file, Arguments(...))`; it asks for what is missing on a
terminal and refuses with the missing options otherwise; `Arguments(story=...)` starts an
interview draft from an accepted story of the editorial plan (EDITORIAL_PLAN_PATH).
`ANSWER_PLACEHOLDERS`: what stands under an interview question until it is answered (the
checks report it).
"""

from .command import run_new_post
from .interviews import ANSWER_PLACEHOLDERS
from .prompts import Arguments

__all__ = ["ANSWER_PLACEHOLDERS", "Arguments", "run_new_post"]
