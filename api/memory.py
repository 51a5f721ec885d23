"""Keep a long-running server's memory flat under glibc.

glibc gives each thread that allocates its own arena (up to 8 per core) and rarely gives
an arena's peak back. The server's worker threads each rebuild the analyses after a
write, so with the default the resident size climbs by one peak per thread and stays
there. Two arenas hold it level at a cost in lock contention that the load test does not
see (the GIL serialises the allocating code anyway)."""

from __future__ import annotations

import ctypes
import ctypes.util
import os

M_ARENA_MAX = -8  # from glibc's malloc.h
ARENAS = 2


def cap_malloc_arenas(arenas: int = ARENAS) -> bool:
    """Cap glibc's arenas, unless MALLOC_ARENA_MAX already says how many; False when the
    C library is not glibc (musl, macOS) or refuses."""
    if os.environ.get("MALLOC_ARENA_MAX"):
        return False
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    try:
        mallopt = ctypes.CDLL(name).mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(ctypes.c_int(M_ARENA_MAX), ctypes.c_int(arenas)))
