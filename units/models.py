import uuid
from pathlib import PurePath

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from units.audit_actions import action_label
from units.enums import ArticleKind, ArticleOutlet, Gender, ImportKind, ImportState, OutboxState, Role
from units.scoping import Scope, ScopedQuerySet, unit_rows
from units.text import clean, name_sort_key, search_key, text_sort_key


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class UnitKind(models.Model):
    """A kind of unit, kept as data: the 2025 reorganisation replaced district procuracies with regional ones."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    is_provincial_procuracy = models.BooleanField(
        _("is a provincial procuracy"),
        default=False,
        help_text=_("Units of this kind head a province: they own its year plans, council and secretariat."),
    )
    display_order = models.PositiveIntegerField(_("display order"), default=0)

    class Meta:
        ordering = ["display_order", "name"]
        verbose_name = _("unit kind")
        verbose_name_plural = _("unit kinds")

    def __str__(self):
        return self.name


class UnitQuerySet(ScopedQuerySet):
    # The units a user may see: their own unit for an officer, their province for the secretariat and council.
    scope = Scope(officer="pk", secretariat="province", council_member="province")

    def active(self):
        return self.filter(is_active=True)


class Unit(TimeStampedModel):
    """A node of the procuracy tree: a provincial procuracy, one of its departments, a district procuracy…

    ``province`` points at the provincial procuracy at the root of the unit's tree (itself for the root), so that
    scoping a query to a province is one indexed filter whatever the depth of the tree.
    """

    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.ForeignKey(UnitKind, on_delete=models.PROTECT, related_name="units", verbose_name=_("kind"))
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )
    province = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="province_units",
        verbose_name=_("provincial procuracy"),
    )
    cluster = models.ForeignKey(
        "units.Cluster",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="units",
        verbose_name=_("emulation cluster"),
    )
    display_order = models.PositiveIntegerField(_("display order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    email = models.EmailField(_("e-mail"), blank=True)
    sort_key = models.CharField(max_length=600, editable=False, default="")

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "sort_key"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        indexes = [models.Index(fields=["province", "display_order"], name="unit_province_order_idx")]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="unit_not_own_parent"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = clean(self.name)
        self.short_name = clean(self.short_name)
        self.sort_key = text_sort_key(self.name)
        super().save(*args, **kwargs)

    @property
    def display_name(self):
        return self.short_name or self.name


class Cluster(TimeStampedModel):
    """An emulation cluster (cụm thi đua): units of a province that compare themselves with one another."""

    province = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="clusters", verbose_name=_("provincial procuracy")
    )
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name = _("emulation cluster")
        verbose_name_plural = _("emulation clusters")
        constraints = [models.UniqueConstraint(fields=["province", "name"], name="cluster_unique_name")]

    def __str__(self):
        return self.name


class StaffQuerySet(ScopedQuerySet):
    # The staff of the units the user may see.
    scope = unit_rows("unit")

    def active(self):
        return self.filter(is_active=True)

    def search(self, query: str):
        """Accent-free, case-free search on the name: "nguyen van an" finds "Nguyễn Văn An"."""
        key = search_key(query)
        return self.filter(search_key__contains=key) if key else self

    def roster_order(self):
        return self.order_by("sort_key", "id")

    def incomplete(self):
        """Records lacking what the plan asks units to keep in the software (II.2.3): date of birth, position,
        rank, date of joining the procuracy. Scoring and the unit's dashboard count the same."""
        return self.filter(
            Q(date_of_birth__isnull=True) | Q(position="") | Q(rank="") | Q(joined_procuracy_on__isnull=True)
        )


