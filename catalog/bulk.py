"""Whole-catalog work, with Python's cyclic garbage collector paused while it runs.

The collector runs every few hundred allocations, and now and then looks at every object
alive. Whole-catalog work (a snapshot of the graph, the deadlines, the checks, the
public inventory, a load's parsing) makes hundreds of thousands of small records that
stay alive until it ends, none of them in a reference cycle: the collector finds nothing
to free, and at a state's size it took 40% of the time of the deadlines and more than
half of the checks'. Such work runs with it paused. Reference counting frees everything
as usual meanwhile; a cycle made meanwhile is collected once the last such work ends and
the collector runs again.

What the work made and kept (a snapshot, the rows of the deadlines) is then moved
straight to the oldest generation. Left young, the collector would look at all of it
at the next young collection and again at the next middle one (1.2 s and 1.4 s of a
state's deadlines, which took 8 s), to find what it already knows: it is alive. In the
oldest generation it is looked at by full collections only, as everything long-lived
is, which still free any cycle among it: nothing is exempt from collection.

Pausing is process-wide: the works of several threads nest, and the collector runs
again when the last one ends, unless it was off before the first began."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_running = 0  # works running with the collector paused
_resume = False  # whether the collector was on when the first of them began


@contextmanager
def collector_paused() -> Iterator[None]:
    """Runs the work inside with the cyclic garbage collector paused (also a decorator)."""
    global _running, _resume
    with _lock:
        if _running == 0:
            _resume = gc.isenabled()
            gc.disable()
        _running += 1
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            if _running == 0 and _resume:
                _promote()
                gc.enable()


def _promote() -> None:
    """Every object the collector tracks into its oldest generation, without looking at
    them: `freeze` moves each generation's list whole into the permanent one, `unfreeze`
    moves that into the oldest. Not when something else froze objects on purpose (a
    server that forks after loading): unfreezing would let those go."""
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()


def settle() -> None:
    """One full collection now, after paused work whose results stay for long (a server's
    graph, built before it listens), unless other paused work is running.

    The objects `_promote` moved are missing from the collector's counts, which it
    updates only at a full collection. Left alone, its first full collection would come a
    few hundred requests later and hold one of them up while it looks at all of them
    (0.8 s at 200 districts). Made now, it counts them, and the next full collection is as
    far off as for any heap of that size: a graph built again after a write takes the
    place of one already counted, and needs none."""
    with _lock:
        if _running or not gc.isenabled():
            return
    gc.collect()
