"""The development server's request handler (`ecosystem serve`): Werkzeug's, with a Server
header that names no software versions (Werkzeug's says `Werkzeug/3.x Python/3.x`).

Under gunicorn the header is gunicorn's own `Server: gunicorn`, which has no version; the app
cannot change it without sending a second one.
"""

from __future__ import annotations

from werkzeug.serving import WSGIRequestHandler

SERVER = "ecosystem-map"


class RequestHandler(WSGIRequestHandler):
    def version_string(self) -> str:
        return SERVER
