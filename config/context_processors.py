"""The state and kind enums, by class name, for templates: ``{% if line.state == LineState.ACCEPTED %}``.

Django's Choices enums set ``do_not_call_in_templates``, so a member is used as it is and compares equal to its
value, whether the field holds a member or a plain string (``.values()``, annotations). Templates never compare a
state or kind with a quoted literal (``tests/test_templates.py``).

Pages rendered with a request get the enums from the ``enums`` context processor. E-mails and documents are
rendered without a request, hence without context processors: they start with ``{% load enums %}{% enums %}``;
this module is also that tag library (``TEMPLATES[...]["OPTIONS"]["libraries"]``). ``config`` is the top layer, so
it may import every app's enums.
"""

from django import template

from awards.enums import (
    AwardStatus,
    ConsultationState,
    DecisionKind,
    DecisionState,
    FindingState,
    InspectionState,
    LineState,
    MeetingState,
    Outcome,
)
from movements.enums import ReportState, ScoreState
from registrations.enums import RegistrationState
from reports.enums import JobState, ReportKind
from units.enums import ImportKind, ImportState, OutboxState, Role

TEMPLATE_ENUMS = {
    enum.__name__: enum
    for enum in (
        AwardStatus,
        ConsultationState,
        DecisionKind,
        DecisionState,
        FindingState,
        ImportKind,
        ImportState,
        InspectionState,
        JobState,
        LineState,
        MeetingState,
        Outcome,
        OutboxState,
        RegistrationState,
        ReportKind,
        ReportState,
        Role,
        ScoreState,
    )
}


def enums(request):
    return TEMPLATE_ENUMS


register = template.Library()


@register.simple_tag(name="enums", takes_context=True)
def enums_tag(context):
    """``{% enums %}``: the same names for a template rendered without a request; outputs nothing."""
    for name, enum in TEMPLATE_ENUMS.items():
        context[name] = enum
    return ""
