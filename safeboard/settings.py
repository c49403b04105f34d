"""Safeboard settings: one file, driven by environment variables.

SQLite in a local data folder by default; DATABASE_URL selects PostgreSQL.
SAFEBOARD_ENV is one of: development (default), demo, test, production.
"""

import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("SAFEBOARD_DATA_DIR", BASE_DIR / "data"))

SAFEBOARD_ENV = os.environ.get("SAFEBOARD_ENV", "development")
PRODUCTION = SAFEBOARD_ENV == "production"
# The demo configuration is what `make run` serves: demo people with published
# sign-in details. Commands that expose a person's second factor refuse elsewhere,
# including where SAFEBOARD_ENV is unset.
DEMO = SAFEBOARD_ENV in {"demo", "test"}

DEBUG = os.environ.get("DEBUG", "0" if PRODUCTION else "1") == "1"

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when SAFEBOARD_ENV=production.")
    SECRET_KEY = "insecure-development-key-for-local-use-only-" + "x" * 20

ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h]
if not ALLOWED_HOSTS and not PRODUCTION:
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "safeboard.core",
    "safeboard.annual",
    "safeboard.actions",
    "safeboard.governance",
    "safeboard.returns",
    "safeboard.reviews",
    "safeboard.performance",
    "safeboard.demo",
    "django.forms",  # after our apps, so our widget templates take precedence
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "safeboard.core.middleware.SessionLimits",
    "safeboard.core.middleware.SecondFactorRequired",
    "safeboard.core.middleware.NoStoreWhenSignedIn",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "safeboard.core.middleware.RequestAddress",
    "axes.middleware.AxesMiddleware",  # last, so it sees a refused sign-in first
]

ROOT_URLCONF = "safeboard.urls"
WSGI_APPLICATION = "safeboard.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "safeboard.core.context_processors.partnership",
            ],
        },
    }
]
FORM_RENDERER = "safeboard.core.forms.GovukFormRenderer"

DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'safeboard.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # A test database in a file, not in memory, so that concurrent writers in tests wait
    # for the lock as they do in use (an in-memory database refuses them at once).
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}
else:
    # Django's own choice, named so that `flush` can tell a test database from a real one.
    DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.Person"
LOGIN_URL = "core:sign-in"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:sign-in"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out person, right or wrong
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3  # invitation and reset links last three days

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", DATA_DIR / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "assets" / "build"]
MEDIA_ROOT = DATA_DIR / "files"
# An uploaded file over 2.5 MB is spooled to a temporary file, never held in memory whole;
# each form then checks its own limit (safeboard.core.uploads) before reading it. A form's
# fields (no files) are kept to 2.5 MB.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Source maps are read only by a browser's developer tools, and are most of what there is
# to compress: left as they are, `collectstatic` takes a third of the time.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")
if os.environ.get("STORAGE_BUCKET"):  # S3-compatible object storage for several web nodes
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["STORAGE_BUCKET"],
            "endpoint_url": os.environ.get("STORAGE_ENDPOINT_URL"),
        },
    }

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Email: SMTP in production (a local relay on localhost:25 unless EMAIL_HOST says
# otherwise); elsewhere the console, which prints what would be sent, unless EMAIL_HOST is set.
if PRODUCTION or os.environ.get("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ.get("EMAIL_HOST", "localhost"),
                "port": int(os.environ.get("EMAIL_PORT", "25")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": os.environ.get("EMAIL_USE_TLS", "0") == "1",
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "safeboard@localhost")
SAFEBOARD_BASE_URL = os.environ.get("SAFEBOARD_BASE_URL", "http://127.0.0.1:8000")

# Sign-in: a password, then a code from an authenticator app (TOTP) for everyone.
# Six wrong passwords lock the person out until the business unit unlocks them. Six in a
# row from one browser on one address, whatever the usernames, lock that browser out too
# (password spraying); any successful sign-in from it starts its count again.
OTP_TOTP_ISSUER = "Safeboard"
AXES_VERBOSE = False  # no banner on every command
AXES_FAILURE_LIMIT = 6
AXES_LOCKOUT_PARAMETERS = ["username", ["ip_address", "user_agent"]]
AXES_COOLOFF_TIME = None
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"

# Sessions end after 30 minutes without a request and 12 hours after signing in
# (`core.middleware.SessionLimits`); the cookie lives no longer than the session may.
SESSION_IDLE_SECONDS = 30 * 60
SESSION_LIFETIME_SECONDS = 12 * 60 * 60
SESSION_COOKIE_AGE = SESSION_LIFETIME_SECONDS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# The pages use no inline script or style: keep it so, and this policy need not loosen.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    # A nonce admits the one embedded stylesheet: the annual report's self-contained page.
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# The REST API (see the README's "API" section).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "safeboard.core.api.authentication.TokenAuthentication",
        "safeboard.core.api.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "safeboard.core.api.listing.Pages",
    "DEFAULT_SCHEMA_CLASS": "safeboard.core.api.schema.SafeboardSchema",
    "EXCEPTION_HANDLER": "safeboard.core.api.errors.handle",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Safeboard API",
    "DESCRIPTION": "The records of a safeguarding children partnership, under the same "
    "rules as the pages. Sign in with the session or a personal API token.",
    "VERSION": "1",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # What an address accepts in each place, so a client never builds one that cannot match.
    "PATH_CONVERTER_OVERRIDES": {
        "int": {"type": "integer", "minimum": 0, "maximum": 2**63 - 1},
        "slug": {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"},
    },
    "ENUM_NAME_OVERRIDES": {
        "ActionStatusEnum": "safeboard.actions.models.Status",
        "MeetingStatusEnum": "safeboard.governance.models.MeetingStatus",
        "ReviewStatusEnum": "safeboard.reviews.models.ReviewStatus",
        "ReviewKindEnum": "safeboard.reviews.models.ReviewKind",
        "LearningProductKindEnum": "safeboard.reviews.models.ProductKind",
        "IndicatorKindEnum": "safeboard.performance.models.Kind",
        "IndicatorFrequencyEnum": "safeboard.performance.models.Frequency",
        "ObservationAgeBandEnum": "safeboard.performance.models.AgeBand",
        "ReferralAgeBandEnum": "safeboard.reviews.models.AgeBand",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint reports every page it lays out at INFO; only its warnings matter here.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
