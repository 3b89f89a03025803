"""The redemption-case screens (帮办代办): the case list and detail, the outreach list and
consultations with their evaluation."""
