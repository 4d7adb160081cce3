"""Dead links of the catalogue: every source, developer, creator, provider, website and forum
link checked (`virtual-centre links`), and the broken ones per resource as the body of the one
issue a weekly workflow keeps up to date.

Each URL is asked once (HEAD, then GET where a server refuses HEAD), redirects followed (at most
10, loops caught), a failure retried (a 5xx, a timeout) after a pause, one request at a time per
host and at least `--per-host` seconds apart, hosts in parallel. `--rewrite FROM=TO` sends the
requests for URLs starting with FROM to TO instead: the tests point the catalogue at a local
server with it.

The URLs come from contributors and the servers are anyone's, so a check is bounded and never
raises: each request (name lookup, connect, TLS, status line, headers; never a body) has one
deadline for all of it, a malformed answer or address is a result, and no request goes to a
loopback, private or link-local address (the runner's own services, the cloud metadata
endpoint) except the operator's `--rewrite` targets. The checked address itself is connected
to, so a name cannot resolve to another address in between.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import re
import socket
import ssl
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

from ..catalogue.resources import Catalogue, Resource
from ..model import schemas
from ..outputs.github_markdown import github_code, github_text
from ..validate.gate import load_content

USER_AGENT = "VirtualCentreLinkChecker/1 (+https://github.com; textile recycling catalogue)"
RETRIED = {429, 500, 502, 503, 504}
REDIRECTS = {301, 302, 303, 307, 308}
MAX_REDIRECTS = 10
TITLE = "Broken links"
INVALID = "not a valid web address"
PRIVATE = "not checked: a private or local address"
_HOSTNAME = re.compile(r"[a-z0-9_.-]+")
# Kept as they are in a request target; the rest (space, control, non-ASCII) percent-encoded.
_PATH_SAFE = "!#$%&'()*+,/:;=?@[]~-._"


@dataclass(frozen=True)
class Outcome:
    url: str
    ok: bool
    status: str
    """The HTTP status (after redirects) or what went wrong."""


class _Refused(Exception):
    """A final answer without asking (again): an invalid or private address, a redirect loop."""


class _Failed(Exception):
    """No usable answer this time (a timeout, a network error, a malformed answer): retried."""


@dataclass(frozen=True)
class _Address:
    scheme: str
    host: str  # ASCII (IDNA) name or IP literal without brackets
    port: int
    host_header: str
    path: str

    @property
    def origin(self) -> tuple[str, str, int]:
        return self.scheme, self.host, self.port


def _parse(url: str) -> _Address:
    """The parts of an http(s) URL a request needs; _Refused(INVALID) for anything else."""
    try:
        parts = urlsplit(url)
        port, host = parts.port, parts.hostname
        if host and not host.isascii():
            host = host.encode("idna").decode("ascii")
        target = quote(parts.path or "/", safe=_PATH_SAFE)
        if parts.query:
            target += "?" + quote(parts.query, safe=_PATH_SAFE)
    except (ValueError, UnicodeError) as error:  # a bad port, bracket, name or character
        raise _Refused(INVALID) from error
    if parts.scheme not in ("http", "https") or not host or port == 0:
        raise _Refused(INVALID)
    try:
        literal: ipaddress.IPv4Address | ipaddress.IPv6Address | None = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is None and not _HOSTNAME.fullmatch(host):
        raise _Refused(INVALID)
    shown = f"[{host}]" if literal is not None and literal.version == 6 else host
    default = 443 if parts.scheme == "https" else 80
    return _Address(parts.scheme, host, port or default,
                    shown if port is None else f"{shown}:{port}", target)


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is the loopback too
    return ip.is_global and not ip.is_multicast


def _cut(sock: socket.socket, fired: threading.Event) -> None:
    """The deadline: shutting the connection down makes a blocked read return at once."""
    fired.set()
    with contextlib.suppress(OSError):  # closed already
        sock.shutdown(socket.SHUT_RDWR)


def _describe(error: Exception) -> str:
    """What went wrong while talking, in a few words (never the server's whole line)."""
    if isinstance(error, http.client.RemoteDisconnected):
        return "malformed answer (closed without an answer)"
    if isinstance(error, http.client.LineTooLong):
        return "malformed answer (a line too long)"
    if isinstance(error, http.client.BadStatusLine):
        return "malformed answer (not an HTTP status line)"
    if isinstance(error, http.client.HTTPException):
        return f"malformed answer ({str(error)[:80] or type(error).__name__})"
    if isinstance(error, ssl.SSLError):
        return f"TLS failure ({str(error)[:120]})"
    if isinstance(error, ConnectionError):
        return "malformed answer (connection reset)"
    return f"unreachable ({str(error)[:120] or type(error).__name__})"


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
        self.tls = ssl.create_default_context()
        # The operator's own rewrite targets may be local (a test server); nothing else may.
        self.trusted: set[tuple[str, str, int]] = set()
        for after in self.rewrite.values():
            with contextlib.suppress(_Refused):
                self.trusted.add(_parse(after).origin)

    def target(self, url: str) -> str:
        for before, after in self.rewrite.items():
            if url.startswith(before):
                return after + url[len(before):]
        return url

    def _wait_for(self, host: str) -> None:
        # The slot is taken under the lock, so two threads never share one.
        with self.lock:
            now = time.monotonic()
            ready = max(now, self.last.get(host, float("-inf")) + self.per_host)
            self.last[host] = ready
        if ready > now:
            time.sleep(ready - now)

    def _timed_out(self) -> _Failed:
        return _Failed(f"timed out (no complete answer within {self.timeout:g} s)")

    def _resolve(self, address: _Address, deadline: float) -> list[Any]:
        """getaddrinfo within the deadline (it cannot be interrupted: a daemon thread waits)."""
        found: list[Any] = []

        def look() -> None:
            try:
                found.append(socket.getaddrinfo(address.host, address.port,
                                                type=socket.SOCK_STREAM))
            except (OSError, UnicodeError) as error:
                found.append(error)

        worker = threading.Thread(target=look, daemon=True)
        worker.start()
        worker.join(max(0.0, deadline - time.monotonic()))
        if not found:
            raise self._timed_out()
        if isinstance(found[0], Exception):
            raise _Failed(f"unreachable ({str(found[0])[:120]})")
        if not found[0]:
            raise _Failed("unreachable (no address)")
        return list(found[0])

    def _connect(self, infos: list[Any], deadline: float) -> socket.socket:
        """A connection to one of the checked addresses (never the name again)."""
        error: OSError = OSError("no address")
        for family, kind, proto, _, sockaddr in infos:
            left = deadline - time.monotonic()
            if left <= 0:
                raise self._timed_out()
            sock = socket.socket(family, kind, proto)
            sock.settimeout(left)
            try:
                sock.connect(sockaddr)
                return sock
            except TimeoutError as timeout:
                sock.close()
                raise self._timed_out() from timeout
            except OSError as failed:
                sock.close()
                error = failed
        raise _Failed(_describe(error))

    def _exchange(self, url: str, method: str) -> tuple[int, str | None]:
        """One request: (status, Location header); only the status line and headers read."""
        address = _parse(url)
        self._wait_for(f"{address.host}:{address.port}")
        deadline = time.monotonic() + self.timeout
        infos = self._resolve(address, deadline)
        if address.origin not in self.trusted and \
                not all(_is_public(info[4][0]) for info in infos):
            raise _Refused(PRIVATE)  # any one: a name may resolve to several addresses
        sock = self._connect(infos, deadline)
        guard, fired = sock.dup(), threading.Event()  # the dup outlives sock's TLS wrapping
        timer = threading.Timer(max(0.0, deadline - time.monotonic()), _cut, (guard, fired))
        timer.daemon = True
        timer.start()
        try:
            return self._talk(sock, address, method)
        except (http.client.HTTPException, OSError, ValueError) as error:
            if fired.is_set() or isinstance(error, TimeoutError):
                raise self._timed_out() from error
            raise _Failed(_describe(error)) from error
        finally:
            timer.cancel()
            guard.close()
            sock.close()

    def _talk(self, sock: socket.socket, address: _Address, method: str) -> tuple[int, str | None]:
        if address.scheme == "https":
            sock = self.tls.wrap_socket(sock, server_hostname=address.host)
        connection = http.client.HTTPConnection(address.host, address.port)
        connection.sock = sock  # connected already, to the checked address
        try:
            connection.request(method, address.path, headers={
                "Host": address.host_header, "User-Agent": USER_AGENT, "Accept": "*/*",
                "Connection": "close"})
            answer = connection.getresponse()
            return answer.status, answer.getheader("Location")
        finally:
            connection.close()  # the body is never read

    def _ask(self, url: str) -> tuple[int, str | None]:
        answer = self._exchange(url, "HEAD")
        if answer[0] in (403, 405, 501):  # servers that refuse HEAD
            answer = self._exchange(url, "GET")
        return answer

    def _follow(self, url: str) -> int:
        """The status at the end of the redirects, which are checked like the first URL."""
        current = self.target(url)
        seen = {current}
        for _ in range(MAX_REDIRECTS + 1):
            code, location = self._ask(current)
            if code not in REDIRECTS or location is None:
                return code
            try:
                current = self.target(urljoin(current, location.strip()))
            except ValueError as error:
                raise _Refused(INVALID) from error
            if current in seen:
                raise _Refused("redirect loop")
            seen.add(current)
        raise _Refused("too many redirects")

    def check(self, url: str) -> Outcome:
        status = ""
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.pause)
            try:
                code = self._follow(url)
            except _Refused as refused:
                return Outcome(url, False, str(refused))
            except _Failed as failed:
                status = str(failed)
                continue
            except Exception as error:  # one odd URL must not end the report
                return Outcome(url, False, f"not checked ({type(error).__name__})")
            if code < 400:
                return Outcome(url, True, str(code))
            status = str(code)
            if code not in RETRIED:
                break
        return Outcome(url, False, status)

    def _host_of(self, url: str) -> str:
        try:
            return urlsplit(self.target(url)).netloc.lower()
        except ValueError:
            return ""  # check() says it is invalid, without a request

    def check_all(self, urls: list[str]) -> dict[str, Outcome]:
        """Every URL once; the hosts in parallel, each host's URLs one after the other."""
        by_host: dict[str, list[str]] = defaultdict(list)
        for url in dict.fromkeys(urls):
            by_host[self._host_of(url)].append(url)
        results: dict[str, Outcome] = {}

        def host_work(host_urls: list[str]) -> None:
            for url in host_urls:
                results[url] = self.check(url)

        with ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(host_work, by_host.values()))
        return results


