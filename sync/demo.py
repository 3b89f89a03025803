"""A demo desk: the packaged sample catalogue and about 200 sample requests in every state.

SAMPLE DATA (示例数据). Every enterprise, person, phone number and request recorded here
is invented (see ``sync.sample_text``); the catalogue is the packaged sample. After
seeding, the desk file's meta holds ``"demo": {"sample": true, "seeded_at": ...,
"notice": "示例数据"}`` so the UI can say so.

Seeding drives the real desk API (``record_intake``, ``dispatch``, ``record_contact`` …)
on a clock it moves, recording every step at the moment it happened over the ~30 days
before ``now``, in time order: the outbox fills exactly as a real day's work would fill
it. The mix follows the city's figures: most consultations answered at once from the
knowledge base (some through a three-way call with a unit's on-duty contact), about one
request in eight dispatched; and every state a screen must show is there: just received,
dispatched with contact / interim / close clocks in every colour at ``now`` (green,
amber under 25% left, red overdue), contacted, interim replied, following to the end (one
next-feedback date overdue), resolved awaiting the return visit, closed, reopened after
an unsatisfied visit, supervised, transferred, filed on behalf after a visit.

Deterministic: the same ``seed`` and ``now`` give the same requests (ids aside).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from core.catalogue import Catalogue, load_catalogue
from core.deadlines import Light
from sync import meta
from sync.demo_plans import (
    DEMO_ACCOUNTS,
    DEMO_CLERK,
    DEMO_STATION,
    DEMO_SUPERVISOR,
    DemoTime,
    Plan,
    Planner,
    prepare_catalogue,
)
from sync.desk import Desk, system_clock

META_KEY = "demo"
NOTICE = "示例数据"

class DemoClock:
    """The clock seeding moves: every step is recorded at the moment it happened."""

    def __init__(self, now: dt.datetime):
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


# -- the showcase -------------------------------------------------------------------------

def _showcase(p: Planner) -> None:
    """The requests every screen must have something to show for, at ``now``."""
    t, rng = p.t, p.rng
    D = t.days

    # just received
    p.received(online=False)
    p.received(online=False)
    p.received(online=True)
    p.received(online=True)

    # contact clocks: green, amber (under 25% left), red (overdue)
    p.life(rng.uniform(6, 14), contact_after=None, type="help")
    p.life(rng.uniform(47, 56), contact_after=None, type="complaint")
    p.life(rng.uniform(100, 200), contact_after=None, type="help")

    # interim clocks: green (after a call that could not answer it), amber, red
    p.life(D(rng.uniform(0.6, 1.2)), contact_after=rng.uniform(15, 45), type="help",
           call_first=True)
    amber = t.offsets("interim", Light.AMBER, 2.0, 3.6, step=15)
    p.life(rng.choice(amber) if amber else D(2.9), contact_after=rng.uniform(20, 50),
           type="report")
    p.life(D(rng.uniform(4.2, 5.0)), contact_after=rng.uniform(20, 55), type="help")

    # close clocks, interim replied: green, amber, red
    plan, unit, topic, case, at = p.life(D(rng.uniform(1.6, 2.4)), contact_after=30,
                                         interim_after=D(0.8), type="help")
    p.add_note(plan, at)
    amber = t.offsets("close", Light.AMBER, 4.0, 5.8, step=15)
    p.life(rng.choice(amber) if amber else D(4.8), contact_after=25, interim_after=D(1.5),
           type="complaint")
    p.life(D(rng.uniform(6.5, 7.5)), contact_after=40, interim_after=D(2.0), type="help")

    # transferred to another unit: one just now (its new contact clock runs), one contacted
    plan, unit, topic, case, at = p.life(rng.uniform(95, 130), contact_after=None,
                                         type="help", misrouted=True)
    p.transfer(plan, topic, case, unit, t.back(rng.uniform(15, 25)))
    plan, unit, topic, case, at = p.life(D(rng.uniform(1.3, 1.8)), contact_after=None,
                                         type="complaint", misrouted=True)
    target = p.transfer(plan, topic, case, unit, t.after(at, rng.uniform(25, 50)))
    p.contact(plan, target, t.after(plan.steps[-1][0], rng.uniform(15, 40)))

    # supervised (督办): a leader's direct line request, and an overdue one
    plan, unit, topic, case, at = p.life(D(rng.uniform(3.2, 3.6)), contact_after=20,
                                         interim_after=D(1.0), type="help",
                                         channel="leader_line")
    p.supervise(plan, t.after(at, D(0.8)), t.working_day_after_today(2), "leader")
    plan, unit, topic, case, at = p.life(D(rng.uniform(6.2, 6.8)), contact_after=50,
                                         interim_after=D(2.5), type="complaint")
    p.supervise(plan, t.after(at, D(3.0)), t.working_day_after_today(3))

    # following to the end (一跟到底): two on time, one overdue
    plan, unit, topic, case, at = p.life(D(rng.uniform(8.5, 9.5)), contact_after=30,
                                         interim_after=D(2.0), type="help", channel="visit")
    at = t.after(at, D(2.5))
    p.follow(plan, at, t.working_day_after_today(rng.randint(3, 6)))
    plan, unit, topic, case, at = p.life(D(rng.uniform(11.5, 12.5)), contact_after=30,
                                         interim_after=D(1.5), type="report")
    at = t.after(at, D(3.0))
    p.follow(plan, at, t.working_day_after(at, 3))       # passed: overdue now
    plan, unit, topic, case, at = p.life(D(rng.uniform(14, 15)), contact_after=35,
                                         interim_after=D(2.0), type="help")
    at = t.after(at, D(2.5))
    first = t.working_day_after(at, 4)
    p.follow(plan, at, first)
    second_at = t.before(t.schedule.hours.end_of(first), rng.uniform(30, 120))
    if second_at < t.now:
        p.follow(plan, second_at, t.working_day_after_today(rng.randint(4, 8)))

    # resolved, awaiting the return visit
    for back in (D(rng.uniform(3.0, 4.0)), D(rng.uniform(5.5, 7.0))):
        plan, unit, topic, case, at = p.life(back, contact_after=rng.uniform(15, 50),
                                             interim_after=D(rng.uniform(0.8, 2.0)))
        p.resolve(plan, case, min(t.after(at, D(rng.uniform(0.5, 1.5))),
                                  t.back(rng.uniform(20, 120))))

    # closed after the return visit (one resolved late, one filed after a visit)
    for i in range(5):
        back = D(rng.uniform(9, min(21, max(10, t.window_minutes / t.day_minutes - 1))))
        plan, unit, topic, case, at = p.life(
            back, contact_after=rng.uniform(10, 55), interim_after=D(rng.uniform(0.5, 2.5)),
            channel="visit" if i == 0 else None, type="report" if i == 1 else None)
        at = p.resolve(plan, case, t.after(at, D(rng.uniform(0.5, 3.5) if i != 2 else 5.0)))
        p.evaluate(plan, t.after(at, D(rng.uniform(0.3, 1.0))))

    # reopened after an unsatisfied return visit; the third sent out again
    for i in range(3):
        plan, unit, topic, case, at = p.life(D(rng.uniform(10, 14)), contact_after=30,
                                             interim_after=D(1.5))
        at = p.resolve(plan, case, t.after(at, D(2.0)))
        at = p.evaluate(plan, t.after(at, D(1.0)), satisfied=False)
        if i == 2:
            at = plan.add(t.after(at, D(1.0)), "dispatch", unit.id,
                          "企业回访不满意，重新转办，请承办单位重新核查处理。")
            p.contact(plan, unit, t.after(at, 30))

    # an answered one filed after a visit, and one through a three-way call at the counter
    p.answered(channel="visit", via_call=False, kind="consultation")
    p.answered(channel="counter", via_call=True, kind="consultation")


# -- running the plans --------------------------------------------------------------------

def _run(desk: Desk, clock: DemoClock, plans: Sequence[Plan]) -> None:
    steps = sorted(((at, i, j) for i, plan in enumerate(plans)
                    for j, (at, _, _) in enumerate(plan.steps)))
    ids: dict[int, str] = {}
    clerk = desk.actor
    for at, i, j in steps:
        _, op, args = plans[i].steps[j]
        clock.now = at
        if op == "intake":
            ids[i], _ = desk.record_intake(plans[i].form, then=list(args[0]) if args else [])
            continue
        tid = ids[i]
        if op == "answer":
            desk.answer_immediately(tid, args[0]["answer"], source=args[0]["source"],
                                    source_ref=args[0]["source_ref"],
                                    source_title=args[0]["source_title"])
        elif op == "call":
            desk.log_call(tid, args[0], answer=args[1])
        elif op == "dispatch":
            desk.dispatch(tid, args[0], args[1])
        elif op == "contact":
            desk.record_contact(tid, *args)
        elif op == "interim":
            desk.record_interim_reply(tid, args[0])
        elif op == "follow":
            desk.set_next_feedback(tid, args[0], args[1])
        elif op == "resolve":
            desk.resolve(tid, args[0])
        elif op == "evaluate":
            desk.evaluate(tid, args[0], args[1], note=args[2], via=args[3])
        elif op == "transfer":
            desk.transfer(tid, args[0], args[1])
        elif op == "note":
            desk.add_note(tid, args[0])
        elif op == "supervise":
            desk.sign_in(DEMO_SUPERVISOR)
            try:
                desk.supervise(tid, args[0], args[1], level=args[2])
            finally:
                desk.sign_in(clerk or DEMO_CLERK)
        else:  # pragma: no cover - the planner's ops are the list above
            raise AssertionError(op)


def seed_demo_desk(desk: Desk, *, now: dt.datetime, count: int = 200, seed: int = 7,
                   catalogue: Catalogue | None = None) -> None:
    """Install the sample catalogue and record about ``count`` sample requests over the
    ~30 days before ``now`` (every state is always present, whatever ``count``)."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now: expected a date-time with a time zone")
    if desk.station is None:
        raise ValueError("desk: it has no station; open it with station=...")
    catalogue = catalogue or load_catalogue()
    desk.install_catalogue(catalogue.to_json())
    rng = random.Random(seed)
    time = DemoTime(desk.schedule, now)
    planner = Planner(prepare_catalogue(catalogue, rng), time, rng)
    _showcase(planner)
    for _ in range(max(0, count - len(planner.plans))):
        planner.answered()
    for plan in planner.plans:
        if plan.steps[-1][0] >= time.now:
            raise AssertionError(f"demo plan runs past now: {plan.steps[-1]}")

    previous_clock, previous_actor = desk.clock, desk.actor
    clock = DemoClock(time.now)
    desk.clock = clock
    try:
        if desk.actor != DEMO_CLERK:
            desk.sign_in(DEMO_CLERK)
        _run(desk, clock, planner.plans)
        with desk.store.write() as conn:
            meta.put(conn, META_KEY, {
                "sample": True, "seeded_at": time.now.isoformat(), "notice": NOTICE,
                "seed": seed, "requests": len(planner.plans),
                "catalogue_version": catalogue.version})
    finally:
        desk.clock = previous_clock
        if previous_actor is not None and desk.actor != previous_actor:
            desk.sign_in(previous_actor)


