"""Numbers written the Vietnamese way, in one place for pages, documents, spreadsheets' labels and messages.

"." groups thousands, "," marks decimals, and a space stands before "%" (glossary: "83,3 %"). Templates use the
filters of ``units/templatetags/numbers.py`` (``{% load numbers %}{{ value|number }}``, ``{{ share|percent:1 }}``).
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def number_text(value, decimals: int | None = None) -> str:
    """``1234.5`` → "1.234,5". With ``decimals`` the number is rounded half up and keeps that many decimals
    ("87,50" for 2); without, trailing zeros go ("15", "12,5"). ``None`` and text that is no number → "" / as is."""
    number = _decimal(value)
    if number is None:
        return "" if value is None else str(value)
    if decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
        text = f"{number:.{decimals}f}"
    else:
        text = f"{number:f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    sign = "-" if text.startswith("-") else ""
    whole, _, fraction = text.lstrip("-").partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + ".".join(groups) + ("," + fraction if fraction else "")


def percent_text(value, decimals: int | None = 1) -> str:
    """``83.333`` → "83,3 %"; ``decimals=None`` drops trailing zeros ("15 %", "87,5 %"). A percentage, not a
    share: pass 83.3 for 83.3 %."""
    if _decimal(value) is None:
        return ""
    text = number_text(value, decimals)
    if decimals and "," in text:
        # "87,50" stays as asked; "87,0" reads "87" when one decimal was asked for, as a person would write it.
        whole, fraction = text.split(",")
        if decimals == 1 and fraction == "0":
            text = whole
    return f"{text} %"


def share_text(part, whole, decimals: int | None = 1) -> str:
    """``part`` of ``whole`` as a percentage ("7 of 9" → "77,8 %"); "" when ``whole`` is 0."""
    if not whole:
        return ""
    return percent_text(Decimal(part) * 100 / Decimal(whole), decimals)
