"""The public consultation (lấy ý kiến) on the candidates of a forwarding submission for the awards that need one
(domain-rules.md §3.3: Huân chương, Chiến sĩ thi đua toàn quốc, state honorary titles; which titles is rule-set
data, ``TitleRule.requires_consultation`` and ``consultation_days``).

The secretariat opens the window, every staff account of the province comments while it is open (today between
``opens_on`` and ``closes_on``, inclusive, in Asia/Ho_Chi_Minh), the secretariat answers each comment and closes
the consultation once the window has ended. ``consultation_problems`` is the gate the dossier reads: what still
stops the submission from being sent. Every write is one transaction with its audit entry."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from awards.enums import ConsultationState, DecisionKind
from awards.models import Consultation, ConsultationComment, Decision, ProposalLine, RuleSet, TitleRule
from units.enums import Role
from units.models import User
from units.notifications import lazy_text, notify, province_secretariat
from units.permissions import require_secretariat_of
from units.services import audit_log
from units.text import clean_lines
from units.workflow import transition

COMMENT_MAX_LENGTH = 5000


def _date(value: datetime.date) -> str:
    return value.strftime("%d/%m/%Y")


def _today(today: datetime.date | None) -> datetime.date:
    return today or timezone.localdate()


def consultation_rules(decision: Decision) -> dict[int, TitleRule]:
    """The title rules (by title id) of the decision's year that require a consultation; empty for anything but a
    forwarding submission."""
    if decision.kind != DecisionKind.FORWARDING:
        return {}
    rule_set = RuleSet.objects.for_year(decision.year_plan.year)
    if rule_set is None:
        return {}
    return {
        rule.title_id: rule
        for rule in TitleRule.objects.filter(rule_set=rule_set, requires_consultation=True).select_related("title")
    }


def consultation_lines(decision: Decision, rules: dict[int, TitleRule] | None = None) -> list[ProposalLine]:
    """The submission's candidates whose title needs a public consultation (two or three queries)."""
    rules = consultation_rules(decision) if rules is None else rules
    if not rules:
        return []
    return list(
        ProposalLine.objects.filter(decision_lines__decision=decision, title_id__in=list(rules))
        .select_related("title", "staff", "proposal__unit")
        .order_by("title__display_order", "proposal__unit__name", "staff__sort_key", "pk")
    )


def required_days(decision: Decision, rules: dict[int, TitleRule] | None = None) -> int:
    """The longest window the candidates' rules ask for (0 when none needs a consultation)."""
    rules = consultation_rules(decision) if rules is None else rules
    titles = {line.title_id for line in consultation_lines(decision, rules)}
    return max((rules[title].consultation_days for title in titles), default=0)


def window_days(opens_on: datetime.date, closes_on: datetime.date) -> int:
    """Days in a window, both ends included (03/07–12/07 is 10 days)."""
    return (closes_on - opens_on).days + 1


def consultation_problems(decision: Decision, *, today: datetime.date | None = None) -> list[str]:
    """What still stops the forwarding submission from being sent, in Vietnamese sentences; empty when nothing
    does (also for a decision whose candidates need no consultation)."""
    rules = consultation_rules(decision)
    lines = consultation_lines(decision, rules)
    if not lines:
        return []
    today = _today(today)
    consultation = Consultation.objects.filter(decision=decision).first()
    if consultation is None:
        titles = sorted({line.title.name for line in lines})
        return [
            _(
                "The candidates for %(titles)s must be put to public consultation before the dossier is sent; no "
                "consultation has been opened."
            )
            % {"titles": ", ".join(f"“{title}”" for title in titles)}
        ]
    problems = []
    needed = max(rules[line.title_id].consultation_days for line in lines)
    days = window_days(consultation.opens_on, consultation.closes_on)
    if days < needed:
        problems.append(
            _("The consultation window (%(days)s days) is shorter than the %(needed)s days the rule set requires.")
            % {"days": days, "needed": needed}
        )
    if consultation.state != ConsultationState.CLOSED:
        if today <= consultation.closes_on:
            problems.append(
                _("The public consultation is open until %(date)s; the dossier can be sent after it is closed.")
                % {"date": _date(consultation.closes_on)}
            )
        else:
            problems.append(
                _("The consultation window ended on %(date)s but the secretariat has not closed the consultation.")
                % {"date": _date(consultation.closes_on)}
            )
    unanswered = consultation.comments.filter(answer="").count()
    if unanswered:
        problems.append(
            ngettext(
                "%(count)s comment of the public consultation has no answer yet.",
                "%(count)s comments of the public consultation have no answer yet.",
                unanswered,
            )
            % {"count": unanswered}
        )
    return problems


