"""Every attribute of MkDocs, Material and watchdog that the adapter uses beyond their documented
interfaces, in one place. Each is read through a function here, and tests/test_compat.py
checks each on the installed versions, so an upgrade that changes one fails with a message
that names it (and `make serve` falls back to what MkDocs does alone).

- Material's search plugin: `search_index` (its `SearchIndex`), `.entries` (its list of
  entries) and `search_index_prev` (the index it merges in dirty builds);
- MkDocs' LiveReloadServer: `observer` (watchdog's observer) and `_watch_refs` (a path's
  watch, for `unwatch`);
- watchdog's observers: `_handlers` (each watch's handlers) and a watch's `raw_path`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MATERIAL_SEARCH = ("search_index", "search_index_prev")
SERVER = ("observer", "_watch_refs")
OBSERVER = "_handlers"
WATCH = ("raw_path", "is_recursive")


class Incompatible(Exception):
    """An engine's attribute is not what the adapter expects."""


def material_search_index(plugins: Any) -> tuple[Any, list[dict[str, Any]]]:
    """Material's search plugin among the site's plugins and its index's list of entries."""
    material = next((p for p in plugins.values() if hasattr(p, MATERIAL_SEARCH[1])), None)
    if material is None:
        raise Incompatible(f"no plugin has Material's search attribute {MATERIAL_SEARCH[1]!r}")
    index = getattr(material, MATERIAL_SEARCH[0], None)
    entries = getattr(index, "entries", None)
    if not isinstance(entries, list):
        raise Incompatible("Material's search plugin has no list at "
                           f"{MATERIAL_SEARCH[0]}.entries")
    return material, entries


def replace_search_entries(material: Any, entries: list[dict[str, Any]]) -> None:
    """The index holds these entries, and Material does not merge the last build's again."""
    getattr(material, MATERIAL_SEARCH[0]).entries = entries
    setattr(material, MATERIAL_SEARCH[1], None)


@dataclass
class Watches:
    """What MkDocs' server watches: its polling observer, that observer's handlers by watch,
    and the server's watch of each path."""

    server: Any
    observer: Any
    handlers: dict[Any, Any]
    refs: dict[str, Any]

    def replace_observer(self, native: Any) -> None:
        setattr(self.server, SERVER[0], native)


def server_watches(server: Any) -> Watches:
    observer = getattr(server, SERVER[0], None)
    handlers = getattr(observer, OBSERVER, None)
    refs = getattr(server, SERVER[1], None)
    if not isinstance(handlers, dict):
        raise Incompatible(f"MkDocs' server observer has no dict {OBSERVER!r}")
    if not isinstance(refs, dict):
        raise Incompatible(f"MkDocs' server has no dict {SERVER[1]!r}")
    return Watches(server, observer, handlers, refs)


def watched_path(watch: Any) -> tuple[str, bool]:
    """A watch's path as given (a file, not its folder) and whether it is recursive."""
    try:
        return getattr(watch, WATCH[0]), bool(getattr(watch, WATCH[1]))
    except AttributeError as error:
        raise Incompatible(f"watchdog's watch has no {error.name!r}") from error
