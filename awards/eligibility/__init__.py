"""The eligibility engine: every proposal line of a province and year checked against the rule set of that year.

Facts are loaded for the whole province in a fixed number of queries, then each line is judged in memory, so a
province of 20,000 staff costs the same number of queries as one of 20. Each check gives pass / fail / needs-review
with a plain Vietnamese explanation naming the data it used; the parameters come from ``RuleSet`` and ``TitleRule``
rows (``awards/models/rules.py``, editable in the admin) and from the province's ``YearPlan``, never from constants
here.

Where things live:

- ``facts.py``: what the checks read (``Facts``, ``load_facts``; ``Facts.for_person`` for the person page) and the
  day an initiative must be recognised by (``initiative_cutoff``).
- ``engine.py``: ``TABLE``, the list of ``(applies, check)`` pairs in the order a verdict lists them, ``judge``,
  ``judge_province``, ``caps_for``. To add a check: write it in ``checks/`` and give it a row there.
- ``checks/person.py``: months worked, long leave, discipline (year of the decision or of the act), the plan's own
  disqualifiers, the long-service medal.
- ``checks/collective.py``: the share of members reaching Lao động tiên tiến, a member with a given title, members'
  discipline, the cluster's endorsement of a Cờ thi đua ngành.
- ``checks/history.py``: the title needed before (``prerequisite_title``) and the streak (``streak_*``); the person
  page (``awards/outlook.py``) runs these two alone.
- ``checks/common.py``: registration, initiatives, the cap, the rule's note to check by hand.
- ``registration.py``: which registration covers which title, for a subject and year (supplementary lines
  included); the proposal service (``awards/services/proposals.py``) refuses an unregistered title with it.
- The 15 % cap ("không quá 15% … Lao động tiên tiến"): the numbers are data, ``TitleRule.cap_percent`` /
  ``cap_base_title`` / ``cap_binding`` (``awards/models/rules.py``; a plan's stricter ``PlanCap`` in the same file),
  and they are counted once, in ``awards/caps.py``, for this engine, the review pages, the tally and the decision.
"""

from awards.eligibility.base import Check, explanation
from awards.eligibility.checks.collective import (
    check_collective_discipline,
    check_endorsement,
    check_member_share,
    check_member_title,
    member_share_title,
)
from awards.eligibility.checks.common import (
    LEVEL_RANK,
    cap_usage,
    check_cap,
    check_initiatives,
    check_manual,
    check_registration,
)
from awards.eligibility.checks.history import check_prerequisite, check_streak
from awards.eligibility.checks.person import (
    CONDUCT_BARS,
    DISCIPLINE_DEFAULT_MONTHS,
    check_conduct,
    check_discipline,
    check_leave,
    check_long_service,
    check_work_months,
    discipline_years,
    months_worked,
)
from awards.eligibility.engine import HISTORY_TABLE, TABLE, Judgement, caps_for, judge, judge_province, run_checks
from awards.eligibility.facts import SETTLED_STATES, Candidate, Facts, initiative_cutoff, load_facts, subject_key
from awards.eligibility.registration import Registered, registration_of, registrations_of

__all__ = [
    "CONDUCT_BARS",
    "DISCIPLINE_DEFAULT_MONTHS",
    "HISTORY_TABLE",
    "LEVEL_RANK",
    "SETTLED_STATES",
    "TABLE",
    "Candidate",
    "Check",
    "Facts",
    "Judgement",
    "Registered",
    "cap_usage",
    "caps_for",
    "check_cap",
    "check_collective_discipline",
    "check_conduct",
    "check_discipline",
    "check_endorsement",
    "check_initiatives",
    "check_leave",
    "check_long_service",
    "check_manual",
    "check_member_share",
    "check_member_title",
    "check_prerequisite",
    "check_registration",
    "check_streak",
    "check_work_months",
    "explanation",
    "discipline_years",
    "initiative_cutoff",
    "judge",
    "judge_province",
    "load_facts",
    "member_share_title",
    "months_worked",
    "registration_of",
    "registrations_of",
    "run_checks",
    "subject_key",
]
