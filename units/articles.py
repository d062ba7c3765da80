"""News items and articles by units' people (plan II.2.7): the writes (create, update, delete, each audited in its
transaction) and the reads of the list and of the counts per unit and per leader, in a fixed number of queries.

The authors are staff of the article's unit; an officer records their own unit's, the secretariat any unit of its
province. The scoring criterion ``AutoSource.LEADERS_ARTICLES`` (``movements/scoring/criteria.py``) counts the
articles of a year with at least one author who holds a leading position (``Staff.is_leader``)."""

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from units.attachments import attachments_add
from units.enums import ArticleKind, ArticleOutlet
from units.models import Article, Attachment, Staff, Unit
from units.permissions import require_unit_access
from units.services import audit_log

ARTICLE_FIELDS = ("kind", "title", "outlet", "outlet_name", "published_on", "link")


def _snapshot(article: Article, authors=None) -> dict:
    data = {name: str(getattr(article, name) or "") for name in ARTICLE_FIELDS}
    names = authors if authors is not None else article.authors.all()
    data["authors"] = ", ".join(person.full_name for person in sorted(names, key=lambda p: (p.sort_key, p.pk)))
    return data


def article_check(unit: Unit, authors, article: Article) -> None:
    """What saving ``article`` of ``unit`` with ``authors`` would refuse, as a ``ValidationError`` by field (the
    services call it; the admin's form shows it on its fields)."""
    errors = {}
    if not authors:
        errors["authors"] = _("Name at least one author.")
    foreign = [person.full_name for person in authors if person.unit_id != unit.pk]
    if foreign:
        errors["authors"] = _("The authors must be staff of %(unit)s: %(names)s is not.") % {
            "unit": unit.name,
            "names": ", ".join(foreign),
        }
    if article.outlet == ArticleOutlet.OTHER and not (article.outlet_name or "").strip():
        errors["outlet_name"] = _("Say where it was published.")
    if article.published_on and article.published_on > timezone.localdate():
        errors["published_on"] = _("The date cannot be in the future.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def article_create(*, unit: Unit, actor, authors, files=(), **fields) -> Article:
    require_unit_access(actor, unit)
    authors = list(authors)
    article = Article(
        unit=unit, recorded_by=actor, **{name: value for name, value in fields.items() if name in ARTICLE_FIELDS}
    )
    article_check(unit, authors, article)
    article.full_clean()
    article.save()
    article.authors.set(authors)
    audit_log(actor=actor, action="article.create", target=article, unit=unit, data=_snapshot(article, authors))
    attachments_add(owner=article, files=files, actor=actor, unit=unit)
    return article


@transaction.atomic
def article_update(*, article: Article, actor, authors, files=(), **fields) -> Article:
    require_unit_access(actor, article.unit)
    authors = list(authors)
    before = _snapshot(article)
    for name, value in fields.items():
        if name in ARTICLE_FIELDS:
            setattr(article, name, value)
    article_check(article.unit, authors, article)
    article.full_clean()
    article.save()
    article.authors.set(authors)
    after = _snapshot(article, authors)
    changes = {name: {"old": before[name], "new": after[name]} for name in after if before[name] != after[name]}
    if changes:
        audit_log(actor=actor, action="article.update", target=article, unit=article.unit, data={"changes": changes})
    attachments_add(owner=article, files=files, actor=actor, unit=article.unit)
    return article


@transaction.atomic
def article_delete(*, article: Article, actor) -> None:
    """Delete the record and its files; the audit entry keeps what it said."""
    require_unit_access(actor, article.unit)
    audit_log(actor=actor, action="article.delete", target=article, unit=article.unit, data=_snapshot(article))
    attachments = list(
        Attachment.objects.filter(content_type=ContentType.objects.get_for_model(Article), object_id=article.pk)
    )
    for attachment in attachments:
        attachment.delete()
    article.delete()
    for attachment in attachments:
        transaction.on_commit(lambda a=attachment: a.file.delete(save=False))


# --- Reads ----------------------------------------------------------------------------------------------------


def _conditions(*, year=None, kind="", outlet="", unit=None, prefix="") -> dict:
    conditions = {}
    if year:
        conditions[f"{prefix}published_on__year"] = year
    if kind:
        conditions[f"{prefix}kind"] = kind
    if outlet:
        conditions[f"{prefix}outlet"] = outlet
    if unit is not None:
        conditions[f"{prefix}unit"] = unit
    return conditions


def _filtered(queryset: QuerySet, **filters) -> QuerySet:
    return queryset.filter(**_conditions(**filters))


def article_list(user, *, year=None, kind="", outlet="", unit=None) -> QuerySet[Article]:
    """The articles the user may see, newest first, with unit and authors (two queries and the count)."""
    authors = Prefetch("authors", queryset=Staff.objects.order_by("sort_key", "id"))
    queryset = Article.objects.for_user(user).select_related("unit").prefetch_related(authors)
    return _filtered(queryset, year=year, kind=kind, outlet=outlet, unit=unit)


def article_years(user) -> list[int]:
    """The years the user's articles were published in, latest first (one query)."""
    dates = Article.objects.for_user(user).dates("published_on", "year", order="DESC")
    return [day.year for day in dates]


@dataclass
class UnitArticles:
    unit: Unit | None  # None: the totals row
    by_kind: list[int] = field(default_factory=list)  # one count per kind, in ArticleKind's order
    by_leaders: int = 0

    @property
    def total(self) -> int:
        return sum(self.by_kind)


@dataclass
class ArticleCounts:
    units: list[UnitArticles]
    leaders: list[Staff]  # each with ``article_count``
    totals: UnitArticles


def article_counts(user, *, year=None, kind="", outlet="", unit=None) -> ArticleCounts:
    """Per unit the user may see: the articles by kind and those with a leader among the authors; per leader of
    those units (active, or who wrote one): how many they wrote. Four queries whatever the number of units."""
    units = Unit.objects.for_user(user).filter(is_active=True).order_by("display_order", "sort_key")
    if unit is not None:
        units = units.filter(pk=unit.pk)
    units = list(units)
    unit_ids = [u.pk for u in units]
    articles = _filtered(Article.objects.filter(unit_id__in=unit_ids), year=year, kind=kind, outlet=outlet)
    per_kind = Counter(
        {(row["unit_id"], row["kind"]): row["n"] for row in articles.values("unit_id", "kind").annotate(n=Count("id"))}
    )
    by_leaders = dict(
        articles.filter(authors__is_leader=True)
        .values("unit_id")
        .annotate(n=Count("id", distinct=True))
        .values_list("unit_id", "n")
    )
    rows = [UnitArticles(u, [per_kind[(u.pk, k)] for k in ArticleKind.values], by_leaders.get(u.pk, 0)) for u in units]
    written = Q(**_conditions(year=year, kind=kind, outlet=outlet, prefix="articles__"))
    leaders = list(
        Staff.objects.filter(unit_id__in=unit_ids, is_leader=True)
        .select_related("unit")
        .annotate(article_count=Count("articles", filter=written or None, distinct=True))
        .filter(Q(is_active=True) | Q(article_count__gt=0))
        .order_by("unit__display_order", "unit__sort_key", "sort_key", "id")
    )
    totals = UnitArticles(
        None,
        [sum(column) for column in zip(*(row.by_kind for row in rows), strict=True)] or [0] * len(ArticleKind),
        sum(row.by_leaders for row in rows),
    )
    return ArticleCounts(rows, leaders, totals)
