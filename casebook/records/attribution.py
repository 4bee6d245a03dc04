"""The credit Open Terms Archive's licence asks for, in one place.

Open Terms Archive publishes its collections under the Open Data Commons
Attribution License (ODC-BY 1.0): anything built on its versions must say they
were recorded by "Open Terms Archive contributors", with a link. Every surface
that shows an imported terms version (version page, clause history, terms
matrix, API, CSV, dump) takes its wording and links from :func:`ota_attribution`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from casebook.records.models import TermsVersion

#: The credit, word for word.
OTA_ATTRIBUTION = "Recorded by Open Terms Archive contributors, ODC-BY 1.0"
#: The licence's own page.
ODC_BY_URL = "https://opendatacommons.org/licenses/by/1-0/"


@dataclass(frozen=True)
class Attribution:
    """The credit for one imported version.

    ``text`` is :data:`OTA_ATTRIBUTION`; ``licence_url`` the licence;
    ``permalink`` the version's text at its commit in the public OTA collection
    (the collection's address when the version came from a release, which has no
    commits); ``collection`` the collection's address (may be "").
    """

    text: str
    licence_url: str
    permalink: str
    collection: str

    def __str__(self) -> str:
        """One line, for CSV cells and plain text: the credit, the licence, the version."""
        links = "; ".join(url for url in (self.licence_url, self.permalink) if url)
        return f"{self.text} ({links})"

    @classmethod
    def line_from_dict(cls, data: dict[str, str]) -> str:
        """The one-line form of a credit given as :meth:`as_dict` gives it (API to CSV)."""
        return str(cls(data["text"], data["licence_url"], data["permalink"], ""))

    def as_dict(self) -> dict[str, str]:
        """The credit as JSON: ``{"text", "licence_url", "permalink"}``."""
        return {"text": self.text, "licence_url": self.licence_url, "permalink": self.permalink}


def ota_attribution(version: TermsVersion) -> Attribution | None:
    """The credit ``version`` must carry wherever it appears; None for hand-entered versions."""
    if version.origin != version.Origin.OTA:
        return None
    collection = version.document.ota_collection
    return Attribution(
        text=OTA_ATTRIBUTION,
        licence_url=ODC_BY_URL,
        permalink=version.ota_permalink or collection,
        collection=collection,
    )
