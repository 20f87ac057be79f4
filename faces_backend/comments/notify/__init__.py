"""Comment notifications (issue 15): editors' and authors' mails, the webhook, reply mails.

The comments feature runs one `CommentNotifier` made by `notifier_factory(NotifySettings)`
over the backend's store (started after the store opens, closed before it stops);
`subscription_routes` and `subscription_paths` add the two opt-in links to the comment
routes and to the comments' OpenAPI part. A command-line process uses `ConnectionJobs`.
"""

from __future__ import annotations

from faces_backend.comments.notify.notifier import CommentNotifier
from faces_backend.comments.notify.openapi import subscription_paths
from faces_backend.comments.notify.pages import subscription_routes
from faces_backend.comments.notify.running import notifier_factory
from faces_backend.comments.notify.settings import NOTIFY_SETTINGS, NotifySettings, SmtpSettings
from faces_backend.comments.notify.store import ConnectionJobs, StoreJobs

__all__ = [
    "NOTIFY_SETTINGS",
    "CommentNotifier",
    "ConnectionJobs",
    "NotifySettings",
    "SmtpSettings",
    "StoreJobs",
    "notifier_factory",
    "subscription_paths",
    "subscription_routes",
]
