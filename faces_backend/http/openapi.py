"""Pieces of the OpenAPI document every feature uses, and the assembly of the features' parts."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from faces_backend.http.forms import ID_PATTERN

ID = {"type": "string", "pattern": f"^{ID_PATTERN.pattern}$"}
SCHEMAS = "#/components/schemas/"
PATH_ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
HONEYPOT = {"type": "string", "description": "Honeypot: must be empty."}


def form_body(properties: dict[str, Any], *, required: bool | None = None) -> dict[str, Any]:
    """A request body of one form-encoded object with these properties."""
    schema = {"type": "object", "properties": properties}
    body: dict[str, Any] = {"content": {"application/x-www-form-urlencoded": {"schema": schema}}}
    if required is not None:
        body["required"] = required
    return body


def stamped_form_body(schema_name: str) -> dict[str, Any]:
    """The request body of a stamped form: the form's schema as a plain form, multipart or JSON."""
    media = ("application/x-www-form-urlencoded", "multipart/form-data", "application/json")
    return {
        "required": True,
        "content": {m: {"schema": {"$ref": SCHEMAS + schema_name}} for m in media},
    }


def stamped_form_fields(stamp_path: str, without_stamp: str, back: str) -> dict[str, Any]:
    """The fields every stamped form carries: the honeypot, the stamp and the way back."""
    return {
        "_hp": HONEYPOT,
        "stamp": {
            "type": "string",
            "description": f"From GET {stamp_path}. Missing (plain form): the answer is "
            f"{without_stamp}, carrying a fresh stamp.",
        },
        "_next": {"type": "string", "maxLength": 2048, "description": back},
    }


def stamped_form_answer(
    words: Sequence[str], reader: str, **properties: dict[str, Any]
) -> dict[str, Any]:
    """A stamped form's JSON answer: status, message for `reader`, own properties, what failed."""
    return {
        "type": "object",
        "required": ["status", "message"],
        "properties": {
            "status": {"enum": list(words)},
            "message": {"type": "string", "description": f"For the {reader}, in FACES_LANGUAGE."},
            **properties,
            "field": {"type": "string"},
            "error": {"type": "string"},
            "retry_after": {"type": "integer"},
        },
    }


def json_answer(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    """A response whose body is JSON of this schema."""
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def stamp_path(operation_id: str) -> dict[str, Any]:
    """The GET that hands a form its signed stamp (JSON `{"stamp": ...}`)."""
    stamp = {"type": "object", "required": ["stamp"], "properties": {"stamp": {"type": "string"}}}
    return {
        "get": {
            "operationId": operation_id,
            "summary": "A signed form stamp (valid once, after FACES_FORM_MIN_SECONDS).",
            "responses": {"200": json_answer("The stamp.", stamp)},
        }
    }


@dataclass(frozen=True)
class ApiPart:
    """One feature's share of the document: its paths, schemas and shared responses."""

    paths: dict[str, Any]
    schemas: dict[str, Any] = field(default_factory=dict)
    responses: dict[str, Any] = field(default_factory=dict)


def assemble(info: dict[str, Any], parts: Sequence[ApiPart], root_path: str) -> dict[str, Any]:
    """Return the OpenAPI 3.1 document of these parts, served under `root_path`."""
    document: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": info,
        "paths": {},
        "components": {"schemas": {}, "responses": {}},
    }
    for part in parts:
        for section, entries in (
            (document["paths"], part.paths),
            (document["components"]["schemas"], part.schemas),
            (document["components"]["responses"], part.responses),
        ):
            clash = section.keys() & entries.keys()
            if clash:
                # Two features claiming one path or schema is a programming error.
                raise ValueError(f"OpenAPI parts both define {sorted(clash)}")
            section.update(entries)
    document["servers"] = [{"url": root_path or "/"}]
    return copy.deepcopy(document)
