"""What every layer of the engine shares: a check's result and the way dates and shares are written in it."""

import datetime
from dataclasses import dataclass


@dataclass
class Check:
    code: str
    outcome: str
    message: str

    def as_dict(self):
        return {"code": self.code, "outcome": self.outcome, "message": self.message}


def date_text(day: datetime.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "?"


def percent_text(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")
