"""URLs of the research portal (namespace ``portal``)."""

from django.contrib.sitemaps.views import index, sitemap
from django.urls import path, re_path

from casebook.portal import views
from casebook.portal.accused_parties import AccusedPartyListView
from casebook.portal.feeds import LatestRecordsFeed
from casebook.portal.revisions import RecordRevisionView
from casebook.portal.sitemaps import SITEMAPS
from casebook.portal.versions import TermsVersionView
from casebook.records.registry import RECORD_TYPES
from casebook.records.versions import VERSION_DATE_PATTERN

app_name = "portal"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("methodology/", views.MethodologyView.as_view(), name="methodology"),
    path("timeline/", views.TimelineView.as_view(), name="timeline"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("compare/terms/", views.TermsMatrixView.as_view(), name="terms_matrix"),
    path("compare/terms/history/", views.ClauseHistoryView.as_view(), name="clause_history"),
    path("compare/allegations/", views.CompareView.as_view(), name="compare"),
    path("feed/", LatestRecordsFeed(), name="feed"),
    path(
        "sitemap.xml",
        index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "portal:sitemap_section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
    path("parties/", views.PartyListView.as_view(), name="party_list"),
    path("parties/<slug:slug>/", views.PartyDetailView.as_view(), name="party_detail"),
    path("sources/", views.SourceListView.as_view(), name="source_list"),
    path("sources/<slug:slug>/", views.SourceDetailView.as_view(), name="source_detail"),
    path("terms/", views.TermsListView.as_view(), name="terms_list"),
    path("terms/<slug:slug>/", views.TermsDetailView.as_view(), name="terms_detail"),
    re_path(
        rf"^terms/(?P<slug>[-a-zA-Z0-9_]+)/versions/(?P<key>{VERSION_DATE_PATTERN})/$",
        TermsVersionView.as_view(),
        name="terms_version",
    ),
    path("allegations/", views.AllegationListView.as_view(), name="allegation_list"),
    path(
        "allegations/<slug:slug>/", views.AllegationDetailView.as_view(), name="allegation_detail"
    ),
    path("cases/", views.CaseListView.as_view(), name="case_list"),
    path("cases/<slug:slug>/", views.CaseDetailView.as_view(), name="case_detail"),
    path("settlements/", views.SettlementListView.as_view(), name="settlement_list"),
    path(
        "settlements/<slug:slug>/", views.SettlementDetailView.as_view(), name="settlement_detail"
    ),
    path("guidance/", views.GuidanceListView.as_view(), name="guidance_list"),
    path("guidance/<slug:slug>/", views.GuidanceDetailView.as_view(), name="guidance_detail"),
    path("events/", views.EventListView.as_view(), name="event_list"),
    path("accused-parties/", AccusedPartyListView.as_view(), name="accused_party_list"),
    path("events/<slug:slug>/", views.EventDetailView.as_view(), name="event_detail"),
]

#: Citation permalinks: ``<record url>rev/<n>/`` for every record type.
urlpatterns += [
    path(
        f"{t.path}/<slug:slug>/rev/<int:number>/",
        RecordRevisionView.as_view(record_type=t.name),
        name=f"{t.name}_detail_revision",
    )
    for t in RECORD_TYPES
]
