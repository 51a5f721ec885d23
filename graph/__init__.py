"""The store: one interface, its backends, and what reads and writes through it."""
