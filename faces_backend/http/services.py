"""The shared parts every feature's handlers use, made once per app start by the root."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request

from faces_backend.http.identity import VoterIdentity
from faces_backend.http.origins import OriginPolicy
from faces_backend.http.ratelimit import Limiter
from faces_backend.http.settings import Settings
from faces_backend.store import Store


@dataclass
class Services:
    """Settings, store and the defences' state: what every feature shares."""

    settings: Settings
    store: Store
    identity: VoterIdentity
    limiter: Limiter
    origins: OriginPolicy


def services_of(request: Request) -> Services:
    """Return the Services of the app serving this request."""
    services: Services = request.app.state.services
    return services
