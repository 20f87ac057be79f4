"""The notifier the comment backend calls: every entry point queues work and returns at once."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterator, Sequence
from datetime import UTC, datetime
from functools import partial

from faces_backend.comments.events import CommentEvent
from faces_backend.comments.notify import mail, store
from faces_backend.comments.notify.addresses import bare_address
from faces_backend.comments.notify.settings import NotifySettings
from faces_backend.comments.notify.store import Jobs
from faces_backend.comments.notify.webhook import post_webhook, webhook_payload
from faces_backend.comments.notify.worker import RETRY_DELAYS_SECONDS, Task, Worker, brief
from faces_backend.store.writer import Job

log = logging.getLogger("faces_backend")

LANGUAGES = ("de", "en")
# Threads of recent comments, for an opt-in that arrives after its comment's event.
_REMEMBERED_THREADS = 4096


class CommentNotifier:
    """Mails and webhook notices about comments, and the commenters' reply-mail opt-ins."""

    def __init__(
        self,
        settings: NotifySettings,
        jobs: Jobs,
        *,
        retry_delays: Sequence[float] = RETRY_DELAYS_SECONDS,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        open_threads: Callable[[], Collection[str] | None] | None = None,
    ) -> None:
        """`open_threads` returns the ids of the threads open now (from the comment manifest),
        or None while unknown; the hourly purge then drops the addresses of all others."""
        self.settings = settings
        self.jobs = jobs
        self._clock = clock
        self._open_threads = open_threads
        self._threads: OrderedDict[str, str] = OrderedDict()
        self._threads_lock = threading.Lock()
        purge = Task("retention purge of reply-mail addresses", self.purge_expired, retry=False)
        self._worker = Worker(retry_delays=retry_delays, periodic=purge)

    def start(self) -> None:
        """Start the background worker (it also deletes expired addresses once an hour)."""
        self._worker.start()

    def close(self) -> None:
        """Finish the queued work and stop; call before the database writer stops."""
        self._worker.close()

    def wait_idle(self, timeout: float) -> bool:
        """Wait until all queued work is done or given up; return False on timeout."""
        return self._worker.wait_idle(timeout)

    def comment_received(self, event: CommentEvent) -> None:
        """Tell the editors and the post's authors (mail) and the webhook of a new comment."""
        with _never_raises(f"notice of new comment {event.comment_id}"):
            self._remember_thread(event)
            if self.settings.smtp is not None:
                for who, recipient in self._editors_and_authors(event).items():
                    self._worker.submit(
                        f"mail to {who} about new comment {event.comment_id}",
                        partial(self._send_received_mail, event, recipient),
                    )
            if self.settings.webhook_url:
                self._worker.submit(
                    f"webhook about new comment {event.comment_id}",
                    partial(self._post_webhook, event),
                )

    def comment_approved(self, event: CommentEvent) -> None:
        """If this is a reply by a profile, mail the parent's commenter once, if they confirmed."""
        with _never_raises(f"notice of approved comment {event.comment_id}"):
            self._remember_thread(event)
            if event.parent is None or event.profile is None or self.settings.smtp is None:
                return
            self._worker.submit(
                f"reply mail for comment {event.parent}",
                partial(self._send_reply_mail, event, event.parent),
            )

    def subscribe(self, comment_id: str, email: str, lang: str) -> None:
        """Store the address unconfirmed and mail the confirmation link (double opt-in)."""
        with _never_raises(f"opt-in for comment {comment_id}"):
            self._subscribe(comment_id, email, lang)

    def _subscribe(self, comment_id: str, email: str, lang: str) -> None:
        address = bare_address(email)
        if address is None:
            log.warning(
                "faces_backend: notify: opt-in for %s ignored: no valid address", comment_id
            )
            return
        if self.settings.smtp is None:
            # Without SMTP no confirmation can reach anyone: a stored address would serve nothing.
            log.warning("faces_backend: notify: opt-in for %s ignored: no SMTP server", comment_id)
            return
        language = lang if lang in LANGUAGES else self.settings.language
        self._worker.submit(
            f"opt-in for comment {comment_id}",
            partial(self._store_and_confirm, comment_id, address, language),
            retry=False,
        )

    def forget(self, comment_id: str) -> None:
        """Delete any address stored for this comment (withdrawn or rejected)."""
        with _never_raises(f"forgetting the opt-in of {comment_id}"):
            job = partial(store.forget, comment_id=comment_id)
            self._worker.submit(f"forget the opt-in of {comment_id}", partial(self._write, job))

    def forget_thread(self, thread: str) -> None:
        """Delete every address stored for comments of a thread that closed."""
        job = partial(store.forget_thread, thread=thread)
        self._worker.submit(f"forget the opt-ins of thread {thread}", partial(self._write, job))

    def purge_expired(self) -> None:
        """Delete addresses past FACES_NOTIFY_RETENTION_DAYS or of closed threads (hourly)."""
        job = partial(store.purge, now=self._clock(), retention_days=self.settings.retention_days)
        deleted = self.jobs.run_blocking(job)
        open_threads = self._open_threads() if self._open_threads else None
        if open_threads is not None:
            closed = partial(store.forget_closed_threads, open_threads=open_threads)
            deleted += self.jobs.run_blocking(closed)
        if deleted:
            log.info("faces_backend: notify: %s expired reply-mail address(es) deleted", deleted)

    async def confirm(self, token: str) -> str:
        """Confirm an opt-in by its link token: 'confirmed', 'already' or 'unknown'."""
        return await self.jobs.run(partial(store.confirm, token=token, now=self._clock()))

    async def stop(self, token: str) -> bool:
        """Delete the opt-ins of a link token (unsubscribe); return whether any existed."""
        return bool(await self.jobs.run(partial(store.stop, token=token)))

    def _write(self, job: Job[object]) -> None:
        self.jobs.run_blocking(job)

    def _remember_thread(self, event: CommentEvent) -> None:
        with self._threads_lock:
            self._threads[event.comment_id] = event.thread
            self._threads.move_to_end(event.comment_id)
            while len(self._threads) > _REMEMBERED_THREADS:
                self._threads.popitem(last=False)
        job = partial(store.set_thread, comment_id=event.comment_id, thread=event.thread)
        self._worker.submit(f"note the thread of {event.comment_id}", partial(self._write, job))

    def _editors_and_authors(self, event: CommentEvent) -> dict[str, str]:
        """{who, as the log names them without their address: address}, each address once."""
        found = [(f"editor {n}", a) for n, a in enumerate(self.settings.editor_emails, 1)]
        for slug in event.author_profiles:
            if address := self.settings.author_emails.get(slug):
                found.append((f"author {slug}", address))
        unique: dict[str, tuple[str, str]] = {}
        for who, address in found:
            unique.setdefault(address.lower(), (who, address))
        return dict(unique.values())

    def _send_received_mail(self, event: CommentEvent, recipient: str) -> None:
        assert self.settings.smtp is not None
        mail.send(self.settings.smtp, mail.received_message(event, recipient, self.settings))

    def _post_webhook(self, event: CommentEvent) -> None:
        post_webhook(self.settings.webhook_url, webhook_payload(event, self.settings))

    def _store_and_confirm(self, comment_id: str, address: str, lang: str) -> None:
        token = store.new_token()
        with self._threads_lock:
            thread = self._threads.get(comment_id)
        job = partial(
            store.add_subscription,
            comment_id=comment_id,
            thread=thread,
            email=address,
            lang=lang,
            token=token,
            now=self._clock(),
        )
        if not self.jobs.run_blocking(job):
            return  # a confirmation mail went to this address within the hour
        assert self.settings.smtp is not None
        message = mail.confirmation_message(address, lang, token, self.settings)
        self._worker.submit(
            f"confirmation mail for comment {comment_id}",
            partial(mail.send, self.settings.smtp, message),
        )

    def _send_reply_mail(self, event: CommentEvent, parent: str) -> None:
        subscription = self.jobs.run_blocking(partial(store.subscription_of, comment_id=parent))
        if subscription is None or not subscription.confirmed:
            return
        assert self.settings.smtp is not None
        # A fresh token for this mail's unsubscribe link, so the link works until it is sent.
        token = store.new_token()
        self.jobs.run_blocking(partial(store.retoken, comment_id=parent, token=token))
        message = mail.reply_message(
            event, subscription.email, subscription.lang, token, self.settings
        )
        mail.send(self.settings.smtp, message)
        # One mail per opt-in: the address has done its job.
        self.jobs.run_blocking(partial(store.forget, comment_id=parent))


@contextlib.contextmanager
def _never_raises(what: str) -> Iterator[None]:
    """Keep a notifier failure out of the request that called it: one log line instead."""
    try:
        yield
    except Exception as error:
        log.warning("faces_backend: notify: %s failed: %s", what, brief(error))
