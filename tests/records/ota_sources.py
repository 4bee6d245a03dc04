"""Small Open Terms Archive sources that the tests build themselves.

:class:`VersionsRepo` makes a versions repository with dulwich, commit by
commit, with the subjects and author dates OTA's engine writes;
:func:`make_release` makes a dataset release (a folder or a zip).
"""

from __future__ import annotations

import datetime
import zipfile
from pathlib import Path

from dulwich import porcelain

COLLECTION = "https://github.com/OpenTermsArchive/Test-versions"
README = (
    "# Versions of terms from the *Test* collection\n\n"
    f"### [Download as dataset]({COLLECTION}/releases) to analyse in depth\n"
)
BOT = b"Open Terms Archive Bot <bot@opentermsarchive.org>"
SUBJECTS = {
    "first": "First record of {service} {terms_type}",
    "record": "Record new changes of {service} {terms_type}",
    "upgrade": "Apply technical or declaration upgrade on {service} {terms_type}",
}


def moment(value: str) -> datetime.datetime:
    """An aware UTC datetime from ``"2025-01-08T00:32:49"``."""
    return datetime.datetime.fromisoformat(value).replace(tzinfo=datetime.UTC)


class VersionsRepo:
    """An OTA versions repository on disk, grown one recorded version at a time."""

    def __init__(self, path: Path, readme: str = README):
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        self.repo = porcelain.init(str(self.path))
        self.commit_file("README.md", readme.encode(), "Initial commit", "2023-09-26T13:47:02")

    def commit_file(self, name: str, data: bytes, subject: str, when: str) -> str:
        """Write ``name`` and commit it with ``subject`` at ``when`` (UTC); the commit id."""
        target = self.path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        porcelain.add(self.repo, paths=[str(target)])
        stamp = moment(when).timestamp()
        sha = porcelain.commit(
            self.repo,
            message=subject.encode(),
            author=BOT,
            committer=BOT,
            author_timestamp=stamp,
            author_timezone=0,
            commit_timestamp=stamp,
            commit_timezone=0,
        )
        return sha.decode()

    def record(
        self, service: str, terms_type: str, text: str | bytes, when: str, kind: str = ""
    ) -> str:
        """Commit a version as OTA does; ``kind`` is first, record or upgrade (guessed)."""
        name = f"{service}/{terms_type}.md"
        kind = kind or ("record" if (self.path / name).exists() else "first")
        data = text if isinstance(text, bytes) else text.encode()
        subject = SUBJECTS[kind].format(service=service, terms_type=terms_type)
        return self.commit_file(name, data, subject, when)


def make_release(
    target: Path, versions: list[tuple[str, str, str, str | bytes]], *, as_zip: bool
) -> Path:
    """A dataset release of ``(service, terms type, record time, text)`` versions.

    Laid out as OTA publishes it: one top folder holding the README, then
    ``<service>/<terms type>/<YYYY-MM-DDTHH-MM-SSZ>.md``. Returns the folder or
    the zip file.
    """
    top = "test-versions-2026-11-29"
    files = {f"{top}/README.md": README.encode()}
    for service, terms_type, when, text in versions:
        name = moment(when).strftime("%Y-%m-%dT%H-%M-%SZ.md")
        files[f"{top}/{service}/{terms_type}/{name}"] = (
            text if isinstance(text, bytes) else text.encode()
        )
    if as_zip:
        path = Path(target).with_suffix(".zip")
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in files.items():
                archive.writestr(name, data)
        return path
    for name, data in files.items():
        (Path(target) / name).parent.mkdir(parents=True, exist_ok=True)
        (Path(target) / name).write_bytes(data)
    return Path(target)
