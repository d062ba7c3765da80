"""Settings shared by every environment; each value can come from the environment.

With nothing set, the project runs on a SQLite file, Celery runs tasks in-process and mail goes to the console.
With DATABASE_URL and REDIS_URL set it uses PostgreSQL and Redis with real workers.
"""

from datetime import timedelta
from pathlib import Path

from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from config.env import database_from_url, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The address users reach the site at; used for links in e-mails sent by background jobs.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "config.apps.AxesConfig",  # django-axes, named in Vietnamese in the admin
    "units",
    "movements",
    "awards",
    "registrations",
    "reports",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "units.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "units.middleware.IdleSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "units.middleware.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

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
                "django.template.context_processors.i18n",
                "movements.context_processors.navigation",
                "config.context_processors.enums",
                "units.context_processors.notifications",
            ],
            # {% load enums %}{% enums %}: the same enums in e-mails and documents, rendered without a request.
            "libraries": {"enums": "config.context_processors"},
        },
    },
]

DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": database_from_url(DATABASE_URL)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": BASE_DIR / "db.sqlite3",
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "units.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "units.backends.UserBackend",  # ModelBackend whose user query also counts the bell's unread notifications
    # Sessions opened before the bell keep working (the bell then counts with a query of its own).
    "django.contrib.auth.backends.ModelBackend",
]
# Lockout after repeated failures for one username from one address together, so that one office behind one
# router is not locked out by a colleague; it lifts after the cool-off.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
AXES_VERBOSE = False
# Failed attempts and lockouts are rows in the database (the default handler, named so it stays): sign-in works
# while Redis is down. The cache handler would lose lockouts with the cache.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese first, English available.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# Uploaded and generated files live outside the static tree and are served only through views that check
# permission, never by the web server directly.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "files")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Sessions end after 30 minutes without a request (to within a minute), at logout, at a password change (the
# session hash changes) and when the account is deactivated (an inactive user is not authenticated).
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = False  # units.middleware.IdleSessionMiddleware refreshes it once a minute
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# E-mail: the console unless an SMTP host is configured.
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Thi dua khen thuong <thiduakhenthuong@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL


