"""Room on disk for a bulk import, checked before anything is read or written: its work files
(the spooled rows and the offline importer's CSV files) and the new store take about
`DISK_PER_INPUT_BYTE` times the input's size (measured at size L: 187 MB of CSV files, a
755 MB peak of work files and a 1,481 MB store, `bench/results/results.md`)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ecosystem.importers.bulk.files import BulkImportError

DISK_PER_INPUT_BYTE = 12
GB = 1024 ** 3


def input_bytes(what: object) -> int:
    """The size of a file or a folder's files (0 for records in memory: they are small)."""
    if not isinstance(what, (str, Path)):
        return 0
    path = Path(what)
    if path.is_file():
        return path.stat().st_size
    if path.is_dir():
        return sum(p.stat().st_size for p in path.iterdir() if p.is_file())
    return 0


def check_room(size: int, where: Path, free: int | None = None) -> None:
    """Refuse, saying how much is needed and free, when `where` has too little room for an
    input of `size` bytes (`free`: the free bytes, read from the disk when None)."""
    need = size * DISK_PER_INPUT_BYTE
    free = shutil.disk_usage(where).free if free is None else free
    if free < need:
        raise BulkImportError(
            f"Not enough free disk for this bulk import: it needs about {_gb(need)} in "
            f"{os.fspath(where)} (its work files and the new store take about "
            f"{DISK_PER_INPUT_BYTE} times the {_gb(size)} of input), and {_gb(free)} is free. "
            "Free some space there, or set ECOSYSTEM_DATA_DIR to a disk with more room. "
            "Nothing has been read or changed.")


def _gb(n: int) -> str:
    return f"{n / GB:,.1f} GB" if n >= GB / 10 else f"{n / 1024 ** 2:,.0f} MB"
