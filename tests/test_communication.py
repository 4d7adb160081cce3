"""Feeds, what's new, the digest, statistics, sharing metadata, online-only integrations."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import feedparser
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from virtual_centre.catalogue.directory import Directory, build_day
from virtual_centre.catalogue.resources import Catalogue
from virtual_centre.cli.main import main as cli
from virtual_centre.model.words import words
from virtual_centre.outputs import feeds
from virtual_centre.pages import statistics as stats
from virtual_centre.validate.gate import load_content

from .conftest import CONTENT, ROOT, build_site, main_html

SITE_URL = "https://example.org/virtual-centre/"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue.from_sources(load_content(CONTENT))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SITE_URL", SITE_URL)
        return build_site(CONTENT, tmp_path_factory.mktemp("comm") / "site")


def test_the_site_feed_parses_with_entries_dates_and_links(site, catalogue):
    rss = feedparser.parse((site / "feeds" / "all.rss.xml").read_bytes())
    atom = feedparser.parse((site / "feeds" / "all.atom.xml").read_bytes())
    assert not rss.bozo and not atom.bozo
    expected = feeds.newest(list(catalogue.by_id.values()))
    assert [e.link for e in rss.entries] == [SITE_URL + r.url for r in expected]
    assert [e.title for e in atom.entries] == [r.marked_title for r in expected]
    first = expected[0]
    assert rss.entries[0].published_parsed[:3] == tuple(int(x) for x in first.date.split("-"))
    for entry in rss.entries:
        path = entry.link.removeprefix(SITE_URL)
        assert (site / path).exists(), path


def test_each_category_has_its_feeds(site, catalogue):
    for key in ("technologies", "legislation", "offers"):
        parsed = feedparser.parse((site / "feeds" / f"{key}.atom.xml").read_bytes())
        assert not parsed.bozo
        assert len(parsed.entries) == min(feeds.ENTRIES, len(catalogue.by_category[key]))
        assert all(f"/{key}/" in e.link for e in parsed.entries)


def test_feeds_do_not_depend_on_the_clock(catalogue):
    one = feeds.feeds(catalogue, "VC", SITE_URL, lambda rid: False)
    two = feeds.feeds(catalogue, "VC", SITE_URL, lambda rid: False)
    assert one == two


def test_every_page_announces_the_feeds(site):
    for page in ("index.html", "technologies/index.html", "technologies/fibersort.html",
                 "search.html", "browse/topics/policy.html"):
        head = (site / page).read_text().split("</head>")[0]
        assert 'type="application/rss+xml"' in head and "feeds/all.rss.xml" in head, page
    head = (site / "technologies/fibersort.html").read_text().split("</head>")[0]
    assert "feeds/technologies.atom.xml" in head


def test_whats_new_groups_by_month(site, catalogue):
    html = main_html(site / "whats-new.html")
    months = re.findall(r'<h2 id="m(\d{4}-\d{2})"', html)
    assert months == sorted(months, reverse=True)
    newest_month = max(r.date[:7] for r in catalogue.by_id.values())
    section = html[html.index(f'id="m{newest_month}"'):]
    section = section[:section.index("</ul>")]
    added = [r for r in catalogue.by_id.values() if r.date[:7] == newest_month]
    updated = [r for r in catalogue.by_id.values() if str(r.meta.get("updated", ""))[:7]
               == newest_month != r.date[:7]]
    assert section.count("<li>") == min(100, len(added) + len(updated))


def test_the_digest_for_a_date(tmp_path, monkeypatch, catalogue):
    monkeypatch.chdir(ROOT)
    assert cli(["digest", "--since", "2026-11-18", "--site-url", SITE_URL,
                "--out", str(tmp_path)]) == 0
    html = (tmp_path / "digest-2026-11-18.html").read_text()
    markdown = (tmp_path / "digest-2026-11-18.md").read_text()
    new = [r for r in catalogue.by_id.values() if str(r.meta.get("updated") or r.date)
           >= "2026-11-18"]
    old = [r for r in catalogue.by_id.values() if r.date < "2026-11-01"
           and str(r.meta.get("updated") or r.date) < "2026-11-18"
           and r.category not in ("offers", "demands")]
    assert new and old
    for r in new:
        assert f'href="{SITE_URL}{r.url}"' in html and f"]({SITE_URL}{r.url})" in markdown
    for r in old:
        assert SITE_URL + r.url not in html
    # self-contained: inline styles only, every link absolute
    assert "<style" not in html and "<link" not in html and 'style="' in html
    assert all(h.startswith(SITE_URL) for h in re.findall(r'href="([^"]+)"', html))
    assert "## Open offers of textile waste (M3P)" in markdown
    assert "gallarate-wool-noil-expired" not in markdown  # expired: not open


def table(html: str, chart: str) -> dict[str, float]:
    body = html[html.index(f'id="{chart}-table"'):]
    body = body[:body.index("</table>")]
    rows = re.findall(r"<tr><td>(.*?)</td><td>([\d,.]+)</td></tr>", body)
    return {label: float(value.replace(",", "")) for label, value in rows}


def test_the_charts_numbers_come_from_the_catalogue(site, catalogue):
    html = main_html(site / "statistics.html")
    assert html.count('<svg class="vc-chart" role="img"') == 7 + 5  # 5 of communication
    per_category = table(html, "per-category")
    from virtual_centre.model.categories import CATEGORIES
    assert per_category == {c.title: len(catalogue.by_category[k]) for k, c in CATEGORIES.items()}
    directory = Directory(catalogue, build_day())
    tonnes = table(html, "offers-material")
    expected = dict(stats.offers_by_material(directory, words()))
    assert tonnes.keys() == expected.keys()
    assert all(abs(tonnes[k] - expected[k]) < 0.06 for k in tonnes)
    assert table(html, "matches")["pairs passing every hard condition"] == \
        directory.matches.surviving
    assert "<desc" in html and "<title" in html  # text alternatives


def test_sharing_metadata_on_a_resource_page(site, catalogue):
    head = (site / "technologies/fibersort.html").read_text().split("</head>")[0]
    r = catalogue.by_id["technologies/fibersort"]
    assert f'<meta property="og:title" content="{r.title}">' in head
    assert f'<meta property="og:description" content="{r.summary}">' in head
    assert f'<meta property="og:url" content="{SITE_URL}technologies/fibersort.html">' in head
    assert '<meta name="twitter:card" content="summary">' in head
    assert (site / "sitemap.xml").exists()


def test_comments_and_analytics_are_off_by_default(site):
    html = (site / "technologies/fibersort.html").read_text()
    assert "giscus" not in html and "data-domain" not in html


def test_comments_and_analytics_when_switched_on_never_go_offline(tmp_path):
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    plugin = config.plugins["virtual-centre"]
    plugin.config.comments = {"repo": "org/repo", "repo_id": "R1", "category": "Forum",
                              "category_id": "C1"}
    plugin.config.analytics = {"src": "https://stats.example.org/script.js",
                               "domain": "example.org"}
    config.extra["analytics"] = {"provider": "custom", "feedback": {
        "title": "Was this page helpful?", "ratings": [
            {"icon": "material/emoticon-happy-outline", "name": "Helpful", "data": 1,
             "note": "Thanks!"},
            {"icon": "material/emoticon-sad-outline", "name": "Could be better", "data": 0,
             "note": "Thanks!"}]}}
    build(config)
    page = (tmp_path / "site" / "technologies" / "fibersort.html").read_text()
    assert "https://giscus.app/client.js" in page and 'data-repo="org/repo"' in page
    assert 'src="https://stats.example.org/script.js"' in page
    assert 'class="md-feedback"' in page
    index = (tmp_path / "site" / "technologies" / "index.html").read_text()
    assert "giscus" not in index  # comments under resource pages only
    with zipfile.ZipFile(tmp_path / "site" / "download" / "virtual-centre-offline.zip") as z:
        offline = z.read("virtual-centre/technologies/fibersort.html").decode()
    assert "giscus" not in offline and "stats.example.org" not in offline
    assert "md-feedback" not in offline
    assert "Fibersort" in offline


# -- the communication record and its effectiveness (category `communication`) ----------------

def table_rows(html: str, table_id: str) -> dict[str, list[str]]:
    """The rows of a table of the statistics page: row key (its data-*) -> cell texts."""
    table = html[html.index(f'<table id="{table_id}"'):]
    table = table[: table.index("</table>")]
    rows = {}
    for key, cells in re.findall(r'<tr data-[a-z]+="([^"]+)">(.*?)</tr>', table, re.S):
        rows[key] = [re.sub(r"<[^>]+>", "", c).strip()
                     for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", cells, re.S)]
    return rows


def activities_from_files() -> list[dict]:
    """The communication files read as plain YAML, apart from the generator's code."""
    import yaml
    return [yaml.safe_load(p.read_text(encoding="utf-8").split("---")[1])
            for p in sorted((CONTENT / "communication").glob("*.md"))]


