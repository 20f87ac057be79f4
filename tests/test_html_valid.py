"""The Nu HTML checker (vnu.jar) finds no errors in any page of the public site."""

from __future__ import annotations

from tests.html_check import vnu_errors
from tests.sites import BuildRun


def test_every_page_is_valid_html(public_site: BuildRun) -> None:
    assert vnu_errors([public_site.output / p for p in public_site.pages()]) == []
