"""The domain: Steward's reference model, its validation rules and its analyses.

Pure Python: no I/O, no database, no web framework."""
