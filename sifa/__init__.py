"""Sifa (司法): records, workflows, indicators and reports for county-level Justice Bureaus."""

from .celery_app import app as celery_app

__all__ = ["celery_app"]
