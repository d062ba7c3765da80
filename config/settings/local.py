"""Development on one machine: the embedded defaults of `make run`."""

from .base import *  # noqa: F403
from .base import env_bool, env_str

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY") or "django-insecure-local-development-only"  # noqa: S105