def report(content_dir: Path, checker: Checker, repository_url: str = "",
           branch: str = "main") -> tuple[str, int]:
    """(the issue's body, how many links are broken). Titles, fields and URLs are contributors'
    text: made inert for GitHub's Markdown (no links, mentions, HTML comments of theirs)."""
    catalogue = Catalogue.from_sources(load_content(content_dir))
    found = [(r, name, url) for r in sorted(catalogue.by_id.values(), key=lambda r: r.id)
             for name, url in links_of(r)]
    outcomes = checker.check_all([url for _, _, url in found])
    broken: dict[str, list[str]] = defaultdict(list)
    by_id = {}
    for r, name, url in found:
        if not outcomes[url].ok:
            broken[r.id].append(f"  - {github_code(name)}: {github_code(url)} — "
                                f"{github_text(outcomes[url].status)}")
            by_id[r.id] = r
    lines = [f"{len(outcomes)} links of {len(catalogue)} resources checked; "
             f"{sum(len(v) for v in broken.values())} broken in {len(broken)} resources.", ""]
    for rid in sorted(broken):
        r = by_id[rid]
        path = quote(f"content/{r.src_uri}")  # a file's name: no ')' or space ends the link
        where = f"{repository_url}/blob/{quote(branch)}/{path}" if repository_url else path
        lines += [f"- [{github_text(r.title)}]({where})", *broken[rid]]
    return "\n".join(lines) + "\n", sum(len(v) for v in broken.values())
