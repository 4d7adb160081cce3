"""Pages completed as MkDocs writes them: SitePlan.complete, the HTML fixes, the offline zip.

With fork (a plain `mkdocs build`, no other thread running) a child process does this on the
second core while MkDocs renders the theme of the next pages: MkDocs writes each page's
skeleton, the child writes the completed page under PENDING in the site folder and adds it to
the zip, and finish() moves the completed pages over the skeletons. Without fork (`mkdocs
serve`) each page is completed here, before MkDocs writes it. Both give the same bytes.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import forked
from .offline import OfflineZip
from .site import SitePlan

PENDING = ".vc-pending"  # completed pages, in the site folder until finish()


def encoded(html: str) -> bytes:
    return html.encode("utf-8", errors="xmlcharrefreplace")  # as MkDocs writes pages


class PageCompleter:
    def __init__(self, plan: SitePlan, site_dir: Path, with_zip: bool,
                 fix: Callable[[str], str]):
        self.plan, self.site_dir, self.fix = plan, site_dir, fix
        self.with_zip = with_zip
        self.pending = site_dir / PENDING
        self.zip: OfflineZip | None = None
        self.process: Any = None
        if not forked.can_fork():
            self.zip = OfflineZip(site_dir) if with_zip else None
            return
        context = multiprocessing.get_context("fork")
        receive, self.send = context.Pipe(duplex=False)
        self.process = context.Process(target=self._child, args=(receive,), daemon=True)
        self.process.start()
        receive.close()

    def complete(self, src_uri: str, output: str) -> str:
        return self.fix(self.plan.complete(src_uri, output))

    def page(self, src_uri: str, dest_uri: str, output: str) -> str:
        """What MkDocs is to write for a page: the page itself, or for now its skeleton."""
        if self.process is not None:
            self.send.send((src_uri, dest_uri, output))
            return output
        output = self.complete(src_uri, output)
        if self.zip is not None and output.strip():
            self.zip.add(dest_uri, encoded(output))
        return output

    def _child(self, receive: Any) -> None:
        self.send.close()
        zipped = OfflineZip(self.site_dir, skip=PENDING) if self.with_zip else None
        while (item := receive.recv()) is not None:
            src_uri, dest_uri, output = item
            html = self.complete(src_uri, output)
            if not html.strip():
                continue  # MkDocs writes no file for an empty page
            data = encoded(html)
            target = self.pending / dest_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            if zipped is not None:
                zipped.add(dest_uri, data)
        if zipped is not None:
            zipped.finish()  # every other file is in the site folder by now

    def finish(self) -> Path | None:
        """All pages in place; the offline zip's path, if there is one."""
        if self.process is None:
            return self.zip.finish() if self.zip is not None else None
        self.send.send(None)
        self.send.close()
        self.process.join()
        if self.process.exitcode != 0:
            raise RuntimeError("completing the pages failed in the child process "
                               f"(exit code {self.process.exitcode}; its error is above)")
        for path in sorted(p for p in self.pending.rglob("*") if p.is_file()):
            os.replace(path, self.site_dir / path.relative_to(self.pending))
        shutil.rmtree(self.pending, ignore_errors=True)
        zip_path = OfflineZip.path_in(self.site_dir)
        return zip_path if self.with_zip else None

    def discard(self) -> None:
        """The build failed: stop, and leave no half-done zip or pending pages."""
        if self.process is not None:
            self.process.terminate()
            self.process.join()
            shutil.rmtree(self.pending, ignore_errors=True)
            OfflineZip.path_in(self.site_dir).unlink(missing_ok=True)
        elif self.zip is not None:
            self.zip.discard()
