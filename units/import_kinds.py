"""The kinds of Excel import, each registered by the app that owns its rows.

``units`` knows how an import is uploaded, checked, shown and confirmed (``units.imports``, ``units.views_imports``),
but not what a kind writes: the staff roster registers itself here from ``units.apps``, the past awards from
``awards.apps``. A new kind (inspections, say) registers in its own app's ``ready()`` and ``units`` does not change.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import Http404

from units.enums import Role


@dataclass(frozen=True)
class ImportKindSpec:
    kind: str
    filename: str  # of the template to fill in
    sheet: str  # the template's sheet title
    columns: list
    notes: list
    # apply(batch=..., actor=..., data=request.POST) -> ImportBatch; writes the rows of a checked batch
    apply: Callable
    result_text: Callable  # batch -> the sentence shown after confirming
    upload_url: str  # URL names
    done_url: str
    roles: tuple = (Role.OFFICER, Role.SECRETARIAT)  # who may download the template and see a batch
    options: dict = field(default_factory=dict)


_KINDS: dict[str, ImportKindSpec] = {}


def register(spec: ImportKindSpec) -> None:
    _KINDS[str(spec.kind)] = spec


def kind_spec(kind: str) -> ImportKindSpec:
    spec = _KINDS.get(str(kind))
    if spec is None:
        raise Http404
    return spec


def kinds() -> dict[str, ImportKindSpec]:
    return dict(_KINDS)