def demo_info(desk: Desk) -> dict[str, Any] | None:
    """The desk's demo marker (``{"sample": true, ...}``), or None for a real desk."""
    with desk.store.read() as conn:
        return meta.get(conn, META_KEY)


def create_demo_desk(path: str | Path, *, now: dt.datetime | None = None) -> Desk:
    """Open (or create) a demo desk file, seed it if it has no requests yet (the sample
    requests, then the policy window's sample profiles and redemption cases), and return
    it on the system clock."""
    now = now or system_clock()
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with Desk.open(path, station=DEMO_STATION, actor=DEMO_CLERK,
                   clock=DemoClock(now)) as desk:
        if desk.count_requests() == 0:
            seed_demo_desk(desk, now=now)
            from sync.demo_cases import seed_cases   # (imports the policy profiles too)

            seed_cases(desk)                  # profiles, materials, targeting, cases
            desk.set_directory(demo_directory())   # the demo server's, before its first sync
    return Desk.open(path, clock=system_clock)


def demo_directory() -> list[dict[str, Any]]:
    """The demo accounts as ``GET /directory`` lists them."""
    return [{"username": a.user, "display": a.display, "role": a.role.value, "town": town,
             "active": True} for a, town in DEMO_ACCOUNTS]


__all__ = ["DEMO_CLERK", "DEMO_STATION", "DEMO_SUPERVISOR", "DemoClock", "META_KEY", "NOTICE",
           "create_demo_desk", "demo_info", "seed_demo_desk"]