class Staff(TimeStampedModel):
    full_name = models.CharField(_("full name"), max_length=150)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    position = models.CharField(_("position"), max_length=150, blank=True, help_text=_("e.g. Phó Trưởng phòng"))
    rank = models.CharField(_("rank"), max_length=150, blank=True, help_text=_("e.g. Kiểm sát viên sơ cấp"))
    # Plan II.2.9: awards should go to people working directly, not only to leaders; the year-end review counts
    # the share. Set from the position by the roster import and the staff form; editable where the title misleads.
    is_leader = models.BooleanField(
        _("holds a leading position"),
        default=False,
        help_text=_("Head or deputy head of a unit or department (Viện trưởng, Phó Viện trưởng, Trưởng phòng…)."),
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="staff", verbose_name=_("unit"))
    joined_procuracy_on = models.DateField(_("joined the procuracy on"), null=True, blank=True)
    started_service_on = models.DateField(
        _("started public service on"),
        null=True,
        blank=True,
        help_text=_("For the long-service medal; empty if the same as joining the procuracy."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    # The day the person left the unit's roster (retired, moved to another agency); they stay in the history.
    left_on = models.DateField(_("left on"), null=True, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    sort_key = models.CharField(max_length=600, editable=False, default="", db_index=True)
    search_key = models.CharField(max_length=150, editable=False, default="", db_index=True)

    objects = StaffQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key", "id"]
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")
        indexes = [models.Index(fields=["unit", "is_active", "sort_key"], name="staff_unit_roster_idx")]
        constraints = [
            models.CheckConstraint(condition=~Q(full_name=""), name="staff_name_not_empty"),
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.full_name = clean(self.full_name)
        self.sort_key = name_sort_key(self.full_name)
        self.search_key = search_key(self.full_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "full_name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "sort_key", "search_key"}
        super().save(*args, **kwargs)


class User(AbstractUser):
    """A person who signs in. Officers are bound to one unit; the secretariat and council to a province."""

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.OFFICER)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="officers",
        verbose_name=_("unit"),
        help_text=_("Required for unit officers: the only unit whose data they see and change."),
    )
    province = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="province_users",
        verbose_name=_("provincial procuracy"),
        help_text=_("The province whose work this user takes part in. Set from the unit for officers."),
    )
    staff = models.OneToOneField(
        Staff,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="user",
        verbose_name=_("staff record"),
    )

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role=Role.OFFICER) | Q(unit__isnull=False),
                name="user_officer_has_unit",
            ),
        ]

    def save(self, *args, **kwargs):
        if self.unit_id and self.role == Role.OFFICER:
            self.province_id = Unit.objects.filter(pk=self.unit_id).values_list("province_id", flat=True).first()
        super().save(*args, **kwargs)

    @property
    def is_officer(self):
        return self.role == Role.OFFICER

    @property
    def is_secretariat(self):
        return self.role == Role.SECRETARIAT or self.is_admin

    @property
    def is_council_member(self):
        return self.role == Role.COUNCIL_MEMBER

    @property
    def is_admin(self):
        return self.is_superuser or self.role == Role.ADMIN

    @property
    def display_name(self):
        return self.get_full_name() or self.username


