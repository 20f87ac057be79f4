"""The notification e-mails: plain text, built with `email.message`, sent with `smtplib`."""

from __future__ import annotations

import functools
import smtplib
import ssl
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from urllib.parse import urlencode

from faces_backend.comments.events import CommentEvent
from faces_backend.comments.notify.settings import NotifySettings, SmtpSettings
from faces_backend.comments.notify.texts import days, text
from faces_backend.http.setting_values import Voice, voice

SMTP_TIMEOUT_SECONDS = 10
SUBJECT_VALUE_CHARS = 80
CONFIRM_PATH = "/comments/subscription/confirm"
STOP_PATH = "/comments/subscription/stop"


def subscription_link(settings: NotifySettings, path: str, token: str) -> str:
    """Return the public address of a confirm or stop link."""
    return f"{settings.public_url}{path}?{urlencode({'token': token})}"


def received_message(event: CommentEvent, recipient: str, settings: NotifySettings) -> EmailMessage:
    """Return the mail telling an editor or author of a new comment awaiting approval."""
    lang = settings.language
    values = _subject_values(event)
    shown = _body_values(event, settings)
    body = text(lang, "received_body", moderation_url=settings.moderation_url, **shown)
    return _message(settings, recipient, text(lang, "received_subject", **values), body)


def confirmation_message(
    recipient: str, lang: str, token: str, settings: NotifySettings
) -> EmailMessage:
    """Return the one mail sent to an unconfirmed address: the confirmation link."""
    return _subscriber_mail(
        settings,
        recipient,
        lang,
        token,
        "confirm",
        {},
        confirm_url=subscription_link(settings, CONFIRM_PATH, token),
        retention=days(_voice(lang, settings), settings.retention_days),
    )


def reply_message(
    event: CommentEvent, recipient: str, lang: str, token: str, settings: NotifySettings
) -> EmailMessage:
    """Return the mail telling a confirmed commenter that an author replied."""
    shown = _body_values(event, settings)
    return _subscriber_mail(
        settings, recipient, lang, token, "reply", _subject_values(event), **shown
    )


def _subscriber_mail(
    settings: NotifySettings,
    recipient: str,
    lang: str,
    token: str,
    kind: str,
    subject_values: dict[str, str],
    **body_values: str | int,
) -> EmailMessage:
    """Return a mail to a subscriber in their language, with the stop link and its headers."""
    said = _voice(lang, settings)
    stop_url = subscription_link(settings, STOP_PATH, token)
    body = text(said, f"{kind}_body", stop_url=stop_url, **body_values)
    message = _message(settings, recipient, text(said, f"{kind}_subject", **subject_values), body)
    _unsubscribe_headers(message, stop_url)
    return message


def _voice(lang: str, settings: NotifySettings) -> Voice:
    return voice("en" if lang == "en" else "de", settings.address)


def post_link(settings: NotifySettings, post_url: str) -> str:
    """Return the post's absolute address: a path is taken on the backend's public origin."""
    if post_url.startswith("/") and not post_url.startswith("//"):
        scheme, _, rest = settings.public_url.partition("://")
        return f"{scheme}://{rest.split('/', 1)[0]}{post_url}"
    return post_url


def send(smtp: SmtpSettings, message: EmailMessage) -> None:
    """Deliver one message to the SMTP server; raise OSError or SMTPException if it fails."""
    client: smtplib.SMTP
    if smtp.port == 465:
        client = smtplib.SMTP_SSL(
            smtp.host, smtp.port, timeout=SMTP_TIMEOUT_SECONDS, context=tls_context()
        )
    else:
        client = smtplib.SMTP(smtp.host, smtp.port, timeout=SMTP_TIMEOUT_SECONDS)
    with client:
        if smtp.starttls and smtp.port != 465:
            client.starttls(context=tls_context())
        if smtp.user:
            client.login(smtp.user, smtp.password)
        client.send_message(message)


@functools.cache
def tls_context() -> ssl.SSLContext:
    """Return the TLS settings for the SMTP server, made once (loading the CAs takes ~0.1 s)."""
    return ssl.create_default_context()


def encodable(value: str) -> str:
    """Return `value` with what UTF-8 cannot carry (lone surrogates from JSON) replaced."""
    return value.encode("utf-8", "replace").decode("utf-8")


def _body_values(event: CommentEvent, settings: NotifySettings) -> dict[str, str]:
    """The comment's name, post title and text as a mail body shows them, and the post's link."""
    return {
        "name": encodable(event.name),
        "title": encodable(event.post_title),
        "text": encodable(event.text),
        "post_url": post_link(settings, event.post_url),
    }


def _subject_values(event: CommentEvent) -> dict[str, str]:
    """The commenter's name and the post's title made safe for a one-line subject."""
    return {"name": _one_line(event.name), "title": _one_line(event.post_title)}


def _one_line(value: str) -> str:
    flat = " ".join("".join(c if c.isprintable() else " " for c in encodable(value)).split())
    return flat if len(flat) <= SUBJECT_VALUE_CHARS else flat[: SUBJECT_VALUE_CHARS - 1] + "…"


def _message(settings: NotifySettings, recipient: str, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.mail_from
    message["To"] = recipient
    message["Subject"] = subject
    message["Date"] = format_datetime(datetime.now(UTC))
    domain = parseaddr(settings.mail_from)[1].rpartition("@")[2] or None
    message["Message-ID"] = make_msgid(domain=domain)
    # RFC 3834: a machine wrote this; autoresponders must not answer it.
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(body, subtype="plain", charset="utf-8")
    return message


def _unsubscribe_headers(message: EmailMessage, stop_url: str) -> None:
    # RFC 2369 and RFC 8058: mail programs offer one-click unsubscribe by a POST to the URL.
    message["List-Unsubscribe"] = f"<{stop_url}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
