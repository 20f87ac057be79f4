"""Comment notifications (issue 15): editors' and authors' mails, the webhook, reply mails.

The composition root builds one `CommentNotifier` from `NotifySettings.from_env` and a
`WriterJobs` over the backend's writer, starts it after the writer and closes it before;
`subscription_routes` and `subscription_paths` add the two opt-in links to the app and to
its OpenAPI document.
"""

from __future__ import annotations

from faces_backend.notify.notifier import CommentNotifier
from faces_backend.notify.openapi import subscription_paths
from faces_backend.notify.pages import subscription_routes
from faces_backend.notify.settings import NOTIFY_SETTINGS, NotifySettings, SmtpSettings
from faces_backend.notify.store import ConnectionJobs, WriterJobs

__all__ = [
    "NOTIFY_SETTINGS",
    "CommentNotifier",
    "ConnectionJobs",
    "NotifySettings",
    "SmtpSettings",
    "WriterJobs",
    "subscription_paths",
    "subscription_routes",
]