def consultation_url(consultation: Consultation) -> str:
    return reverse("awards:consultation_detail", kwargs={"pk": consultation.pk})


def province_accounts(province_id: int) -> list[User]:
    """Every active signed-in account of the province (officers of any unit, secretariat, council, statistics)."""
    return list(User.objects.filter(province_id=province_id, is_active=True).exclude(role=Role.ADMIN))


@transaction.atomic
def consultation_open(
    decision: Decision,
    opens_on: datetime.date,
    closes_on: datetime.date,
    notice: str,
    actor,
    *,
    now: datetime.datetime | None = None,
) -> Consultation:
    """Publish the candidates of a forwarding submission for comments from ``opens_on`` to ``closes_on``."""
    require_secretariat_of(actor, decision.province_id)
    decision = Decision.objects.select_for_update().select_related("year_plan").get(pk=decision.pk)
    if decision.kind != DecisionKind.FORWARDING:
        raise ValidationError(_("Only a forwarding submission is put to public consultation."))
    rules = consultation_rules(decision)
    lines = consultation_lines(decision, rules)
    if not lines:
        raise ValidationError(
            _("None of this submission's candidates is proposed for an award that needs a consultation.")
        )
    if Consultation.objects.filter(decision=decision).exists():
        raise ValidationError(_("This submission already has its public consultation."))
    if opens_on is None or closes_on is None:
        raise ValidationError(_("Give the first and the last day of the window."))
    if opens_on < timezone.localdate(now or timezone.now()):
        raise ValidationError(_("The window cannot open before today."))
    if closes_on < opens_on:
        raise ValidationError(_("The last day of the window cannot be before its first day."))
    needed = max(rules[line.title_id].consultation_days for line in lines)
    if window_days(opens_on, closes_on) < needed:
        raise ValidationError(
            _("The window must be at least %(days)s days long (the rule set of the year); this one is %(given)s.")
            % {"days": needed, "given": window_days(opens_on, closes_on)}
        )
    consultation = Consultation.objects.create(
        decision=decision, opens_on=opens_on, closes_on=closes_on, notice=clean_lines(notice or ""), opened_by=actor
    )
    audit_log(
        actor=actor,
        action="consultation.open",
        target=consultation,
        unit=decision.province,
        data={"opens_on": opens_on.isoformat(), "closes_on": closes_on.isoformat(), "lines": [x.pk for x in lines]},
    )
    notify(
        province_accounts(decision.province_id),
        key=f"consultation:{consultation.pk}:open",
        text=lazy_text(
            gettext_lazy("Public consultation on the candidates for high awards, from %(start)s to %(end)s."),
            {"start": _date(opens_on), "end": _date(closes_on)},
        ),
        url=consultation_url(consultation),
        email=False,
        unit=decision.province,
    )
    return consultation


@transaction.atomic
def consultation_comment(
    consultation: Consultation,
    author,
    text: str,
    line: ProposalLine | None = None,
    *,
    now: datetime.datetime | None = None,
) -> ConsultationComment:
    """Record a comment of a staff account of the province while the window is open."""
    consultation = Consultation.objects.select_for_update().select_related("decision").get(pk=consultation.pk)
    decision = consultation.decision
    if author is None or not author.is_authenticated or not author.is_active:
        raise PermissionDenied
    if author.province_id != decision.province_id:
        raise PermissionDenied
    now = now or timezone.now()
    today = timezone.localdate(now)
    if consultation.state != ConsultationState.OPEN or today > consultation.closes_on:
        raise ValidationError(
            _("The consultation closed on %(date)s; comments are no longer taken.")
            % {"date": _date(consultation.closes_on)}
        )
    if today < consultation.opens_on:
        raise ValidationError(
            _("The consultation opens on %(date)s; comments are taken from then until %(end)s.")
            % {"date": _date(consultation.opens_on), "end": _date(consultation.closes_on)}
        )
    text = clean_lines(text or "").strip()
    if not text:
        raise ValidationError(_("Write the comment."))
    if len(text) > COMMENT_MAX_LENGTH:
        raise ValidationError(_("A comment has at most %(count)s characters.") % {"count": COMMENT_MAX_LENGTH})
    if line is not None and line.pk not in {x.pk for x in consultation_lines(decision)}:
        raise ValidationError(_("The candidate is not on this consultation's list."))
    comment = ConsultationComment.objects.create(
        consultation=consultation, line=line, author=author, text=text, created_at=now
    )
    audit_log(
        actor=author,
        action="consultation.comment",
        target=consultation,
        unit=decision.province,
        data={"comment": comment.pk, "line": line.pk if line else None},
    )
    notify(
        province_secretariat(decision.province_id),
        key=f"consultation:{consultation.pk}:comment:{comment.pk}",
        text=lazy_text(
            gettext_lazy("%(author)s commented on the public consultation of %(decision)s."),
            {"author": author.display_name, "decision": decision.number or decision.subject},
        ),
        url=consultation_url(consultation),
        unit=decision.province,
    )
    return comment


