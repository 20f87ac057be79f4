"""The build's stories/manifest.json: the profiles an accepted story can be assigned to."""

from __future__ import annotations

import json
import re

from faces_common.manifests import PROFILES_MANIFEST_VERSION

from faces_backend.http.documents import ManifestError

PROFILE_SLUG = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
NO_PROFILES: frozenset[str] = frozenset()


def parse_story_manifest(raw: bytes) -> frozenset[str]:
    """Parse the manifest into the set of profile slugs; errors name the entry."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ManifestError(f"not valid JSON: {exc}") from None
    if not isinstance(data, dict) or data.get("version") != PROFILES_MANIFEST_VERSION:
        raise ManifestError(f'expected an object with "version": {PROFILES_MANIFEST_VERSION}')
    profiles = data.get("profiles")
    if not isinstance(profiles, list):
        raise ManifestError('expected a list "profiles"')
    for index, slug in enumerate(profiles):
        if not isinstance(slug, str) or not PROFILE_SLUG.fullmatch(slug):
            raise ManifestError(f"profiles[{index}]: expected a profile slug such as 'anna-muster'")
    return frozenset(profiles)