def test_the_effectiveness_section_counts_what_the_files_say(site):
    html = main_html(site / "statistics.html")
    activities = activities_from_files()
    assert len(activities) >= 10
    channels = table_rows(html, "comm-channels")
    assert set(channels) == {a["channel"] for a in activities}
    for channel, cells in channels.items():
        mine = [a for a in activities if a["channel"] == channel]
        sums = {f: sum(a.get("figures", {}).get(f, 0) for a in mine)
                if any(f in a.get("figures", {}) for a in mine) else None
                for f in ("reach", "impressions", "engagement", "clicks", "participants")}
        rated = [a["figures"] for a in mine
                 if "engagement" in a.get("figures", {}) and a["figures"].get("impressions")]
        engaged, shown = (sum(f[k] for f in rated) for k in ("engagement", "impressions"))
        rate = f"{100 * engaged / shown:.1f} %" if rated else "–"
        assert cells[2:] == [str(len(mine)), *("not measured" if sums[f] is None
                                               else f"{sums[f]:,}" for f in sums), rate], channel
    groups = table_rows(html, "comm-groups")
    for group, cells in groups.items():
        mine = [a for a in activities if group in a["stakeholders"]]
        assert cells[1] == str(len(mine))
        assert cells[2] == f"{sum(a.get('figures', {}).get('reach', 0) for a in mine):,}"
    # Which channels reached which groups: each cell the activities of the pair.
    matrix = html[html.index('<table id="comm-matrix"'):]
    matrix = matrix[: matrix.index("</table>")]
    for channel, group in ((c, g) for c in channels for g in groups):
        row = re.search(rf'<tr data-channel="{re.escape(channel)}">(.*?)</tr>', matrix, re.S)
        cell = re.search(rf'<td data-group="{re.escape(group)}"[^>]*>(\d*)</td>', row.group(1))
        expected = sum(1 for a in activities if a["channel"] == channel
                       and group in a["stakeholders"])
        assert cell.group(1) == (str(expected) if expected else "")
    years = table_rows(html, "comm-per-year")
    assert {y: int(c[1]) for y, c in years.items()} == {
        y: sum(1 for a in activities if str(a["date"])[:4] == y) for y in years}
    examples = sum(1 for a in activities if a.get("example"))
    assert f"of which {examples} are invented examples" in html


