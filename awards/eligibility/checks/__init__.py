"""The checks, grouped by the subject they judge: ``person`` (the individual standard and the long-service medal),
``collective`` (members' titles and discipline, the cluster's endorsement), ``history`` (prerequisite and streak,
also run by the person page) and ``common`` (registration, initiatives, caps, the rule's note). Each is
``check_x(line, facts, rule) -> Check | list[Check] | None``; when it applies is said once, in ``engine.TABLE``."""
