"""The desk's copy of the central directory: checked, kept, and what it names."""

from __future__ import annotations

import pytest

from core.tickets import Role
from core.validation import ValidationError
from sync.demo import demo_directory
from sync.directory import parse
from sync.identity import Actor

GOOD = [{"username": "demo.clerk", "display": "林晓敏", "role": "clerk", "town": "shiqi",
         "active": True},
        {"username": "old.clerk", "display": "王建华", "role": "clerk", "town": "shiqi",
         "active": False}]


def test_names_come_from_the_directory(desk):
    desk.set_directory(GOOD)
    assert desk.display_name("demo.clerk") == "林晓敏"
    assert desk.display_name("old.clerk") == "王建华"         # a disabled account still named
    assert desk.display_name("not.listed") == "not.listed"
    assert desk.display_name("") == "" and desk.display_name(None) == ""


def test_the_signed_in_clerk_is_named_before_any_directory(desk):
    desk.sign_in(Actor("demo.clerk", Role.CLERK, "林晓敏"))
    assert desk.display_name("demo.clerk") == "林晓敏"
    assert desk.display_name("demo.navigator") == "demo.navigator"


def test_a_directory_that_is_not_a_list_is_refused_and_the_old_one_kept(desk):
    desk.set_directory(GOOD)
    for bad in ("not a list", None, {"users": GOOD}):
        with pytest.raises(ValidationError) as err:
            desk.set_directory(bad)
        assert err.value.field == "users"
    assert desk.display_name("demo.clerk") == "林晓敏"


@pytest.mark.parametrize("bad", [
    ["bad.one"],
    {**GOOD[0], "username": "bad.one", "display": "   "},
    {**GOOD[0], "username": "bad.one", "town": "x" * 41},
    {k: v for k, v in {**GOOD[1], "username": "bad.one"}.items() if k != "role"},
])
def test_an_invalid_account_is_left_out_and_the_rest_kept(desk, bad, caplog):
    desk.set_directory([bad, *GOOD])
    assert desk.display_name("bad.one") == "bad.one"          # not named from a bad entry
    assert desk.display_name("demo.clerk") == "林晓敏"
    assert desk.display_name("old.clerk") == "王建华"
    assert "directory entry left out: users[0]" in caplog.text


def test_the_demo_directory_is_a_valid_one():
    users = parse(demo_directory())
    assert {u["username"]: u["display"] for u in users}["demo.navigator"] == "周文静"
