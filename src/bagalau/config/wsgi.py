"""WSGI entry point for application servers (gunicorn, uWSGI)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bagalau.config.settings")

application = get_wsgi_application()
