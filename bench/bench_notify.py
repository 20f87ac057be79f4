"""Benchmark of the comment notifier: what a new comment costs the request, and mail throughput.

Starts a local SMTP server (aiosmtpd) on 127.0.0.1 and a fresh database with the backend's
single writer. For each run it measures, interleaved:

- the baseline: the same new-comment mails (one editor, one author) sent with plain `smtplib`
  in a loop, one connection per mail, as the notifier does;
- the notifier: `comment_received` called for every comment, timed on the caller (what the
  request pays), then the time until its worker has delivered every mail.

    uv run python bench/bench_notify.py [--comments 300] [--runs 3]
"""

from __future__ import annotations

import argparse
import smtplib
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiosmtpd.controller import Controller

from faces_backend.comments.notify import CommentNotifier, StoreJobs
from faces_backend.comments.notify.mail import received_message
from faces_backend.store.sqlite import open_sqlite_store
from tests.backend.notify_helpers import AUTHOR, EDITOR, MailBox, event, notify_settings
from tests.servers import free_port


def baseline(port: int, comments: int) -> float:
    """Seconds for plain smtplib to send the mails of `comments` new comments."""
    settings = notify_settings(port)
    started = time.perf_counter()
    for number in range(comments):
        for recipient in (EDITOR, AUTHOR):
            message = received_message(event(f"c-{number:012x}"), recipient, settings)
            with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
                client.send_message(message)
    return time.perf_counter() - started


def notifier_run(port: int, comments: int, db_path: Path) -> tuple[float, list[float]]:
    """Seconds until the notifier delivered everything, and each call's time on the caller."""
    with open_sqlite_store(db_path) as store:
        notifier = CommentNotifier(notify_settings(port), StoreJobs(store))
        notifier.start()
        calls = []
        started = time.perf_counter()
        for number in range(comments):
            before = time.perf_counter()
            notifier.comment_received(event(f"c-{number:012x}"))
            calls.append(time.perf_counter() - before)
        assert notifier.wait_idle(600), "the notifier did not finish"
        total = time.perf_counter() - started
        notifier.close()
    return total, calls


def main() -> None:
    """Run the interleaved measurements and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--comments", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    box = MailBox()
    port = free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    plain, ours, calls = [], [], []
    with tempfile.TemporaryDirectory() as folder:
        for run in range(options.runs):
            plain.append(baseline(port, options.comments))
            total, run_calls = notifier_run(port, options.comments, Path(folder) / f"{run}.db")
            ours.append(total)
            calls.extend(run_calls)
    controller.stop()
    mails = 2 * options.comments
    calls.sort()
    print(f"{options.runs} runs of {options.comments} comments ({mails} mails each), medians:")
    print(f"  plain smtplib loop: {mails / statistics.median(plain):.0f} mails/s")
    print(f"  notifier worker:    {mails / statistics.median(ours):.0f} mails/s")
    print(
        f"  comment_received on the caller: median {statistics.median(calls) * 1e6:.0f} us, "
        f"p99 {calls[int(len(calls) * 0.99)] * 1e6:.0f} us"
    )
    assert len(box.messages) == 2 * mails * options.runs


if __name__ == "__main__":
    main()
