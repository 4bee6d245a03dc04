"""A strict Content-Security-Policy on the portal's pages.

The portal has no inline scripts, inline styles or third-party assets, so it
can forbid them all. The admin and the interactive API docs (Swagger UI) are
left alone: they are not ours to rewrite.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class ContentSecurityPolicyMiddleware:
    """Adds ``settings.CASEBOOK_CONTENT_SECURITY_POLICY`` to portal responses."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        match = request.resolver_match
        # No match: a 404 page, which the portal renders.
        if match is None or "portal" in match.namespaces:
            response.headers.setdefault(
                "Content-Security-Policy", settings.CASEBOOK_CONTENT_SECURITY_POLICY
            )
        return response
