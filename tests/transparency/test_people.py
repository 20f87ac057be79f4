"""Profiles from what author_profiles publishes, and the catalogs of departments and levels."""

from __future__ import annotations

from types import SimpleNamespace as Obj

from transparency.people import Catalog, Person, read_catalog, read_people

from .conftest import profile


def test_profiles_are_read_by_handle_and_missing_attributes_have_defaults() -> None:
    lea = profile(
        "Lea Hofstetter",
        "entwicklung",
        "bereichsleitung",
        is_editor=True,
        photo_credit="Foto: Jana Roth",
        has_photo=True,
    )
    people = read_people({"author_profiles": {"lea": Obj(**lea), "gast": Obj(name="Gast")}}) or {}
    # Each attribute is read by its name (the handle is the key); what is missing has its default.
    assert people["lea"] == Person("lea", **lea)
    assert people["gast"] == Person("gast", "Gast")
    assert read_people({}) is None


def test_catalogs_come_from_mappings_or_lists_and_may_be_absent() -> None:
    assert read_catalog({"AUTHORS_LEVELS": {"vorstand": "Vorstand"}}, "AUTHORS_LEVELS") == Catalog(
        {"vorstand": "Vorstand"}
    )
    assert read_catalog({"X": ["a", "b"]}, "X") == Catalog({"a": "a", "b": "b"})
    assert read_catalog({"X": {}}, "X") is None
    assert read_catalog({}, "X") is None
