"""The portal routes measured: every page, list (also as CSV and Atom, and at a small
page size), record page, revision permalink, feed and sitemap section."""

from django.urls import reverse

from casebook.portal.revisions import revision_url
from casebook.portal.sitemaps import SITEMAPS
from casebook.records.registry import RECORD_TYPES
from casebook.records.selectors.revisions import record_revision_latest_number
from casebook.records.versions import version_date_key
from tests.querycounts.measure import Route, paginate_by
from tests.querycounts.worlds import world_record

#: The portal's record types, by their registry names.
TYPES = [t.name for t in RECORD_TYPES]


def _compare_keys(world) -> str:
    keys = [f"{world.allegation.slug}/{world.accused.slug}", world.allegation.slug]
    return "&".join(f"key={key}" for key in keys)


def _record_routes() -> list[Route]:
    routes = []
    for name in TYPES:
        list_url = reverse(f"portal:{name}_list")
        routes += [
            Route(f"portal:{name}_list", lambda w, u=list_url: u, paged=paginate_by),
            Route(f"portal:{name}_list", lambda w, u=list_url: u + "?format=csv", "csv"),
            Route(f"portal:{name}_list", lambda w, u=list_url: u + "?format=atom", "atom"),
            Route(
                f"portal:{name}_detail",
                lambda w, t=name: world_record(w, t).get_absolute_url(),
            ),
            Route(
                f"portal:{name}_detail_revision",
                lambda w, t=name: revision_url(
                    world_record(w, t), record_revision_latest_number(world_record(w, t))
                ),
            ),
        ]
    return routes


ROUTES = [
    Route("portal:home", lambda w: reverse("portal:home")),
    Route("portal:methodology", lambda w: reverse("portal:methodology")),
    Route("portal:timeline", lambda w: reverse("portal:timeline"), paged=paginate_by, bounded=True),
    Route(
        "portal:timeline",
        lambda w: reverse("portal:timeline") + f"?party={w.accused.slug}&topic=distillation",
        "filtered",
        paged=paginate_by,
        bounded=True,
    ),
    Route("portal:search", lambda w: reverse("portal:search") + "?q=Lab", paged=paginate_by),
    Route("portal:terms_matrix", lambda w: reverse("portal:terms_matrix"), paged=paginate_by),
    Route(
        "portal:terms_matrix",
        lambda w: reverse("portal:terms_matrix") + "?on=2024-06-01",
        "on",
        paged=paginate_by,
    ),
    Route(
        "portal:terms_matrix",
        lambda w: reverse("portal:terms_matrix") + "?on=2024-06-01&compare_on=2026-01-01",
        "compare_on",
        paged=paginate_by,
    ),
    Route(
        "portal:terms_matrix",
        lambda w: (
            reverse("portal:terms_matrix")
            + f"?vendor={w.accuser.slug}&document={w.terms.slug}&category=no-competing-models"
        ),
        "filtered",
        paged=paginate_by,
    ),
    Route(
        "portal:clause_history",
        lambda w: (
            reverse("portal:clause_history")
            + f"?vendor={w.accuser.slug}&category=no-competing-models"
        ),
    ),
    Route("portal:compare", lambda w: reverse("portal:compare")),
    Route("portal:compare", lambda w: reverse("portal:compare") + "?" + _compare_keys(w), "keys"),
    Route("portal:feed", lambda w: reverse("portal:feed")),
    Route("portal:sitemap", lambda w: reverse("portal:sitemap")),
    *(
        Route(
            "portal:sitemap_section",
            lambda w, k=key: reverse("portal:sitemap_section", args=[k]),
            key,
        )
        for key in SITEMAPS
    ),
    Route(
        "portal:accused_party_list",
        lambda w: reverse("portal:accused_party_list"),
        paged=paginate_by,
    ),
    Route(
        "portal:accused_party_list",
        lambda w: reverse("portal:accused_party_list") + f"?accused={w.accused.slug}",
        "accused",
        paged=paginate_by,
    ),
    Route(
        "portal:case_list",
        lambda w: reverse("portal:case_list") + f"?party={w.accuser.slug}&role=plaintiff",
        "party_role",
        paged=paginate_by,
    ),
    Route("portal:case_list", lambda w: reverse("portal:case_list") + "?role=plaintiff", "role"),
    # Its CSV is the API's: a redirect to it (measured in test_api.py).
    Route(
        "portal:accused_party_list",
        lambda w: reverse("portal:accused_party_list") + "?format=csv",
        "csv",
        status=302,
    ),
    Route(
        "portal:terms_version",
        lambda w: reverse(
            "portal:terms_version",
            kwargs={"slug": w.terms.slug, "key": version_date_key(w.clause.version)},
        ),
    ),
    *_record_routes(),
]

#: Routes whose count grows with the data, not fixable locally: id -> measured counts.
GROWS: dict[str, str] = {}
#: Routes whose count grows with the page size: id -> measured counts.
GROWS_WITH_PAGE: dict[str, str] = {}
