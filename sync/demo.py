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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.catalogue import Catalogue, KbArticle, Topic, Unit, load_catalogue
from core.deadlines import Light, Schedule, light
from core.identifiers import make_credit_code
from core.tickets import EventType, Role
from sync import meta, sample_text as st
from sync.desk import Desk, system_clock
from sync.identity import Actor, Station

DEMO_STATION = Station("SQ01", "shiqi", "石岐街道政务服务中心 1号窗口")
DEMO_CLERK = Actor("demo.clerk", Role.CLERK, "林晓敏")
DEMO_SUPERVISOR = Actor("demo.supervisor", Role.SUPERVISOR, "陈国栋")
META_KEY = "demo"
NOTICE = "示例数据"
WINDOW_DAYS = 30

# Channel weights for requests whose channel is not set by their scenario.
CHANNEL_WEIGHTS = {"counter": 28, "hotline": 32, "yst": 18, "yss": 8, "wechat": 10,
                   "leader_line": 1, "visit": 0}
ONLINE = frozenset({"yst", "yss", "wechat"})
# How an answered-at-once request was asked (the city's mix: mostly consultations).
ANSWERED_TYPES = {"consultation": 82, "help": 11, "suggestion": 4, "praise": 3}
CALL_SHARE = 0.15          # answered through a three-way call rather than from the KB


class DemoClock:
    """The clock seeding moves: every step is recorded at the moment it happened."""

    def __init__(self, now: dt.datetime):
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


# -- what the catalogue offers ------------------------------------------------------------

@dataclass(frozen=True)
class _Enterprise:
    name: str
    trade: str
    town: str            # town code
    town_short: str
    credit_code: str
    contacts: tuple[tuple[str, str], ...]   # (name, phone)


@dataclass
class _Catalogue:
    cat: Catalogue
    topics: list[Topic]
    kb_by_topic: dict[str, list[KbArticle]]
    units: dict[str, Unit]
    enterprises: list[_Enterprise]

    def units_for(self, topic: Topic, town: str | None = None) -> list[Unit]:
        """The units that handle a topic: those the topic lists, plus the enterprise's own
        town office when that office handles the topic."""
        found = [self.units[u] for u in topic.units if u in self.units]
        local = [u for u in self.units.values() if town is not None and u.town == town
                 and topic.code in u.topics and u not in found]
        return found + local

    def units_for_case(self, topic: Topic, case: st.Case, town: str,
                       fitting: bool = True) -> list[Unit]:
        """The units that handle a topic and (``fitting``) this case, or (not ``fitting``)
        the others: a request sent to the wrong one is transferred to the right one."""
        units = self.units_for(topic, town)
        fits = [u for u in units if u.id in case.units
                or (u.kind == "town_office" and "town" in case.units)]
        chosen = fits if fitting else [u for u in units if u not in fits]
        return chosen or fits or units


def _enterprises(cat: Catalogue, rng: random.Random) -> list[_Enterprise]:
    out = []
    for town_name, name, trade in st.ENTERPRISES:
        town = cat.find_town(town_name)
        if town is None:
            continue
        body = ("MA" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(7))
                if rng.random() < 0.7 else
                "".join(rng.choice("0123456789") for _ in range(8)) + rng.choice("0123456789X"))
        contacts = tuple((_person(rng), _phone(rng)) for _ in range(rng.choice((1, 1, 2))))
        out.append(_Enterprise(name, trade, town.code, town.short,
                               make_credit_code("91442000" + body), contacts))
    return out


def _person(rng: random.Random) -> str:
    return rng.choice(st.SURNAMES) + rng.choice(st.GIVEN)


def _phone(rng: random.Random) -> str:
    """Clearly invented numbers: 13x-0000-xxxx mobiles, 0760-8555-xxxx landlines."""
    digits = "".join(rng.choice("0123456789") for _ in range(4))
    if rng.random() < 0.75:
        return f"13{rng.choice('5789')}0000{digits}"
    return f"0760-8555{digits}"


