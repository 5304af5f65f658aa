"""``studyapp stats [--deck NAME] [--days N] [--json]``: the collection's figures as text or JSON."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from studyapp.cli.common import print_json, services
from studyapp.domain.errors import UserInputError
from studyapp.domain.wording import plural, study_time

if TYPE_CHECKING:  # the services (and SQLAlchemy) load only when a command runs
    from studyapp.services.stats import StatsSummary

NAME = "stats"
BAR_WIDTH = 40


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        NAME,
        help="show review statistics: reviews per day, retention, forecast, card states",
        description="Print statistics for the whole collection or one deck (with its subdecks). "
        "Days are study days, which start at the rollover hour (4 a.m. by default).",
    )
    parser.add_argument("--deck", metavar="NAME", help="only this deck and its subdecks")
    parser.add_argument("--days", type=int, default=30, metavar="N", help="days of review history (default 30)")
    parser.add_argument("--json", action="store_true", help="print JSON with every series")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not 1 <= args.days <= 3650:
        raise UserInputError("--days must be between 1 and 3650.")
    with services(args, readonly=True) as app:
        summary = app.stats.summary(args.deck, days=args.days)
    if args.json:
        print_json(summary.to_json())
    else:
        print(report(summary))
    return 0


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def _bar(value: int, largest: int) -> str:
    return "█" * round(BAR_WIDTH * value / largest) if largest else ""


def report(summary: StatsSummary) -> str:
    """A plain-text report that fits an 80-column terminal."""
    lines = [f"Statistics for {f'deck {summary.deck!r}' if summary.deck else 'the whole collection'}"]
    lines.append(f"Study day {summary.today.isoformat()}")
    totals = summary.totals
    lines.append(
        f"Cards: {totals.cards}   Today: {plural(totals.reviews_today, 'review')} in {study_time(totals.seconds_today)}"
    )
    s = summary.states
    lines += [
        "",
        "Card states",
        f"  new {s.new}   learning {s.learning}   review {s.review}   relearning {s.relearning}"
        f"   suspended {s.suspended}   buried {s.buried}",
        "",
        "True retention (answers to cards in review; mature = interval ≥ 21 days)",
        f"  {'period':<8} {'young':>8} {'mature':>8} {'total':>8} {'answers':>8}",
    ]
    for ret in summary.retention:
        answers = ret.young_passed + ret.young_failed + ret.mature_passed + ret.mature_failed
        rates = " ".join(f"{_percent(rate):>8}" for rate in (ret.young, ret.mature, ret.total))
        lines.append(f"  {ret.period:<8} {rates} {answers:>8}")
    days = len(summary.reviews)
    done = sum(r.total for r in summary.reviews)
    lines += ["", f"Reviews, last {days} days: {done} ({done / days:.1f} a day)"]
    largest = max((r.total for r in summary.reviews), default=0)
    for row in summary.reviews:
        if row.total:
            detail = f"again {row.again} hard {row.hard} good {row.good} easy {row.easy}"
            lines.append(f"  {row.day.isoformat()} {row.total:>5} {_bar(row.total, largest):<{BAR_WIDTH}} {detail}")
    lines += ["", "Due in the next 30 days (reviews + learning)"]
    largest = max((f.reviews + f.learning for f in summary.forecast), default=0)
    for number, f in enumerate(summary.forecast):
        label = "today" if number == 0 else f"+{number}d"
        count = f.reviews + f.learning
        if count or number == 0:
            lines.append(f"  {label:<6} {f.day.isoformat()} {count:>5} {_bar(count, largest)}")
    lines += ["", "Predicted recall now (review cards)"]
    largest = max((r.cards for r in summary.retrievability), default=0)
    for r in summary.retrievability:
        lines.append(f"  {r.low:>3}-{r.high:<3}% {r.cards:>6} {_bar(r.cards, largest)}")
    active = sum(1 for c in summary.calendar if c.reviews)
    lines += ["", f"Days studied in the last {len(summary.calendar)}: {active}"]
    return "\n".join(line.rstrip() for line in lines)