def redis_caches(url: str) -> dict:
    """The CACHES deployed with Redis at ``url`` (the fault test uses exactly this). Redis is not the record of
    anything: every call fails open (a miss, one warning a minute; ``units.cache``), and a Redis that does not
    answer costs a call half a second at most, so that a page never hangs on it."""
    return {
        "default": {
            "BACKEND": "units.cache.FailOpenRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "thidua",
            "TIMEOUT": 3600,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


# Cache: Redis when REDIS_URL is set (CACHE_URL to use another), else memory of each process. It holds rendered
# table fragments whose keys carry the version of the data they show, and the landing plan for a minute.
if env_str("CACHE_URL") or env_str("REDIS_URL"):
    CACHES = redis_caches(env_str("CACHE_URL", env_str("REDIS_URL")))
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "TIMEOUT": 3600}}
# Versions kept in each process under the tables' generations (units.generations): only when the generations are
# in a cache every process shares (Redis). A process's own memory cannot see another process's writes.
GENERATIONS_KEPT = bool(env_str("CACHE_URL") or env_str("REDIS_URL"))
# Sessions live in the database alone, so that signed-in pages do not depend on Redis.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Celery: a Redis broker when REDIS_URL is set, otherwise tasks run eagerly in-process.
REDIS_URL = env_str("REDIS_URL")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 14 * 60
# A task whose worker dies is delivered again; tasks are written to be safe to run twice.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A task not acknowledged within this time (its worker died) is delivered again. No task is scheduled further
# ahead than this (the longest retry countdown is 16 minutes), or it would be delivered twice.
# Kombu looks for such tasks every interval × throttle seconds (10 × 10 by default); every 10 s here, a cheap scan.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 60 * 60),
    "unacked_restore_interval": 10,
    "unacked_restore_throttle": 1,
    # A Redis that accepts connections but does not answer (hung, half-open) would otherwise keep a publish
    # waiting forever: kombu's Redis transport reads only these, not CELERY_BROKER_CONNECTION_TIMEOUT. One second
    # is ample for a live server; the worker's BRPOP waits in its event loop, where no socket timeout applies.
    "socket_connect_timeout": 1,
    "socket_timeout": 1,
}
# A web request that enqueues while Redis is down fails fast (at once when it is stopped; about 2 s an enqueue
# when it hangs: connection attempts for CELERY_BROKER_CONNECTION_TIMEOUT at most), and the enqueue is logged;
# the recorded row is picked up again later.
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}
# The health page (/healthz) fails when beat's last tick or a worker's last heartbeat is older than this (seconds).
HEALTH_HEARTBEAT_MAX_AGE = env_int("HEALTH_HEARTBEAT_MAX_AGE", 3 * 60)
CELERY_BEAT_SCHEDULE = {
    "send-deadline-reminders": {
        "task": "registrations.send_deadline_reminders",
        "schedule": crontab(hour=8, minute=0),
    },
    "flush-outbox": {
        "task": "units.flush_outbox",
        "schedule": crontab(minute="*/5"),
    },
    # Beat records its tick as it sends this, the worker that runs it records the worker's (units.tasks.heartbeat).
    "heartbeat": {
        "task": "units.heartbeat",
        "schedule": crontab(minute="*"),
        "options": {"expires": HEALTH_HEARTBEAT_MAX_AGE},
    },
    # Sessions live in the database: the expired ones are removed every night.
    "clear-expired-sessions": {
        "task": "units.clear_expired_sessions",
        "schedule": crontab(hour=3, minute=15),
    },
    # Plan II.2.3: the units' data completeness for the month that just ended, on the 1st (reports.monitoring).
    "data-entry-snapshot": {
        "task": "reports.data_entry_snapshot",
        "schedule": crontab(day_of_month=1, hour=7, minute=0),
    },
    # Work asked for while the broker was away, or whose worker died, is handed to a worker again.
    "sweep-background-work": {
        "task": "reports.sweep",
        "schedule": timedelta(seconds=env_int("SWEEP_EVERY_SECONDS", 30)),
    },
}

# Days before the registration deadline on which units that have not submitted are reminded; 0 is the day
# itself. One more reminder goes out the day after a missed deadline.
REGISTRATION_REMINDER_OFFSETS = [int(d) for d in env_list("REGISTRATION_REMINDER_OFFSETS", ["7", "3", "1", "0"])]

# A document job whose tasks gave no sign of life for this long (its worker died) is started again; a queued one
# that no worker took for this long (the broker lost it) is handed to a worker again. Seconds.
REPORT_STALE_AFTER = env_int("REPORT_STALE_AFTER", 120)
REPORT_RESEND_AFTER = env_int("REPORT_RESEND_AFTER", 120)

# Largest accepted upload, in bytes.
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 20 * 1024 * 1024)

# Digital signatures (docs/signing.md). The issuing body's certificate and key as a PKCS#12 file and its password,
# given by the environment, never in the repository: decisions, forwarding submissions and minutes are signed
# with it (reports/signing.py); unset, documents are issued unsigned. Uploaded signed PDFs are checked against the
# CA certificates (PEM or DER files, separated by ":" or ",") of SIGNING_TRUST_ROOTS (units/signatures.py).
SIGNING_PKCS12_PATH = env_str("SIGNING_PKCS12_PATH")
SIGNING_PKCS12_PASSWORD = env_str("SIGNING_PKCS12_PASSWORD")
SIGNING_TRUST_ROOTS = [p.strip() for p in env_str("SIGNING_TRUST_ROOTS").replace(",", ":").split(":") if p.strip()]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # An upload signed under another chain is reported on the page; pyHanko would log a traceback for each.
        "pyhanko.sign.validation": {"level": "ERROR"},
    },
}
