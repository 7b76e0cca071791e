"""Data: upload an area's CSV files or XLSX workbook (the same validation as `ecosystem
import`), download the blank templates, and export the whole area (admins).

Uploads are size-limited (MAX_CONTENT_LENGTH), saved only into a temporary folder for the
import, and deleted as soon as it has run, whatever happens. With any invalid row nothing is
written, unless the user chose to import the valid rows.
"""

from __future__ import annotations

import base64
import tempfile
import zipfile
from collections import Counter
from pathlib import Path
from typing import IO, Any

from flask import Blueprint, render_template, request, send_file
from flask.blueprints import BlueprintSetupState
from flask.typing import ResponseReturnValue
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.utils import secure_filename

from ecosystem import dates, exports
from ecosystem.importers import ImportReport
from ecosystem.importers.templates import write_blank

from .. import upload_limits
from ..access import allowed, current_user
from ..core import get_ecosystem

bp = Blueprint("data", __name__, url_prefix="/data")

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_FILES = 20
SHOWN_ISSUES = 500
ALLOWED = (".csv", ".xlsx")


@bp.record_once
def _limit_uploads(state: BlueprintSetupState) -> None:
    # The whole request is refused above this size before anything is read into the app.
    if state.app.config.get("MAX_CONTENT_LENGTH") is None:
        state.app.config["MAX_CONTENT_LENGTH"] = MAX_UPLOAD_BYTES


def _page(status: int = 200, **context: Any) -> ResponseReturnValue:
    context.setdefault("errors", {})
    context.setdefault("report", None)
    context.setdefault("skip_invalid", False)
    context.setdefault("uploaded", [])
    return render_template("data/index.html", max_mb=MAX_UPLOAD_BYTES // (1024 * 1024),
                           max_files=MAX_FILES, shown_issues=SHOWN_ISSUES,
                           max_problems_csv=upload_limits.MAX_PROBLEMS_CSV,
                           may_export=allowed("data.export"),
                           may_current=allowed("data.current_zip"), **context), status


@bp.get("/")
def index() -> ResponseReturnValue:
    return _page()


def _folder_csvs(files: list[FileStorage]) -> list[FileStorage]:
    """From a chosen folder, only its CSV files count (a folder of templates can also hold a
    guide or a workbook); hidden files are left out."""
    keep = []
    for f in files:
        name = Path(f.filename or "").name
        if name.lower().endswith(".csv") and not name.startswith("."):
            keep.append(f)
    return keep


def _check_files(files: list[FileStorage]) -> tuple[list[tuple[str, FileStorage]], str | None]:
    files = [f for f in files if f.filename]
    if not files:
        return [], "Choose the CSV files, their folder or the Excel workbook to upload."
    if len(files) > MAX_FILES:
        return [], f"Upload at most {MAX_FILES} files at once."
    named = []
    for f in files:
        name = secure_filename(Path(f.filename or "").name)
        if not name.lower().endswith(ALLOWED):
            return [], (f"{Path(f.filename or '').name} is not a CSV file or an Excel workbook "
                        "(.xlsx).")
        named.append((name, f))
    workbooks = [n for n, _ in named if n.lower().endswith(".xlsx")]
    if workbooks and len(named) > 1:
        return [], "Upload either CSV files or one Excel workbook, not both or several."
    return named, None


@bp.post("/upload")
def upload() -> ResponseReturnValue:
    skip_invalid = request.form.get("skip_invalid") == "1"
    named, error = _check_files(request.files.getlist("files")
                                + _folder_csvs(request.files.getlist("folder")))
    if error:
        return _page(400, errors={"files": error}, skip_invalid=skip_invalid)
    user = current_user()
    with tempfile.TemporaryDirectory(prefix="ecosystem-upload-") as tmp:
        folder = Path(tmp) / "upload"
        folder.mkdir()
        for name, f in named:
            f.save(folder / name)
        too_large = upload_limits.check([folder / name for name, _ in named])
        if too_large:
            return _page(413, errors={"files": too_large}, skip_invalid=skip_invalid)
        target = folder / named[0][0] if named[0][0].lower().endswith(".xlsx") else folder
        report = get_ecosystem().import_path(target, skip_invalid=skip_invalid,
                                             actor=user.username if user else None)
    return _page(200 if report.written else 422, report=report, skip_invalid=skip_invalid,
                 uploaded=[n for n, _ in named], by_origin=_by_origin(report),
                 problems_csv=_problems_csv(report) if report.issues else None)


