"""The REST API under /api/v1/: interfaces over the same selectors and services as the pages."""
