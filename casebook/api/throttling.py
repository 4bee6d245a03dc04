"""Request limits: one rate for anonymous callers (by IP), a higher one for token holders.

The rates live in ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` (``anon`` and
``user``) and are read on each request, so settings overrides take effect.
Past the limit the API answers 429 with ``Retry-After``.
"""

from rest_framework import throttling
from rest_framework.settings import api_settings


class AnonymousRateThrottle(throttling.AnonRateThrottle):
    """Anonymous callers, counted by IP address."""

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class TokenRateThrottle(throttling.UserRateThrottle):
    """Callers with a token (or a staff session), counted per user."""

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
