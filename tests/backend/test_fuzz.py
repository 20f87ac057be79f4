"""Schemathesis against the backend's own OpenAPI document: no 5xx, no answer outside the schema.

FUZZ_CASES sets how many requests a run makes (default 1,000, the CI size; nightly: 10000), and
FUZZ_RANDOM=1 draws new cases each run (the suite's own are the same every time).
Cases are valid and invalid requests generated from the document; some of them get a poll id,
option or page that exists, so the fuzzer also reaches the code behind the "unknown" checks.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.python import asgi
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from starlette.applications import Starlette

from faces_backend import create_app
from faces_backend.comments.config import CommentSettings
from tests.backend.comments_support import THREADS, write_threads
from tests.backend.helpers import ORIGIN, POLLS
from tests.reach.helpers import PAGES, READER, counting_settings

FUZZ_CASES = int(os.environ.get("FUZZ_CASES", "1000"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
# Share of the cases per operation: the vote form is where the input space is.
WEIGHTS = {
    "POST /vote": 0.5,
    "GET /polls/{poll}/results": 0.1,
    "GET /polls/{poll}/suggestions": 0.1,
    "POST /views": 0.15,
    "GET /views.gif": 0.15,
    "POST /comments": 0.3,
    "POST /comments/{id}/report": 0.05,
    "GET /comments/{thread}": 0.05,
}
FEW = 10  # operations without input: a handful of cases each, on top of the weighted ones
POLL_IDS = [entry["id"] for entry in POLLS]
THREAD_IDS = [entry["id"] for entry in THREADS]
OPTION_IDS = ["salatbar", "cafe", "a", "b", "c"]


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Starlette]:
    """The backend with polls and countable pages, limits high enough not to hide other paths."""
    folder = tmp_path_factory.mktemp("fuzz")
    backend = create_app(
        counting_settings(
            folder, "polls.sqlite3", rate_limit=1_000_000, views_rate_limit=1_000_000
        ),
        comments=CommentSettings(
            manifest=str(write_threads(folder / "threads.json")), min_seconds=0
        ),
    )
    yield backend
    asgi.shutdown_lifespans()  # schemathesis keeps the lifespan (writer thread) running


def existing_ids(case: Any, data: st.DataObject) -> None:
    """Point some cases at a poll, option or page that exists (the rest stay as generated)."""
    if not data.draw(st.booleans(), label="use existing ids"):
        return
    if isinstance(case.body, dict):
        case.body["poll"] = data.draw(st.sampled_from(POLL_IDS))
        if "choice" in case.body:
            case.body["choice"] = data.draw(st.sampled_from(OPTION_IDS))
        # A generated _next is almost never on the allowed origin, and a filled honeypot is a
        # bot: without both, the case reaches the ballot itself.
        case.body.pop("_next", None)
        case.body.pop("_hp", None)
    if isinstance(case.body, dict) and "thread" in case.body:
        case.body["thread"] = data.draw(st.sampled_from(THREAD_IDS))
    if case.path_parameters and "thread" in case.path_parameters:
        case.path_parameters["thread"] = data.draw(st.sampled_from(THREAD_IDS))
    if case.path_parameters and "poll" in case.path_parameters:
        case.path_parameters["poll"] = data.draw(st.sampled_from(POLL_IDS))
    if case.query and "p" in case.query:
        case.query["p"] = data.draw(st.sampled_from(PAGES))


def reader_headers(number: int) -> dict[str, str]:
    """A browser on the blog's page with its own address (lower case replaces the client's)."""
    headers = {name.lower(): value for name, value in READER.items()}
    return {**headers, "x-forwarded-for": f"203.0.113.{number % 250}"}


# Headers the document does not describe but the defences read: what a hostile client sends.
HEADER_TEXT = st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF), max_size=80).map(
    str.strip
)
HOSTILE_HEADERS = st.dictionaries(
    st.sampled_from(
        [
            "x-forwarded-for",
            "x-forwarded-proto",
            "origin",
            "referer",
            "cookie",
            "user-agent",
            "x-remote-user",
            "content-type",
            "dnt",
            "sec-gpc",
            "accept",
        ]
    ),
    st.one_of(
        HEADER_TEXT,
        st.sampled_from([ORIGIN, "null", "faces_voter=" + "A" * 43, "1", "unknown, 10.0.0.1"]),
        HEADER_TEXT.map(lambda text: "faces_voter=" + text),
    ),
    max_size=4,
)


def fuzz(operation: Any, cases: int, counter: list[int]) -> None:
    """Send `cases` generated requests (valid and invalid) to one operation and check each."""
    modes = [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]
    strategy = st.one_of(operation.as_strategy(generation_mode=mode) for mode in modes)

    @settings(
        max_examples=cases,
        deadline=None,
        database=None,
        # The same cases every run, so a suite run cannot fail by the draw; FUZZ_RANDOM=1 (the
        # nightly run) draws new ones.
        derandomize=not os.environ.get("FUZZ_RANDOM"),
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy, data=st.data())
    def one_request(case: Any, data: st.DataObject) -> None:
        existing_ids(case, data)
        counter[0] += 1
        hostile = data.draw(st.one_of(st.just({}), HOSTILE_HEADERS), label="hostile headers")
        response = case.call(headers={**reader_headers(counter[0]), **hostile})
        case.validate_response(response, checks=CHECKS)

    one_request()


def test_no_5xx_and_every_answer_in_the_schema(app: Starlette) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    labels = {operation.label for operation in operations}
    assert set(WEIGHTS) <= labels, labels
    sent = [0]
    for operation in operations:
        share = WEIGHTS.get(operation.label)
        fuzz(operation, math.ceil(FUZZ_CASES * share) if share else FEW, sent)
    assert sent[0] >= FUZZ_CASES
