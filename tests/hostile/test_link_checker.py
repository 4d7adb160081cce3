"""The link checker against hostile servers and hostile URLs: real servers on the loopback
interface (each stops by itself), reached through `rewrite` where the checker must connect.
A check ends within its deadline, a malformed answer or address is a result (never an
exception), redirects are bounded, and no request goes to a private or local address that the
operator did not configure."""

from __future__ import annotations

import shutil
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from virtual_centre.automation import links
from virtual_centre.outputs.github_markdown import WORD_JOINER, github_text

from ..conftest import CONTENT

Answer = Callable[["Server", socket.socket, str], None]


class Server:
    """A raw TCP server on 127.0.0.1: reads one request's head (unless `head` is False: a TLS
    hello has none), then `answer` does the rest. It counts connections and paths, and stops
    after `lifetime` seconds at the latest."""

    def __init__(self, answer: Answer, head: bool = True, lifetime: float = 15.0) -> None:
        self.answer, self.head = answer, head
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.1)
        self.port: int = self.listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.connections = 0
        self.paths: list[str] = []
        self.stop = threading.Event()
        self.end = time.monotonic() + lifetime
        threading.Thread(target=self._serve, daemon=True).start()

    def running(self) -> bool:
        return not self.stop.is_set() and time.monotonic() < self.end

    def _serve(self) -> None:
        with self.listener:
            while self.running():
                try:
                    conn, _ = self.listener.accept()
                except TimeoutError:
                    continue
                self.connections += 1
                threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(2)
            try:
                if not self.head:
                    self.answer(self, conn, "")
                    return
                head = b""
                while b"\r\n\r\n" not in head and len(head) < 65536:
                    chunk = conn.recv(4096)
                    if not chunk:
                        return
                    head += chunk
                path = head.split(b" ", 2)[1].decode("latin-1")
                self.paths.append(path)
                self.answer(self, conn, path)
            except OSError:
                pass  # the checker hung up: that is its right


@pytest.fixture
def serve() -> Iterator[Callable[..., Server]]:
    made: list[Server] = []

    def start(answer: Answer, head: bool = True) -> Server:
        made.append(Server(answer, head))
        return made[-1]

    yield start
    for server in made:
        server.stop.set()


def checker(*servers: Server, timeout: float = 2.0) -> links.Checker:
    """A fast checker; https://sN.example/ is the N-th server (the operator's rewrite)."""
    rewrite = {f"https://s{n}.example": s.url for n, s in enumerate(servers)}
    return links.Checker(timeout=timeout, retries=0, per_host=0.0, pause=0.0, rewrite=rewrite)


def send(data: bytes) -> Answer:
    def answer(server: Server, conn: socket.socket, path: str) -> None:
        conn.sendall(data)

    return answer


def redirect(to: Callable[[str], str | None]) -> Answer:
    """A 302 to `to(path)`, or a 200 where it gives None."""

    def answer(server: Server, conn: socket.socket, path: str) -> None:
        where = to(path)
        if where is None:
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
        else:
            conn.sendall(f"HTTP/1.1 302 Found\r\nLocation: {where}\r\n"
                         "Content-Length: 0\r\n\r\n".encode())

    return answer


def drip(server: Server, conn: socket.socket, path: str) -> None:
    """A byte of a header every 0.5 s, for as long as the server lives."""
    for byte in b"HTTP/1.1 200 OK\r\nX-Drip: ":
        if not server.running():
            return
        conn.sendall(bytes([byte]))
        time.sleep(0.5)
    while server.running():
        conn.sendall(b"a")
        time.sleep(0.5)


def silent(server: Server, conn: socket.socket, path: str) -> None:
    while server.running():
        time.sleep(0.1)


def reset(server: Server, conn: socket.socket, path: str) -> None:
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


@pytest.mark.parametrize("scheme", ["http", "https"])
def test_a_dripping_server_is_given_up_at_the_deadline(serve, scheme):
    """Each read gets a byte in time; the whole request does not (for https: the handshake
    never ends, as the server never answers it)."""
    server = serve(drip if scheme == "http" else silent, head=scheme == "http")
    check = links.Checker(timeout=1.5, retries=0, per_host=0.0, pause=0.0,
                          rewrite={"https://slow.example": f"{scheme}://127.0.0.1:{server.port}"})
    start = time.monotonic()
    outcome = check.check("https://slow.example/page")
    elapsed = time.monotonic() - start
    assert not outcome.ok
    assert outcome.status == "timed out (no complete answer within 1.5 s)"
    assert elapsed < 4
    assert server.connections == 1


@pytest.mark.parametrize("data, status", [
    (b"NONSENSE\r\n\r\n", "malformed answer (not an HTTP status line)"),
    (b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-%d: y\r\n" % n for n in range(150)) + b"\r\n",
     "malformed answer (got more than 100 headers)"),
    (b"HTTP/1.1 200 OK\r\nX-Long: " + b"a" * 70_000 + b"\r\n\r\n",
     "malformed answer (a line too long)"),
    (b"", "malformed answer (closed without an answer)"),
], ids=["bad-status-line", "150-headers", "long-header-line", "closed"])
def test_a_malformed_answer_is_a_result(serve, data, status):
    server = serve(send(data))
    outcome = checker(server).check("https://s0.example/x")
    assert (outcome.ok, outcome.status) == (False, status)
    assert server.paths == ["/x"]


