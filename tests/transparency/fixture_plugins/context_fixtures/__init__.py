"""A test-only Pelican plugin that publishes author profiles and polls from plain settings.

It stands in for the author_profiles and idea_polls plugins: it fills the same context keys
with objects of the same shape, from FIXTURE_PROFILES and FIXTURE_POLLS.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from pelican import signals


def publish(generator: Any) -> None:
    """Put context['author_profiles'] and context['idea_polls'] in place, when configured."""
    settings = generator.settings
    profiles = settings.get("FIXTURE_PROFILES")
    if profiles is not None:
        generator.context["author_profiles"] = {
            handle: SimpleNamespace(handle=handle, **fields) for handle, fields in profiles.items()
        }
    polls = settings.get("FIXTURE_POLLS")
    if polls is not None:
        generator.context["idea_polls"] = [_poll(poll) for poll in polls]


def _poll(fields: dict[str, Any]) -> SimpleNamespace:
    decision = fields.get("decision")
    snapshot = fields.get("snapshot")
    return SimpleNamespace(
        **{
            **fields,
            "options": [SimpleNamespace(**option) for option in fields["options"]],
            "decision": SimpleNamespace(**decision) if decision else None,
            "snapshot": SimpleNamespace(**snapshot) if snapshot else None,
        }
    )


def register() -> None:
    """Connect the plugin to Pelican."""
    signals.article_generator_finalized.connect(publish)
