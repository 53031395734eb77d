"""The working calendar the boards share: weeks start on Monday, work days are Monday to
Friday, and the leader plans the coming week from Thursday. Pure: dates in, dates out."""

from __future__ import annotations

import datetime as dt

WORK_DAYS_PER_WEEK = 5
PLAN_NEXT_WEEK_FROM = 3  # Thursday (Monday is 0): the week plan is made Thursday, published Friday


def week_start(day: dt.date) -> dt.date:
    """The Monday of ``day``'s ISO week."""
    return day - dt.timedelta(days=day.weekday())


def work_days(day: dt.date) -> tuple[dt.date, ...]:
    """Monday to Friday of ``day``'s ISO week."""
    monday = week_start(day)
    return tuple(monday + dt.timedelta(days=i) for i in range(WORK_DAYS_PER_WEEK))


def is_work_day(day: dt.date) -> bool:
    return day.weekday() < WORK_DAYS_PER_WEEK


def previous_work_day(day: dt.date) -> dt.date:
    """The work day before ``day`` (Friday for a Monday or a weekend day)."""
    previous = day - dt.timedelta(days=1)
    while not is_work_day(previous):
        previous -= dt.timedelta(days=1)
    return previous


def next_work_day(day: dt.date) -> dt.date:
    """The work day after ``day`` (Monday for a Friday or a weekend day)."""
    following = day + dt.timedelta(days=1)
    while not is_work_day(following):
        following += dt.timedelta(days=1)
    return following


def board_day(day: dt.date) -> dt.date:
    """The day a board shows on ``day``: itself on a work day, the coming Monday on a weekend
    (the team's next meeting), never a Saturday or Sunday with nothing due."""
    return day if is_work_day(day) else next_work_day(day)


def planning_week(today: dt.date) -> dt.date:
    """The Monday of the week the leader is planning: this week until Wednesday, the coming
    week from Thursday (and over the weekend)."""
    monday = week_start(today)
    return monday + dt.timedelta(weeks=1) if today.weekday() >= PLAN_NEXT_WEEK_FROM else monday