def test_a_reset_connection_is_a_result(serve):
    server = serve(reset)
    outcome = checker(server).check_all(["https://s0.example/reset"])["https://s0.example/reset"]
    assert (outcome.ok, outcome.status) == (False, "malformed answer (connection reset)")


def test_tls_to_a_plain_server_is_a_result(serve):
    server = serve(send(b"HTTP/1.1 200 OK\r\n\r\n"), head=False)
    check = links.Checker(timeout=2, retries=0, per_host=0.0, pause=0.0,
                          rewrite={"https://tls.example": f"https://127.0.0.1:{server.port}"})
    outcome = check.check("https://tls.example/")
    assert not outcome.ok and outcome.status.startswith("TLS failure")


def test_a_redirect_loop_is_broken(serve):
    server = serve(redirect(lambda path: "/b" if path == "/a" else "/a"))
    outcome = checker(server).check("https://s0.example/a")
    assert (outcome.ok, outcome.status) == (False, "redirect loop")
    assert server.paths == ["/a", "/b"]  # /a is not asked again


def test_ten_redirects_are_followed_and_eleven_are_too_many(serve):
    def chain(path: str) -> str | None:
        n = int(path[2:])
        return None if n >= 11 else f"/r{n + 1}"

    server = serve(redirect(chain))
    check = checker(server)
    ten = check.check("https://s0.example/r1")
    assert (ten.ok, ten.status) == (True, "200")
    server.paths.clear()
    eleven = check.check("https://s0.example/r0")
    assert (eleven.ok, eleven.status) == (False, "too many redirects")
    assert server.paths == [f"/r{n}" for n in range(11)]  # /r11 never asked


def test_a_redirect_to_a_local_address_is_refused(serve):
    """The operator's rewritten server is allowed; the loopback address it points to is not."""
    target = serve(send(b"HTTP/1.1 200 OK\r\n\r\n"))
    server = serve(redirect(lambda path: f"http://127.0.0.1:{target.port}/secret"))
    outcome = checker(server).check("https://s0.example/go")
    assert (outcome.ok, outcome.status) == (False, links.PRIVATE)
    assert server.paths == ["/go"]
    time.sleep(0.2)  # a connection, had one been made, would be counted by now
    assert target.connections == 0


def test_local_and_private_addresses_in_the_content_are_never_asked(serve):
    server = serve(send(b"HTTP/1.1 200 OK\r\n\r\n"))
    urls = [f"http://127.0.0.1:{server.port}/", f"http://localhost:{server.port}/",
            f"http://[::1]:{server.port}/", "http://169.254.169.254/latest/meta-data",
            "http://10.0.0.1/", f"http://[::ffff:127.0.0.1]:{server.port}/"]
    check = links.Checker(timeout=2, retries=0, per_host=0.0, pause=0.0)
    results = check.check_all(urls)
    assert {url: (o.ok, o.status) for url, o in results.items()} \
        == {url: (False, links.PRIVATE) for url in urls}
    time.sleep(0.2)
    assert server.connections == 0


def test_unreadable_addresses_are_results_not_exceptions():
    urls = ["https://example.org:x/", "https://[oops/", "ftp://example.org/file",
            "http:///no-host", "javascript:alert(1)", "https://exa mple.org/"]
    check = links.Checker(timeout=2, retries=0, per_host=0.0, pause=0.0)
    results = check.check_all(urls)
    assert {url: (o.ok, o.status) for url, o in results.items()} \
        == {url: (False, links.INVALID) for url in urls}


def test_the_report_shows_a_hostile_title_as_text(tmp_path: Path):
    title = "[x](https://evil.example) @team <!-- vc:expiry-report 2026-02-30 -->"
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content, ignore=shutil.ignore_patterns("*.md"))
    for page in ("index.md", "about.md"):
        shutil.copy(CONTENT / page, content / page)
    tech = (CONTENT / "technologies" / "fibersort.md").read_text(encoding="utf-8")
    lines = []
    for line in tech.splitlines():
        if line.startswith("title:"):
            line = "title: '" + title + "'"
        elif line.startswith(("source_url:", "developer_url:", "  source:")):  # accepts.source
            line = line.split(":", 1)[0] + ": http://127.0.0.1:9/x"  # refused, never asked
        lines.append(line)
    (content / "technologies" / "hostile.md").write_text("\n".join(lines) + "\n",
                                                         encoding="utf-8")
    check = links.Checker(timeout=2, retries=0, per_host=0.0, pause=0.0)
    body, broken = links.report(content, check)
    assert broken == 3 and "hostile.md" in body
    assert "evil" in body  # the title is there, as text
    assert body.count("](") == body.count("](content/") == 1  # only the report's own link
    assert "@team" not in body and f"@{WORD_JOINER}team" in body
    assert "<!--" not in body
    assert "`http://127.0.0.1:9/x`" in body and "`source_url`" in body
    assert github_text(links.PRIVATE) in body
