"""Who may review a unit's score: its cluster head (an officer of the unit heading the cluster that year, never
its own score) and the province's secretariat, who also approves."""

from movements.models import ClusterYear, UnitScore
from units.models import Unit


def is_scoring_secretariat(actor, score: UnitScore) -> bool:
    """The secretariat of the score's province (or an administrator)."""
    return bool(actor.is_secretariat and (actor.is_admin or actor.province_id == score.unit.province_id))


def cluster_head_of(score: UnitScore) -> Unit | None:
    if score.unit.cluster_id is None:
        return None
    year = ClusterYear.objects.filter(cluster_id=score.unit.cluster_id, year_plan=score.sheet.year_plan).first()
    return year.head_unit if year else None


def can_cluster_review(actor, score: UnitScore) -> bool:
    if is_scoring_secretariat(actor, score):
        return True
    head = cluster_head_of(score)
    return bool(actor.is_officer and head and head.pk == actor.unit_id and head.pk != score.unit_id)
