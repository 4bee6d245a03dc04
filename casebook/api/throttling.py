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

Counting: a caller's window opens with its first request and lasts the rate's
period (a minute for ``60/minute``); the window's start and its counter live in
the cache, created with ``cache.add`` and raised with ``cache.incr``, both
atomic in Redis and in the local-memory cache. Two processes sharing a Redis
cache therefore never let more than the rate through in a window, even for
requests that arrive at the same moment (DRF's own read-then-write history
list can, under load). ``Retry-After`` is the time left in the window.
"""

from __future__ import annotations

from rest_framework import throttling
from rest_framework.settings import api_settings


class WindowRateThrottle(throttling.SimpleRateThrottle):
    """At most ``num_requests`` in the ``duration`` seconds from a caller's first request."""

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
        start_key = f"{self.key}:start"
        self.cache.add(start_key, self.now, timeout=self.duration)  # opens a window if none
        start = self.cache.get(start_key)
        if start is None:  # the window closed in between: this request opens the next one
            self.cache.add(start_key, self.now, timeout=self.duration)
            start = self.cache.get(start_key, self.now)
        self.window_ends_at = start + self.duration
        # One counter per window; it outlives the window a little, so never expires mid-count.
        count_key = f"{self.key}:{start!r}"
        self.cache.add(count_key, 0, timeout=self.duration + 5)
        try:
            count = self.cache.incr(count_key)
        except ValueError:  # evicted in between: this request starts the count again
            self.cache.add(count_key, 1, timeout=self.duration + 5)
            count = 1
        return count <= self.num_requests

    def wait(self) -> float:
        """Seconds until the caller's window closes (at least one): the ``Retry-After`` value."""
        return max(1.0, self.window_ends_at - self.now)


class AnonymousRateThrottle(WindowRateThrottle):
    """Anonymous callers, counted by connection address (see the module docstring)."""

    scope = "anon"

    def get_cache_key(self, request, view) -> str | None:
        """``throttle_anon_<address>``; None (not counted here) for an authenticated caller."""
        if request.user and request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class TokenRateThrottle(WindowRateThrottle):
    """Callers with a token (or a staff session), counted per user; anonymous callers never."""

    scope = "user"

    def get_cache_key(self, request, view) -> str | None:
        """``throttle_user_<user id>``; None (not counted here) for an anonymous caller."""
        if not (request.user and request.user.is_authenticated):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}
