"""The life of a page (generator/pages/lifecycle.py). The second process: the content's
problems first; then each page named, once written, completed in place and zipped in that
order, the rest of the site zipped at the end; failures reported, a cancelled build leaves no
zip. Both completers give the same site."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile

import pytest
from virtual_centre.catalogue.resources import Catalogue
from virtual_centre.outputs.offline import FOLDER, ZIP_PATH
from virtual_centre.outputs.registry import SEARCH_PAYLOAD, data_file_uris
from virtual_centre.pages.completers import InProcessCompleter
from virtual_centre.pages.context import BuildContext
from virtual_centre.pages.lifecycle import complete, skeleton
from virtual_centre.pages.plan import SitePlan
from virtual_centre.pages.second_process import BATCH, SecondProcessCompleter
from virtual_centre.validate.gate import load_content

from .conftest import CONTENT as REPOSITORY_CONTENT
from .conftest import ROOT, build_site, main_html, without_translations

# An English-only site's content: translations need their languages (tests/test_languages_site).
CONTENT = without_translations(REPOSITORY_CONTENT)

TODAY = dt.date(2026, 11, 26)


def Worker(content, root, site, site_name="Virtual Centre", site_url="", offline_zip=True,
           completer=SecondProcessCompleter):
    """A completer of a build of `content` into `site`."""
    return completer(BuildContext(content, root, site, site_name, site_url, TODAY, 1764115200,
                                  offline_zip))

OFFER = "offers/gallarate-cotton-cuttings"
ONLINE_ONLY = (b'<!-- vc:online-only --><script src="https://x.example"></script>'
               b"<!-- /vc:online-only -->")


def skeletons() -> dict[tuple[str, str], str]:
    """Pages as MkDocs writes them: the skeleton of on_page_content inside a theme."""
    plan = SitePlan(Catalogue.from_sources(load_content(CONTENT)))
    toggle = '<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">'
    pages = {(f"{OFFER}.md", f"{OFFER}.html"): "<p>The body</p>",
             ("offers/index.md", "offers/index.html"): "",
             ("about.md", "about.html"): "<p>About us</p>",
             # more than one batch of pages named to the process
             **{(f"more/{i}.md", f"more/{i}.html"): f"<p>{i}</p>" for i in range(BATCH + 3)}}
    return {page: toggle + skeleton(plan, page[0], body) + ONLINE_ONLY.decode()
            for page, body in pages.items()}


@pytest.mark.parametrize("completer", [SecondProcessCompleter, InProcessCompleter])
@pytest.mark.parametrize("offline_zip", [True, False])
def test_pages_are_completed_and_zipped_in_the_order_named(tmp_path, offline_zip, completer):
    site = tmp_path / "site"
    worker = Worker(CONTENT, CONTENT.parent, site, "Test Centre", "https://example.org/vc/",
                    offline_zip=offline_zip, completer=completer)
    assert worker.problems() == []
    catalogue = Catalogue.from_sources(load_content(CONTENT))
    data = SitePlan(catalogue, TODAY).data_files("Test Centre", "https://example.org/vc/")
    assert sorted(data) == sorted(data_file_uris(catalogue))
    for uri in (*data, SEARCH_PAYLOAD):  # each output's file is there (MkDocs copies it)
        assert (site / uri).is_file(), uri
    pages = skeletons()
    for (src_uri, dest_uri), text in pages.items():  # as MkDocs does: handed, then written
        written = worker.page(src_uri, dest_uri, text)
        (site / dest_uri).parent.mkdir(parents=True, exist_ok=True)
        (site / dest_uri).write_text(written, encoding="utf-8")
    worker.pages_done()
    assert (site / SEARCH_PAYLOAD).stat().st_size > 10_000
    for uri, made in data.items():  # written by the time the pages are done
        expected = made if isinstance(made, bytes) else made.encode("utf-8")
        assert (site / uri).read_bytes() == expected, uri
    plan = SitePlan(Catalogue.from_sources(load_content(CONTENT)), TODAY)
    for (src_uri, dest_uri), text in pages.items():
        assert (site / dest_uri).read_text(encoding="utf-8") == complete(plan, src_uri, text)
    offer = (site / f"{OFFER}.html").read_text(encoding="utf-8")
    assert "<p>The body</p>" in offer and "Candidate recipients" in offer
    assert "vc:resource" not in offer and 'autocomplete="off"' not in offer
    (site / "late.css").write_text("body {}")  # written after the pages (Material's plugins)
    target = worker.finish()
    if not offline_zip:
        assert target is None and not (site / ZIP_PATH).exists()
        return
    assert target == site / ZIP_PATH
    with zipfile.ZipFile(target) as z:
        names = z.namelist()
        pages_first = [f"{FOLDER}/{dest}" for _, dest in pages]
        assert names[: len(pages)] == pages_first
        assert names[len(pages):] == sorted(names[len(pages):])
        assert {f"{FOLDER}/{SEARCH_PAYLOAD}", f"{FOLDER}/late.css"} <= set(names)
        for _, dest in pages:
            on_disk = (site / dest).read_bytes()
            assert ONLINE_ONLY in on_disk
            assert z.read(f"{FOLDER}/{dest}") == on_disk.replace(ONLINE_ONLY, b"")


def test_problems_of_the_content_come_first_and_end_the_process(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    offer = content / f"{OFFER}.md"
    offer.write_text(offer.read_text(encoding="utf-8").replace("status: open", "status: maybe"),
                     encoding="utf-8")
    worker = Worker(content, tmp_path, tmp_path / "site")
    problems = worker.problems()
    assert [(p.path, p.field) for p in problems] == [(f"content/{OFFER}.md", "status")]
    assert not (tmp_path / "site" / SEARCH_PAYLOAD).exists()
    process = worker.process
    assert process is not None
    process.join(30)
    assert process.exitcode == 0
    worker.cancel()


def test_a_process_failing_while_it_checks_is_an_error_not_a_pass(tmp_path):
    (tmp_path / "assets").write_text("a file where the payload's folder must be")
    worker = Worker(CONTENT, CONTENT.parent, tmp_path)
    with pytest.raises(RuntimeError, match="failed while checking the content"):
        worker.problems()


def test_a_zip_that_cannot_be_written_fails_the_build(tmp_path):
    (tmp_path / "download").write_text("a file where the zip's folder must be")
    worker = Worker(CONTENT, CONTENT.parent, tmp_path)
    assert worker.problems() == []
    worker.page("about.md", "about.html", "<p>About</p>")
    (tmp_path / "about.html").write_text("<p>About</p>")
    with pytest.raises(RuntimeError, match="failed while completing the pages"):
        worker.pages_done()


def test_a_cancelled_build_stops_the_process_and_leaves_no_zip(tmp_path):
    worker = Worker(CONTENT, CONTENT.parent, tmp_path)
    assert worker.problems() == []
    worker.page("about.md", "about.html", "<p>About</p>")
    (tmp_path / "about.html").write_text("<p>About</p>")
    process = worker.process
    worker.cancel()
    assert process is not None and process.exitcode is not None
    assert not (tmp_path / ZIP_PATH).exists()
    with pytest.raises(RuntimeError, match="stopped"):
        worker.pages_done()


def test_a_body_is_harmless_text_until_its_page_is_completed():
    plan = SitePlan(Catalogue.from_sources(load_content(CONTENT)))
    hostile = '<p>kept &amp; shown</p><script>alert(1)</script><img src=x onerror="alert(2)">'
    written = skeleton(plan, f"{OFFER}.md", hostile)
    assert "<script" not in written and "<img" not in written
    page = complete(plan, f"{OFFER}.md", f"<main>{written}</main>")
    assert "<p>kept &amp; shown</p>" in page
    assert "<script>alert" not in page and "onerror" not in page and '<img src="x">' in page


def test_both_completers_build_the_same_site(tmp_path):
    """In-process completion (debugging) and the second process (builds) give the same bytes,
    offline zip included."""
    sites = {}
    for completion in ("in-process", "second-process"):
        sites[completion] = tmp_path / completion
        build_site(CONTENT, sites[completion], completion=completion)
    built = {name: {p.relative_to(site).as_posix(): p.read_bytes()
                    for p in site.rglob("*") if p.is_file()} for name, site in sites.items()}
    assert len(built["in-process"]) > 100
    assert built["in-process"] == built["second-process"]


def test_a_sites_custom_dir_overrides_our_templates(tmp_path):
    """Our templates are looked up in the theme's folders, a site's custom_dir first, as
    Material's partials are (CONTRIBUTING.md)."""
    overrides = tmp_path / "overrides"
    (overrides / "vc").mkdir(parents=True)
    (overrides / "vc" / "search.html").write_text('<p id="own-search">Our own search</p>')
    (overrides / "vc" / "macros.html").write_text(
        (ROOT / "generator" / "theme" / "vc" / "macros.html").read_text(encoding="utf-8")
        .replace('class="vc-card"', 'class="vc-card own-card"'))
    site = build_site(CONTENT, tmp_path / "site", theme={
        "name": "material", "custom_dir": str(overrides), "font": False})
    assert '<p id="own-search">Our own search</p>' in main_html(site / "search.html")
    assert 'class="vc-card own-card"' in main_html(site / "offers" / "index.html")
    assert 'id="own-search"' not in main_html(site / "directory.html")  # the others: ours


