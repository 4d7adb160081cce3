"""The build's day is the clock's at each build, unless the user pins SOURCE_DATE_EPOCH: a
`make serve` left running past midnight builds the next day's site (expired listings close)."""

from __future__ import annotations

import datetime as dt
import logging
import os
import re

from mkdocs.commands.build import build
from mkdocs.config import load_config
from virtual_centre.mkdocs_adapter import plugin as plugin_module

from .conftest import ROOT

BEFORE_MIDNIGHT = dt.date(2026, 12, 5)
AFTER_MIDNIGHT = dt.date(2026, 12, 6)


def midnight(day: dt.date) -> int:
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())


def home_lastmod(site) -> str:
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    return re.search(r"<loc>[^<]*index\.html</loc>\s*<lastmod>([^<]+)</lastmod>", sitemap)[1]


def test_a_serve_left_running_past_midnight_builds_on_the_new_day(content, tmp_path,
                                                                   monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    days = iter([BEFORE_MIDNIGHT, AFTER_MIDNIGHT])
    monkeypatch.setattr(plugin_module, "start_of_today", lambda: midnight(next(days)))
    docs = content({})
    # One configuration and one plugin for both builds, as `mkdocs serve` keeps them.
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), docs_dir=str(docs),
                         site_dir=str(tmp_path / "site"), strict=True,
                         site_url="https://example.org/vc/")
    ours = config.plugins["virtual-centre"]
    ours.config.display_root = str(docs.parent)
    ours.config.completion = "in-process"
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    build(config)
    assert home_lastmod(tmp_path / "site") == BEFORE_MIDNIGHT.isoformat()
    assert "SOURCE_DATE_EPOCH" not in os.environ  # the user's environment as it was
    build(config)
    assert home_lastmod(tmp_path / "site") == AFTER_MIDNIGHT.isoformat()
    assert plugin_module.day_of(ours.epoch) == AFTER_MIDNIGHT


def test_a_pinned_day_stays_pinned(content, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(midnight(BEFORE_MIDNIGHT) + 3600))
    monkeypatch.setattr(plugin_module, "start_of_today", lambda: midnight(AFTER_MIDNIGHT))
    docs = content({})
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), docs_dir=str(docs),
                         site_dir=str(tmp_path / "site"), strict=True,
                         site_url="https://example.org/vc/")
    config.plugins["virtual-centre"].config.display_root = str(docs.parent)
    config.plugins["virtual-centre"].config.completion = "in-process"
    build(config)
    assert home_lastmod(tmp_path / "site") == BEFORE_MIDNIGHT.isoformat()
    assert os.environ["SOURCE_DATE_EPOCH"] == str(midnight(BEFORE_MIDNIGHT) + 3600)
