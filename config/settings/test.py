"""The test suite: real database from DATABASE_URL (PostgreSQL in CI), fast hashing, mail kept in memory."""

import atexit
import shutil
import tempfile
from pathlib import Path

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
# One process per test database, so its memory sees every write: the versions are kept as when deployed on Redis.
GENERATIONS_KEPT = True
# Uploaded and generated files: a folder of this test process (pytest-xdist runs two at once), removed when it ends,
# never var/files. A Celery worker started by a test is handed the test's folder in MEDIA_ROOT.
if not env_str("MEDIA_ROOT"):
    MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="thidua-test-files-"))
    atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
