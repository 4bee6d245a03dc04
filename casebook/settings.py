"""Casebook settings, configured from the environment.

Secure by default: debug is off unless ``DJANGO_DEBUG`` says otherwise, and with
debug off a missing ``DJANGO_SECRET_KEY`` stops start-up. ``make run`` sets
development values itself.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no environment variable ("1", "true", "yes", "on" mean yes)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated environment variable into a list."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int, minimum: int = 0) -> int:
    """Read a whole-number environment variable; a malformed or too small value stops start-up."""
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        number = int(value)
    except ValueError:
        number = minimum - 1
    if number < minimum:
        raise ImproperlyConfigured(
            f"{name} must be a whole number of at least {minimum}, not {value!r}."
        )
    return number


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random string "
            "(for example: python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "casebook.records",
    "casebook.portal",
    "casebook.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "casebook.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "casebook.portal.middleware.ContentSecurityPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "casebook.urls"
WSGI_APPLICATION = "casebook.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SQLite in the working tree by default, so a fresh clone runs with no server;
# PostgreSQL (psycopg 3) in production and CI through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# PostgreSQL cancels any statement of a request that runs longer than this (milliseconds;
# 0: no limit), so a costly query stops with its request instead of running on after the
# worker gave up. manage.py defaults it to 0: migrations and loads may rightly take longer.
CASEBOOK_STATEMENT_TIMEOUT_MS = int(os.environ.get("CASEBOOK_STATEMENT_TIMEOUT_MS", "10000"))
# JIT compilation off: PostgreSQL compiles any query its planner costs above
# jit_above_cost, and for this app's short reads compiling is most of the time (the
# timeline filtered by a party at 100,000 events: 164 ms of JIT in a 195 ms count).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = (
        _options.get("options", "")
        + f" -c statement_timeout={CASEBOOK_STATEMENT_TIMEOUT_MS} -c jit=off"
    ).strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Throttle counts and cached answers. One process: its own memory. More than one
# (gunicorn workers, several hosts): Redis through REDIS_URL, so limits hold across them.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL and os.environ.get("PYTEST_XDIST_WORKER"):
    # The test suite flushes its Redis database; under pytest-xdist each worker
    # ("gw0", "gw1", ...) counts down from the database it was given, so workers never
    # flush each other's throttle counts. Set before anything reads REDIS_URL.
    from casebook.testworkers import redis_url_for_worker

    REDIS_URL = os.environ["REDIS_URL"] = redis_url_for_worker(
        REDIS_URL, os.environ["PYTEST_XDIST_WORKER"]
    )
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "casebook",
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
# Seconds a client is told to wait (Retry-After) while the database is unreachable.
CASEBOOK_DATABASE_RETRY_AFTER = env_int("CASEBOOK_DATABASE_RETRY_AFTER", 5, minimum=1)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Compressed files with hashed names, whatever the debug setting, so `collectstatic`
# always writes the manifest production reads (in debug the storage serves plain
# names and needs no manifest). The test run switches it off so it needs no
# collectstatic.
STATIC_MANIFEST = env_bool("DJANGO_STATIC_MANIFEST", True)
# A file missing from the manifest (or a missing manifest) is linked under its
# plain name instead of failing the whole page with a 500 (casebook/storage.py).
WHITENOISE_MANIFEST_STRICT = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "casebook.storage.ForgivingManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

LOGIN_URL = "admin:login"

# Security headers that hold in every mode; the HTTPS-only ones follow debug.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The portal's pages carry no inline script or style and load nothing from elsewhere.
CASEBOOK_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# HTTPS only in production: plain HTTP is redirected and browsers are told (HSTS)
# never to try it again.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", not DEBUG)
# Behind a proxy that ends TLS, the header it sets to "https" (e.g. X-Forwarded-Proto),
# so the app knows the request was secure and writes https:// links. Unset, no header
# is trusted: a client could send it itself.
_PROXY_SSL_HEADER = os.environ.get("DJANGO_SECURE_PROXY_SSL_HEADER", "").strip()
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_" + _PROXY_SSL_HEADER.upper().replace("-", "_"), "https") if _PROXY_SSL_HEADER else None
)

# Where the bundled dataset lives; load_casebook and export_casebook default to it.
CASEBOOK_DATASET = BASE_DIR / "data" / "casebook.json"

# The read-only API (casebook/api). Throttle rates are per client: anonymous
# callers by IP address, token holders by token (staff issue tokens in the admin).
# The caller's address is the connection's, unless CASEBOOK_TRUSTED_PROXY_COUNT
# says how many proxies of ours append to X-Forwarded-For: only then is the
# address they saw used (never what the client itself wrote there).
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["casebook.api.renderers.JSONRenderer"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "casebook.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": [
        "casebook.api.throttling.AnonymousRateThrottle",
        "casebook.api.throttling.TokenRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("CASEBOOK_API_ANON_RATE", "60/minute"),
        "user": os.environ.get("CASEBOOK_API_TOKEN_RATE", "600/minute"),
    },
    "NUM_PROXIES": env_int("CASEBOOK_TRUSTED_PROXY_COUNT", 0),
    "EXCEPTION_HANDLER": "casebook.api.exceptions.exception_handler",
    "ORDERING_PARAM": "ordering",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Casebook API",
    "DESCRIPTION": "Structured, sourced records of disputes over AI model distillation.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Interactive documentation from our own static files (drf-spectacular-sidecar), no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One name per set of choices shared by several fields.
    "ENUM_NAME_OVERRIDES": {
        "DatePrecisionEnum": "casebook.records.models.DatePrecision",
        "QualifierEnum": "casebook.records.models.Qualifier",
        "AllegationStatusEnum": "casebook.records.models.Allegation.Status",
        "CaseStatusEnum": "casebook.records.models.Case.Status",
        # A party's role in a case (a case's ``parties[].role``), named so that another
        # ``role`` enum can never turn it into a hashed name.
        "RoleEnum": "casebook.records.models.CaseParty.Role",
        "AccusedPartyResponseEnum": "casebook.records.models.AccusedParty.Response",
        # Named here: the list, detail and revision shapes of a document all carry it.
        "TermsDocumentKindEnum": "casebook.records.models.TermsDocument.Kind",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "casebook.api.schema.describe_api",
    ],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