def _prepare(cat: Catalogue, rng: random.Random) -> _Catalogue:
    kb: dict[str, list[KbArticle]] = {}
    for article in cat.kb:
        kb.setdefault(article.topic, []).append(article)
    units = {u.id: u for u in cat.units}
    topics = [t for t in cat.topics if any(u in units for u in t.units)]
    if not topics or not kb:
        raise ValueError("catalogue: the demo needs topics with units and knowledge-base articles")
    enterprises = _enterprises(cat, rng)
    if not enterprises:
        raise ValueError("catalogue: none of the demo enterprises' towns is in towns.json")
    return _Catalogue(cat, topics, kb, units, enterprises)


# -- time ---------------------------------------------------------------------------------

class _Time:
    """Moments counted in business time back from ``now`` (so they suit any ``now``)."""

    def __init__(self, schedule: Schedule, now: dt.datetime):
        self.schedule = schedule
        self.tz = schedule.hours.tz
        self.now = self.whole(now.astimezone(self.tz))
        self.day_minutes = int(schedule.hours.seconds_per_day // 60)
        self.window_start = self.now - dt.timedelta(days=WINDOW_DAYS)
        self.window_minutes = int(schedule.business_seconds(self.window_start, self.now) // 60)

    def back(self, minutes: float) -> dt.datetime:
        """The moment ``minutes`` of business time before now."""
        return self.before(self.now, minutes)

    @staticmethod
    def whole(moment: dt.datetime) -> dt.datetime:
        """To the second: a clerk's clock shows no microseconds (and order is kept)."""
        return moment.replace(microsecond=0)

    def before(self, end: dt.datetime, minutes: float) -> dt.datetime:
        remaining = minutes * 60.0
        local = end.astimezone(self.tz)
        day = local.date()
        cal, hours = self.schedule.calendar, self.schedule.hours
        for _ in range(3660):
            if cal.is_working(day):
                for a, b in reversed(hours.intervals(day)):
                    e = min(b, local)
                    if e <= a:
                        continue
                    available = (e - a).total_seconds()
                    if available >= remaining:
                        return self.whole(e - dt.timedelta(seconds=remaining))
                    remaining -= available
            day -= dt.timedelta(days=1)
            local = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), self.tz)
        raise ValueError("calendar: no working time found within ten years")

    def after(self, start: dt.datetime, minutes: float) -> dt.datetime:
        """The moment ``minutes`` of business time after ``start``."""
        return self.whole(
            self.schedule.within_business_minutes(start, max(1, round(minutes))).due_at)

    def days(self, n: float) -> float:
        """``n`` working days as business minutes."""
        return n * self.day_minutes

    def working_day_after_today(self, n: int) -> dt.date:
        return self.schedule.calendar.add_working_days(self.now.date(), n)

    def working_day_after(self, moment: dt.datetime, n: int) -> dt.date:
        return self.schedule.calendar.add_working_days(moment.astimezone(self.tz).date(), n)

    def light_at_now(self, kind: str, start: dt.datetime) -> Light:
        deadline = {"contact": self.schedule.contact_due, "interim": self.schedule.interim_due,
                    "close": self.schedule.close_due}[kind](start)
        return light(self.schedule, start, deadline.due_at, None, self.now)[0]

    def offsets(self, kind: str, want: Light, lo_days: float, hi_days: float,
                step: int = 10) -> list[float]:
        """Business-minute offsets back from now at which a dispatch gives ``kind`` the
        colour ``want`` at now."""
        found = []
        minutes = self.days(lo_days)
        while minutes <= self.days(hi_days):
            if self.light_at_now(kind, self.back(minutes)) is want:
                found.append(minutes)
            minutes += step
        return found


# -- a request's plan ---------------------------------------------------------------------

@dataclass
class _Plan:
    form: dict[str, Any]
    steps: list[tuple[dt.datetime, str, tuple[Any, ...]]] = field(default_factory=list)

    def add(self, at: dt.datetime, op: str, *args: Any) -> dt.datetime:
        if self.steps and at < self.steps[-1][0]:
            raise AssertionError(f"demo plan out of order: {op} at {at}")
        self.steps.append((at, op, args))
        return at


