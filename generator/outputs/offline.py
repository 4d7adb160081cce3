"""The offline edition: the whole built site as one zip, to unzip and open from disk.

Pages are compressed while the site is being built, by the build's second process
(pages/completers.py), as each one is completed; whatever else the build wrote is added at the
end, in sorted order. Entries are dated from the build's epoch (SOURCE_DATE_EPOCH, or
1980-01-01) and come in build order, so two builds of the same commit give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import zipfile
from pathlib import Path

ZIP_PATH = "download/virtual-centre-offline.zip"
FOLDER = "virtual-centre"  # what the zip unpacks into
# Comments, analytics and feedback need the network: the theme marks them, the zip drops them.
ONLINE_ONLY = re.compile(rb"<!-- vc:online-only -->.*?<!-- /vc:online-only -->"
                         rb'|<form class="md-feedback".*?</form>', re.S)
COMPRESS_LEVEL = 6  # level 9 took twice as long for a zip 1 % smaller (make bench)
# Files this large (search indexes, open data) are written after the pages, when nothing else
# is left to do: the fastest level keeps the build from waiting on them.
LARGE, LARGE_LEVEL = 4_000_000, 1


def _stamp(epoch: int | None) -> tuple[int, int, int, int, int, int]:
    if epoch is None:
        return (1980, 1, 1, 0, 0, 0)
    t = dt.datetime.fromtimestamp(max(int(epoch), 315532800), dt.timezone.utc)
    return (t.year, t.month, t.day, t.hour, t.minute, t.second)


# Where the notice goes in each page of the zip: the start of Material's article.
ARTICLE = re.compile(rb'(<article class="md-content__inner md-typeset">)')


def offline_notice(day: dt.date, site_url: str) -> bytes:
    """What every page of the offline copy says first: when it was made, and where the live
    site is (its listings may have expired or closed since)."""
    live = (f' The live site, always current: <a href="{html.escape(site_url)}">'
            f"{html.escape(site_url)}</a>.") if site_url else ""
    return (f'<div class="admonition info vc-offline-notice" role="note"><p class="admonition-'
            f'title">Offline copy of {day.isoformat()}</p><p>This copy was made on '
            f"{day.isoformat()}: offers and demands may have expired or closed since, and newer "
            f"resources are missing.{live}</p></div>").encode()


class ZipWriter:
    """The zip itself: pages as they come, then every other file of the site."""

    def __init__(self, site_dir: Path, epoch: int | None = None, day: dt.date | None = None,
                 site_url: str = ""):
        self.notice = offline_notice(day, site_url) if day is not None else b""
        self.site_dir = site_dir
        self.target = site_dir / ZIP_PATH
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self.stamp = _stamp(epoch)
        self.added: set[str] = set()
        self.zip = zipfile.ZipFile(self.target, "w", compression=zipfile.ZIP_DEFLATED,
                                   compresslevel=COMPRESS_LEVEL)

    def write(self, path: str, data: bytes) -> None:
        self.added.add(path)
        info = zipfile.ZipInfo(f"{FOLDER}/{path}", self.stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        if path.endswith(".html"):
            data = ONLINE_ONLY.sub(b"", data)
            if self.notice:
                data = ARTICLE.sub(lambda m: m.group(1) + self.notice, data, count=1)
        level = LARGE_LEVEL if len(data) > LARGE else COMPRESS_LEVEL
        self.zip.writestr(info, data, compresslevel=level)

    def finish(self) -> Path:
        """Add every file not written yet, close the zip."""
        try:
            # A symbolic link is never followed into the zip (the gate refuses them anyway).
            for path in sorted(p for p in self.site_dir.rglob("*")
                               if p.is_file() and not p.is_symlink()):
                rel = path.relative_to(self.site_dir).as_posix()
                if path != self.target and rel not in self.added:
                    self.write(rel, path.read_bytes())
        finally:
            self.close()
        return self.target

    def close(self) -> None:
        self.zip.close()


def write_zip(site_dir: Path, epoch: int | None = None) -> Path:
    """The zip of a site already built."""
    return ZipWriter(site_dir, epoch).finish()
