"""The dossier of a forwarding submission: asked for (``dossier_build``), assembled by a worker
(``dossier_assemble``, task ``awards.build_dossier``), sent (``dossier_send``). The format of the .zip:
docs/dossier-format.md; what it must hold: ``awards.dossiers``."""

import hashlib
import io
import json
import logging
import zipfile

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awards import dossiers as rules
from awards.enums import DecisionKind, DecisionState, DossierState
from awards.models import AgendaItem, Decision, Dossier, RuleSet
from awards.services.consultations import consultation_problems
from units.models import AuditEntry
from units.services import audit_log
from units.workflow import transition

logger = logging.getLogger(__name__)


def _enqueue(dossier_id: int) -> None:
    from awards.tasks import build_dossier  # here: awards.tasks imports this module

    try:
        build_dossier.delay(dossier_id=dossier_id)
    except Exception:  # noqa: BLE001 - the secretariat can ask again; the page shows the request as waiting
        logger.warning("Could not enqueue the dossier %s", dossier_id, exc_info=True)


@transaction.atomic
def dossier_build(*, decision: Decision, actor) -> Dossier:
    """Ask for the dossier of an issued forwarding submission to be (re)assembled in the background."""
    if decision.kind != DecisionKind.FORWARDING:
        raise ValidationError(_("Only a forwarding submission has a dossier."))
    if decision.state != DecisionState.ISSUED:
        raise ValidationError(_("Issue the submission (number and date) before assembling its dossier."))
    Decision.objects.select_for_update().filter(pk=decision.pk).first()
    dossier = Dossier.objects.filter(decision=decision).first() or Dossier.objects.create(decision=decision)
    if dossier.state == DossierState.SENT:
        raise ValidationError(_("The dossier has been sent and is locked."))
    audit_log(actor=actor, action="dossier.build", target=dossier, unit=decision.province)
    transaction.on_commit(lambda: _enqueue(dossier.pk))
    return dossier


def build_requested_at(dossier: Dossier):
    entry = (
        AuditEntry.objects.filter(
            content_type__app_label="awards",
            content_type__model="dossier",
            object_id=dossier.pk,
            action="dossier.build",
        )
        .order_by("-created_at")
        .first()
    )
    return entry.created_at if entry else None


def _vote(lines) -> dict:
    items = AgendaItem.objects.filter(line__in=lines).select_related("meeting").order_by("meeting__held_at", "position")
    by_line = {line.pk: line for line in lines}
    meetings = {}
    for item in items:
        meeting = item.meeting
        entry = meetings.setdefault(
            meeting.pk,
            {
                "meeting_id": meeting.pk,
                "held_at": rules.iso(timezone.localtime(meeting.held_at)),
                "date": meeting.held_at.date().isoformat(),
                "location": meeting.location,
                "chair": meeting.chair,
                "members_total": meeting.members_total,
                "members_present": meeting.members_present,
                "candidates": [],
            },
        )
        line = by_line[item.line_id]
        entry["candidates"].append(
            {
                "line_id": line.pk,
                "subject": rules.subject_of(line),
                "title": {"code": line.title.code, "name": line.title.name},
                "yes": item.votes_yes,
                "no": item.votes_no,
                "blank": item.votes_blank,
                "written_yes": item.written_yes,
                "written_no": item.written_no,
                "recused": item.recused,
                "vote_base": item.vote_base,
                "vote_base_count": item.vote_base_count,
                "threshold_percent": item.threshold,
                "approval_percent": str(item.approval_percent) if item.approval_percent is not None else None,
                "approved": item.approved,
            }
        )
    return {"meetings": list(meetings.values())}


