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

from .checks import check_what_was_built, drop_internal_images, start_recording
from .review import add_review_page, install_edit_links
from .settings import apply_defaults

__all__ = ["register"]


def register() -> None:
    """Connect the plugin to Pelican."""
    signals.initialized.connect(apply_defaults)
    signals.get_generators.connect(add_review_page)
    # Sent when a build starts (not when `invoke check` merely loads the settings).
    signals.get_generators.connect(start_recording)
    signals.generator_init.connect(install_edit_links)
    signals.static_generator_finalized.connect(drop_internal_images)
    signals.finalized.connect(check_what_was_built)
