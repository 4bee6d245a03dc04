"""Top-level URLs: the admin, the research portal and the API."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("casebook.api.urls")),
    path("", include("casebook.portal.urls")),
]
