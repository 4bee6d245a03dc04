"""URLs of the read-only API under /api/v1/ (namespace ``api``)."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework import routers

from casebook.api import revisions, views
from casebook.api.accused_parties import AccusedPartyViewSet
from casebook.api.exceptions import not_found
from casebook.api.suggestions import ClauseSuggestionListView
from casebook.api.views.base import CasebookAPIMixin
from casebook.records.versions import VERSION_DATE_PATTERN

app_name = "api"

#: The answers the API root lists after the record lists: ``{key in the root: URL name}``.
ROOT_ANSWERS = {
    "timeline": "timeline",
    "clause-in-force": "clause-in-force",
    "terms-matrix": "terms-matrix",
    "compare": "compare",
    "search": "search",
    "dump": "dump",
    "docs": "docs-page",
    "schema": "schema",
}


class APIRootView(CasebookAPIMixin, routers.APIRootView):
    """DRF's API root with what every endpoint shares: strict query parameters, the
    error envelope and ``Vary: Accept`` (a tryout found it answering ``Vary: Cookie``
    only, unlike every other answer)."""


class CasebookRouter(routers.DefaultRouter):
    """DRF's router, whose API root (``/api/v1/``) also lists the answers in
    :data:`ROOT_ANSWERS` (the timeline, search, the dump ...), not only the record lists,
    so a script that starts at the root finds every endpoint."""

    APIRootView = APIRootView

    def get_api_root_view(self, api_urls=None):
        list_name = self.routes[0].name
        api_root_dict = {
            prefix: list_name.format(basename=basename) for prefix, _, basename in self.registry
        }
        return self.APIRootView.as_view(api_root_dict={**api_root_dict, **ROOT_ANSWERS})


router = CasebookRouter(trailing_slash=True)
router.register("parties", views.PartyViewSet, basename="party")
router.register("sources", views.SourceViewSet, basename="source")
router.register("allegations", views.AllegationViewSet, basename="allegation")
router.register("cases", views.CaseViewSet, basename="case")
router.register("settlements", views.SettlementViewSet, basename="settlement")
router.register("guidance", views.GuidanceViewSet, basename="guidance")
router.register("terms", views.TermsDocumentViewSet, basename="terms")
router.register("terms-versions", views.TermsVersionViewSet, basename="terms-version")
router.register("clauses", views.ClauseViewSet, basename="clause")
router.register("events", views.EventViewSet, basename="event")
router.register("accused-parties", AccusedPartyViewSet, basename="accused-party")

#: A version's key in a URL: the document's slug, then its OTA record time, effective date
#: or "undated" (casebook.records.versions).
VERSION_KEY = rf"(?P<document>[-a-zA-Z0-9_]+)/(?P<date>{VERSION_DATE_PATTERN})"

urlpatterns = [
    re_path(
        rf"^terms-versions/{VERSION_KEY}/$",
        views.TermsVersionViewSet.as_view({"get": "retrieve_key"}, detail=True),
        name="terms-version-detail",
    ),
    re_path(
        rf"^clauses/{VERSION_KEY}/(?P<category>[-a-zA-Z0-9_]+)/$",
        views.ClauseViewSet.as_view({"get": "retrieve_key"}, detail=True),
        name="clause-detail",
    ),
    re_path(
        r"^accused-parties/(?P<allegation>[-a-zA-Z0-9_]+)/(?P<party>[-a-zA-Z0-9_]+)/$",
        AccusedPartyViewSet.as_view({"get": "retrieve_key"}, detail=True),
        name="accused-party-detail",
    ),
    path("timeline/", views.TimelineAPIView.as_view(), name="timeline"),
    path("clause-in-force/", views.ClauseInForceView.as_view(), name="clause-in-force"),
    path("terms-matrix/", views.TermsMatrixAPIView.as_view(), name="terms-matrix"),
    path("compare/", views.ComparisonView.as_view(), name="compare"),
    path("search/", views.SearchAPIView.as_view(), name="search"),
    path("dump/", views.DumpView.as_view(), name="dump"),
    path(
        "clause-suggestions/",
        ClauseSuggestionListView.as_view(),
        name="clause-suggestions",
    ),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.GuidePageView.as_view(), name="docs-page"),
    path(
        "docs/interactive/",
        SpectacularSwaggerView.as_view(url_name="api:schema"),
        name="docs-interactive",
    ),
    *revisions.urlpatterns,
    *router.urls,
    # Anything else under /api/v1/ answers the API's JSON 404, not an HTML page
    # (newlines included: an encoded %0A in a path must not fall through to HTML).
    re_path(r"^[\s\S]*$", not_found, name="not-found"),
]
