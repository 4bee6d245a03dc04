"""Top-level URLs: the admin, the research portal and the API."""

from django.contrib import admin
from django.urls import include, path

from casebook.records.admin import recent_changes_view

staff_urls = (
    [path("", admin.site.admin_view(recent_changes_view), name="recent_changes")],
    "staff",
)

# A database outage raised outside a view is a 503 too (casebook/middleware.py).
handler500 = "casebook.middleware.server_error"

urlpatterns = [
    path("admin/recent-changes/", include(staff_urls)),
    path("admin/", admin.site.urls),
    path("api/v1/", include("casebook.api.urls")),
    path("", include("casebook.portal.urls")),
]
