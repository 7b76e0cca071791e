"""Read an ORUK API (or a folder of its saved pages) into a `Feed`.

`GET {base}/services?page=N&per_page=P` page by page, until the pages say they are done
(`total_pages`, `total_items`, `last_page`) or a page comes back empty. A list item that is
shallow (none of a service_full's lists) is completed from `GET {base}/services/{id}`. The
feed is complete, so services it no longer lists can be marked as gone, only when the pages
said how many there are and every one was read, and no `since` was given. Nothing here
writes: problems (HTTP errors, non-JSON, a service that will not load) come back as issues
naming the URL, and the import then writes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ecosystem.importers.issues import Issue
from ecosystem.importers.readers import JsonTooDeep, parse_json
from ecosystem.oruk.reader import Feed, Record, read_document

USER_AGENT = "ecosystem-oruk-import/0.1 (delivery-ecosystem mapping; see docs/oruk.md)"
TIMEOUT = 30.0  # seconds, for each request
PER_PAGE = 100
MAX_PAGES = 10_000  # a server that never says it is done stops here
# A list item with none of these is shallow: its detail is at /services/{id}.
DETAIL_FIELDS = frozenset({"service_areas", "service_at_locations", "attributes",
                           "cost_options", "funding", "schedules", "contacts", "phones",
                           "languages"})


class FetchError(Exception):
    """A request that gave no JSON document; the message names the URL."""


def is_url(source: str | Path) -> bool:
    return isinstance(source, str) and re.match(r"https?://", source, re.I) is not None


def feed_name_for_url(url: str) -> str:
    """A feed's default name from its address: host and path, e.g.
    `https://api.example.gov.uk/oruk/` is `api-example-gov-uk-oruk`."""
    parts = urllib.parse.urlsplit(url)
    name = re.sub(r"[^a-z0-9]+", "-", (parts.netloc + parts.path).lower()).strip("-")
    return name or "oruk"


def get_json(url: str, timeout: float = TIMEOUT) -> Any:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT,
                                                   "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            body = response.read()
            kind = response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as e:
        raise FetchError(f"{url}: HTTP {e.code} {e.reason}") from None
    except urllib.error.URLError as e:
        raise FetchError(f"{url}: could not connect ({e.reason})") from None
    except TimeoutError:
        raise FetchError(f"{url}: no answer within {timeout:g} seconds") from None
    except OSError as e:
        raise FetchError(f"{url}: could not read the answer ({e})") from None
    try:
        return parse_json(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, JsonTooDeep):
        shown = kind.split(";")[0] or "no content type"
        raise FetchError(f"{url}: not a JSON document ({shown}); is this the ORUK API's "
                         "base address (the one whose /services lists services)?") from None


def is_shallow(item: Record) -> bool:
    return not (DETAIL_FIELDS & set(item))


def _int(v: Any) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) else None


@dataclass
class _Pages:
    """The pages read so far and what they said about how many there are."""

    items: list[Record] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)
    total_pages: int | None = None
    total_items: int | None = None
    last_seen: bool = False

    def add(self, n: int, page: dict[str, Any]) -> list[Any]:
        contents = page.get("contents")
        contents = contents if isinstance(contents, list) else []
        self.items += contents
        self.numbers.append(_int(page.get("page_number")) or n)
        self.total_pages = _int(page.get("total_pages")) or self.total_pages
        self.total_items = _int(page.get("total_items")) or self.total_items
        self.last_seen = self.last_seen or page.get("last_page") is True
        return contents

    def done(self) -> bool:
        if self.total_pages is not None:
            return len(set(self.numbers)) >= self.total_pages
        if self.total_items is not None:
            return len(self.items) >= self.total_items
        return self.last_seen

    def complete(self) -> bool:
        """Every service of the feed is here: the pages said how many, and all were read."""
        ids = {str(i.get("id")) for i in self.items if isinstance(i, dict)}
        if self.total_pages is not None:
            return set(range(1, self.total_pages + 1)) <= set(self.numbers)
        if self.total_items is not None:
            return len(ids) == self.total_items
        return self.last_seen and sorted(self.numbers) == list(range(1, len(self.numbers) + 1))


def _modified_since(item: Record, since: dt.datetime | None) -> bool:
    """False only for an item that says it was last modified before `since` (a feed that
    ignores `modified_after` still returns it)."""
    if since is None or not isinstance(item.get("last_modified"), str):
        return True
    try:
        when = dt.datetime.fromisoformat(item["last_modified"].replace("Z", "+00:00"))
    except ValueError:
        return True
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when >= since


def _read(items: list[Any], feed: Feed, detail: Callable[[str], Any],
          since: dt.datetime | None) -> None:
    """The pages' items into the feed, each shallow one completed by `detail(id)`."""
    full: list[Any] = []
    for item in items:
        if isinstance(item, dict) and not _modified_since(item, since):
            continue
        if isinstance(item, dict) and is_shallow(item) and isinstance(item.get("id"), str):
            try:
                found = detail(item["id"])
            except FetchError as e:
                feed.issues.append(Issue(f"{feed.origin}: service {item['id']}", None, None,
                                         None, str(e)))
                continue
            if isinstance(found, dict) and found.get("id") == item["id"]:
                item = found
        full.append(item)
    if full or since is None:  # since the last run, nothing new is not a problem
        read_document(full, feed)


