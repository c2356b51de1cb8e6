"""Partial dates: a report that gives only 'May 2022' is recorded as `2022-05`.

A `MonthDate` is a date (the first of its month) so it sorts and compares like any
other, but it prints as the month it is and knows the month's last day for checks.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator

_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
# Dates an inspection may have: a year of 9999 or 0001 is a slip, and the site's
# sitemap cannot even record a date after 2106.
EARLIEST, LATEST = dt.date(2000, 1, 1), dt.date(2099, 12, 31)


def in_range(value: dt.date) -> dt.date:
    if not EARLIEST <= value <= LATEST:
        raise ValueError(f"expected a date from {EARLIEST} to {LATEST}; got {value.isoformat()}")
    return value


class MonthDate(dt.date):
    """A month without a day: 'May 2022'."""

    def isoformat(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def last_day(self) -> dt.date:
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])


def _year_month(value: object) -> object:
    """A month, or a calendar date; never a number, which pydantic would read as seconds
    since 1970, nor a date and time."""
    if isinstance(value, str) and (match := _YEAR_MONTH.match(value)):
        year, month = int(match[1]), int(match[2])
        if not 1 <= month <= 12:
            raise ValueError(f"month {month} in {value!r} is not 01 to 12")
        return MonthDate(year, month, 1)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return value.strip()
    shown = f"'{value}' (a date and time)" if isinstance(value, dt.datetime) else repr(value)
    raise ValueError(
        "expected a date written as YYYY-MM-DD, such as 2022-02-15, or a month as YYYY-MM; "
        f"got {shown}"
    )


# A full date (2022-05-17) or, where the report gives no day, a month (2022-05).
DateOrMonth = Annotated[dt.date, BeforeValidator(_year_month), AfterValidator(in_range)]


def latest(value: dt.date) -> dt.date:
    """The latest day a date or month can mean: for checks of order."""
    return value.last_day if isinstance(value, MonthDate) else value


def long_date(value: dt.date) -> str:
    """'8 December 2020', or 'May 2022' for a month."""
    if isinstance(value, MonthDate):
        return f"{value:%B %Y}"
    return f"{value.day} {value:%B %Y}"
