"""The policy-redemption window (政策兑现窗口): ``PolicyWorkspace`` and its screens — the
policy catalogue, the enterprise profile, smart recommendation with overlaps, manual
targeting and the one-time notice. See ``desktop/policy/workspace.py``."""
