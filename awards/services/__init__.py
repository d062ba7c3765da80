"""Every write in the awards app, one module per part of the cycle."""

from awards.services.records import (
    CONDUCT_FIELDS,
    INITIATIVE_FIELDS,
    conduct_record_create,
    conduct_record_delete,
    conduct_record_update,
    initiative_create,
    initiative_update,
)

__all__ = [
    "CONDUCT_FIELDS",
    "INITIATIVE_FIELDS",
    "conduct_record_create",
    "conduct_record_delete",
    "conduct_record_update",
    "initiative_create",
    "initiative_update",
]
