"""Prefect flows and the ``khaosan`` command line. Importing this package sets the
environment defaults khaosan needs before Prefect or PyThaiNLP are imported."""

from flows import settings as _settings

_settings.apply_defaults()
