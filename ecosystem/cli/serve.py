"""`ecosystem serve`: the web app on this machine (Flask's server; gunicorn for production)."""

from __future__ import annotations

import click

from ecosystem.cli.common import friendly_errors, open_ecosystem


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Keep the default unless the network is trusted.")
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--debug", is_flag=True, help="Reload on code changes and show debug pages.")
@friendly_errors
def serve(host: str, port: int, debug: bool) -> None:
    """Serve the web pages (starts the local Neo4j server first if needed).

    The server answers at once, but says it is ready ("Serving the map on ...") only once
    it has run each page once; until then pages say the map is starting."""
    from web import create_app, warming  # Flask loads only for this command
    from web.serving import RequestHandler

    eco = open_ecosystem(start=True)
    try:
        eco.init()  # idempotent: a map made by an older version gets this one's constraints
        app = create_app(eco.settings, eco)  # starts warming (unless ECOSYSTEM_WARM_START=0)
        if not any(u.role == "admin" and not u.disabled for u in eco.list_users()):
            click.echo("No admin can sign in yet: make one with "
                       "`ecosystem users add NAME --role admin`.", err=True)
        if not warming.state(app).done.is_set():
            click.echo("Getting the pages ready (until then they say the map is starting)...",
                       err=True)
        # Listening starts now; the ready line waits until the pages are warm.
        warming.when_ready(app, lambda: click.echo(
            f"Serving the map on http://{host}:{port}/ (Ctrl+C to stop)", err=True))
        app.run(host=host, port=port, debug=debug, use_reloader=debug,
                request_handler=RequestHandler)
    finally:
        eco.close()
