"""Test-run defaults: a throwaway secret key, so the suite needs no environment set up."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-for-production")
