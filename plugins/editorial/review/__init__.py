"""For editors: the review page of drafts and scheduled posts, edit links, and the link check.

Entry points: `register`, which connects the build's handlers `add_review_page` and
`install_edit_links` (templates get `suggest_change_url`), and `run_linkcheck` for
`invoke linkcheck` of the built site.
"""

from pelican import signals

from .edit_links import install_edit_links
from .linkcheck import run_linkcheck
from .page import add_review_page

__all__ = ["add_review_page", "install_edit_links", "register", "run_linkcheck"]


def register() -> None:
    """Connect the review page and the "suggest a change" links to a build."""
    signals.get_generators.connect(add_review_page)
    signals.generator_init.connect(install_edit_links)
