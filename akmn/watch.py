"""`akmn pages --watch`: write the generated pages again whenever a record, a hand-written page
or a template changes, so `zensical serve` (which watches the folders `akmn pages` writes, but
runs no hooks and so never reads content/) shows the change. Watchdog, MkDocs' own watcher,
reports the changes."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

QUIET = 0.3  # seconds without a change before writing: an editor's save is several events


class _Changed(FileSystemEventHandler):
    def __init__(self, changed: threading.Event):
        self.changed = changed

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in ("opened", "closed_no_write"):  # reads change nothing
            self.changed.set()


def watch(folders: list[Path], write: Callable[[], int]) -> int:
    """Call WRITE after every burst of changes under FOLDERS until interrupted (Ctrl-C): 0."""
    changed = threading.Event()
    observer = Observer()
    for folder in folders:
        if folder.is_dir():
            observer.schedule(_Changed(changed), str(folder), recursive=True)
    observer.start()
    print(f"Watching {', '.join(f.name + '/' for f in folders)} for changes (Ctrl-C stops).", flush=True)
    try:
        while True:
            changed.wait()
            while changed.wait(QUIET):  # wait until the burst is over
                changed.clear()
            write()
    except KeyboardInterrupt:
        return 0
    finally:
        observer.stop()
        observer.join()
