"""Request limits: one rate for anonymous callers (by address), one for token holders.

The rates live in ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` (``anon`` and
``user``) and are read on each request, so settings overrides take effect.
Past the limit the API answers 429 with ``Retry-After``.

Who a caller is:

- an anonymous caller is its connection address (``REMOTE_ADDR``). An
  ``X-Forwarded-For`` header is read only when ``NUM_PROXIES``
  (``CASEBOOK_TRUSTED_PROXY_COUNT``) says how many proxies of ours append to
  it, and then only the address the outermost of them saw counts: whatever
  the client wrote there itself is ignored (DRF's ``get_ident``);
- a token holder (or a staff session) is its user; anonymous callers are not
  counted against the token holders' rate at all.

Counting: each caller has one counter per fixed window of the rate's period
(a minute for ``60/minute``), created with ``cache.add`` and raised with
``cache.incr``, both atomic in Redis and in the local-memory cache. Two
processes sharing a Redis cache therefore never let more than the rate
through in a window, even for requests that arrive at the same moment
(DRF's own read-then-write history list can, under load).
"""

from __future__ import annotations

from rest_framework import throttling
from rest_framework.settings import api_settings


class FixedWindowRateThrottle(throttling.SimpleRateThrottle):
    """At most ``num_requests`` per ``duration``-second window, counted atomically in the cache."""

    def get_rate(self) -> str | None:
        """The rate for this scope from the current settings (``"60/minute"``), or None."""
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view) -> bool:
        """Count this request in the caller's current window; False once past the rate."""
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        window = int(self.now // self.duration)
        self.window_ends_at = (window + 1) * self.duration
        key = f"{self.key}:{window}"
        # The counter outlives its window a little, so it cannot expire between add and incr.
        self.cache.add(key, 0, timeout=self.duration + 5)
        try:
            count = self.cache.incr(key)
        except ValueError:  # evicted in between: this request starts the count again
            self.cache.add(key, 1, timeout=self.duration + 5)
            count = 1
        return count <= self.num_requests

    def wait(self) -> float:
        """Seconds until the current window ends (at least one): the ``Retry-After`` value."""
        return max(1.0, self.window_ends_at - self.now)


class AnonymousRateThrottle(FixedWindowRateThrottle):
    """Anonymous callers, counted by connection address (see the module docstring)."""

    scope = "anon"

    def get_cache_key(self, request, view) -> str | None:
        """``throttle_anon_<address>``; None (not counted here) for an authenticated caller."""
        if request.user and request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class TokenRateThrottle(FixedWindowRateThrottle):
    """Callers with a token (or a staff session), counted per user; anonymous callers never."""

    scope = "user"

    def get_cache_key(self, request, view) -> str | None:
        """``throttle_user_<user id>``; None (not counted here) for an anonymous caller."""
        if not (request.user and request.user.is_authenticated):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}
