"""What the dossier of a forwarding submission must hold (domain-rules.md §6.1, §6.6), and the reading of a built
dossier (docs/dossier-format.md).

The 2013 regime (NĐ 91/2017 Art. 49–50, as amended by NĐ 122/2018 Art. 21(2)) and the 2022 law (Art. 84(1)) ask
for the same items: the submission (tờ trình) with its list, the council's minutes with the vote, each candidate's
achievement report, the certification of the initiatives for the titles that need one; the public consultation's
record for the awards that need one (§3.3). ``RuleSet.dossier_items`` names the kinds a rule set asks for; empty,
``DEFAULT_ITEMS`` applies.

The documents the reports app generates (the submission's PDF, the minutes, the consultation's record) are found
through the providers it registers from its ``ready()`` (``register_provider``): this app sits below it.
"""

import datetime
import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.enums import DecisionKind, DecisionState
from awards.exports import decision_table
from awards.models import AgendaItem, Decision, Initiative, LineInitiative, ProposalLine, RuleSet
from awards.services.consultations import consultation_lines
from units.models import Attachment
from units.text import search_key
from units.xlsx import XLSX, workbook_bytes

FORMAT = "thidua-dossier"
VERSION = 1
ACHIEVEMENT_REPORT = "achievement-report"

# The kinds of documents, in the order of the dossier, with the folder each is stored under in the .zip.
KINDS = {
    "submission": ("01-to-trinh", gettext_lazy("Submission (tờ trình) with its list, PDF")),
    "list": ("02-danh-sach", gettext_lazy("List of the candidates, .xlsx")),
    "minutes": ("03-bien-ban", gettext_lazy("Minutes of the council meeting with the vote")),
    ACHIEVEMENT_REPORT: ("04-bao-cao-thanh-tich", gettext_lazy("Achievement report of each candidate")),
    "initiative": ("05-sang-kien", gettext_lazy("Recognition of the initiatives")),
    "proof": ("06-minh-chung", gettext_lazy("Other proofs attached to the candidates")),
    "consultation": ("07-lay-y-kien", gettext_lazy("Record of the public consultation")),
}
# §6.1 / §6.6: Law 2022 Art. 84(1); NĐ 91/2017 Art. 49–50. Proofs go in when attached; none is required.
DEFAULT_ITEMS = ["submission", "list", "minutes", ACHIEVEMENT_REPORT, "initiative", "proof", "consultation"]
OPTIONAL = {"proof"}


@dataclass
class Source:
    """One file the dossier holds: its kind, its name in its folder, what it is about, how to read it."""

    kind: str
    name: str
    media_type: str
    read: Callable[[], bytes]
    ref: str  # what it is made from ("attachment:12", "report:5", "list"), for the fingerprint
    sha256: str = ""  # the source's own checksum when it is stored; empty for a file made at build time
    subject: dict | None = None
    signed: dict | None = None
    meeting: int | None = None  # the minutes' meeting


@dataclass
class Problem:
    text: str
    url: str = ""


@dataclass
class Item:
    kind: str
    label: str
    folder: str
    sources: list[Source] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    applies: bool = True

    @property
    def ok(self) -> bool:
        return not self.problems


# Providers of generated documents: ``provider(decision, meeting_ids) -> list[Source]`` (kinds "submission",
# "minutes", "consultation"), registered by the reports app.
_PROVIDERS: list[Callable] = []


def register_provider(provider: Callable) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def dossier_items(rule_set: RuleSet | None) -> list[str]:
    """The kinds the rule set asks for, in the dossier's order (``RuleSet.dossier_items``, else the default)."""
    asked = [kind for kind in (rule_set.dossier_items if rule_set else None) or DEFAULT_ITEMS if kind in KINDS]
    return [kind for kind in KINDS if kind in asked]


def subject_of(line: ProposalLine) -> dict:
    unit = line.proposal.unit
    if line.staff_id:
        return {"type": "person", "staff_id": line.staff_id, "name": line.staff.full_name, "unit": unit.name}
    return {"type": "unit", "unit_id": unit.pk, "name": unit.name}


def ascii_name(value: str, limit: int = 60) -> str:
    return slugify(search_key(value))[:limit].strip("-") or "tep"


def _extension(name: str) -> str:
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return ext if ext.isalnum() and len(ext) <= 5 else "bin"


