"""Every image the sample site's three builds write carries pixels only."""

from __future__ import annotations

import pytest

from tests.clean_images.metadata import every_image, metadata_in
from tests.sites import BuildRun

# Post images, their covers' smaller copies, portraits in eight files each, a social card per
# post and per person; the preview leaves the cards, the cover copies and the JPEG post images
# to the preview server (which makes the same bytes as the public build: test_clean_orders.py).
AT_LEAST = {"preview_site": 20, "public_site": 120, "intranet_site": 120}


@pytest.mark.parametrize("build", ["preview_site", "public_site", "intranet_site"])
def test_no_image_in_the_built_site_carries_metadata(
    build: str, request: pytest.FixtureRequest
) -> None:
    run: BuildRun = request.getfixturevalue(build)
    images = every_image(run.output)
    assert len(images) >= AT_LEAST[build], len(images)
    found = {str(p.relative_to(run.output)): metadata_in(p) for p in images}
    assert {path: meta for path, meta in found.items() if meta} == {}
    print(f"{build}: {len(images)} images without metadata")


def test_the_intranet_build_publishes_the_images_of_internal_posts_clean(
    intranet_site: BuildRun, public_site: BuildRun
) -> None:
    public = {p.relative_to(public_site.output) for p in every_image(public_site.output)}
    intranet = {p.relative_to(intranet_site.output) for p in every_image(intranet_site.output)}
    # Whatever only the intranet shows went through the same cleaning (checked above).
    assert public - intranet == set()
