"""WSGI entry point for application servers (gunicorn, uWSGI)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bagalau.config.settings")

application = get_wsgi_application()

# The methodology packs are read here, once: seconds of YAML that would otherwise delay the
# first page of every worker; with ``gunicorn --preload`` the workers share the copy.
from bagalau.packs import registry  # noqa: E402 - needs the apps loaded just above

registry()