def _attachment_source(kind: str, attachment: Attachment, prefix: str, subject: dict | None) -> Source:
    def read(file=attachment.file):
        with file.open("rb") as handle:
            return handle.read()

    base = attachment.original_name.rsplit(".", 1)[0]
    signed = None
    verification = attachment.verification or {}
    if verification.get("signer"):
        signed = {"signer": verification.get("signer"), "signed_at": verification.get("signed_at", "")}
    return Source(
        kind=kind,
        name=f"{prefix}-{attachment.pk}-{ascii_name(base, 40)}.{_extension(attachment.original_name)}",
        media_type=attachment.mime_type,
        read=read,
        ref=f"attachment:{attachment.pk}",
        sha256=attachment.sha256,
        subject=subject,
        signed=signed,
    )


def decision_lines_of(decision: Decision) -> list[ProposalLine]:
    return list(
        ProposalLine.objects.filter(decision_lines__decision=decision)
        .select_related("proposal__unit", "staff", "title")
        .order_by("title__category", "-title__display_order", "proposal__unit__display_order", "staff__sort_key")
    )


def _date(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _line_url(line) -> str:
    return reverse("awards:line_detail", kwargs={"pk": line.pk})


def dossier_checklist(decision: Decision, lines: list[ProposalLine] | None = None) -> list[Item]:
    """Every kind of document the dossier must hold, with the files found and what is missing (each with the page
    where it is fixed). A fixed number of queries whatever the number of candidates."""
    rule_set = RuleSet.objects.for_year(decision.year_plan.year)
    kinds = dossier_items(rule_set)
    lines = decision_lines_of(decision) if lines is None else lines
    rules = {rule.title_id: rule for rule in rule_set.title_rules.all()} if rule_set else {}
    decision_url = reverse("awards:decision_detail", kwargs={"pk": decision.pk}) + "#dossier"
    items = {kind: Item(kind, str(KINDS[kind][1]), KINDS[kind][0]) for kind in kinds}
    line_ids = [line.pk for line in lines]

    agenda = {item.line_id: item for item in AgendaItem.objects.filter(line_id__in=line_ids).select_related("meeting")}
    meetings = {item.meeting_id: item.meeting for item in agenda.values()}
    generated = [source for provider in _PROVIDERS for source in provider(decision, sorted(meetings))]

    if "submission" in items:
        item = items["submission"]
        if decision.kind != DecisionKind.FORWARDING:
            item.problems.append(Problem(_("This is not a forwarding submission.")))
        elif decision.state != DecisionState.ISSUED:
            item.problems.append(Problem(_("The submission has not been issued yet (number and date)."), decision_url))
        item.sources = [s for s in generated if s.kind == "submission"]
        if not item.sources and decision.state == DecisionState.ISSUED:
            # The provider gives only a PDF generated after the submission was issued (with its number).
            item.problems.append(
                Problem(_("The PDF of the issued submission and its list has not been generated."), decision_url)
            )

    if "list" in items:
        header, rows = decision_table(decision, lines)
        digest = hashlib.sha256(json.dumps([header, rows], default=str, ensure_ascii=False).encode()).hexdigest()
        number = ascii_name(decision.number or str(decision.pk), 30)
        items["list"].sources = [
            Source(
                kind="list",
                name=f"danh-sach-{number}.xlsx",
                media_type=XLSX,
                read=lambda: workbook_bytes(_("List"), header, rows),
                ref=f"list:{digest}",
            )
        ]
        if not lines:
            items["list"].problems.append(Problem(_("The submission lists no candidate."), decision_url))

    if "minutes" in items:
        item = items["minutes"]
        for line in lines:
            if line.pk not in agenda:
                item.problems.append(
                    Problem(
                        _("%(subject)s (%(title)s) was not voted on by the council.")
                        % {"subject": line.subject_name, "title": line.title.name},
                        _line_url(line),
                    )
                )
        found = {s.meeting: s for s in generated if s.kind == "minutes"}
        for meeting_id, meeting in sorted(meetings.items(), key=lambda pair: pair[1].held_at):
            if meeting_id in found:
                item.sources.append(found[meeting_id])
            else:
                item.problems.append(
                    Problem(
                        _("The minutes of the council meeting of %(date)s have not been generated.")
                        % {"date": _date(meeting.held_at.date())},
                        reverse("awards:meeting_detail", kwargs={"pk": meeting_id}),
                    )
                )

    line_type = ContentType.objects.get_for_model(ProposalLine)
    files_of_lines: dict[int, list[Attachment]] = {}
    if ACHIEVEMENT_REPORT in items or "proof" in items:
        for attachment in Attachment.objects.filter(content_type=line_type, object_id__in=line_ids):
            files_of_lines.setdefault(attachment.object_id, []).append(attachment)
    for line in lines:
        prefix = f"{line.pk:05d}-{ascii_name(line.subject_name, 40)}"
        subject = subject_of(line)
        files = files_of_lines.get(line.pk, [])
        reports = [a for a in files if a.purpose == ACHIEVEMENT_REPORT]
        if ACHIEVEMENT_REPORT in items:
            items[ACHIEVEMENT_REPORT].sources += [
                _attachment_source(ACHIEVEMENT_REPORT, a, prefix, subject) for a in reports
            ]
            if not reports:
                items[ACHIEVEMENT_REPORT].problems.append(
                    Problem(
                        _("The achievement report of %(subject)s (%(title)s) is missing.")
                        % {"subject": line.subject_name, "title": line.title.name},
                        _line_url(line),
                    )
                )
        if "proof" in items:
            items["proof"].sources += [
                _attachment_source("proof", a, prefix, subject) for a in files if a.purpose != ACHIEVEMENT_REPORT
            ]

    if "initiative" in items:
        item = items["initiative"]
        needing = [line for line in lines if rules.get(line.title_id) and rules[line.title_id].initiative_level]
        item.applies = bool(needing)
        links = {}
        for link in LineInitiative.objects.filter(line__in=needing, released=False).select_related("initiative"):
            links.setdefault(link.line_id, []).append(link.initiative)
        initiative_ids = {i.pk for found in links.values() for i in found}
        files_of_initiatives: dict[int, list[Attachment]] = {}
        for attachment in Attachment.objects.filter(
            content_type=ContentType.objects.get_for_model(Initiative), object_id__in=initiative_ids
        ):
            files_of_initiatives.setdefault(attachment.object_id, []).append(attachment)
        seen = set()
        for line in needing:
            values = {"subject": line.subject_name, "title": line.title.name}
            if not links.get(line.pk):
                item.problems.append(
                    Problem(
                        _("No initiative is attached to the proposal of %(subject)s (%(title)s).") % values,
                        _line_url(line),
                    )
                )
            for initiative in links.get(line.pk, []):
                files = files_of_initiatives.get(initiative.pk, [])
                url = reverse("awards:initiative_detail", kwargs={"pk": initiative.pk})
                if not files:
                    item.problems.append(
                        Problem(
                            _("The recognition of the initiative “%(initiative)s” of %(subject)s is missing.")
                            % {"initiative": initiative.title, "subject": line.subject_name},
                            url,
                        )
                    )
                if initiative.pk in seen:
                    continue
                seen.add(initiative.pk)
                prefix = f"{initiative.pk:05d}-{ascii_name(initiative.title, 40)}"
                subject = {
                    **subject_of(line),
                    "initiative": {
                        "id": initiative.pk,
                        "title": initiative.title,
                        "level": initiative.recognition_level,
                        "decision_number": initiative.decision_number,
                        "decision_date": initiative.decision_date.isoformat() if initiative.decision_date else None,
                    },
                }
                item.sources += [_attachment_source("initiative", a, prefix, subject) for a in files]

    if "consultation" in items:
        item = items["consultation"]
        item.applies = bool(consultation_lines(decision))
        if item.applies:
            item.sources = [s for s in generated if s.kind == "consultation"]
            if not item.sources:
                item.problems.append(
                    Problem(_("The record of the public consultation has not been generated."), decision_url)
                )
    return [item for item in items.values() if item.applies or item.kind in OPTIONAL or item.sources]


def dossier_check(decision: Decision) -> list[str]:
    """What the dossier still lacks, in Vietnamese sentences ("Thiếu báo cáo thành tích của Nguyễn Văn A (Chiến sĩ
    thi đua ngành)."); empty when it is complete."""
    return [problem.text for item in dossier_checklist(decision) for problem in item.problems]


def fingerprint(items: list[Item], lines: list[ProposalLine]) -> str:
    """What the dossier is made of (each source and its checksum, the lines): a built dossier whose fingerprint is
    no longer the current one is out of date."""
    parts = sorted((s.kind, s.ref, s.sha256) for item in items for s in item.sources)
    raw = json.dumps({"sources": parts, "lines": sorted(line.pk for line in lines)})
    return hashlib.sha256(raw.encode()).hexdigest()


def verify(data: bytes) -> tuple[dict, list[str]]:
    """Read a dossier .zip: its manifest and what does not match it (a file missing, added, or whose size or
    SHA-256 differs). What the upper level's program does (docs/dossier-format.md)."""
    problems = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        names = set(archive.namelist()) - {"manifest.json"}
        for document in manifest.get("documents", []):
            path = document["path"]
            if path not in names:
                problems.append(f"missing: {path}")
                continue
            names.discard(path)
            content = archive.read(path)
            if len(content) != document["size"] or hashlib.sha256(content).hexdigest() != document["sha256"]:
                problems.append(f"changed: {path}")
        problems += [f"not in the manifest: {name}" for name in sorted(names)]
    return manifest, problems


def iso(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.isoformat(timespec="seconds")
    return value.isoformat()
