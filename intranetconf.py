"""Intranet settings: the public site's settings plus the posts marked `Visibility: internal`."""

from __future__ import annotations

import os
import sys

sys.path.append(os.curdir)
from publishconf import *  # noqa: F403

# The intranet's own address, e.g. "https://intranet.seewerk.example/blog". No default, as in
# publishconf.py: `invoke intranet` refuses without one; or write the address here.
SITEURL = os.environ.get("INTRANET_SITEURL", "").rstrip("/")
FEED_DOMAIN = SITEURL
OUTPUT_PATH = "output-intranet"
VISIBILITY_AUDIENCE = "internal"
# Nobody outside should index the intranet, even if a page leaks.
SEO_ROBOTS_DISALLOW = ["/"]
# The web editor for employees, signing in with the company's code host (docs/writing.md), e.g.
# {"name": "gitlab", "repo": "seewerk/blog", "base_url": "https://git.seewerk.example",
#  "auth_type": "pkce", "app_id": "…"}. It goes into the intranet build once it can sign in.
WEB_EDITOR_BACKEND = None
WEB_EDITOR_ENABLED = WEB_EDITOR_BACKEND is not None
