"""For gunicorn: `gunicorn 'web.wsgi:app'`. Settings come from the environment."""

from . import create_app

app = create_app()
