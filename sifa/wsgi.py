import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sifa.settings")
application = get_wsgi_application()

from sifa.api.warmup import warm  # noqa: E402
from sifa.core.deployment import warn_at_start  # noqa: E402  (needs the apps loaded above)

warn_at_start()
warm()
