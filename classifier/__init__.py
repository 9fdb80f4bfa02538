"""Entities + file facts → 危険度, 情報名, key information, zone, violations.

`policy` (the matrix as validated TOML data) → `cues` (title words of a document) →
`matrix` (level, category, key information) ; `zones` (where a file lies) →
`violations` (what that breaks). `codes` holds the SPEC's closed vocabularies.
"""