def test_two_plans_with_their_own_theme_folders_in_one_process(tmp_path):
    """Each site plan renders with its own build's templates, whichever was made last (the
    folders were once a module's global: the last build's won)."""
    from virtual_centre.pages.plan import SitePlan
    from virtual_centre.pages.render import Theme
    from virtual_centre.validate.checker import check

    overrides = tmp_path / "overrides"
    (overrides / "vc").mkdir(parents=True)
    (overrides / "vc" / "search.html").write_text('<p id="own-search">Our own search</p>')
    catalogue = check(CONTENT, CONTENT)[1]
    assert catalogue is not None
    own = SitePlan(catalogue, theme=Theme((str(overrides),)))
    plain = SitePlan(catalogue)
    for plan, expected in ((own, True), (plain, False), (own, True)):
        html = plan.pages["search.md"].render(plan, plan.presenter("search.md"))
        assert ('id="own-search"' in html) is expected


def test_the_build_never_waits_for_the_process_to_read_its_inbox(tmp_path):
    """While the process checks the content and writes the outputs, it reads nothing: the
    pages the build names meanwhile wait in the build's memory once the pipe is full (a
    blocking write would stall the build for seconds at 10,000 pages), and all reach it."""
    worker = Worker(CONTENT, CONTENT.parent, tmp_path, offline_zip=False)
    plan = SitePlan(Catalogue.from_sources(load_content(CONTENT)))
    text = skeleton(plan, "search.md", "")
    names = [f"pages/{i:04}/{'x' * 40}.html" for i in range(3000)]  # ~200 kB of messages
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    waiting = 0
    for name in names:
        worker.page("search.md", name, text)
        waiting = max(waiting, len(worker.unsent))
    assert waiting > 65536  # more than a pipe holds was kept back, and the build went on
    assert worker.problems() == []
    worker.pages_done()
    assert worker.unsent == b""
    assert all(b"vc:generated" not in (tmp_path / n).read_bytes() for n in names[::97])
    assert worker.finish() is None
