"""The HTTP API and web UI: ``create_app(db, token=None)`` gives the FastAPI app."""

from dyad.api.app import create_app

__all__ = ["create_app"]
