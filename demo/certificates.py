"""The demo's certificates (issue 16): a layout for each kind of certificate its issued decisions print, the
text moved 2 mm right and 1,5 mm up to meet Thái Bình's pre-printed paper in its printer, and the register
numbers of every issued decision's awards, given in order as "In tất cả" gives them. Safe to run again."""

from awards.enums import DecisionState, PaperSize
from awards.models import CertificateLayout, Decision
from awards.services.certificates import (
    PRINTED_KINDS,
    certificate_kind,
    certificate_layout_save,
    certificate_records,
    register_numbers_assign,
)
from units.enums import Role
from units.models import User


def seed_certificates(province):
    secretariat = User.objects.filter(role=Role.SECRETARIAT, province=province).first()
    decisions = Decision.objects.filter(province=province, kind__in=PRINTED_KINDS, state=DecisionState.ISSUED).order_by(
        "issued_on", "pk"
    )
    for decision in decisions:
        for kind in {certificate_kind(record.title) for record in certificate_records(decision)}:
            if not CertificateLayout.objects.filter(province=province, kind=kind).exists():
                certificate_layout_save(
                    province=province,
                    kind=kind,
                    actor=secretariat,
                    paper=PaperSize.A4,
                    offset_x_mm="2",
                    offset_y_mm="-1.5",
                )
        register_numbers_assign(decision, secretariat)
