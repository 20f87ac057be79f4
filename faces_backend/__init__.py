"""The reference poll backend of the company blog: the hook behind the polls' forms."""

from __future__ import annotations

from faces_backend.app import create_app
from faces_backend.settings import Settings

__all__ = ["Settings", "create_app"]