def test_the_communication_charts_are_drawn_with_their_tables(site):
    html = main_html(site / "statistics.html")
    for chart in ("comm-activities", "comm-reach", "comm-rate", "comm-group-reach",
                  "comm-years"):
        assert f'<figure class="vc-figure" id="{chart}">' in html
        assert f'<table id="{chart}-table">' in html
    # Press, radio and TV give an audience, not impressions: no engagement rate for them.
    rate = html[html.index('id="comm-rate"'):html.index('id="comm-group-reach"')]
    assert "Radio" not in rate and "LinkedIn" in rate


def test_a_communication_page_shows_its_channel_groups_and_figures(site):
    page = main_html(site / "communication" / "example-webinar-eprs.html")
    assert '<a href="../search.html#channel=webinar">Webinar</a>' in page
    assert "Policy makers and public authorities" in page
    assert "Reach 640 · Participants 118 · Engagement 47" in page
    assert "example invented for demonstration" in page


def test_every_channel_has_a_label_and_a_known_medium():
    from virtual_centre.model.vocab import vocabularies
    v = vocabularies()
    required = {"press", "radio", "tv", "event", "newsletter", "website", "linkedin",
                "facebook", "x", "youtube", "instagram"}  # the channels the partners named
    assert required <= set(v.channels)
    for key, channel in v.channels.items():
        assert channel["label"] and channel["medium"] in v.media, key
    assert len(v.stakeholders) >= 5 and set(v.figures) == {
        "reach", "impressions", "engagement", "participants", "clicks"}


def test_a_figure_no_activity_measured_is_said_so_not_drawn_as_0():
    from virtual_centre.pages.charts import bar_chart
    from virtual_centre.pages.statistics import Tally

    tally = Tally()
    tally.add({"figures": {"reach": 120}})
    tally.add({"figures": {}})
    assert tally.figure("reach") == 120 and tally.figure("clicks") is None
    assert tally.figure("activities") == 2
    chart = bar_chart("c", "Clicks per channel", [("Press", None), ("Web", 40)], "clicks",
                      "Channel", words())
    assert "Press: not measured" in chart and "Web: 40 clicks" in chart
    german = bar_chart("c", "Klicks", [("Presse", None), ("Web", 12500)], "Klicks", "Kanal",
                       words("de"))
    assert "Presse: nicht gemessen" in german and "Web: 12.500 Klicks" in german
    assert chart.count('class="vc-chart__bar"') == 2 and 'width="0.0"' in str(chart)