@transaction.atomic
def consultation_answer(
    comment: ConsultationComment, answer: str, actor, *, now: datetime.datetime | None = None
) -> ConsultationComment:
    """The secretariat's answer to a comment (given again, it replaces the earlier one, which the audit keeps)."""
    comment = (
        ConsultationComment.objects.select_for_update().select_related("consultation__decision").get(pk=comment.pk)
    )
    decision = comment.consultation.decision
    require_secretariat_of(actor, decision.province_id)
    answer = clean_lines(answer or "").strip()
    if not answer:
        raise ValidationError(_("Write the answer."))
    if len(answer) > COMMENT_MAX_LENGTH:
        raise ValidationError(_("An answer has at most %(count)s characters.") % {"count": COMMENT_MAX_LENGTH})
    old = comment.answer
    comment.answer = answer
    comment.answered_by = actor
    comment.answered_at = now or timezone.now()
    comment.save(update_fields=["answer", "answered_by", "answered_at"])
    audit_log(
        actor=actor,
        action="consultation.answer",
        target=comment.consultation,
        unit=decision.province,
        data={"comment": comment.pk, "changes": {"answer": {"old": old, "new": answer}}},
    )
    notify(
        [comment.author],
        key=f"consultation:{comment.consultation_id}:answer:{comment.pk}:{comment.answered_at.isoformat()}",
        text=lazy_text(
            gettext_lazy("The secretariat answered your comment on the public consultation of %(decision)s."),
            {"decision": decision.number or decision.subject},
        ),
        url=consultation_url(comment.consultation),
        email=False,
        unit=decision.province,
    )
    return comment


@transaction.atomic
def consultation_close(consultation: Consultation, actor, *, now: datetime.datetime | None = None) -> Consultation:
    """Close the consultation once its window has ended (from the day after ``closes_on``)."""
    consultation = Consultation.objects.select_for_update().select_related("decision").get(pk=consultation.pk)
    require_secretariat_of(actor, consultation.decision.province_id)
    if consultation.state == ConsultationState.CLOSED:
        raise ValidationError(_("The consultation is already closed."))
    now = now or timezone.now()
    if timezone.localdate(now) <= consultation.closes_on:
        raise ValidationError(
            _("The window runs until %(date)s; the consultation can be closed from the day after.")
            % {"date": _date(consultation.closes_on)}
        )
    transition(
        consultation,
        ConsultationState.CLOSED,
        actor=actor,
        unit=consultation.decision.province,
        fields={"closed_at": now},
    )
    return consultation


# Reads: the pages, the record and the dossier.


def consultation_comments(consultation: Consultation, *, author=None) -> list[ConsultationComment]:
    """The comments in order with their author (and unit), candidate and who answered (one query)."""
    comments = consultation.comments.select_related(
        "author__unit", "answered_by", "line__staff", "line__title", "line__proposal__unit"
    )
    if author is not None:
        comments = comments.filter(author=author)
    return list(comments.order_by("created_at", "pk"))


def consultations_for(user):
    """The consultations a signed-in account of the province reads (every role; admins all), open first, with
    their numbers of comments and of unanswered ones."""
    queryset = Consultation.objects.select_related("decision__year_plan").annotate(
        comments_count=Count("comments", distinct=True),
        unanswered_count=Count("comments", filter=Q(comments__answer=""), distinct=True),
    )
    if not user.is_authenticated:
        return queryset.none()
    if not user.is_admin:
        queryset = queryset.filter(decision__province_id=user.province_id)
    return queryset.order_by("-state", "-opens_on", "-pk")  # "open" before "closed"


def consultation_for(user, pk: int) -> Consultation:
    """One consultation of the user's province (404 otherwise)."""
    return get_object_or_404(consultations_for(user), pk=pk)
