"""Pages about the service itself, open without signing in: help and glossary, the
accessibility statement, the privacy notice, cookies and contact (linked from the footer).

They read the vocabulary and the app's settings only, never the graph, so they work even
when the database does not.
"""

from __future__ import annotations

from flask import Blueprint, current_app, render_template

from ecosystem import vocabulary

bp = Blueprint("about", __name__)


def _contact() -> dict[str, str | None]:
    return {"email": current_app.config.get("ECOSYSTEM_CONTACT_EMAIL"),
            "organisation": current_app.config.get("ECOSYSTEM_ORGANISATION")}


@bp.get("/help", endpoint="help")
def help_page() -> str:
    return render_template("about/help.html", domains=vocabulary.DOMAINS,
                           sources=vocabulary.SOURCES, types=vocabulary.SUPPORT_TYPES,
                           models=vocabulary.MODELS, evidence=vocabulary.EVIDENCE,
                           threshold=current_app.config["ECOSYSTEM_SUPPRESSION_THRESHOLD"],
                           rounding=current_app.config["ECOSYSTEM_SUPPRESSION_ROUNDING"],
                           contact=_contact())


@bp.get("/accessibility", endpoint="accessibility")
def accessibility() -> str:
    return render_template("about/accessibility.html", contact=_contact())


@bp.get("/privacy", endpoint="privacy")
def privacy() -> str:
    return render_template("about/privacy.html", contact=_contact())


@bp.get("/cookies", endpoint="cookies")
def cookies() -> str:
    return render_template("about/cookies.html", contact=_contact())


@bp.get("/contact", endpoint="contact")
def contact() -> str:
    return render_template("about/contact.html", contact=_contact())
