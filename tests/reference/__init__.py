"""An independent reference model of the agency's rules, written from agency.md alone.

The property tests compare the product against this model. It imports nothing
from `statecharts` except the public value types the two sides are compared in
(`Intent`, `InsuranceLine`, `OutcomeKind`), and keeps its own tables of the
agency's facts (`facts.py`), copied from /work/shared/domain/agency.md (its
section 0 decisions win), never read from the shipped TOML. A rule changed in
the product (an alpha boundary moved, the hours shifted, a restricted person
made transferable) therefore shows up as a disagreement instead of cancelling
out on both sides.

- `facts.py`: the default agency's staff, ring groups, prefixes, hours and holidays.
- `calendar.py`: whether the office is open, at lunch, closed or on a holiday.
- `routing.py`: who a caller goes to (alpha splits, the new-quote chain, the
  bilingual pick, the ring groups, looking people up by name).
- `outcomes.py`: what a call with a given need, at a given office status, must
  end in: a transfer to whom, a voicemail for whom, a message for whom, or answered.
- `promises.py`: who takes a caller nobody could understand (issue 8), and whom a
  message or a dropped call's callback is for (issue 11).
"""
