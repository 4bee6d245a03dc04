"""The API routes measured: every list (also as CSV, and at a small page size), record,
revision, keyed row and answer endpoint, the dump, the schema and the documentation."""

from django.urls import reverse

from casebook.records import dumpcache
from casebook.records.registry import RECORD_TYPES
from casebook.records.selectors.revisions import record_revision_latest_number
from casebook.records.versions import version_date_key
from tests.querycounts.measure import Route, page_size_parameter
from tests.querycounts.worlds import world_record

#: The router's lists (basenames): every one is paged and streams CSV.
LISTS = [
    "party",
    "source",
    "allegation",
    "case",
    "settlement",
    "guidance",
    "terms",
    "terms-version",
    "clause",
    "event",
    "accused-party",
]


def _version_key(world) -> dict:
    return {"document": world.terms.slug, "date": version_date_key(world.clause.version)}


def _latest_revision(world, type_name: str) -> int:
    return record_revision_latest_number(world_record(world, type_name))


def _list_routes() -> list[Route]:
    routes = []
    for basename in LISTS:
        url = reverse(f"api:{basename}-list")
        routes += [
            Route(f"api:{basename}-list", lambda w, u=url: u, paged=page_size_parameter),
            Route(f"api:{basename}-list", lambda w, u=url: u + "?format=csv", "csv"),
        ]
    return routes


def _record_routes() -> list[Route]:
    routes = []
    for name in (t.name for t in RECORD_TYPES):
        routes += [
            Route(
                f"api:{name}-detail",
                lambda w, t=name: reverse(
                    f"api:{t}-detail", kwargs={"slug": world_record(w, t).slug}
                ),
            ),
            Route(
                f"api:{name}-revisions",
                lambda w, t=name: reverse(
                    f"api:{t}-revisions", kwargs={"slug": world_record(w, t).slug}
                ),
            ),
            Route(
                f"api:{name}-revision",
                lambda w, t=name: reverse(
                    f"api:{t}-revision",
                    kwargs={"slug": world_record(w, t).slug, "number": _latest_revision(w, t)},
                ),
            ),
        ]
    return routes


ROUTES = [
    *_list_routes(),
    Route(
        "api:case-list",
        lambda w: reverse("api:case-list") + f"?party={w.accuser.slug}&role=plaintiff",
        "party_role",
        paged=page_size_parameter,
    ),
    Route("api:case-list", lambda w: reverse("api:case-list") + "?role=plaintiff", "role"),
    Route(
        "api:accused-party-list",
        lambda w: reverse("api:accused-party-list") + "?capability=agentic-coding",
        "capability",
        paged=page_size_parameter,
    ),
    Route(
        "api:allegation-list",
        lambda w: reverse("api:allegation-list") + "?updated_since=2000-01-01",
        "updated_since",
        paged=page_size_parameter,
    ),
    Route(
        "api:allegation-list",
        lambda w: reverse("api:allegation-list") + "?topic=distillation",
        "topic",
        paged=page_size_parameter,
    ),
    *_record_routes(),
    Route(
        "api:terms-version-detail",
        lambda w: reverse("api:terms-version-detail", kwargs=_version_key(w)),
    ),
    Route(
        "api:clause-detail",
        lambda w: reverse(
            "api:clause-detail",
            kwargs={**_version_key(w), "category": w.clause.category.slug},
        ),
    ),
    Route(
        "api:accused-party-detail",
        lambda w: reverse(
            "api:accused-party-detail",
            kwargs={"allegation": w.allegation.slug, "party": w.accused.slug},
        ),
    ),
    Route(
        "api:timeline", lambda w: reverse("api:timeline"), paged=page_size_parameter, bounded=True
    ),
    Route(
        "api:clause-in-force",
        lambda w: (
            reverse("api:clause-in-force")
            + f"?vendor={w.accuser.slug}&category={w.clause.category.slug}&on=2025-06-01"
        ),
    ),
    Route(
        "api:terms-matrix",
        lambda w: reverse("api:terms-matrix") + "?on=2026-01-01",
        paged=page_size_parameter,
    ),
    Route(
        "api:terms-matrix",
        lambda w: (
            reverse("api:terms-matrix")
            + f"?vendor={w.accuser.slug}&document={w.terms.slug}&category=no-competing-models"
        ),
        "filtered",
        paged=page_size_parameter,
    ),
    Route("api:compare", lambda w: reverse("api:compare")),
    Route(
        "api:compare",
        lambda w: (
            reverse("api:compare")
            + f"?key={w.allegation.slug}/{w.accused.slug}&key={w.allegation.slug}"
        ),
        "keys",
    ),
    Route("api:search", lambda w: reverse("api:search") + "?q=Lab", paged=page_size_parameter),
    # The dump is built once per version of the data, then read from a file: a new
    # version each time, so the measured request builds it.
    Route("api:dump", lambda w: reverse("api:dump"), before=dumpcache.bump),
    Route(
        "api:clause-suggestions",
        lambda w: reverse("api:clause-suggestions"),
        paged=page_size_parameter,
        token=True,
    ),
    Route("api:schema", lambda w: reverse("api:schema")),
    Route("api:docs-page", lambda w: reverse("api:docs-page")),
    Route("api:docs-interactive", lambda w: reverse("api:docs-interactive")),
    Route("api:api-root", lambda w: reverse("api:api-root")),
    Route("api:not-found", lambda w: "/api/v1/no-such-endpoint/", status=404),
]

#: Routes whose count grows with the data, not fixable locally: id -> measured counts.
GROWS: dict[str, str] = {}
#: Routes whose count grows with the page size: id -> measured counts.
GROWS_WITH_PAGE: dict[str, str] = {}
