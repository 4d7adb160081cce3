"""The offline edition: the whole built site as one zip, to unzip and open from disk.

Entries are sorted and dated from SOURCE_DATE_EPOCH (or 1980-01-01), so two builds of the
same commit give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
from pathlib import Path

ZIP_PATH = "download/virtual-centre-offline.zip"
FOLDER = "virtual-centre"  # what the zip unpacks into
# Comments, analytics and feedback need the network: the theme marks them, the zip drops them.
ONLINE_ONLY = re.compile(rb"<!-- vc:online-only -->.*?<!-- /vc:online-only -->"
                         rb'|<form class="md-feedback".*?</form>', re.S)


def _stamp() -> tuple[int, int, int, int, int, int]:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return (1980, 1, 1, 0, 0, 0)
    t = dt.datetime.fromtimestamp(max(int(epoch), 315532800), dt.timezone.utc)
    return (t.year, t.month, t.day, t.hour, t.minute, t.second)


def write_zip(site_dir: Path) -> Path:
    target = site_dir / ZIP_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    stamp = _stamp()
    files = sorted(p for p in site_dir.rglob("*") if p.is_file() and p != target)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for path in files:
            info = zipfile.ZipInfo(f"{FOLDER}/{path.relative_to(site_dir).as_posix()}", stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            data = path.read_bytes()
            if path.suffix == ".html":
                data = ONLINE_ONLY.sub(b"", data)
            z.writestr(info, data)
    return target