class AuditEntry(models.Model):
    """Who changed what, when, from which state to which, and why. Written by services, never edited."""

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    action = models.CharField(_("action"), max_length=60)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("kind of record")
    )
    object_id = models.PositiveBigIntegerField(verbose_name=_("record number"))
    target = GenericForeignKey("content_type", "object_id")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("unit")
    )
    from_state = models.CharField(_("from"), max_length=40, blank=True)
    to_state = models.CharField(_("to"), max_length=40, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [models.Index(fields=["content_type", "object_id"], name="audit_target_idx")]

    def __str__(self):
        return f"{timezone.localtime(self.created_at):%H:%M %d/%m/%Y} {self.action_label}"

    @property
    def action_label(self) -> str:
        """The action in words, the predicate of a history's sentence (``units.audit_actions``)."""
        return action_label(self.action)

    def _state_label(self, value: str) -> str:
        model = self.content_type.model_class() if value else None
        try:
            field = model._meta.get_field("state") if model is not None else None
        except FieldDoesNotExist:
            field = None
        return str(dict(field.flatchoices).get(value, value)) if field is not None else value

    @property
    def from_state_label(self) -> str:
        return self._state_label(self.from_state)

    @property
    def to_state_label(self) -> str:
        return self._state_label(self.to_state)


class Notification(models.Model):
    """A notice to one user in the application (the bell in the menu), recorded with the e-mail it goes with: what
    happened, in a sentence, and the page where it can be seen. ``key`` makes it recorded once, like the outbox."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("user")
    )
    key = models.CharField(_("key"), max_length=200, unique=True)
    text = models.CharField(_("text"), max_length=500)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread_idx")]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self):
        return self.text


class OutboxMessage(models.Model):
    """An e-mail recorded before it is sent, then claimed by one worker and sent once.

    ``key`` names what the message is about (e.g. one reminder); its uniqueness is what keeps a job that runs twice,
    or on two workers, from sending twice. The text is rendered when the message is recorded.
    """

    key = models.CharField(_("key"), max_length=200, unique=True)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="outbox_messages", verbose_name=_("unit")
    )
    recipients = models.JSONField(_("recipients"), default=list)
    subject = models.CharField(_("subject"), max_length=255)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    state = models.CharField(_("state"), max_length=20, choices=OutboxState.choices, default=OutboxState.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # A message about a moment ("còn 1 ngày") is not sent after it: it is cancelled with a log line instead.
    expires_at = models.DateTimeField(_("not to be sent after"), null=True, blank=True)

    # Claimed and moved only by conditional updates (``units.outbox``, through ``transition_where``).
    TRANSITIONS = {
        (OutboxState.PENDING, OutboxState.SENDING),  # a worker claims it
        (OutboxState.PENDING, OutboxState.CANCELLED),  # its moment passed, or what it was about is settled
        (OutboxState.SENDING, OutboxState.SENT),
        (OutboxState.SENDING, OutboxState.PENDING),  # the send failed: tried again later
        (OutboxState.SENDING, OutboxState.FAILED),  # no recipient, the last attempt failed, or a stale claim
        # A send that finishes after the flush gave its claim up as stale: what happened is recorded.
        (OutboxState.FAILED, OutboxState.SENT),
        (OutboxState.FAILED, OutboxState.PENDING),  # queued again by the secretariat, or a late send failed
        (OutboxState.FAILED, OutboxState.FAILED),
    }
    AUDIT_NAME = "outbox"

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [models.Index(fields=["state", "created_at"], name="outbox_state_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state=OutboxState.SENT) | Q(sent_at__isnull=False), name="outbox_sent_has_time"
            ),
        ]

    def __str__(self):
        return self.subject


class ServiceHeartbeat(models.Model):
    """When a background service last showed it was alive (the beat's tick, a worker running it), for the health
    page; kept in the database so that the page answers when Redis does not."""

    name = models.CharField(_("service"), max_length=50, unique=True)
    at = models.DateTimeField(_("last seen at"))
    detail = models.CharField(_("detail"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("service heartbeat")
        verbose_name_plural = _("service heartbeats")

    def __str__(self):
        return f"{self.name} {self.at:%d/%m/%Y %H:%M:%S}"


def attachment_path(attachment, filename):
    # A random name on disk: the original name is kept in the row, never trusted as a path.
    return f"attachments/{attachment.uploaded_at:%Y/%m}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class Attachment(models.Model):
    """A file attached to a record (a movement, a report, a pledge, a conduct record…).

    Stored under ``MEDIA_ROOT`` (never served directly) and downloaded only through a view that checks the user may
    see the record it belongs to.
    """

    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("kind of record")
    )
    object_id = models.PositiveBigIntegerField(verbose_name=_("record number"))
    owner = GenericForeignKey("content_type", "object_id")
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    mime_type = models.CharField(_("type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    # What the file is for on its record when a record holds files of several kinds ("achievement-report").
    purpose = models.CharField(_("purpose"), max_length=40, blank=True)
    # The check of a signed PDF on upload (units.signatures): signer, time, intact, trusted, checked at.
    verification = models.JSONField(_("signature check"), default=dict, blank=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        indexes = [models.Index(fields=["content_type", "object_id"], name="attachment_owner_idx")]

    def __str__(self):
        return self.original_name


class ImportBatchQuerySet(ScopedQuerySet):
    # An officer sees their unit's imports; the secretariat its province's; council members none.
    scope = Scope(officer="unit", secretariat="province")


class ImportBatch(TimeStampedModel):
    """An uploaded .xlsx, checked row by row and kept until it is imported in one transaction.

    ``rows`` holds the values read and what importing each row will do; ``problems`` every bad cell (line, column,
    message). A batch with problems is never imported. The uploaded file is kept as an attachment of the batch.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=ImportKind.choices)
    state = models.CharField(_("state"), max_length=20, choices=ImportState.choices, default=ImportState.CHECKED)
    province = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("province"))
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("unit")
    )
    file_name = models.CharField(_("file name"), max_length=255)
    rows = models.JSONField(_("rows"), default=list)
    problems = models.JSONField(_("problems"), default=list)
    summary = models.JSONField(_("result"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("imported by")
    )
    applied_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    TRANSITIONS = {(ImportState.CHECKED, ImportState.APPLIED)}
    AUDIT_NAME = "import"

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.file_name}"

    @property
    def is_importable(self) -> bool:
        return self.state == ImportState.CHECKED and not self.problems


