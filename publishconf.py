"""Production settings: pelicanconf.py plus what differs when publishing."""

from __future__ import annotations

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

# The public address, e.g. "https://blog.seewerk.example" or "https://seewerk.example/blog".
# No default: `invoke publish` refuses without one rather than link to a sample domain. To
# publish without the environment variable, write the address here instead.
SITEURL = os.environ.get("SITEURL", "").rstrip("/")
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
# LOAD_CONTENT_CACHE stays on (pelicanconf.py): what the readers made of an unchanged file is
# taken from the cache, the rest of the build runs as without it (the content_cache plugin).
# Drafts and scheduled posts exist only in the preview.
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
# Idea polls post to the backend only when it is deployed: POLLS_ENDPOINT="/api/vote" (same
# origin, preferred) or an https URL; unset, every poll is shown read-only with its snapshot.
POLLS_ENDPOINT = os.environ.get("POLLS_ENDPOINT") or None
POLLS_RESULTS_ENDPOINT = os.environ.get("POLLS_RESULTS_ENDPOINT") or None
# Every published post and person gets its social card drawn in the build (link previews).
AUTHORS_CARDS_ON_REQUEST = False
# ... and every smaller copy of a post's cover (srcset).
CLEAN_IMAGES_COVER_COPIES_ON_REQUEST = False
# ... and every post picture's clean file.
CLEAN_IMAGES_ON_REQUEST = False
# ... and every person's photo in every size.
AUTHORS_PHOTOS_ON_REQUEST = False
# ... and the search index.
SEARCH_INDEX_ON_REQUEST = False
# The editors' review page exists only in the preview.
EDITORIAL_REVIEW_PAGE = False
# View counts (reach) only when the backend is deployed under the site's own origin, e.g.
# REACH_ENDPOINT="/api/views"; unset, pages send nothing and show no counts.
REACH_ENDPOINT = os.environ.get("REACH_ENDPOINT") or None
# Comment forms post to the backend only when it is deployed: COMMENTS_ENDPOINT="/api/comments";
# unset, approved comments are shown, without a form.
COMMENTS_ENDPOINT = os.environ.get("COMMENTS_ENDPOINT") or None
# The story form ("Geschichte vorschlagen") only when the backend is deployed:
# STORIES_ENDPOINT="/api/stories"; unset, no page and no invitations.
STORIES_ENDPOINT = os.environ.get("STORIES_ENDPOINT") or None
# The web editor never goes to the public site (intranetconf.py switches it back on).
WEB_EDITOR_ENABLED = False
