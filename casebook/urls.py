"""Top-level URLs: the admin, the research portal and the API."""

from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from casebook.records.admin import recent_changes_view

staff_urls = (
    [path("", admin.site.admin_view(recent_changes_view), name="recent_changes")],
    "staff",
)

# A database outage raised outside a view is a 503 too (casebook/middleware.py).
handler500 = "casebook.middleware.server_error"


class FaviconView(RedirectView):
    """``/favicon.ico``, asked for by pages without an icon link (the admin's): the SVG icon."""

    permanent = False

    def get_redirect_url(self, *args, **kwargs) -> str:
        return static("portal/favicon.svg")


urlpatterns = [
    path("favicon.ico", FaviconView.as_view(), name="favicon"),
    path("admin/recent-changes/", include(staff_urls)),
    path("admin/", admin.site.urls),
    path("api/v1/", include("casebook.api.urls")),
    path("", include("casebook.portal.urls")),
]
