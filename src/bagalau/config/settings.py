"""Django settings, read from the environment (one file for every deployment).

Environment variables:
    DEBUG            "1"/"true" turns debug mode on (off by default).
    SECRET_KEY       required unless DEBUG is on.
    ALLOWED_HOSTS    comma-separated host names.
    DATABASE_URL     e.g. postgres://user:pass@host:5432/bagalau; SQLite in var/ by default.
    SECURE_COOKIES   secure session/CSRF cookies; on by default when DEBUG is off.
    SECURE_SSL_REDIRECT  redirect plain HTTP to HTTPS; on by default when DEBUG is off.
    SECURE_HSTS_SECONDS  Strict-Transport-Security max-age; a year when DEBUG is off, 0 (none)
                     with DEBUG; SECURE_HSTS_INCLUDE_SUBDOMAINS and SECURE_HSTS_PRELOAD follow it.
    SECURE_PROXY_SSL_HEADER  trust the proxy's X-Forwarded-Proto: https as "this request came
                     over HTTPS"; on when DEBUG is off (gunicorn listens behind the proxy only).
    EMAIL_BACKEND    the console backend unless set.
    SITE_URL         e.g. https://bagalau.example.kz: put before the links in e-mails.
    CSRF_TRUSTED_ORIGINS  comma-separated origins behind a TLS proxy.
    BAGALAU_VAR_DIR  where the default SQLite database and collected static files live.
    TASKS_BACKEND    where background tasks run: "db" (default, the database worker),
                     "rq" (Redis workers) or "immediate" (in the process, at enqueue).
    REDIS_URL        the Redis of the "rq" backend; redis://127.0.0.1:6379/0 by default.
    TASK_HEARTBEAT_TIMEOUT  seconds without a progress report after which a running
                     task is taken as abandoned by a dead worker and run again (120).
    REMIND_AT        the local time the worker enqueues the daily reminders, HH:MM (07:15).
    RETENTION_AT     the local time the worker looks for evaluation documents past their
                     retention period and tells HR and the administrators, HH:MM (07:30).
    CLOSE_CHUNK      results a period's close writes per committed chunk (2000).
    CLOSE_PAUSE      seconds the close waits after each chunk (0): to watch it, or to stop
                     a worker half-way in a test.
    IMPORT_CHUNK     rows the staff import writes per transaction (5000).
    IMPORT_PAUSE     seconds the staff import waits between chunks (0; tests use it to
                     watch the progress bar move).
    IMPORT_MAX_BYTES the largest staff import upload, all files together (10485760 = 10 MB).
    IMPORT_MAX_ROWS  the most rows a staff import may hold, all sheets together (20000).
    LIST_PAGE_SIZE   rows per page of the lists (staff, periods, results...) (50).
    SESSION_IDLE_HOURS  hours without a request after which a sign-in expires (9: a
                     working day); activity renews it.
    SQLITE_BUSY_TIMEOUT  seconds a SQLite writer waits for another one to finish (20).
    USE_X_FORWARDED_FOR  "1" behind a reverse proxy that sets X-Forwarded-For: the
                     sign-in throttle then counts the client's address the proxy saw.
    TRUSTED_PROXY_COUNT  how many proxies in front append to X-Forwarded-For (1); the
                     address that many entries from the right is the client's.
    LOGIN_ADDRESS_FAILURES  failed sign-ins from one address, whatever the usernames,
                     within LOGIN_ADDRESS_WINDOW minutes (30, 15) after which that
                     address is held off until the window passes.
    SURVEY360_ANONYMITY_THRESHOLD  the fewest answers before a 360 result is shown (3;
                     at least 2): bagalau's own safeguard of the survey's anonymity,
                     not a rule of any methodology.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from bagalau.core import commandline
from bagalau.domain.survey360 import MIN_ANONYMITY_THRESHOLD

# Lets classes like admin.ModelAdmin[Model] be subscripted at run time, as the stubs type them.
django_stubs_ext.monkeypatch()


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


BASE_DIR = Path(__file__).resolve().parent.parent  # src/bagalau
REPO_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("BAGALAU_VAR_DIR") or REPO_DIR / "var")

DEBUG = _env_bool("DEBUG", default=False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if commandline.read_only_command:
        # ``bagalau calendar`` and the like sign nothing: a key of this process alone.
        SECRET_KEY = secrets.token_urlsafe(50)
    elif not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    else:
        SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = _env_list("ALLOWED_HOSTS") or (["127.0.0.1", "localhost"] if DEBUG else [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "django_rq",
    "csp",
    "bagalau.core",
    "bagalau.jobs",
    "bagalau.accounts",
    "bagalau.orgs",
    "bagalau.audit",
    "bagalau.cycles",
    "bagalau.notify",
    "bagalau.api",
    "bagalau.web",
    "bagalau.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files straight from the WSGI server, before sessions or a database query.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "bagalau.web.middleware.NoStoreForSignedIn",
    "bagalau.web.middleware.RenewSessionWhileActive",
]

ROOT_URLCONF = "bagalau.config.urls"
WSGI_APPLICATION = "bagalau.config.wsgi.application"
ASGI_APPLICATION = "bagalau.config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def _default_database_url() -> str:
    # SQLite cannot create its parent folder, so make var/ on first use.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{VAR_DIR / 'bagalau.sqlite3'}"


DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or _default_database_url(),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    ),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Two people saving at once: the second writer waits for the first (IMMEDIATE takes
    # the write lock at BEGIN, so no read-then-upgrade deadlock) instead of failing with
    # "database is locked"; WAL lets pages read while someone writes.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": float(os.environ.get("SQLITE_BUSY_TIMEOUT", "20")),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
# A sign-in lasts a working day without activity, not Django's two weeks; activity
# renews it (bagalau.web.middleware.RenewSessionWhileActive, at most every 5 minutes).
SESSION_IDLE_HOURS = float(os.environ.get("SESSION_IDLE_HOURS", "9"))
SESSION_COOKIE_AGE = int(SESSION_IDLE_HOURS * 3600)
# Sign-in throttling (bagalau.accounts.throttle): the client's address is REMOTE_ADDR
# unless a trusted proxy in front says otherwise.
USE_X_FORWARDED_FOR = _env_bool("USE_X_FORWARDED_FOR", default=False)
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))
LOGIN_ADDRESS_FAILURES = int(os.environ.get("LOGIN_ADDRESS_FAILURES", "30"))
LOGIN_ADDRESS_WINDOW = int(os.environ.get("LOGIN_ADDRESS_WINDOW", "15"))

# Cookies travel only over HTTPS in production; a plain-HTTP local run can turn this off.
_SECURE_COOKIES = _env_bool("SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_SECURE = _SECURE_COOKIES
CSRF_COOKIE_SECURE = _SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = _SECURE_COOKIES
CSRF_TRUSTED_ORIGINS = _env_list("CSRF_TRUSTED_ORIGINS")
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# HTTPS only in production: the proxy terminates TLS and says so in X-Forwarded-Proto.
SECURE_SSL_REDIRECT = _env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS") or (0 if DEBUG else 31536000))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool(
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", default=SECURE_HSTS_SECONDS > 0
)
SECURE_HSTS_PRELOAD = _env_bool("SECURE_HSTS_PRELOAD", default=SECURE_HSTS_SECONDS > 0)
if _env_bool("SECURE_PROXY_SSL_HEADER", default=not DEBUG):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Content-Security-Policy (django-csp): scripts and styles only from the site's own static
# files, so no inline script or style attribute runs even if one were injected.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

LANGUAGE_CODE = "ru"
LANGUAGES = [
    ("kk", _("Kazakh")),
    ("ru", _("Russian")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "web" / "locale"]
# Forms and documents write dates as dd.mm.yyyy in all three languages.
FORMAT_MODULE_PATH = ["bagalau.config.formats"]
DATE_FORMAT = "d.m.Y"
SHORT_DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = "d.m.Y H:i"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%Y-%m-%d"]
TIME_ZONE = "Asia/Almaty"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# `bagalau collectstatic` writes each file under a hashed name, gzip and brotli beside it;
# WhiteNoise serves them with far-future caching. Debug mode serves the sources as they are.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Pages name only the hashed files: the originals are neither kept nor compressed.
WHITENOISE_KEEP_ONLY_HASHED_FILES = True
# Uploaded documents (scans of signed paper sheets) are confidential: no MEDIA_URL is
# served; each file is sent only by a view that checks permission.
MEDIA_ROOT = VAR_DIR / "media"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "bagalau@localhost")
SITE_URL = os.environ.get("SITE_URL", "")

# The REST API (bagalau.api): session sign-in with CSRF for the pages' own scripts, a
# token for integrations; one error format; OpenAPI 3 served with a self-contained UI.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # The token scheme first, so that an unauthenticated call gets 401 with its header.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "bagalau.api.pagination.Pages",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "bagalau.api.errors.handle",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "bagalau API",
    "DESCRIPTION": (
        "Evaluation periods, KPI plans and sheets, ranking sheets, results and bonus points "
        "of administrative civil servants. Every error has one format; Accept-Language "
        "(kk, ru, en) selects the language of its message."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

# Background tasks (Django's task interface, docs/adr/0008-background-tasks.md): one
# variable picks the backend; ``bagalau worker`` runs the matching worker.
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "db").strip() or "db"
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
_TASK_BACKENDS = {
    "db": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if TASKS_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be one of {', '.join(_TASK_BACKENDS)}, not {TASKS_BACKEND!r}."
    )
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_BACKEND], "QUEUES": ["default"]}}
RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 3600}}
TASK_HEARTBEAT_TIMEOUT = int(os.environ.get("TASK_HEARTBEAT_TIMEOUT", "120"))
# The staff import's background apply (bagalau.orgs.imports.tasks).
IMPORT_CHUNK = int(os.environ.get("IMPORT_CHUNK", "5000"))
IMPORT_PAUSE = float(os.environ.get("IMPORT_PAUSE", "0"))
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", str(10 * 1024 * 1024)))
IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", "20000"))
LIST_PAGE_SIZE = int(os.environ.get("LIST_PAGE_SIZE", "50"))
REMIND_AT = os.environ.get("REMIND_AT", "07:15")
RETENTION_AT = os.environ.get("RETENTION_AT", "07:30")
CLOSE_CHUNK = int(os.environ.get("CLOSE_CHUNK", "2000"))
CLOSE_PAUSE = float(os.environ.get("CLOSE_PAUSE", "0"))
# What the worker's scheduler enqueues once a local day (bagalau.jobs.schedule).
DAILY_TASKS = [
    {"kind": "remind", "task": "bagalau.notify.tasks.remind_daily", "at": REMIND_AT},
    {"kind": "retention", "task": "bagalau.notify.tasks.retention_daily", "at": RETENTION_AT},
]


def _anonymity_threshold() -> int:
    """The fewest 360 answers before a result is shown. 004 p33 says only that the
    survey is anonymous ("жасырын") and no act gives a number: this is bagalau's own
    safeguard, so it is a setting, not a pack value."""
    name = "SURVEY360_ANONYMITY_THRESHOLD"
    text = os.environ.get(name, "").strip() or "3"
    try:
        value = int(text)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {text!r}.") from None
    if value < MIN_ANONYMITY_THRESHOLD:
        raise ImproperlyConfigured(
            f"{name} must be at least {MIN_ANONYMITY_THRESHOLD}, not {value}: with fewer "
            "answers a 360 result would show what one respondent answered."
        )
    return value


SURVEY360_ANONYMITY_THRESHOLD = _anonymity_threshold()
