"""The test suite: real database from DATABASE_URL (PostgreSQL in CI), fast hashing, mail kept in memory."""

from .base import *  # noqa: F403
from .base import env_str

SECRET_KEY = env_str("SECRET_KEY") or "test-only-secret-key-not-for-production"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Unit tests run tasks in-process; tests marked `worker` talk to a real worker through Redis.
CELERY_TASK_ALWAYS_EAGER = True
LANGUAGE_CODE = "vi"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
