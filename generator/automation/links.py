"""Dead links of the catalogue: every source, developer, creator, provider, website and forum
link checked (`virtual-centre links`), and the broken ones per resource as the body of the one
issue a weekly workflow keeps up to date.

Each URL is asked once (HEAD, then GET where a server refuses HEAD), redirects followed, a
failure retried (a 5xx, a timeout) after a pause, one request at a time per host and at least
`--per-host` seconds apart, hosts in parallel. `--rewrite FROM=TO` sends the requests for URLs
starting with FROM to TO instead: the tests point the catalogue at a local server with it.
"""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..catalogue.resources import Catalogue, Resource
from ..model import schemas
from ..model.content import load_content

USER_AGENT = "VirtualCentreLinkChecker/1 (+https://github.com; textile recycling catalogue)"
RETRIED = {429, 500, 502, 503, 504}
TITLE = "Broken links"


@dataclass(frozen=True)
class Outcome:
    url: str
    ok: bool
    status: str
    """The HTTP status (after redirects) or what went wrong."""


def links_of(r: Resource) -> Iterator[tuple[str, str]]:
    """(field, URL) of every link a resource's fields give (format uri, at any depth)."""
    yield from _walk(r.meta, schemas.fields(r.category), "")


def _walk(value: Any, props: dict[str, Any], prefix: str) -> Iterator[tuple[str, str]]:
    if not isinstance(value, dict):
        return
    for name, sub in value.items():
        schema = props.get(name, {})
        where = f"{prefix}{name}"
        if isinstance(sub, str) and schema.get("format") == "uri":
            yield where, sub
        items = schema.get("items") if isinstance(schema.get("items"), dict) else None
        if isinstance(sub, list) and items is not None:
            inner = schemas.resolve(items) if "$ref" in items else items
            for n, item in enumerate(sub):
                if isinstance(item, str) and inner.get("format") == "uri":
                    yield f"{where}[{n + 1}]", item
                elif isinstance(item, dict):
                    yield from _walk(item, _props(inner), f"{where}[{n + 1}].")
        elif isinstance(sub, dict):
            yield from _walk(sub, _props(schema), f"{where}.")


def _props(schema: dict[str, Any]) -> dict[str, Any]:
    props = schema.get("properties", {}) if isinstance(schema, dict) else {}
    return {n: schemas.resolve(p) if "$ref" in p else p for n, p in props.items()}


class Checker:
    def __init__(self, timeout: float = 10.0, retries: int = 2, per_host: float = 1.0,
                 pause: float = 2.0, rewrite: dict[str, str] | None = None):
        self.timeout, self.retries, self.per_host, self.pause = timeout, retries, per_host, pause
        self.rewrite = rewrite or {}
        self.last: dict[str, float] = {}
        self.lock = threading.Lock()

    def target(self, url: str) -> str:
        for before, after in self.rewrite.items():
            if url.startswith(before):
                return after + url[len(before):]
        return url

    def _wait_for(self, host: str) -> None:
        with self.lock:
            ready = self.last.get(host, 0.0) + self.per_host
        delay = ready - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        with self.lock:
            self.last[host] = time.monotonic()

    def _ask(self, url: str, method: str) -> int:
        request = urllib.request.Request(url, method=method,
                                         headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                return int(answer.status)
        except urllib.error.HTTPError as error:
            return int(error.code)

    def check(self, url: str) -> Outcome:
        target = self.target(url)
        host = urlsplit(target).netloc.lower()
        status = ""
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.pause)
            self._wait_for(host)
            try:
                code = self._ask(target, "HEAD")
                if code in (403, 405, 501):  # servers that refuse HEAD
                    self._wait_for(host)
                    code = self._ask(target, "GET")
            except (urllib.error.URLError, TimeoutError, OSError) as error:
                reason = getattr(error, "reason", error)
                status = "timed out" if "timed out" in str(reason) else f"unreachable ({reason})"
                continue
            if code < 400:
                return Outcome(url, True, str(code))
            status = str(code)
            if code not in RETRIED:
                break
        return Outcome(url, False, status)

    def check_all(self, urls: list[str]) -> dict[str, Outcome]:
        """Every URL once; the hosts in parallel, each host's URLs one after the other."""
        by_host: dict[str, list[str]] = defaultdict(list)
        for url in dict.fromkeys(urls):
            by_host[urlsplit(self.target(url)).netloc.lower()].append(url)
        results: dict[str, Outcome] = {}

        def host_work(host_urls: list[str]) -> None:
            for url in host_urls:
                results[url] = self.check(url)

        with ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(host_work, by_host.values()))
        return results


def report(content_dir: Path, checker: Checker, repository_url: str = "",
           branch: str = "main") -> tuple[str, int]:
    """(the issue's body, how many links are broken)."""
    catalogue = Catalogue.from_sources(load_content(content_dir))
    found = [(r, name, url) for r in sorted(catalogue.by_id.values(), key=lambda r: r.id)
             for name, url in links_of(r)]
    outcomes = checker.check_all([url for _, _, url in found])
    broken: dict[str, list[str]] = defaultdict(list)
    by_id = {}
    for r, name, url in found:
        if not outcomes[url].ok:
            broken[r.id].append(f"  - `{name}`: {url} — {outcomes[url].status}")
            by_id[r.id] = r
    lines = [f"{len(outcomes)} links of {len(catalogue)} resources checked; "
             f"{sum(len(v) for v in broken.values())} broken in {len(broken)} resources.", ""]
    for rid in sorted(broken):
        r = by_id[rid]
        where = f"{repository_url}/blob/{branch}/content/{r.src_uri}" if repository_url \
            else f"content/{r.src_uri}"
        lines += [f"- [{r.title}]({where})", *broken[rid]]
    return "\n".join(lines) + "\n", sum(len(v) for v in broken.values())
