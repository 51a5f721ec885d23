"""Destruction deadlines: for every holding (a system holding an element) and cohort,
the rules that apply, when each one's clock started, the earliest deadline and the
minimum, the source that binds it, the holds that suspend it, and its status.

All of it is a function of the graph and `as_of`. `clocks` says which rules apply and
when they start, `binding` how a copy is bound by its source, `holds` what suspends
destruction, and `engine` puts them together into rows (`rows`)."""

from catalog.deadlines.binding import BINDING_DEPTH, EXEMPT, NativeBinding, upstream_bounds
from catalog.deadlines.clocks import NativeClocks, python_clocks
from catalog.deadlines.engine import compute_deadlines, read_destructions
from catalog.deadlines.holds import Hold, Holds, read_holds
from catalog.deadlines.rows import DEFAULT_WINDOW, Candidate, Deadline, DeadlineStatus

__all__ = ["BINDING_DEPTH", "DEFAULT_WINDOW", "EXEMPT", "Candidate", "Deadline", "DeadlineStatus", "Hold", "Holds",
           "NativeBinding", "NativeClocks", "compute_deadlines", "python_clocks", "read_destructions",
           "read_holds", "upstream_bounds"]
