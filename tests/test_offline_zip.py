"""The zipping process of the offline edition: pages named as they are written and zipped in
that order, the rest added at the end, failures reported, a failed build leaves no zip."""

from __future__ import annotations

import zipfile

import pytest

from generator.offline import FOLDER, ZIP_PATH, OfflineZip, write_zip


def test_pages_handed_over_and_files_left_on_disk_are_all_zipped(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "style.css").write_text("body {}")
    offline = OfflineZip(tmp_path)
    pages = {"b.html": b"<p>kept</p><!-- vc:online-only --><script src=x></script>"
                       b"<!-- /vc:online-only -->",
             "dir with space/a.html": b"<p>" + bytes(range(256)) + b"</p>"}
    for path, data in pages.items():  # as MkDocs does: the page named, then written
        offline.add(path)
        (tmp_path / path).parent.mkdir(exist_ok=True)
        (tmp_path / path).write_bytes(data)
    target = offline.finish()
    with zipfile.ZipFile(target) as z:
        names = z.namelist()
        assert names == [f"{FOLDER}/b.html", f"{FOLDER}/dir with space/a.html",
                         f"{FOLDER}/assets/style.css"]
        assert z.read(f"{FOLDER}/b.html") == b"<p>kept</p>"
        assert z.read(f"{FOLDER}/dir with space/a.html") == b"<p>" + bytes(range(256)) + b"</p>"


def test_the_zip_of_the_process_is_the_zip_of_the_files(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    one, two = tmp_path / "one", tmp_path / "two"
    for site in (one, two):
        site.mkdir()
        (site / "index.html").write_bytes(b"<h1>home</h1>" * 100)
    offline = OfflineZip(one)
    offline.add("index.html")
    assert offline.finish().read_bytes() == write_zip(two).read_bytes()


def test_a_failing_zip_process_fails_the_build(tmp_path):
    (tmp_path / "download").write_text("a file where the folder must be")
    offline = OfflineZip(tmp_path)
    offline.add("index.html")
    with pytest.raises(RuntimeError, match="the offline zip failed"):
        offline.finish()


def test_a_discarded_zip_leaves_nothing(tmp_path):
    offline = OfflineZip(tmp_path)
    offline.add("index.html")
    process = offline.process
    offline.discard()
    assert process is not None and process.poll() is not None
    assert not (tmp_path / ZIP_PATH).exists()
