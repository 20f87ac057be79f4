"""The manifest of the sample site lists exactly the polls its posts declare."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from tests import sample
from tests.sites import BuildRun

FENCE = re.compile(r"^```poll\n(.*?)^```[ ]*$", re.M | re.S)
ZONE = ZoneInfo("Europe/Zurich")


def expected_entry(block: dict[str, Any]) -> dict[str, Any]:
    """What the manifest must say about one block, read with plain PyYAML."""
    multiple = bool(block.get("multiple", False))
    closes = block.get("closes")
    if isinstance(closes, dt.datetime):
        closes = closes if closes.tzinfo else closes.replace(tzinfo=ZONE)
    elif isinstance(closes, dt.date):
        closes = dt.datetime.combine(closes, dt.time(23, 59, 59), tzinfo=ZONE)
    return {
        "id": block["id"],
        "question": block["question"],
        "options": [{"id": o["id"], "label": o["label"]} for o in block["options"]],
        "multiple": multiple,
        "max": block.get("max", len(block["options"]) if multiple else 1),
        "closes": closes.isoformat() if closes else None,
        "results": block.get("results", "after_vote"),
        "suggestions": bool(block.get("suggestions", False)),
    }


def page_of(site: BuildRun, poll_id: str) -> str:
    """The address of the one written page that holds the poll."""
    found = [
        "/" + str(page.parent) + "/"
        for page in site.pages()
        if f'id="poll-{poll_id}"' in (site.output / page).read_text(encoding="utf-8")
    ]
    assert len(found) == 1, (poll_id, found)
    return found[0]


def test_the_manifest_matches_the_sample_posts(preview_site: BuildRun) -> None:
    expected = []
    for post in sample.posts():
        if post.meta.get("visibility", "public") == "internal":
            continue
        for block in FENCE.findall(post.path.read_text(encoding="utf-8")):
            entry = expected_entry(yaml.safe_load(block))
            entry["url"] = f"{page_of(preview_site, entry['id'])}#poll-{entry['id']}"
            expected.append(entry)
    assert expected, "the sample site needs polls"
    manifest = json.loads(
        (preview_site.output / "polls" / "manifest.json").read_text(encoding="utf-8")
    )
    assert manifest["version"] == 1
    assert sorted(manifest["polls"], key=lambda p: p["id"]) == sorted(
        expected, key=lambda p: p["id"]
    )
