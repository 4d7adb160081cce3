"""How `mkdocs serve --dirty` sees an edit and says what it did: the system's notification of a
save instead of MkDocs' polling, and MkDocs' warning about dirty builds replaced by the
session's own line."""

from __future__ import annotations

import logging
from typing import Any

from . import compat

log = logging.getLogger("mkdocs.plugins.virtual-centre")


class DirtyWarningFilter(logging.Filter):
    """MkDocs warns that a dirty build leaves navigation and links inaccurate (and strict mode
    would abort on the warning): the session makes every page that changed right, so the
    warning is replaced by the session's own line in the log."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("A 'dirty' build is being performed")


def watch_natively(server: Any) -> bool:
    """MkDocs' server polls the watched folders every half second (a stat of every file:
    10,000 at scale, and a save seen 0.25 s later on average); the system's own notification
    (inotify, watchdog's native observer) tells of a save at once. The watches MkDocs made move
    to it; where the observers are not as expected, MkDocs' polling stays (False)."""
    from watchdog import events
    from watchdog.observers import Observer
    from watchdog.observers.polling import PollingObserver

    # What a save does; not what reading does (inotify tells of every file the build opens).
    changes = [events.FileCreatedEvent, events.FileModifiedEvent, events.FileMovedEvent,
               events.FileDeletedEvent, events.FileClosedEvent]

    try:
        watches = compat.server_watches(server)
    except compat.Incompatible as error:
        log.info("virtual-centre: watching by polling (%s)", error)
        return False
    if not isinstance(watches.observer, PollingObserver) or watches.observer.is_alive():
        return False
    native = Observer()
    try:
        for watch, watch_handlers in list(watches.handlers.items()):
            path, recursive = compat.watched_path(watch)  # a watched file, not its folder
            for handler in watch_handlers:
                moved = native.schedule(handler, path, recursive=recursive,
                                        event_filter=changes)
                watches.refs.update({p: moved for p, w in watches.refs.items() if w == watch})
    # No inotify, its limits reached, or a watchdog of another shape: MkDocs' polling stays.
    except (OSError, TypeError, compat.Incompatible) as error:
        native.unschedule_all()
        log.info("virtual-centre: watching by polling (%s)", error)
        return False
    watches.observer.unschedule_all()
    watches.replace_observer(native)
    log.info("virtual-centre: saves are seen by the system's notification (inotify), not by "
             "polling every half second")
    return True
