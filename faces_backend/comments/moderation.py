"""The moderation page /moderation/comments (placeholder until it is built)."""

from starlette.routing import BaseRoute


def moderation_routes() -> list[BaseRoute]:
    """Return the moderation page's routes."""
    return []
