import logging

from celery import shared_task

from awards.models import Dossier
from awards.services.dossiers import dossier_assemble
from awards.services.lines import verdicts_refresh
from units.models import Unit

logger = logging.getLogger(__name__)


@shared_task(name="awards.refresh_verdicts")
def refresh_verdicts(*, province_id: int, year: int):
    """Re-judge every proposal line of a province and year (set-based: about 10 queries whatever the size)."""
    province = Unit.objects.filter(pk=province_id).first()
    if province is None:
        logger.info("Province %s is gone", province_id)
        return 0
    return len(verdicts_refresh(province, year))


@shared_task(name="awards.build_dossier")
def build_dossier(*, dossier_id: int):
    """Assemble a forwarding submission's dossier (.zip and manifest); reads every file of it."""
    dossier = Dossier.objects.filter(pk=dossier_id).first()
    if dossier is None:
        logger.info("Dossier %s is gone", dossier_id)
        return None
    dossier = dossier_assemble(dossier)
    return dossier.checksum if dossier else None
