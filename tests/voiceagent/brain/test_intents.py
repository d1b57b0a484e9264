"""Intents from ordinary speech: needs told without the agency's keywords, and their order."""

from __future__ import annotations

import pytest

from statecharts import InsuranceLine, Intent
from voiceagent.brain import understand
from voiceagent.brain._lines import insurance_type

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    "utterance",
    [
        "we need coverage for our company",
        "We're looking for commercial insurance for our business",
        "I'm starting a cleaning business and need general liability",
        "my current policy's with geico and I want to see if you can beat the price",
        "so my insurance company dropped me and I need a new homeowners policy",
        "we don't have insurance yet and we're picking up a new car on saturday",
        "our insurance guy retired so we need somebody new",
        "hi yeah i just moved down here from ohio and i need to set up car insurance",
        "what would you charge for a twenty twenty honda civic",
        "i'm a first time home buyer",
        "i'm twenty two and looking for my own policy",
        "I want to move my policies over to you",
    ],
)
def test_a_new_policy_however_it_is_asked_for(utterance: str) -> None:
    """Needing, pricing, shopping, being dropped or starting out: a new quote."""
    assert understand(utterance).intent is Intent.NEW_QUOTE


@pytest.mark.parametrize(
    "utterance",
    [
        "I need to add a work truck to our commercial auto policy",
        "my daughter got her license and needs to be added as a driver",
        "I sold my Camry, can you take it off",
        "we moved our office to a new address on Orange Avenue",
        "we finished the addition on the house so the dwelling coverage needs to go up",
        "I want to raise my deductible to lower my payment",
        "i just got a new car",
        "we hired two more drivers",
        "i got married and need to add my husband",
        "the vin is wrong on my policy",
    ],
)
def test_a_change_told_as_what_changed(utterance: str) -> None:
    """A truck, a driver, a new address, a deductible: a change to the policy."""
    assert understand(utterance).intent is Intent.MAKE_CHANGE


@pytest.mark.parametrize(
    "utterance",
    [
        "why did my premium go up",
        "why am I paying more than my neighbor for the same house",
        "they raised my rates for no reason",
        "Does our business policy cover employee injuries?",
        "What's my coverage for rental cars?",
        "do I have comprehensive on my truck",
        "what's the difference between comprehensive and collision",
    ],
)
def test_coverage_and_rate_questions(utterance: str) -> None:
    """What the policy covers and why it costs what it does."""
    assert understand(utterance).intent is Intent.COVERAGE_RATE_QUESTIONS


@pytest.mark.parametrize(
    ("utterance", "intent"),
    [
        (
            "I got a cancellation notice for nonpayment and I want to pay it today",
            Intent.MAKE_PAYMENT,
        ),
        ("I don't want to cancel, I just need to update my address", Intent.MAKE_CHANGE),
        ("I don't need a quote, I need to make a payment", Intent.MAKE_PAYMENT),
        ("Citizens is non-renewing me, I need new coverage for my house", Intent.NEW_QUOTE),
        ("I'm switching carriers", Intent.CANCELLATION),
        ("I'm switching to State Farm", Intent.CANCELLATION),
        ("I'd like to schedule an appointment to review my policies", Intent.APPOINTMENT),
        (
            "I own a restaurant and our policy is up soon, I want to shop it around",
            Intent.NEW_QUOTE,
        ),
    ],
)
def test_the_order_settles_utterances_that_say_two_things(utterance: str, intent: Intent) -> None:
    """A payment beats its notice; a refusal is not a request; a dropped caller wants a quote."""
    assert understand(utterance).intent is intent


@pytest.mark.parametrize(
    ("utterance", "intent"),
    [
        ("I have a question about my business policy", Intent.SOMETHING_ELSE),
        ("I got a weird letter about my policy", Intent.SOMETHING_ELSE),
        ("somebody from your office called me", Intent.SOMETHING_ELSE),
        ("i can't log into my account", Intent.SOMETHING_ELSE),
        ("when does my policy renew", Intent.POLICY_REVIEW_RENEWAL),
        ("my policy expires next month", Intent.POLICY_REVIEW_RENEWAL),
        ("when is my premium due", Intent.MAKE_PAYMENT),
        ("I need to update my payment method", Intent.MAKE_PAYMENT),
        ("my mortgage company changed", Intent.MORTGAGEE_LIENHOLDERS),
        ("the landlord wants to see my liability coverage", Intent.CERTIFICATES),
        ("yes hi this is the insurance verification department at Freedom Mortgage",
         Intent.BANK_CALLER),
        ("how do I get to your office from I-4", Intent.HOURS_LOCATION),
        ("do you take walk ins", Intent.APPOINTMENT),
    ],
)  # fmt: skip
def test_other_intents_from_ordinary_speech(utterance: str, intent: Intent) -> None:
    """Letters, logins, renewals, bills, lenders, certificates, directions and visits."""
    assert understand(utterance).intent is intent


def test_a_caller_speaking_of_their_own_policy_has_the_catch_all_need() -> None:
    """No need recognised, but "my policy" said: the catch-all, decided by the policy."""
    heard = understand("there's a thing with my auto policy I wanted to ask")
    assert heard.own_insurance
    assert not understand("one moment, let me find my policy").own_insurance


@pytest.mark.parametrize(
    ("utterance", "services"),
    [
        ("do you guys write flood", True),
        ("does your agency handle commercial", True),
        ("do you work with progressive", True),
        ("I need flood insurance", False),
    ],
)
def test_what_the_agency_offers(utterance: str, *, services: bool) -> None:
    """Questions about what the agency sells, not requests for it."""
    assert understand(utterance).services is services


@pytest.mark.parametrize(
    ("utterance", "line"),
    [
        ("looking for cyber liability for our dental office", InsuranceLine.BUSINESS),
        ("yeah so we got a small trucking outfit three trucks", InsuranceLine.BUSINESS),
        ("an employee got hurt at work today", InsuranceLine.BUSINESS),
        ("i need a company car insured", InsuranceLine.BUSINESS),
        ("add a work truck to our commercial auto policy", InsuranceLine.BUSINESS),
        ("need insurance for a mobile home in kissimmee", InsuranceLine.PERSONAL),
        ("her homeowners needs to be cancelled", InsuranceLine.PERSONAL),
        ("why am i paying more for the same house", InsuranceLine.PERSONAL),
        ("i want to set up auto draft", None),
        ("it's a personal matter", None),
        ("can i stop by the office", None),
        ("my insurance company dropped me", None),
    ],
)
def test_the_line_of_business_from_what_is_insured(
    utterance: str, line: InsuranceLine | None
) -> None:
    """Offices, fleets and employees are business; homes and cars personal; asides neither."""
    assert insurance_type(utterance, correction=False) is line
