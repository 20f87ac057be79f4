"""What the comment preview and the story check page carry on to the confirm post."""

from __future__ import annotations

from faces_backend.comments.config import CommentSettings
from faces_backend.comments.form import collect_comment
from faces_backend.stories.config import StorySettings
from faces_backend.stories.form import collect_story


def test_a_reply_carries_its_parent_address_and_wish_but_no_empty_field() -> None:
    sent = {"thread": "posts/a", "parent": "c-0123456789ab", "name": "Lena", "text": "Danke!"}
    reply = collect_comment([*sent.items(), ("email", "l@example.com"), ("notify", "on")], LIMITS)
    assert reply.hidden_fields() == {**sent, "email": "l@example.com", "notify": "on"}
    plain = collect_comment(
        [("thread", "posts/a"), ("name", "Lena"), ("text", "Hallo"), ("_next", "")], LIMITS
    )
    assert plain.hidden_fields() == {"thread": "posts/a", "name": "Lena", "text": "Hallo"}


def test_a_proposal_carries_only_the_optional_fields_given() -> None:
    given = [("about", "myself"), ("text", "Kantine"), ("department", "Einkauf"), ("person", "")]
    story = collect_story([*given, ("contact", "+41 44 1"), ("_next", "/geschichte/")], STORY)
    assert story.hidden_fields() == {
        "about": "myself",
        "text": "Kantine",
        "department": "Einkauf",
        "contact": "+41 44 1",
        "_next": "/geschichte/",
    }


LIMITS = CommentSettings()
STORY = StorySettings()
