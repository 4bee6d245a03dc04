"""Reading Open Terms Archive versions: a versions repository or a dataset release.

A **versions repository** (a git clone) has one file per document,
``<service>/<terms type>.md``, and one commit per recorded version. Commits are
read with dulwich, oldest first; a commit counts when its subject is one OTA's
engine writes:

- ``First record of <service> <type>`` and ``Record new changes of <service>
  <type>``: a version of the vendor's text;
- ``Apply technical or declaration upgrade on <service> <type>``: OTA changed how
  it extracts the text, not the vendor (``technical_upgrade``).

Other commits (README edits, the template's demo files) are not versions. The
commit's author date is when OTA recorded the version.

A **dataset release** (a folder or a ``.zip``, usually with one top folder)
holds ``<service>/<terms type>/<YYYY-MM-DDTHH-MM-SSZ>.md``, one file per
version, named by its record time. A release does not mark technical upgrades,
so every file counts as a version.

Anything else, or a damaged source (no repository, a broken zip, a version that
is not UTF-8), raises :class:`SourceError` before anything is written.
"""

from __future__ import annotations

import datetime
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from dulwich.diff_tree import tree_changes
from dulwich.errors import NotGitRepository
from dulwich.repo import Repo
from dulwich.walk import ORDER_TOPO

UPGRADE_PREFIX = "Apply technical or declaration upgrade on "
RECORD_PREFIXES = ("First record of ", "Record new changes of ")
RELEASE_FILE = re.compile(r"^(\d{4})-(\d\d)-(\d\d)T(\d\d)-(\d\d)-(\d\d)Z\.md$")
#: A collection's versions repository, as its README links it.
COLLECTION_URL = re.compile(r"https://github\.com/[\w.-]+/[\w.-]+-versions(?![\w.-])", re.I)


class SourceError(Exception):
    """The source cannot be read as OTA versions; the message says why and where."""


@dataclass(frozen=True)
class RecordedVersion:
    """One version as OTA recorded it.

    ``recorded_at`` is an aware UTC datetime; ``text`` the Markdown as OTA keeps
    it. ``commit`` is set for a repository, ``release_path`` (the file's path in
    the release) for a release.
    """

    service: str
    terms_type: str
    recorded_at: datetime.datetime
    text: str
    technical_upgrade: bool = False
    commit: str = ""
    release_path: str = ""


@dataclass
class Source:
    """What a source holds: its collection's address and its versions, oldest first."""

    kind: str  # "repository" or "release"
    location: str
    collection: str = ""
    versions: list[RecordedVersion] = field(default_factory=list)

    def permalink(self, version: RecordedVersion) -> str:
        """The version's text at its commit in the public collection; "" without both."""
        if not (self.collection and version.commit):
            return ""
        path = quote(f"{version.service}/{version.terms_type}.md")
        return f"{self.collection}/blob/{version.commit}/{path}"


def normalise_collection(url: str) -> str:
    """A collection address compared loosely: no case, no trailing slash or ``.git``."""
    url = url.strip().rstrip("/")
    url = url.removesuffix(".git")
    return url.lower()


def read_source(location: str | Path) -> Source:
    """Read every version in a repository, a release folder or a release zip.

    Raises :class:`SourceError` for a missing path, a folder that is neither,
    a broken zip or repository, or a version file that is not UTF-8.
    """
    path = Path(location)
    if not path.exists():
        raise SourceError(f"{location}: no such file or folder")
    if path.is_file():
        if not zipfile.is_zipfile(path):
            raise SourceError(f"{location}: not a zip file (an OTA dataset release is a .zip)")
        return _read_zip(path)
    try:
        repo = Repo(str(path))
    except NotGitRepository:
        return _read_release_folder(path)
    with repo:
        return _read_repository(repo, str(location))


# -- repositories -----------------------------------------------------------


def _read_repository(repo: Repo, location: str) -> Source:
    try:
        head = repo.head()
    except KeyError as exc:
        raise SourceError(f"{location}: the repository has no commits") from exc
    source = Source(kind="repository", location=location)
    try:
        source.collection = _collection_from_readme(repo, head)
        # Parents before children, so commits of one second keep their real order.
        walker = repo.get_walker(include=[head], reverse=True, order=ORDER_TOPO)
        for order, entry in enumerate(walker):
            source.versions.extend(_commit_versions(repo, entry.commit, order, location))
    except SourceError:
        raise
    except (KeyError, ValueError, OSError, zlib.error) as exc:
        raise SourceError(f"{location}: the repository is damaged ({exc})") from exc
    source.versions.sort(key=lambda v: v.recorded_at)
    return source


