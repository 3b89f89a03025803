"""How the demo desk's sample requests are planned (SAMPLE DATA, 示例数据): the
catalogue's enterprises, units and knowledge-base articles prepared for drawing, the
working-time arithmetic that places each step before ``now``, and the planner that turns
a scenario (answered at once, dispatched with clocks in every colour, following to the
end, supervised ...) into timed steps. ``sync.demo`` runs the plans on a real desk."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from core.catalogue import Catalogue, KbArticle, Topic, Unit
from core.deadlines import Light, Schedule, light
from core.identifiers import make_credit_code
from core.tickets import EventType, Role
from sync import sample_text as st
from sync.identity import Actor, Station

DEMO_STATION = Station("SQ01", "shiqi", "石岐街道政务服务中心 1号窗口")
DEMO_CLERK = Actor("demo.clerk", Role.CLERK, "林晓敏")
DEMO_SUPERVISOR = Actor("demo.supervisor", Role.SUPERVISOR, "陈国栋")
DEMO_NAVIGATOR = Actor("demo.navigator", Role.NAVIGATOR, "周文静")
# The demo accounts (invented people) and their jurisdictions: the demo central server
# creates them (``server.admin``), and the demo desk's directory names them.
DEMO_ACCOUNTS = (
    (DEMO_CLERK, "shiqi"),
    (DEMO_NAVIGATOR, "city"),
    (DEMO_SUPERVISOR, "city"),
    (Actor("demo.town.supervisor", Role.SUPERVISOR, "何志强"), "xiaolan"),
    (Actor("admin", Role.ADMIN, "系统管理员"), "city"),
)
WINDOW_DAYS = 30

# Channel weights for requests whose channel is not set by their scenario.
CHANNEL_WEIGHTS = {"counter": 28, "hotline": 32, "yst": 18, "yss": 8, "wechat": 10,
                   "leader_line": 1, "visit": 0}
ONLINE = frozenset({"yst", "yss", "wechat"})
# How an answered-at-once request was asked (the city's mix: mostly consultations).
ANSWERED_TYPES = {"consultation": 82, "help": 11, "suggestion": 4, "praise": 3}
CALL_SHARE = 0.15          # answered through a three-way call rather than from the KB


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


def prepare_catalogue(cat: Catalogue, rng: random.Random) -> _Catalogue:
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

class DemoTime:
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
class Plan:
    form: dict[str, Any]
    steps: list[tuple[dt.datetime, str, tuple[Any, ...]]] = field(default_factory=list)

    def add(self, at: dt.datetime, op: str, *args: Any) -> dt.datetime:
        if self.steps and at < self.steps[-1][0]:
            raise AssertionError(f"demo plan out of order: {op} at {at}")
        self.steps.append((at, op, args))
        return at


class Planner:
    def __init__(self, cat: _Catalogue, time: DemoTime, rng: random.Random):
        self.c, self.t, self.rng = cat, time, rng
        self.plans: list[Plan] = []
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
                 via_call: bool | None = None, kind: str | None = None) -> Plan:
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
            plan = Plan(self._form(type=kind, topic=topic, description=text, ent=ent,
                                    channel=channel))
            return self._intake_then_answer(plan, moment, answer, "clerk", None, None)
        topic_code = rng.choice(sorted(self.c.kb_by_topic))
        article = rng.choice(self.c.kb_by_topic[topic_code])
        topic = self.c.cat.topic(topic_code)
        plan = Plan(self._form(type=kind, topic=topic, description=self._consult_text(
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

    def _intake_then_answer(self, plan: Plan, moment: dt.datetime, answer: str, source: str,
                            ref: str | None, title: str | None) -> Plan:
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

    def _keep(self, plan: Plan) -> Plan:
        self.plans.append(plan)
        return plan

    # -- received -------------------------------------------------------------------

    def received(self, online: bool) -> Plan:
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
        plan = Plan(self._form(type=kind, topic=topic, description=text, ent=ent,
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
                   misrouted: bool = False) -> tuple[Plan, Unit, Topic, st.Case]:
        rng = self.rng
        topic, case = self._case(type, misroutable=misrouted)
        kind = type or rng.choice(case.types)
        ent = self._enterprise_for(case)
        unit = rng.choice(self.c.units_for_case(topic, case, ent.town, fitting=not misrouted))
        plan = Plan(self._form(type=kind, topic=topic, description=self._case_text(
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

    def contact(self, plan: Plan, unit: Unit, at: dt.datetime) -> dt.datetime:
        office = _office(unit, plan.form["topic"])
        person = _person(self.rng)
        if self.rng.random() < 0.5:  # 王科长: surname and title
            surname = person[:2] if person.startswith("欧阳") else person[0]
            person = surname + self.rng.choice(st.HANDLER_TITLES[:3])
        phone = unit.duty[0].phone if unit.duty else _phone(self.rng)
        return plan.add(at, "contact", office, person, phone, self.rng.choice(st.CONTACT_NOTES))

    def interim(self, plan: Plan, unit: Unit, case: st.Case, at: dt.datetime) -> dt.datetime:
        text = case.interim if self.rng.random() < 0.7 else self.rng.choice(
            st.INTERIM_TEXTS).format(office=_office(unit, plan.form["topic"]),
                                     days=self.rng.randint(2, 5))
        return plan.add(at, "interim", text)

    def life(self, dispatch_back: float, *, contact_after: float | None = 30,
             interim_after: float | None = None, type: str | None = None,
             channel: str | None = None, call_first: bool = False, misrouted: bool = False
             ) -> tuple[Plan, Unit, Topic, st.Case, dt.datetime]:
        """A dispatched request up to its interim reply; returns the last step's time."""
        at = self.t.back(dispatch_back)
        plan, unit, topic, case = self.dispatched(at, type=type, channel=channel,
                                                  call_first=call_first, misrouted=misrouted)
        if contact_after is not None:
            at = self.contact(plan, unit, self.t.after(at, contact_after))
        if interim_after is not None:
            at = self.interim(plan, unit, case, self.t.after(at, interim_after))
        return plan, unit, topic, case, at

    def resolve(self, plan: Plan, case: st.Case, at: dt.datetime) -> dt.datetime:
        return plan.add(at, "resolve", case.resolution)

    def evaluate(self, plan: Plan, at: dt.datetime, *, satisfied: bool = True) -> dt.datetime:
        rng = self.rng
        if satisfied:
            level = rng.choices(("satisfied", "basically"), weights=(80, 20))[0]
            solved = "solved" if level == "satisfied" else rng.choice(("solved", "partly"))
            note = rng.choice(st.SATISFIED_NOTES)
        else:
            level, solved = "unsatisfied", rng.choice(("partly", "unsolved"))
            note = rng.choice(st.UNSATISFIED_NOTES)
        return plan.add(at, "evaluate", level, solved, note, rng.choice(st.EVALUATION_VIA))

    def follow(self, plan: Plan, at: dt.datetime, next_date: dt.date) -> dt.datetime:
        text = self.rng.choice(st.FOLLOW_TEXTS).format(date=f"{next_date:%m月%d日}")
        return plan.add(at, "follow", next_date.isoformat(), text)

    def supervise(self, plan: Plan, at: dt.datetime, reply_due: dt.date,
                  level: str | None = None) -> dt.datetime:
        notes = st.LEADER_SUPERVISION_NOTES if level == "leader" else st.SUPERVISION_NOTES
        return plan.add(at, "supervise", reply_due.isoformat(), self.rng.choice(notes), level)

    def add_note(self, plan: Plan, at: dt.datetime) -> None:
        note_at = self.t.after(at, self.rng.uniform(30, 120))
        if note_at < self.t.now:
            plan.add(note_at, "note", self.rng.choice(st.NOTES))

    def transfer(self, plan: Plan, topic: Topic, case: st.Case, unit: Unit,
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
