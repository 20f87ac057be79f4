"""Production settings: pelicanconf.py plus what differs when publishing."""

from __future__ import annotations

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

# The public address, e.g. "https://blog.seewerk.example" or "https://seewerk.example/blog".
SITEURL = os.environ.get("SITEURL", "https://blog.seewerk.example").rstrip("/")
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
LOAD_CONTENT_CACHE = False
# Drafts and scheduled posts exist only in the preview.
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
# The editors' review page exists only in the preview.
EDITORIAL_REVIEW_PAGE = False
