"""Loaded by every Python process started with this folder on PYTHONPATH."""

import netguard

netguard.install()
