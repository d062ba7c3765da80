"""The awards app's models, one module per part of the cycle."""

from awards.models.council import AgendaItem, CouncilMeeting, MeetingMember
from awards.models.decisions import AwardRecord, Decision, DecisionLine
from awards.models.dossiers import CertificateLayout, Consultation, ConsultationComment, Dossier
from awards.models.inspections import Finding, Inspection, InspectionPlan
from awards.models.proposals import ClusterEndorsement, LineInitiative, Proposal, ProposalLine, Verdict
from awards.models.records import ConductRecord, Initiative
from awards.models.rules import PlanCap, RuleSet, TitleRule

__all__ = [
    "Dossier",
    "ConsultationComment",
    "Consultation",
    "CertificateLayout",
    "AgendaItem",
    "AwardRecord",
    "ClusterEndorsement",
    "ConductRecord",
    "CouncilMeeting",
    "Decision",
    "DecisionLine",
    "Finding",
    "Initiative",
    "Inspection",
    "InspectionPlan",
    "LineInitiative",
    "MeetingMember",
    "PlanCap",
    "Proposal",
    "ProposalLine",
    "RuleSet",
    "TitleRule",
    "Verdict",
]
