"""Employees' and editors' workflow: checks, new posts, review page (prefix EDITORIAL_).

- `checks/`: `invoke check` (every problem of the site in one pass) and the same rules in
  every build; images of internal posts kept out of the public build;
- `new_post/`: `invoke new-post`, a post with every field explained;
- `review/`: the review page of drafts and scheduled posts, "suggest a change" links, and
  `invoke linkcheck` of the built site;
- shared by the three: `settings` (EDITORIAL_ defaults), `config` (a site's settings read without
  building), `messages` (report words), `adapters` (profiles and polls from the other plugins).
"""

from pelican import signals

from . import checks, review
from .settings import apply_defaults

__all__ = ["register"]


def register() -> None:
    """Connect the plugin to Pelican: its settings, then each job's handlers."""
    signals.initialized.connect(apply_defaults)
    review.register()
    checks.register()