def _collection_from_readme(repo: Repo, head: bytes) -> str:
    tree = repo[repo[head].tree]
    try:
        _, sha = tree.lookup_path(repo.__getitem__, b"README.md")
    except KeyError:
        return ""
    return _collection_in(repo[sha].data.decode("utf-8", "replace"))


def _collection_in(readme: str) -> str:
    match = COLLECTION_URL.search(readme)
    return match.group().rstrip(".") if match else ""


def _commit_versions(repo: Repo, commit, order: int, location: str) -> Iterator[RecordedVersion]:
    subject = commit.message.decode("utf-8", "replace").split("\n", 1)[0].strip()
    upgrade = subject.startswith(UPGRADE_PREFIX)
    if not (upgrade or subject.startswith(RECORD_PREFIXES)):
        return
    parent_tree = repo[commit.parents[0]].tree if commit.parents else None
    # The author time is absolute (seconds since the epoch); its zone only says where.
    recorded_at = datetime.datetime.fromtimestamp(commit.author_time, datetime.UTC)
    for change in tree_changes(repo.object_store, parent_tree, commit.tree):
        if change.new is None or change.new.path is None:
            continue  # a deleted file: OTA stopped tracking it, no version
        parts = change.new.path.decode("utf-8", "replace").split("/")
        if len(parts) != 2 or not parts[1].endswith(".md"):
            continue
        sha = commit.id.decode()
        data = repo[change.new.sha].data
        yield RecordedVersion(
            service=parts[0],
            terms_type=parts[1].removesuffix(".md"),
            recorded_at=recorded_at,
            text=_decode(data, f"{location}: {'/'.join(parts)} at commit {sha[:12]}"),
            technical_upgrade=upgrade,
            commit=sha,
        )


# -- releases -----------------------------------------------------------------


def _read_zip(path: Path) -> Source:
    source = Source(kind="release", location=str(path))
    try:
        with zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist() if not n.endswith("/")]
            readme = _readme_name(names)
            if readme:
                source.collection = _collection_in(archive.read(readme).decode("utf-8", "replace"))
            for name, service, terms_type, recorded_at in _release_files(names, str(path)):
                source.versions.append(
                    RecordedVersion(
                        service=service,
                        terms_type=terms_type,
                        recorded_at=recorded_at,
                        text=_decode(archive.read(name), f"{path}: {name}"),
                        release_path=name,
                    )
                )
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
        raise SourceError(f"{path}: the zip file is damaged ({exc})") from exc
    source.versions.sort(key=lambda v: v.recorded_at)
    return source


def _read_release_folder(path: Path) -> Source:
    source = Source(kind="release", location=str(path))
    names = [p.relative_to(path).as_posix() for p in sorted(path.rglob("*")) if p.is_file()]
    readme = _readme_name(names)
    if readme:
        source.collection = _collection_in((path / readme).read_text("utf-8", "replace"))
    for name, service, terms_type, recorded_at in _release_files(names, str(path)):
        try:
            data = (path / name).read_bytes()
        except OSError as exc:
            raise SourceError(f"{path}: {name} cannot be read ({exc.strerror})") from exc
        source.versions.append(
            RecordedVersion(
                service=service,
                terms_type=terms_type,
                recorded_at=recorded_at,
                text=_decode(data, f"{path}: {name}"),
                release_path=name,
            )
        )
    source.versions.sort(key=lambda v: v.recorded_at)
    return source


def _readme_name(names: list[str]) -> str:
    readmes = sorted((n for n in names if PurePosixPath(n).name == "README.md"), key=len)
    return readmes[0] if readmes and readmes[0].count("/") <= 1 else ""


def _release_files(names: list[str], location: str):
    """(name, service, terms type, record time) of each version file in a release."""
    prefixes = set()
    found = []
    for name in names:
        parts = PurePosixPath(name).parts
        match = RELEASE_FILE.match(parts[-1]) if len(parts) >= 3 else None
        if not match:
            continue
        try:
            recorded_at = datetime.datetime(*map(int, match.groups()), tzinfo=datetime.UTC)
        except ValueError as exc:
            raise SourceError(f"{location}: {name} is not named by a real time") from exc
        prefixes.add(parts[:-3])
        found.append((name, parts[-3], parts[-2], recorded_at))
    if not found:
        raise SourceError(
            f"{location}: neither an OTA versions repository nor an OTA dataset release "
            "(no <service>/<terms type>/<YYYY-MM-DDTHH-MM-SSZ>.md files)"
        )
    if len(prefixes) > 1:
        raise SourceError(f"{location}: version files at different depths; not one release")
    return found


def _decode(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(f"{where} is not UTF-8 text (byte {exc.start}: {exc.reason})") from exc
