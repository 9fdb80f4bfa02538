"""Entities + file facts → 危険度, category, violations (see issue 4)."""
