from registrations.services import LineInput
from tests import factories as f


def full_lines(unit, staff, individual="LDTT", collective="TTLDTT"):
    """A line for the collective and every given staff member."""
    return [LineInput(None, f.title(collective).pk)] + [LineInput(p.pk, f.title(individual).pk) for p in staff]
