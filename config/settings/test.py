"""Settings for the test suite: fast hashing, in-memory cache, no outgoing network."""

from __future__ import annotations

from config.settings.base import *  # noqa: F403

SECRET_KEY = "test-only-secret-key-not-for-production"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = AUTH_PASSWORD_VALIDATORS[:0]  # noqa: F405
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT = None  # type: ignore[assignment] # served from the finders; nothing is collected in tests
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
