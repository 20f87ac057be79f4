"""The generator that writes the "Geschichte vorschlagen" page and stories/manifest.json."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from faces_common.jsonfiles import write_json
from faces_common.manifests import PROFILES_MANIFEST_VERSION
from pelican.generators import Generator


class StoryIntakeGenerator(Generator):
    """Write the page with the full form, and the profiles the backend may assign stories to."""

    def generate_output(self, writer: Any) -> None:
        """Write both files, only while the form has a backend to post to."""
        settings = self.settings
        if not settings["STORIES_ENDPOINT"]:
            return
        url = settings["STORIES_PAGE_URL"]
        writer.write_file(
            settings["STORIES_PAGE_SAVE_AS"],
            self.get_template("story_intake"),
            self.context,
            relative_urls=settings["RELATIVE_URLS"],
            url=url,
            page_name="story_intake",
            # The thanks page links "back to the blog": its home page.
            next_url=f"{settings['SITEURL']}/",
        )
        # Only people who work here and have a public page: their handles are public already.
        people = (self.context.get("author_profiles") or {}).values()
        profiles = sorted(p.handle for p in people if p.is_active and p.url)
        manifest = Path(self.output_path) / settings["STORIES_MANIFEST_SAVE_AS"]
        os.makedirs(manifest.parent, exist_ok=True)
        write_json(manifest, {"version": PROFILES_MANIFEST_VERSION, "profiles": profiles})
