"""The listings about to expire and those that expired since the last run, as the body of the
one issue a scheduled workflow keeps up to date (`virtual-centre expiry-report`).

The body remembers the day it was written (a comment the next run reads), so "expired since
the last run" needs no other state.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..catalogue.resources import Catalogue, Resource
from ..model.categories import LISTING_CATEGORIES
from ..outputs.github_markdown import github_text
from ..validate.gate import load_content

SOON_DAYS = 14
# The marker is the body's last line; contributors' text is escaped (github_markdown), so no
# title can forge it, and a marker that holds no real date is no marker.
LAST_RUN = re.compile(r"^<!-- vc:expiry-report (\d{4}-\d{2}-\d{2}) -->\s*\Z", re.M)
TITLE = "Listings expiring soon"


def last_run(previous_body: str) -> dt.date | None:
    found = LAST_RUN.search(previous_body or "")
    try:
        return dt.date.fromisoformat(found.group(1)) if found else None
    except ValueError:
        return None


def _line(r: Resource, repository_url: str, branch: str) -> str:
    where = f"{repository_url}/blob/{branch}/content/{r.src_uri}" if repository_url \
        else f"content/{r.src_uri}"
    org = r.refs.get("organisation", [""])[0].split("/", 1)[-1]
    return (f"- [{github_text(r.title)}]({where}) — valid until {r.meta['valid_until']}"
            + (f" ({github_text(org)})" if org else ""))


def open_listings(catalogue: Catalogue) -> list[Resource]:
    return [r for category in LISTING_CATEGORIES
            for r in catalogue.by_category.get(category, []) if r.meta.get("status") == "open"]


def report(content_dir: Path, today: dt.date, previous_body: str = "",
           repository_url: str = "", branch: str = "main", days: int = SOON_DAYS) -> str:
    """The issue's body: expiring within `days`, and expired since the last run (or today)."""
    catalogue = Catalogue.from_sources(load_content(content_dir))
    since = last_run(previous_body) or today - dt.timedelta(days=1)
    soon, expired = [], []
    for r in open_listings(catalogue):
        until = dt.date.fromisoformat(str(r.meta["valid_until"]))
        if today <= until <= today + dt.timedelta(days=days):
            soon.append((until, r))
        elif since <= until < today:
            expired.append((until, r))
    lines = [f"Open listings whose `valid_until` falls within {days} days of {today}, and "
             f"those that expired since the last run ({since}). To renew one, change its "
             "`valid_until` (or post it again); to end it, set `status: closed`. The site "
             "archives an expired listing on its next daily build.", "",
             f"## Expiring within {days} days ({len(soon)})", ""]
    lines += [_line(r, repository_url, branch) for _, r in sorted(soon, key=_order)] or ["None."]
    lines += ["", f"## Expired since {since} ({len(expired)})", ""]
    lines += [_line(r, repository_url, branch) for _, r in sorted(expired, key=_order)] \
        or ["None."]
    lines += ["", f"<!-- vc:expiry-report {today.isoformat()} -->"]
    return "\n".join(lines) + "\n"


def _order(item: tuple[dt.date, Resource]) -> tuple[dt.date, str]:
    return item[0], item[1].id
