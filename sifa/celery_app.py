"""Celery application. Used only when REDIS_URL is set; otherwise jobs run inline (see core.jobs)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sifa.settings")

app = Celery("sifa")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
