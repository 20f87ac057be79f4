"""Profiles from what author_profiles publishes, and the catalogs of departments and levels."""

from __future__ import annotations

from types import SimpleNamespace as Obj

from transparency.people import Catalog, Person, read_catalog, read_people


def test_profiles_are_read_by_handle_and_missing_attributes_have_defaults() -> None:
    context = {
        "author_profiles": {
            "lea": Obj(
                handle="lea",
                name="Lea Hofstetter",
                department="kommunikation",
                department_label="Kommunikation",
                level="bereichsleitung",
                level_label="Bereichsleitung",
                status="active",
                is_editor=True,
                photo_credit="Foto: Jana Roth",
                has_photo=True,
                url="menschen/lea/",
            ),
            "gast": Obj(name="Gast"),
        }
    }
    people = read_people(context) or {}
    assert people["lea"] == Person(
        "lea",
        "Lea Hofstetter",
        "kommunikation",
        "Kommunikation",
        "bereichsleitung",
        "Bereichsleitung",
        "active",
        True,
        "Foto: Jana Roth",
        True,
        "menschen/lea/",
    )
    assert people["gast"] == Person("gast", "Gast")
    assert read_people({}) is None


def test_catalogs_come_from_mappings_or_lists_and_may_be_absent() -> None:
    assert read_catalog({"AUTHORS_LEVELS": {"vorstand": "Vorstand"}}, "AUTHORS_LEVELS") == Catalog(
        {"vorstand": "Vorstand"}
    )
    assert read_catalog({"X": ["a", "b"]}, "X") == Catalog({"a": "a", "b": "b"})
    assert read_catalog({"X": {}}, "X") is None
    assert read_catalog({}, "X") is None