class ArticleQuerySet(ScopedQuerySet):
    # A unit's news items and articles: its officer, its province's secretariat and council members.
    scope = unit_rows("unit")


class Article(TimeStampedModel):
    """A news item or an article written by a unit's people (plan II.2.7: "Lãnh đạo các đơn vị phải tiên phong
    trong việc viết các tin, bài nghiên cứu pháp luật, tuyên truyền về Ngành"). The authors are staff of the unit;
    those who hold a leading position (``Staff.is_leader``) make the unit's score (``AutoSource.LEADERS_ARTICLES``).
    The scan or the printed page is an attachment (``units.attachments``)."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="articles", verbose_name=_("unit"))
    kind = models.CharField(_("kind"), max_length=20, choices=ArticleKind.choices, default=ArticleKind.ARTICLE)
    title = models.CharField(_("title"), max_length=500)
    authors = models.ManyToManyField(Staff, related_name="articles", verbose_name=_("authors"))
    outlet = models.CharField(_("published in"), max_length=20, choices=ArticleOutlet.choices)
    outlet_name = models.CharField(
        _("name of the outlet"),
        max_length=255,
        blank=True,
        help_text=_("e.g. Tạp chí Kiểm sát số 12/2018, Báo Thái Bình"),
    )
    published_on = models.DateField(_("published on"))
    link = models.URLField(_("link"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-id"]
        verbose_name = _("news item or article")
        verbose_name_plural = _("news items and articles")
        indexes = [models.Index(fields=["unit", "published_on"], name="article_unit_date_idx")]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="article_title_not_empty"),
            models.CheckConstraint(
                condition=~Q(outlet=ArticleOutlet.OTHER) | ~Q(outlet_name=""), name="article_other_outlet_named"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.title = clean(self.title)
        self.outlet_name = clean(self.outlet_name)
        super().save(*args, **kwargs)

    @property
    def outlet_text(self) -> str:
        """Where it appeared, in words: "Tạp chí (Tạp chí Kiểm sát số 12/2018)"; for "other", the name given."""
        label = str(self.get_outlet_display())
        if not self.outlet_name:
            return label
        return self.outlet_name if self.outlet == ArticleOutlet.OTHER else f"{label} ({self.outlet_name})"