class _Planner:
    def __init__(self, cat: _Catalogue, time: _Time, rng: random.Random):
        self.c, self.t, self.rng = cat, time, rng
        self.plans: list[_Plan] = []
        cases = []
        for topic in cat.topics:
            key = st.case_topic(topic.code, topic.zh, topic.en)
            for case in (st.CASES[key] if key else st.GENERIC_CASES):
                cases.append((topic, case))
        self.cases = cases
        self.unused: list[tuple[Topic, st.Case]] = []

    def _case(self, type: str | None, misroutable: bool = False) -> tuple[Topic, st.Case]:
        """A case not used yet (until all are), fitting ``type``; ``misroutable``: one whose
        topic has units other than the case's own (so it can be sent to the wrong one)."""
        def ok(tc: tuple[Topic, st.Case]) -> bool:
            topic, case = tc
            return (type is None or type in case.types) and (not misroutable or any(
                u not in case.units for u in topic.units if u in self.c.units))
        fits = [tc for tc in self.unused if ok(tc)]
        if not fits:
            self.unused.extend(tc for tc in self.cases if tc not in self.unused)
            fits = [tc for tc in self.unused if ok(tc)]
        if not fits:
            fits = [tc for tc in self.cases if type is None or type in tc[1].types] \
                or list(self.cases)
        chosen = self.rng.choice(fits)
        if chosen in self.unused:
            self.unused.remove(chosen)
        return chosen

    def _enterprise_for(self, case: st.Case) -> _Enterprise:
        fits = [e for e in self.c.enterprises if any(t in e.trade for t in case.trades)]
        return self.rng.choice(fits) if fits else self._enterprise()

    @staticmethod
    def _case_text(case: st.Case, topic: Topic, ent: _Enterprise) -> str:
        return case.text.format(topic=topic.zh, trade=ent.trade)

    # -- the header ----------------------------------------------------------------

    def _form(self, *, type: str, topic: Topic, description: str, ent: _Enterprise,
              channel: str | None = None) -> dict[str, Any]:
        channel = channel or self._channel()
        contact, phone = self.rng.choice(ent.contacts)
        form = {"channel": channel, "type": type, "topic": topic.code,
                "credit_code": ent.credit_code, "enterprise_name": ent.name,
                "contact_name": contact, "contact_phone": phone, "town": ent.town}
        prefix = ""
        if channel == "visit":
            form["filed_by"] = self.rng.choice(st.OFFICIALS)
            prefix = self.rng.choice(st.VISIT_CONTEXT)
        elif channel == "leader_line":
            prefix = self.rng.choice(st.LEADER_CONTEXT)
        form["description"] = prefix + description if len(prefix + description) <= 150 \
            else description
        return form

    def _channel(self) -> str:
        names = list(CHANNEL_WEIGHTS)
        return self.rng.choices(names, weights=[CHANNEL_WEIGHTS[n] for n in names])[0]

    def _enterprise(self) -> _Enterprise:
        return self.rng.choice(self.c.enterprises)

    def _consult_text(self, article: KbArticle, ent: _Enterprise) -> str:
        frames = list(st.CONSULT_FRAMES)
        self.rng.shuffle(frames)
        for frame in frames:
            text = frame.format(title=article.title, town=ent.town_short, trade=ent.trade,
                                role=self.rng.choice(st.ROLES))
            if 20 <= len(text) <= 150:
                return text
        return f"我司是{ent.town_short}一家{ent.trade}企业，想咨询：{article.title}"[:150]

    # -- answered at once -----------------------------------------------------------

    def answered(self, *, at: dt.datetime | None = None, channel: str | None = None,
                 via_call: bool | None = None, kind: str | None = None) -> _Plan:
        rng = self.rng
        kinds = list(ANSWERED_TYPES)
        kind = kind or rng.choices(kinds, weights=[ANSWERED_TYPES[k] for k in kinds])[0]
        ent = self._enterprise()
        # at least half an hour back, so a three-way call has ended before now
        moment = at or self.t.back(rng.uniform(30, self.t.window_minutes))
        if kind in ("suggestion", "praise"):
            topic = rng.choice(self.c.topics)
            unit = rng.choice(self.c.units_for(topic, ent.town))
            text = rng.choice(st.SUGGESTIONS if kind == "suggestion" else st.PRAISE)
            text = text.format(unit=unit.name, town=ent.town_short, trade=ent.trade)
            answer = (st.ANSWER_SUGGESTION if kind == "suggestion" else st.ANSWER_PRAISE
                      ).format(unit=unit.name)
            plan = _Plan(self._form(type=kind, topic=topic, description=text, ent=ent,
                                    channel=channel))
            return self._intake_then_answer(plan, moment, answer, "clerk", None, None)
        topic_code = rng.choice(sorted(self.c.kb_by_topic))
        article = rng.choice(self.c.kb_by_topic[topic_code])
        topic = self.c.cat.topic(topic_code)
        plan = _Plan(self._form(type=kind, topic=topic, description=self._consult_text(
            article, ent), ent=ent, channel=channel))
        call = via_call if via_call is not None else rng.random() < CALL_SHARE
        unit = self.c.units.get(article.unit_id)
        if call and unit is not None and unit.duty and plan.form["channel"] not in ONLINE:
            created = plan.add(moment, "intake", ())
            duty = rng.choice(unit.duty)
            started = created + dt.timedelta(minutes=rng.randint(1, 4),
                                             seconds=rng.randint(0, 59))
            seconds = rng.randint(150, 900)
            notes = rng.choice(st.CALL_NOTES).format(unit=unit.short, duty=duty.name,
                                                     minutes=max(1, seconds // 60))
            call_data = {"unit_id": unit.id, "unit_name": unit.name, "duty_contact": duty.name,
                         "duty_phone": duty.phone,
                         "participants": [plan.form["contact_name"], DEMO_CLERK.display,
                                          duty.name],
                         "started_at": started.isoformat(), "duration_seconds": seconds,
                         "notes": notes, "outcome": "answered"}
            answer = rng.choice(st.CALL_ANSWER).format(unit=unit.name, duty=duty.name,
                                                       answer=article.answer)
            plan.add(started + dt.timedelta(seconds=seconds + 30), "call", call_data, answer)
            return self._keep(plan)
        return self._intake_then_answer(plan, moment, article.answer, "kb", article.id,
                                        article.title)

    def _intake_then_answer(self, plan: _Plan, moment: dt.datetime, answer: str, source: str,
                            ref: str | None, title: str | None) -> _Plan:
        answer_data = {"answer": answer, "source": source, "source_ref": ref,
                       "source_title": title}
        if plan.form["channel"] in ONLINE:
            # came in online, answered when the clerk picked it up
            plan.add(self._arrived(moment, 5, 720), "intake", ())
            plan.add(moment, "answer", answer_data)
        else:
            plan.add(moment, "intake", ((EventType.ANSWERED, answer_data),))
        return self._keep(plan)

    def _arrived(self, handled: dt.datetime, lo: int, hi: int) -> dt.datetime:
        """When an online request came in: before the clerk handled it, 07:00-23:00."""
        for _ in range(20):
            at = handled - dt.timedelta(minutes=self.rng.randint(lo, hi),
                                        seconds=self.rng.randint(0, 59))
            if 7 <= at.hour < 23:
                return at
        return handled - dt.timedelta(minutes=lo)

    def _keep(self, plan: _Plan) -> _Plan:
        self.plans.append(plan)
        return plan

    # -- received -------------------------------------------------------------------

    def received(self, online: bool) -> _Plan:
        rng = self.rng
        ent = self._enterprise()
        if rng.random() < 0.5:
            topic_code = rng.choice(sorted(self.c.kb_by_topic))
            article = rng.choice(self.c.kb_by_topic[topic_code])
            kind, topic, text = "consultation", self.c.cat.topic(topic_code), \
                self._consult_text(article, ent)
        else:
            topic, case = self._case(None)
            ent = self._enterprise_for(case) if case.trades else ent
            kind, text = rng.choice(case.types), self._case_text(case, topic, ent)
        channel = rng.choice(sorted(ONLINE)) if online else rng.choice(("counter", "hotline"))
        plan = _Plan(self._form(type=kind, topic=topic, description=text, ent=ent,
                                channel=channel))
        if online:
            at = self._arrived(self.t.now, 8, 240)
        else:
            at = self.t.back(rng.uniform(2, 40))
        plan.add(at, "intake", ())
        return self._keep(plan)

    # -- dispatched -----------------------------------------------------------------

    def dispatched(self, dispatch_at: dt.datetime, *, type: str | None = None,
                   channel: str | None = None, call_first: bool = False,
                   misrouted: bool = False) -> tuple[_Plan, Unit, Topic, st.Case]:
        rng = self.rng
        topic, case = self._case(type, misroutable=misrouted)
        kind = type or rng.choice(case.types)
        ent = self._enterprise_for(case)
        unit = rng.choice(self.c.units_for_case(topic, case, ent.town, fitting=not misrouted))
        plan = _Plan(self._form(type=kind, topic=topic, description=self._case_text(
            case, topic, ent), ent=ent, channel=channel))
        if plan.form["channel"] in ONLINE:
            created = self._arrived(dispatch_at, 20, 600)
        else:
            created = self.t.before(dispatch_at, rng.uniform(3, 20))
        if call_first and unit.duty:
            duty = unit.duty[0]
            plan.add(created, "intake", ())
            started = created + dt.timedelta(minutes=1)
            call_data = {"unit_id": unit.id, "unit_name": unit.name, "duty_contact": duty.name,
                         "duty_phone": duty.phone,
                         "participants": [plan.form["contact_name"], DEMO_CLERK.display,
                                          duty.name],
                         "started_at": started.isoformat(), "duration_seconds": 180,
                         "notes": st.CALL_NEEDS_DISPATCH.format(unit=unit.short, duty=duty.name),
                         "outcome": "needs_dispatch"}
            plan.add(max(created, min(dispatch_at, started + dt.timedelta(minutes=4))),
                     "call", call_data, None)
            plan.add(dispatch_at, "dispatch", unit.id, rng.choice(st.DISPATCH_NOTES))
        else:
            plan.add(created, "intake", ())
            plan.add(dispatch_at, "dispatch", unit.id, rng.choice(st.DISPATCH_NOTES))
        self._keep(plan)
        return plan, unit, topic, case

    def contact(self, plan: _Plan, unit: Unit, at: dt.datetime) -> dt.datetime:
        office = _office(unit, plan.form["topic"])
        person = _person(self.rng)
        if self.rng.random() < 0.5:  # 王科长: surname and title
            surname = person[:2] if person.startswith("欧阳") else person[0]
            person = surname + self.rng.choice(st.HANDLER_TITLES[:3])
        phone = unit.duty[0].phone if unit.duty else _phone(self.rng)
        return plan.add(at, "contact", office, person, phone, self.rng.choice(st.CONTACT_NOTES))

    def interim(self, plan: _Plan, unit: Unit, case: st.Case, at: dt.datetime) -> dt.datetime:
        text = case.interim if self.rng.random() < 0.7 else self.rng.choice(
            st.INTERIM_TEXTS).format(office=_office(unit, plan.form["topic"]),
                                     days=self.rng.randint(2, 5))
        return plan.add(at, "interim", text)

    def life(self, dispatch_back: float, *, contact_after: float | None = 30,
             interim_after: float | None = None, type: str | None = None,
             channel: str | None = None, call_first: bool = False, misrouted: bool = False
             ) -> tuple[_Plan, Unit, Topic, st.Case, dt.datetime]:
        """A dispatched request up to its interim reply; returns the last step's time."""
        at = self.t.back(dispatch_back)
        plan, unit, topic, case = self.dispatched(at, type=type, channel=channel,
                                                  call_first=call_first, misrouted=misrouted)
        if contact_after is not None:
            at = self.contact(plan, unit, self.t.after(at, contact_after))
        if interim_after is not None:
            at = self.interim(plan, unit, case, self.t.after(at, interim_after))
        return plan, unit, topic, case, at

    def resolve(self, plan: _Plan, case: st.Case, at: dt.datetime) -> dt.datetime:
        return plan.add(at, "resolve", case.resolution)

    def evaluate(self, plan: _Plan, at: dt.datetime, *, satisfied: bool = True) -> dt.datetime:
        rng = self.rng
        if satisfied:
            level = rng.choices(("satisfied", "basically"), weights=(80, 20))[0]
            solved = "solved" if level == "satisfied" else rng.choice(("solved", "partly"))
            note = rng.choice(st.SATISFIED_NOTES)
        else:
            level, solved = "unsatisfied", rng.choice(("partly", "unsolved"))
            note = rng.choice(st.UNSATISFIED_NOTES)
        return plan.add(at, "evaluate", level, solved, note, rng.choice(st.EVALUATION_VIA))

    def follow(self, plan: _Plan, at: dt.datetime, next_date: dt.date) -> dt.datetime:
        text = self.rng.choice(st.FOLLOW_TEXTS).format(date=f"{next_date:%m月%d日}")
        return plan.add(at, "follow", next_date.isoformat(), text)

    def supervise(self, plan: _Plan, at: dt.datetime, reply_due: dt.date,
                  level: str | None = None) -> dt.datetime:
        notes = st.LEADER_SUPERVISION_NOTES if level == "leader" else st.SUPERVISION_NOTES
        return plan.add(at, "supervise", reply_due.isoformat(), self.rng.choice(notes), level)

    def add_note(self, plan: _Plan, at: dt.datetime) -> None:
        note_at = self.t.after(at, self.rng.uniform(30, 120))
        if note_at < self.t.now:
            plan.add(note_at, "note", self.rng.choice(st.NOTES))

    def transfer(self, plan: _Plan, topic: Topic, case: st.Case, unit: Unit,
                 at: dt.datetime) -> Unit:
        """To the unit that really handles it (another one of the topic's, at worst)."""
        town = plan.form["town"]
        others = [u for u in self.c.units_for_case(topic, case, town) if u.id != unit.id] \
            or [u for u in self.c.units_for(topic, town) if u.id != unit.id] \
            or [u for u in self.c.units.values() if u.id != unit.id]
        target = self.rng.choice(others)
        plan.add(at, "transfer", target.id,
                 self.rng.choice(st.TRANSFER_REASONS).format(unit=target.short))
        return target


def _office(unit: Unit, topic: str) -> str:
    """The office of ``unit`` that handles a request on ``topic``."""
    if unit.kind == "town_office":
        return st.TOWN_OFFICE
    return st.UNIT_OFFICES.get(unit.id) or st.TOPIC_OFFICES.get(topic) or "业务科"


# -- the showcase -------------------------------------------------------------------------

def _showcase(p: _Planner) -> None:
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

def _run(desk: Desk, clock: DemoClock, plans: Sequence[_Plan]) -> None:
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
    time = _Time(desk.schedule, now)
    planner = _Planner(_prepare(catalogue, rng), time, rng)
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
    """Open (or create) a demo desk file, seed it if it has no requests yet, and return it
    on the system clock."""
    now = now or system_clock()
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with Desk.open(path, station=DEMO_STATION, actor=DEMO_CLERK,
                   clock=DemoClock(now)) as desk:
        if desk.count_requests() == 0:
            seed_demo_desk(desk, now=now)
    return Desk.open(path, clock=system_clock)


__all__ = ["DEMO_CLERK", "DEMO_STATION", "DEMO_SUPERVISOR", "DemoClock", "META_KEY", "NOTICE",
           "create_demo_desk", "demo_info", "seed_demo_desk"]