def dossier_contents(decision: Decision) -> tuple[bytes, dict]:
    """The .zip of the submission's documents and its manifest (reads every file: run it in a worker)."""
    lines = rules.decision_lines_of(decision)
    items = rules.dossier_checklist(decision, lines)
    rule_set = RuleSet.objects.for_year(decision.year_plan.year)
    documents = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        used = set()
        for item in items:
            for source in item.sources:
                content = source.read()
                if source.sha256 and hashlib.sha256(content).hexdigest() != source.sha256:
                    raise ValidationError(
                        _("The stored file %(name)s does not match its checksum.") % {"name": source.name}
                    )
                path = f"{item.folder}/{source.name}"
                while path in used:
                    path = path.replace(".", "-2.", 1) if "." in path else path + "-2"
                used.add(path)
                archive.writestr(path, content)
                documents.append(
                    {
                        "path": path,
                        "kind": source.kind,
                        "subject": source.subject,
                        "sha256": hashlib.sha256(content).hexdigest(),
                        "size": len(content),
                        "media_type": source.media_type,
                        "signed": source.signed,
                    }
                )
        signer = {"title": decision.signer_title, "name": decision.signer_name}
        manifest = {
            "format": rules.FORMAT,
            "version": rules.VERSION,
            "built_at": rules.iso(timezone.localtime()),
            "province": {
                "id": decision.province_id,
                "code": decision.province.code,
                "name": decision.province.name,
            },
            "submission": {
                "id": decision.pk,
                "number": decision.number,
                "date": rules.iso(decision.issued_on),
                "issuer": decision.issuer,
                "subject": decision.subject,
                "signer": signer,
                "year": decision.year_plan.year,
            },
            "rule_set": {
                "code": rule_set.code if rule_set else None,
                "name": rule_set.name if rule_set else None,
                "legal_basis": rule_set.legal_basis if rule_set else None,
                "items": rules.dossier_items(rule_set),
            },
            "candidates": [
                {
                    "line_id": line.pk,
                    "subject": rules.subject_of(line),
                    "title": {"code": line.title.code, "name": line.title.name},
                }
                for line in lines
            ],
            "vote": _vote(lines),
            "complete": not any(item.problems for item in items),
            "missing": [problem.text for item in items for problem in item.problems],
            "fingerprint": rules.fingerprint(items, lines),
            "documents": documents,
        }
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
    return buffer.getvalue(), manifest


def dossier_assemble(dossier: Dossier) -> Dossier | None:
    """Build the .zip and store it with its checksum and manifest; a dossier sent meanwhile is left as it is."""
    decision = Decision.objects.select_related("province", "year_plan").get(pk=dossier.decision_id)
    data, manifest = dossier_contents(decision)
    name = f"ho-so-{rules.ascii_name(decision.number or str(decision.pk), 30)}.zip"
    with transaction.atomic():
        dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
        if dossier.state != DossierState.DRAFT:
            return None
        old = dossier.file.name if dossier.file else ""
        dossier.file.save(name, ContentFile(data), save=False)
        dossier.size = len(data)
        dossier.checksum = hashlib.sha256(data).hexdigest()
        dossier.manifest = manifest
        dossier.built_at = timezone.now()
        dossier.save(update_fields=["file", "size", "checksum", "manifest", "built_at", "updated_at"])
    if old and old != dossier.file.name:
        dossier.file.storage.delete(old)
    return dossier


def dossier_status(dossier: Dossier | None, items, lines) -> dict:
    """Whether the dossier was built, is being built, or is out of date against the current documents."""
    if dossier is None:
        return {"built": False, "building": False, "stale": False}
    requested = build_requested_at(dossier)
    building = (
        dossier.state == DossierState.DRAFT
        and requested is not None
        and (dossier.built_at is None or requested > dossier.built_at)
    )
    built = bool(dossier.file)
    stale = built and dossier.manifest.get("fingerprint") != rules.fingerprint(items, lines)
    return {"built": built, "building": building, "stale": stale}


def send_problems(dossier: Dossier) -> list[str]:
    """What stops the dossier from being sent (empty when it can be)."""
    decision = dossier.decision
    lines = rules.decision_lines_of(decision)
    items = rules.dossier_checklist(decision, lines)
    problems = [problem.text for item in items for problem in item.problems]
    problems += consultation_problems(decision)
    status = dossier_status(dossier, items, lines)
    if dossier.state == DossierState.SENT:
        return [_("The dossier has already been sent.")]
    if not status["built"] or status["building"]:
        problems.append(_("The dossier has not been assembled yet."))
    elif status["stale"] or not dossier.manifest.get("complete"):
        problems.append(_("The documents changed after the dossier was assembled: assemble it again."))
    return problems


@transaction.atomic
def dossier_send(*, dossier: Dossier, actor) -> Dossier:
    """Record that the dossier went to the higher level; refused while anything is missing, the public
    consultation is not finished, or the .zip is not the current one. Locks the dossier."""
    dossier = (
        Dossier.objects.select_for_update()
        .select_related("decision__year_plan", "decision__province")
        .get(pk=dossier.pk)
    )
    problems = send_problems(dossier)
    if problems:
        raise ValidationError(problems)
    with dossier.file.open("rb") as handle:
        if hashlib.sha256(handle.read()).hexdigest() != dossier.checksum:
            raise ValidationError(_("The stored dossier does not match its checksum: assemble it again."))
    transition(
        dossier,
        DossierState.SENT,
        actor=actor,
        unit=dossier.decision.province,
        fields={"sent_at": timezone.now(), "sent_by": actor},
        data={"checksum": dossier.checksum, "size": dossier.size},
    )
    return dossier