def fetch_feed(base: str, *, since: dt.datetime | None = None, per_page: int = PER_PAGE,
               timeout: float = TIMEOUT) -> Feed:
    """The services of the ORUK API at `base` (its address without `/services`)."""
    base = base.rstrip("/")
    if base.endswith("/services"):
        base = base[: -len("/services")]
    feed = Feed(base)
    pages = _Pages()
    query: dict[str, Any] = {"per_page": per_page}
    if since is not None:
        query["modified_after"] = since.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    seen_first: list[Any] = []
    for n in range(1, MAX_PAGES + 1):
        url = f"{base}/services?" + urllib.parse.urlencode({**query, "page": n})
        try:
            page = get_json(url, timeout)
        except FetchError as e:
            feed.issues.append(Issue(feed.origin, None, None, None, str(e)))
            return feed
        if isinstance(page, list):  # not paged: the whole list in one answer
            page = {"contents": page, "total_pages": 1}
        if not isinstance(page, dict) or not isinstance(page.get("contents"), list):
            feed.issues.append(Issue(url, None, "contents", None,
                                     "an ORUK page of services ({\"contents\": [...]})"))
            return feed
        if n > 1 and page["contents"] and page["contents"] == seen_first:
            break  # the server ignores `page`: the same page again
        seen_first = seen_first or page["contents"]
        contents = pages.add(n, page)
        if not contents or pages.done():
            break

    def detail(sid: str) -> Any:
        return get_json(f"{base}/services/{urllib.parse.quote(sid, safe='')}", timeout)

    _read(pages.items, feed, detail, since)
    feed.complete = since is None and pages.complete() and not feed.issues
    return feed


def is_saved_pages(folder: Path) -> bool:
    return folder.is_dir() and not (folder / "services.csv").exists() \
        and any(folder.glob("*.json"))


def read_saved_pages(folder: Path) -> Feed:
    """A folder of saved `/services` pages (`*.json`), with the shallow items' detail in
    `services/<id>.json` when the list is shallow."""
    feed = Feed(folder.name)
    pages = _Pages()

    def load(path: Path) -> Any:
        try:
            return parse_json(path.read_bytes().decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError, JsonTooDeep) as e:
            raise FetchError(f"{folder.name}/{path.relative_to(folder)}: not a JSON document "
                             f"({e})") from None

    files = sorted(folder.glob("*.json"),
                   key=lambda p: [int(t) if t.isdigit() else t for t in re.split(r"(\d+)",
                                                                                  p.name)])
    for n, path in enumerate(files, start=1):
        try:
            page = load(path)
        except FetchError as e:
            feed.issues.append(Issue(path.name, None, None, None, str(e)))
            continue
        if isinstance(page, list):
            page = {"contents": page, "total_pages": 1}
        if not isinstance(page, dict) or not isinstance(page.get("contents"), list):
            feed.issues.append(Issue(path.name, None, "contents", None,
                                     "a saved ORUK page of services ({\"contents\": [...]})"))
            continue
        pages.add(n, page)

    def detail(sid: str) -> Any:
        path = folder / "services" / f"{sid}.json"
        # Not saved: the shallow item updates only the fields it carries.
        return load(path) if path.exists() else None

    _read(pages.items, feed, detail, None)
    feed.complete = pages.complete() and not feed.issues
    return feed