def _problems_csv(report: ImportReport) -> str:
    """Every problem as CSV, inlined as a data: link (nothing about the upload is kept on the
    server to download later). Cells are formula-safe."""
    limit = upload_limits.MAX_PROBLEMS_CSV
    rows: list[list[object]] = [[i.origin, i.row, i.column, i.value, i.message]
                                for i in report.issues[:limit]]
    if len(report.issues) > limit:  # the page would be hundreds of megabytes
        rows.append(["(truncated)", "", "", "", f"the first {limit} of {len(report.issues)} "
                     "problems; fix these and upload again to see the rest"])
    body = exports.csv_text(rows, ["file", "row", "column", "value", "problem"], bom=True)
    data = base64.b64encode(body.encode("utf-8")).decode("ascii")
    return f"data:text/csv;charset=utf-8;base64,{data}"


def _by_origin(report: ImportReport) -> list[tuple[str, int]]:
    return sorted(Counter(i.origin for i in report.issues).items())


@bp.errorhandler(RequestEntityTooLarge)
def too_large(e: RequestEntityTooLarge) -> ResponseReturnValue:
    return _page(413, errors={"files": f"The upload is larger than "
                                       f"{MAX_UPLOAD_BYTES // (1024 * 1024)} MB. Split it into "
                                       "smaller files, or use `ecosystem import`."})


def _send(fileobj: IO[bytes], name: str, mimetype: str) -> ResponseReturnValue:
    fileobj.seek(0)
    return send_file(fileobj, mimetype=mimetype, as_attachment=True, download_name=name)


def _zip_folder(folder: Path) -> IO[bytes]:
    """The folder's files as a zip in an unnamed temporary file (gone when closed)."""
    out = tempfile.TemporaryFile()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for p in sorted(folder.iterdir()):
            z.write(p, p.name)
    return out


@bp.get("/templates.zip")
def templates_zip() -> ResponseReturnValue:
    with tempfile.TemporaryDirectory(prefix="ecosystem-templates-") as tmp:
        write_blank(Path(tmp) / "templates")
        return _send(_zip_folder(Path(tmp) / "templates"), "ecosystem-import-templates.zip",
                     "application/zip")


@bp.get("/templates.xlsx")
def templates_xlsx() -> ResponseReturnValue:
    with tempfile.TemporaryDirectory(prefix="ecosystem-templates-") as tmp:
        path = Path(tmp) / "ecosystem-import.xlsx"
        write_blank(path)
        out = tempfile.TemporaryFile()
        out.write(path.read_bytes())
    return _send(out, "ecosystem-import.xlsx",
                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@bp.get("/export.zip")
def export() -> ResponseReturnValue:
    eco = get_ecosystem()
    user = current_user()
    with tempfile.TemporaryDirectory(prefix="ecosystem-export-") as tmp:
        eco.export(Path(tmp) / "backup", actor=user.username if user else "?", target="area")
        out = _zip_folder(Path(tmp) / "backup")
    return _send(out, f"ecosystem-backup-{dates.today().isoformat()}.zip", "application/zip")


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _current(fmt: str, mimetype: str) -> ResponseReturnValue:
    """The current catalogue in the import format (no people, no accounts), audited."""
    user = current_user()
    body = get_ecosystem().export_current(fmt, actor=user.username if user else "?",
                                          target="area")
    out = tempfile.TemporaryFile()
    out.write(body or b"")
    return _send(out, f"ecosystem-current-{dates.today().isoformat()}.{fmt}", mimetype)


@bp.get("/current.zip")
def current_zip() -> ResponseReturnValue:
    return _current("zip", "application/zip")


@bp.get("/current.xlsx")
def current_xlsx() -> ResponseReturnValue:
    return _current("xlsx", XLSX)
