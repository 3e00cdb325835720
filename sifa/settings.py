"""Settings, 12-factor style: everything that differs between a demo and a bureau comes from the environment.

DATABASE_URL   default: an embedded SQLite file under var/
REDIS_URL      optional; without it background jobs run inline and the cache is local memory
SIFA_VAR_DIR   where the SQLite file, the generated secret key and uploads live (default: ./var of the checkout)
SIFA_DEBUG     "1" turns DEBUG on (never in production)
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from csp import constants as csp_constants

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = PACKAGE_DIR.parent
VAR_DIR = Path(os.environ.get("SIFA_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    if os.environ.get("SIFA_SECRET_KEY"):
        return os.environ["SIFA_SECRET_KEY"]
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(64))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("SIFA_DEBUG") == "1"
ALLOWED_HOSTS = [h for h in os.environ.get("SIFA_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("SIFA_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "csp",
    "sifa.core",
    "sifa.security",
    "sifa.ledger",
    "sifa.indicators",
    "sifa.reports",
    "sifa.portal",
    "sifa.api",
    "sifa.admin_console",
    "sifa.demo",
    "sifa.mediation",
    "sifa.corrections",
    "sifa.visits",
    "sifa.legalaid",
    "sifa.notary",
    "sifa.tracks",
    "sifa.wellbeing",
    "sifa.lawsearch",
    "sifa.reconsideration",
    "sifa.litigation",
    "sifa.lawyers",
    "sifa.enforcement",
    "sifa.publicity",
    "sifa.legality",
    "sifa.inspection",
    "sifa.team",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "sifa.core.middleware.RequestContextMiddleware",
    "sifa.indicators.middleware.VersionSnapshotMiddleware",
    "sifa.core.middleware.ControlCharacterMiddleware",
    "sifa.core.middleware.SessionLimitsMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "sifa.security.middleware.MfaRequiredMiddleware",
    "sifa.security.idempotency.IdempotencyMiddleware",
    "sifa.core.middleware.PasswordChangeRequiredMiddleware",
    "sifa.core.middleware.ToolGuardMiddleware",
    "sifa.core.middleware.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sifa.urls"
WSGI_APPLICATION = "sifa.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sifa.core.context_processors.navigation",
                "sifa.core.views_inbox.unread_badge",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'sifa.sqlite3'}"),
        conn_max_age=int(os.environ.get("SIFA_DB_CONN_MAX_AGE", "0")),
    )
}
# WAL + a busy timeout + BEGIN IMMEDIATE let the demo's web server, jobs and imports share the file: a request
# that writes beside a long import waits for it instead of failing with "database is locked" (a deferred
# transaction that read first cannot wait).
SIFA_SQLITE_OPTIONS = {"timeout": 30, "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;",
                       "transaction_mode": "IMMEDIATE"}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"].setdefault("OPTIONS", {}).update(SIFA_SQLITE_OPTIONS)
    # The covering indexes' INCLUDE columns are for PostgreSQL's index-only scans; SQLite ignores them by design,
    # so its warning (one per indexed model) says nothing an operator can act on.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
    }
else:
    # Indicator figures are cached per county partition (sifa.indicators.compute): a province-wide view keeps
    # a few hundred entries, more than local memory's default of 300 holds.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                          "OPTIONS": {"MAX_ENTRIES": 50_000}}}

# Background jobs: Celery with Redis when REDIS_URL is set, inline otherwise (see sifa.core.jobs).
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = "Asia/Shanghai"

# --- Authentication and sessions (SECURITY.md A1–A3) ---
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "sifa.core.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "sifa.core.passwords.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "sifa.core.passwords.PasswordHistoryValidator", "OPTIONS": {"history": 5}},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
SIFA_PASSWORD_MAX_AGE_DAYS = int(os.environ.get("SIFA_PASSWORD_MAX_AGE_DAYS", "90"))
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:login"

SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"  # read from the cache, written through to the database
SESSION_COOKIE_AGE = 30 * 60  # idle timeout: renewed by activity (core.middleware.SessionLimitsMiddleware)
SIFA_SESSION_RENEW_SECONDS = 60  # activity renews the idle window at most once a minute (not a write per request)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SIFA_SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Content Security Policy (SECURITY.md F2, django-csp): scripts only from this site's own static files (no inline
# script anywhere; a template that needs one uses {{ request.csp_nonce }}), nothing from another host, no
# framing, no plugins. Inline style attributes stay allowed (ECharts and a few templates set sizes inline);
# they cannot run script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", csp_constants.NONCE],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
SECURE_REFERRER_POLICY = "same-origin"
if os.environ.get("SIFA_HTTPS") == "1":
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Multi-factor sign-in (SECURITY.md A4, sifa.security.mfa): the 三员 always; add roles here, e.g.
# SIFA_MFA_ROLES=leader,section_staff. `sifa demo` fills SIFA_MFA_OPTIONAL_USERS with its demo accounts.
SIFA_MFA_ROLES = [r for r in os.environ.get("SIFA_MFA_ROLES", "").split(",") if r]
SIFA_MFA_OPTIONAL_USERS: list[str] = []
SIFA_MFA_ENFORCED = True  # the test kit turns it off except in the MFA tests
OTP_TOTP_ISSUER = "司法行政综合业务平台"
OTP_TOTP_THROTTLE_FACTOR = 0  # failures lock as passwords do (sifa.security.mfa), not by doubling delays
OTP_STATIC_THROTTLE_FACTOR = 0

AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # 30 min from the lockout; later tries are audited only
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"
AXES_VERBOSE = False

# --- Locale ---
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = VAR_DIR / "private"  # never served directly: attachments go through a scoped view
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
SIFA_UPLOAD_MAX_BYTES = int(os.environ.get("SIFA_UPLOAD_MAX_BYTES", str(50 * 1024 * 1024)))
# Every uploaded file passes a malware scanner while the request is read (sifa.core.scanning, SECURITY.md F3):
# "builtin" (EICAR, executables, content that does not match the extension) or "clamd" (ClamAV over its socket).
FILE_UPLOAD_HANDLERS = [
    "sifa.core.scanning.ScanningUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
SIFA_UPLOAD_SCANNER = os.environ.get("SIFA_UPLOAD_SCANNER", "builtin")
SIFA_CLAMD_SOCKET = os.environ.get("SIFA_CLAMD_SOCKET", "")
SIFA_CLAMD_HOST = os.environ.get("SIFA_CLAMD_HOST", "127.0.0.1")
SIFA_CLAMD_PORT = int(os.environ.get("SIFA_CLAMD_PORT", "3310"))

# --- Notifications: pluggable backends; the default ones only log ---
SIFA_SMS_BACKEND = os.environ.get("SIFA_SMS_BACKEND", "sifa.core.notify.LoggingSMSBackend")
SIFA_SMS_CONSOLE = False  # `sifa demo` turns it on: the default backend then prints whole texts on its console
EMAIL_BACKEND = os.environ.get("SIFA_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("SIFA_FROM_EMAIL", "sifa@localhost")

# The work report's PDF faces (sifa/reports/fonts.py): directories searched for the Debian font packages' files.
SIFA_FONT_DIRS = [d for d in os.environ.get("SIFA_FONT_DIRS", "/usr/share/fonts:/usr/local/share/fonts").split(":") if d]

# Deadlines: an item due within this many days is 临期.
SIFA_NEAR_DUE_DAYS = int(os.environ.get("SIFA_NEAR_DUE_DAYS", "3"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"scrub_pi": {"()": "sifa.core.logfilters.ScrubPersonalInfo"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["scrub_pi"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("SIFA_LOG_LEVEL", "WARNING")},
    "loggers": {"sifa": {"level": os.environ.get("SIFA_LOG_LEVEL", "INFO"), "propagate": True}},
}

CSRF_FAILURE_VIEW = "sifa.core.errors.csrf_failure"
