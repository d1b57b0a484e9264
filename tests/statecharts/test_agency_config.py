"""The agency configuration: the shipped default file, and how bad files fail.

The default file must carry every fact of the agency's domain notes, and any
mistake in an agency file must stop startup with a line that names the file,
the field and the problem.
"""

from __future__ import annotations

import tomllib
from datetime import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from statecharts._agency import AgencyConfig, AlphaSplit, HolidayRule, InsuranceLine, Weekday
from statecharts._agency_checks import check_agency
from statecharts._loading import AgencyConfigError, default_agency, load_agency
from tests.statecharts.agency_files import (
    dumps,
    shipped_document,
    shipped_text,
    staff_entry,
    write_agency,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from statecharts._agency import StaffMember

pytestmark = pytest.mark.unit

REPO = Path(__file__).resolve().parents[2]
# Built from parts so that this file, too, never contains the removed names.
FORBIDDEN_NAMES = ("Dion" + "na", "Que" + "ens")


@pytest.fixture(scope="module")
def agency() -> AgencyConfig:
    """The packaged default agency."""
    return default_agency()


def member(agency: AgencyConfig, name: str) -> StaffMember:
    """The staff member with this canonical name."""
    return next(person for person in agency.staff if person.name == name)


def load_mutated(tmp_path: Path, mutate: Callable[[dict[str, Any]], object]) -> str:
    """Load the shipped file after `mutate`, returning the error message it must raise."""
    document = shipped_document()
    mutate(document)
    path = write_agency(tmp_path, document)
    with pytest.raises(AgencyConfigError) as caught:
        load_agency(path)
    message = str(caught.value)
    assert all(line.startswith(f"{path}: ") for line in message.splitlines())
    return message


# --- (a) the shipped file -------------------------------------------------------------


def test_default_agency_loads_once_and_has_no_problems(agency: AgencyConfig) -> None:
    """The packaged file validates, passes every check, and is loaded only once."""
    assert default_agency() is agency
    assert check_agency(agency) == []


def test_shipped_file_loads_by_path_too(agency: AgencyConfig) -> None:
    """Loading the packaged file by path gives the same configuration."""
    assert load_agency(REPO / "statecharts" / "agencies" / "harry_levine.toml") == agency


def test_staff_counts(agency: AgencyConfig) -> None:
    """The directory has 17 active and 3 former staff members."""
    active = [person for person in agency.staff if person.former is None]
    former = [person for person in agency.staff if person.former is not None]
    assert (len(active), len(former)) == (17, 3)


@pytest.mark.parametrize(
    ("name", "extension", "department", "split", "letters"),
    [
        ("Anamer L.", "7013", "Agency Support", None, None),
        ("Adriana", "7002", "CL-Account Executive", AlphaSplit.COMMERCIAL, "A-L"),
        ("Rayvon", "7018", "CL-Account Executive", AlphaSplit.COMMERCIAL, "M-Z"),
        ("Rachel T.", "7005", "CL-Department Manager", None, None),
        ("Kevin K.", "7003", "CL-Producer", None, None),
        ("Stephanie", "7014", "CL-Service", None, None),
        ("Julie L.", "7001", "Management", None, None),
        ("Jason L.", "7000", "Management", None, None),
        ("Kelly U.", "7009", "Management", None, None),
        ("Yarislyn", "7011", "PL-Account Executive", AlphaSplit.PERSONAL_EXISTING, "A-G"),
        ("Al", "7015", "PL-Account Executive", AlphaSplit.PERSONAL_EXISTING, "H-M"),
        ("Louis", "7017", "PL-Account Executive", AlphaSplit.PERSONAL_EXISTING, "N-Z"),
        ("Rachel Moreno", "7010", "PL-Sales Agent", AlphaSplit.PERSONAL_NEW, "A-L"),
        ("Brad", "7007", "PL-Sales Agent", AlphaSplit.PERSONAL_NEW, "M-Z"),
        ("Ann", "7016", "PL-Service", None, None),
        ("Sheree", "7008", "PL-Service", None, None),
        ("Fred", "7012", "PL-Special Projects", None, None),
        ("Debi", None, "Former", None, None),
        ("Harry", None, "Former", None, None),
        ("Rosa", None, "Former", None, None),
    ],
)
def test_staff_directory_row(
    agency: AgencyConfig,
    *,
    name: str,
    extension: str | None,
    department: str,
    split: AlphaSplit | None,
    letters: str | None,
) -> None:
    """Each directory row has the extension, department and alpha range of the domain notes."""
    person = member(agency, name)
    assert (person.extension, person.department, person.alpha_split) == (
        extension,
        department,
        split,
    )
    assert (str(person.alpha_range) if person.alpha_range else None) == letters


def test_staff_in_directory_order(agency: AgencyConfig) -> None:
    """The directory keeps the domain notes' order, which routing depends on."""
    assert [person.name for person in agency.staff] == [
        "Anamer L.", "Adriana", "Rayvon", "Rachel T.", "Kevin K.", "Stephanie", "Julie L.",
        "Jason L.", "Kelly U.", "Yarislyn", "Al", "Louis", "Rachel Moreno", "Brad", "Ann",
        "Sheree", "Fred", "Debi", "Harry", "Rosa",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "former", "message"),
    [
        ("Debi", "retired", "Debi has retired."),
        ("Harry", "deceased", "I'm sorry, Harry is no longer with us."),
        ("Rosa", "retired", "Rosa has retired."),
    ],
)
def test_former_staff(agency: AgencyConfig, name: str, former: str, message: str) -> None:
    """Former staff carry their status and the line the receptionist says about them."""
    person = member(agency, name)
    assert (person.former, person.status_message, person.transferable) == (former, message, False)


def test_restricted_staff(agency: AgencyConfig) -> None:
    """Exactly Jason L. and Fred are restricted."""
    assert {person.name for person in agency.staff if person.restricted} == {"Jason L.", "Fred"}


def test_every_extension_is_unique(agency: AgencyConfig) -> None:
    """No two people share an extension."""
    extensions = [person.extension for person in agency.staff if person.extension]
    assert len(extensions) == len(set(extensions)) == 17


@pytest.mark.parametrize(
    ("name", "pronunciation"),
    [
        ("Adriana", "Ah-dree-ah-nah"),
        ("Rayvon", "Ray-von"),
        ("Yarislyn", "Yah-ris-lin"),
        ("Sheree", "Shuh-ree"),
        ("Louis", "Lewis"),
        ("Anamer L.", "Ah-nah-mer"),
    ],
)
def test_pronunciations(agency: AgencyConfig, name: str, pronunciation: str) -> None:
    """The names TTS gets wrong carry their pronunciation."""
    assert member(agency, name).pronunciation == pronunciation


@pytest.mark.parametrize(
    ("name", "aliases"),
    [
        ("Louis", {"Luis", "Lewis", "Louie"}),
        ("Debi", {"Deb", "Debbie"}),
        ("Stephanie", {"Steph"}),
        ("Yarislyn", {"Yari"}),
        ("Rayvon", {"Ray"}),
    ],
)
def test_aliases(agency: AgencyConfig, name: str, aliases: set[str]) -> None:
    """The product decision's aliases are on the right people."""
    assert set(member(agency, name).aliases) == aliases


def test_bilingual_staff_in_directory_order(agency: AgencyConfig) -> None:
    """Spanish-speaking callers are offered these four, in this order."""
    assert [person.name for person in agency.staff if person.bilingual] == [
        "Stephanie",
        "Yarislyn",
        "Louis",
        "Rachel Moreno",
    ]


@pytest.mark.parametrize(
    ("name", "start", "end", "lunch"),
    [
        ("Anamer L.", time(12), time(13), True),
        ("Adriana", time(13), time(14), False),
        ("Rayvon", time(9), time(10), False),
        ("Rachel T.", time(13), time(14), False),
        ("Stephanie", time(14), time(15), True),
        ("Kelly U.", time(16), time(17), False),
        ("Yarislyn", time(11), time(12), False),
        ("Al", time(9), time(10), False),
        ("Louis", time(10), time(11), False),
        ("Ann", time(13), time(14), True),
        ("Sheree", time(14), time(15), True),
    ],
)
def test_time_blocks(
    agency: AgencyConfig, name: str, start: time, end: time, *, lunch: bool
) -> None:
    """Each time block reads hours 1-6 as PM and marks the "L" blocks as lunch."""
    (block,) = member(agency, name).time_blocks
    assert (block.start, block.end, block.lunch) == (start, end, lunch)


@pytest.mark.parametrize(
    "name", ["Kevin K.", "Julie L.", "Jason L.", "Rachel Moreno", "Brad", "Fred"]
)
def test_staff_without_time_blocks(agency: AgencyConfig, name: str) -> None:
    """People with no block in the directory are always available."""
    assert member(agency, name).time_blocks == ()


def test_ring_groups(agency: AgencyConfig) -> None:
    """VA rings Ann and Sheree; the claims group has no extensions yet."""
    groups = {group.key: group for group in agency.ring_groups}
    assert set(groups) == {"VA", "Claims"}
    va, claims = groups["VA"], groups["Claims"]
    assert (va.name, va.extensions, va.use) == (
        "Virtual Assistant Team",
        ("7016", "7008"),
        "Payment and ID/Dec requests",
    )
    assert (claims.name, claims.extensions) == ("Claims Team", ())
    assert (agency.payments_ring_group, agency.claims_ring_group) == ("VA", "Claims")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "Harry Levine Insurance"),
        ("spoken_name", "Harry Leveen Insurance"),
        ("short_name", "HLI"),
        ("address", "7208 West Sand Lake Road, Suite 206, Orlando, FL 32819"),
        ("location_label", "Florida"),
        ("website", "harrylevineinsurance.com"),
        ("website_spoken", "harry levine insurance dot com"),
        ("general_email", "info@hlinsure.com"),
        ("certificate_email", "Certificate@hlinsure.com"),
        ("fax", None),
        ("timezone", "America/New_York"),
        ("hours_phrase", "Monday - Friday, 9 AM to 5 PM Eastern (closed 12-1 PM for lunch)"),
        ("observe_weekend_holidays", True),
        ("room_prefix", "hli-"),
    ],
)
def test_office_facts(agency: AgencyConfig, field: str, value: object) -> None:
    """Each office fact matches the domain notes."""
    assert getattr(agency.office, field) == value


def test_persona_and_prefixes(agency: AgencyConfig) -> None:
    """The receptionist is Aizellee and skips the three business-name prefixes."""
    assert agency.persona.name == "Aizellee"
    assert agency.alpha_prefixes == ("The", "Law office of", "Law offices of")


def test_leveen_spelling_is_explained() -> None:
    """The TTS spelling of the name carries a comment saying why."""
    text = shipped_text()
    assert "leh-VEEN" in text.split('spoken_name = "Harry Leveen Insurance"')[0]


def test_opening_hours(agency: AgencyConfig) -> None:
    """Open Monday to Friday 9 to 5 with lunch 12 to 1; closed at weekends."""
    office = agency.office
    weekdays = list(Weekday)[:5]
    assert list(office.hours) == weekdays
    assert {(day.opens, day.closes) for day in office.hours.values()} == {(time(9), time(17))}
    assert office.lunch is not None
    assert (office.lunch.start, office.lunch.end) == (time(12), time(13))


def test_holidays(agency: AgencyConfig) -> None:
    """The six holidays of the product decision, in calendar order."""
    assert agency.office.holidays == tuple(HolidayRule)


def test_services(agency: AgencyConfig) -> None:
    """The ten lines the agency offers."""
    assert len(agency.office.services) == 10
    assert {"Home", "Auto", "Life", "Boat", "RV", "Pet"} <= set(agency.office.services)


def test_telephony_placeholders(agency: AgencyConfig) -> None:
    """Transfers use a placeholder PBX; with no voicemail box the agent takes messages."""
    assert agency.telephony.extension_destination == "sip:{extension}@pbx.hlinsure.invalid"
    assert agency.telephony.voicemail_destination is None


def test_carrier_count(agency: AgencyConfig) -> None:
    """All 58 carriers of the client's spreadsheet are listed, each once."""
    names = [carrier.name for carrier in agency.carriers]
    assert len(names) == len(set(names)) == 58


@pytest.mark.parametrize(
    ("name", "phone"),
    [
        # The Florida carriers named in acceptance check U21.
        ("Citizens", "866-411-2742"),
        ("Florida Peninsula", "877-994-8368"),
        ("Heritage", "855-415-7120"),
        ("Universal Property", "800-470-0599"),
        ("Tower Hill PL", "800-342-3407"),
        ("Security First", "877-581-4862"),
        ("People's Trust", "877-333-1230"),
        # Spot checks across the table.
        ("AAA", "888-929-4222"),
        ("State Farm", "800-732-5246"),
        ("Progressive", "800-274-4499"),
        ("American Integrity", "866-277-9871 x2050"),
        ("Tower Hill CL", "800-342-3407 x6050"),
        ("Western World", "201-847-8600"),
        ("Weston", "866-296-3115"),
    ],
)
def test_carrier_claims_numbers(agency: AgencyConfig, name: str, phone: str) -> None:
    """Carriers carry their 24/7 claims number exactly as the client gave it."""
    carriers = {carrier.name: carrier.claims_phone for carrier in agency.carriers}
    assert carriers[name] == phone


@pytest.mark.parametrize(
    ("name", "family", "line"),
    [
        ("Tower Hill CL", "Tower Hill", InsuranceLine.BUSINESS),
        ("Tower Hill PL", "Tower Hill", InsuranceLine.PERSONAL),
        ("Travelers CL", "Travelers", InsuranceLine.BUSINESS),
        ("Travelers PL", "Travelers", InsuranceLine.PERSONAL),
    ],
)
def test_split_line_carriers(
    agency: AgencyConfig, name: str, family: str, line: InsuranceLine
) -> None:
    """The split-line carriers name their family and line; no other carrier has one."""
    carrier = next(carrier for carrier in agency.carriers if carrier.name == name)
    assert (carrier.family, carrier.line) == (family, line)
    assert sum(carrier.family is not None for carrier in agency.carriers) == 4


@pytest.mark.parametrize("package", ["statecharts", "voiceagent"])
@pytest.mark.parametrize("forbidden", FORBIDDEN_NAMES)
def test_removed_names_appear_nowhere(package: str, forbidden: str) -> None:
    """Names the client had removed appear in no file of the shipped packages."""
    files = [
        path
        for path in (REPO / package).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    ]
    assert not [path for path in files if forbidden.encode() in path.read_bytes()]


# --- (b) bad files ----------------------------------------------------------------------


def _set(*keys: str | int, value: object) -> Callable[[dict[str, Any]], object]:
    """A mutation that sets one nested value, e.g. ``_set("office", "timezone", value=...)``."""

    def mutate(document: dict[str, Any]) -> None:
        target: Any = document
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value

    return mutate


def _staff(who: str, /, **changes: object) -> Callable[[dict[str, Any]], object]:
    """A mutation that changes (or, with value None, removes) fields of one staff member."""

    def mutate(document: dict[str, Any]) -> None:
        entry = staff_entry(document, who)
        for field, value in changes.items():
            if value is None:
                entry.pop(field, None)
            else:
                entry[field] = value

    return mutate


def _both(*mutations: Callable[[dict[str, Any]], object]) -> Callable[[dict[str, Any]], object]:
    """A mutation applying several in turn."""

    def mutate(document: dict[str, Any]) -> None:
        for mutation in mutations:
            mutation(document)

    return mutate


def _add_carrier(document: dict[str, Any]) -> None:
    document["carriers"].append({"name": "geico", "claims_phone": "800-000-0000"})


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        pytest.param(
            _staff("Adriana", alpha_range="A-M"),
            "staff[2].alpha_range: letter M of the commercial alpha split is covered by both "
            "staff[1] Adriana and staff[2] Rayvon",
            id="alpha-overlap",
        ),
        pytest.param(
            _staff("Rayvon", alpha_split=None, alpha_range=None),
            "staff: letters M-Z of the commercial alpha split are covered by no account executive",
            id="alpha-gap",
        ),
        pytest.param(
            _staff("Brad", alpha_range="N-Z"),
            "letter M of the personal_new alpha split is covered by no sales agent",
            id="alpha-gap-one-letter",
        ),
        pytest.param(
            _both(
                _staff("Rachel Moreno", alpha_split=None, alpha_range=None),
                _staff("Brad", alpha_split=None, alpha_range=None),
            ),
            "staff: no staff member has alpha_split = 'personal_new'",
            id="alpha-split-missing",
        ),
        pytest.param(
            _staff("Adriana", alpha_split=None),
            "staff[1].alpha_range: Adriana has alpha range A-L but no alpha_split",
            id="alpha-range-without-split",
        ),
        pytest.param(
            _staff("Adriana", alpha_range=None),
            "staff[1].alpha_split: Adriana is in the commercial alpha split but has no alpha_range",
            id="alpha-split-without-range",
        ),
        pytest.param(
            _staff("Rayvon", extension="7002"),
            "staff[2].extension: duplicate extension '7002' (also staff[1] Adriana)",
            id="duplicate-extension",
        ),
        pytest.param(
            _staff("Kevin K.", name="al"),
            "staff[10].name: duplicate name 'Al' (also staff[4] al)",
            id="duplicate-name",
        ),
        pytest.param(
            _set("office", "timezone", value="Mars/Olympus_Mons"),
            "office.timezone: unknown timezone 'Mars/Olympus_Mons'",
            id="unknown-timezone",
        ),
        pytest.param(
            _set("office", "hours", "monday", value={"opens": time(17), "closes": time(9)}),
            "office.hours.monday: opens at 17:00, which is not before closes at 09:00",
            id="opens-after-closes",
        ),
        pytest.param(
            _set("office", "hours", "friday", value={"opens": time(9), "closes": time(9)}),
            "office.hours.friday: opens at 09:00, which is not before closes at 09:00",
            id="opens-at-closing",
        ),
        pytest.param(
            _set("office", "lunch", value={"start": time(17, 30), "end": time(18, 30)}),
            "office.lunch: 17:30-18:30 is outside the open hours 09:00-17:00 of monday, tuesday, "
            "wednesday, thursday, friday",
            id="lunch-outside-hours",
        ),
        pytest.param(
            _set("office", "hours", "friday", value={"opens": time(12, 30), "closes": time(17)}),
            "office.lunch: 12:00-13:00 is outside the open hours 12:30-17:00 of friday",
            id="lunch-before-opening-one-day",
        ),
        pytest.param(
            _staff("Jason L.", alpha_split="commercial", alpha_range="K-M"),
            "staff[7].alpha_range: letters K-L of the commercial alpha split are covered by both "
            "staff[1] Adriana and staff[7] Jason L.",
            id="alpha-overlap-two-runs",
        ),
        pytest.param(
            _both(
                _staff("Adriana", alpha_range="A-M"),
                _staff("Jason L.", alpha_split="commercial", alpha_range="M-M"),
            ),
            "staff[7].alpha_range: letter M of the commercial alpha split is covered by all of "
            "staff[1] Adriana, staff[2] Rayvon and staff[7] Jason L.",
            id="alpha-overlap-three-people",
        ),
        pytest.param(
            _set("office", "lunch", value={"start": time(13), "end": time(12)}),
            "office.lunch: starts at 13:00, which is not before it ends at 12:00",
            id="lunch-backwards",
        ),
        pytest.param(
            _set("ring_groups", 0, "extensions", value=["7016", "7008", "7999"]),
            "ring_groups[0].extensions[2]: extension '7999' of ring group 'VA' belongs to no "
            "active staff member",
            id="ring-group-unknown-extension",
        ),
        pytest.param(
            _set("ring_groups", 1, "extensions", value=["7000"]),
            "ring_groups[1].extensions[0]: extension '7000' of ring group 'Claims' belongs to "
            "restricted staff member Jason L.",
            id="ring-group-restricted-extension",
        ),
        pytest.param(
            _set("ring_groups", 1, "key", value="VA"),
            "ring_groups[1].key: duplicate ring group key 'VA' (also ring_groups[0])",
            id="duplicate-ring-group-key",
        ),
        pytest.param(
            _set("payments_ring_group", value="va"),
            "payments_ring_group: 'va' names no ring group",
            id="unknown-payments-group",
        ),
        pytest.param(
            _set("claims_ring_group", value="Claim"),
            "claims_ring_group: 'Claim' names no ring group",
            id="unknown-claims-group",
        ),
        pytest.param(
            _add_carrier,
            "carriers[58].name: duplicate carrier 'geico' (also carriers[26])",
            id="duplicate-carrier",
        ),
        pytest.param(
            _staff("Ann", aliases=["Al"]),
            "staff[14].aliases[0]: alias 'Al' of Ann is the name of staff[10] Al",
            id="alias-is-a-name",
        ),
        pytest.param(
            _staff("Ann", aliases=["Rachel"]),
            "staff[14].aliases[0]: alias 'Rachel' of Ann is the name of staff[3] Rachel T.",
            id="alias-is-a-first-name",
        ),
        pytest.param(
            _staff("Brad", aliases=["ray"]),
            "staff[13].aliases[0]: alias 'ray' is used twice (also staff[2].aliases[0] of Rayvon)",
            id="alias-used-twice",
        ),
        pytest.param(
            _staff("Debi", extension="7020"),
            "staff[17].extension: former staff member Debi (retired) still has extension '7020'",
            id="former-with-extension",
        ),
        pytest.param(
            _staff("Harry", alpha_split="commercial", alpha_range="A-L"),
            "staff[18].alpha_range: former staff member Harry (deceased) still has alpha range A-L",
            id="former-with-alpha-range",
        ),
        pytest.param(
            _staff("Jason L.", alpha_split="commercial", alpha_range="A-L"),
            "staff[7].alpha_range: restricted staff member Jason L. has alpha range A-L, but "
            "restricted staff are never routed to",
            id="restricted-with-alpha-range",
        ),
        pytest.param(
            _set("telephony", "extension_destination", value="sip:7000@pbx.example"),
            "telephony.extension_destination: template 'sip:7000@pbx.example' has no "
            "'{extension}' placeholder",
            id="transfer-template-without-placeholder",
        ),
        pytest.param(
            _set("telephony", "voicemail_destination", value="sip:vm@pbx.example"),
            "telephony.voicemail_destination: template 'sip:vm@pbx.example' has no "
            "'{extension}' placeholder",
            id="voicemail-template-without-placeholder",
        ),
        pytest.param(
            _set("telephony", "extension_destination", value="sip:{extension}@{domain}"),
            "telephony.extension_destination: template 'sip:{extension}@{domain}' is not a "
            "valid template",
            id="template-with-unknown-field",
        ),
    ],
)
def test_cross_field_problem_is_named(
    tmp_path: Path, mutate: Callable[[dict[str, Any]], object], expected: str
) -> None:
    """A cross-field mistake fails loading with a line naming the field and the problem."""
    assert expected in load_mutated(tmp_path, mutate)


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        pytest.param(
            _staff("Adriana", extension="70a"),
            "staff[1].extension: String should match pattern '^\\d{3,6}$' (got '70a')",
            id="bad-extension",
        ),
        pytest.param(
            _staff("Adriana", alpha_range="A_L"),
            "staff[1].alpha_range: alpha range 'A_L' must look like 'A-L'",
            id="bad-alpha-range",
        ),
        pytest.param(
            _staff("Debi", former="fired"),
            "staff[17].former: Input should be 'retired' or 'deceased' (got 'fired')",
            id="bad-former-status",
        ),
        pytest.param(
            _staff("Brad", nickname="B"),
            "staff[13].nickname: unknown field",
            id="unknown-field",
        ),
        pytest.param(
            _set("office", "hours", "funday", value={"opens": time(9), "closes": time(17)}),
            "office.hours.funday: invalid key: Input should be 'monday'",
            id="bad-weekday",
        ),
        pytest.param(
            _set("carriers", 3, "claims_phone", value="866-277-9871 ext 2050"),
            "carriers[3].claims_phone: String should match pattern",
            id="bad-claims-phone",
        ),
        pytest.param(
            lambda document: document.pop("carriers"),
            "carriers: required field is missing",
            id="missing-carriers",
        ),
    ],
)
def test_schema_problem_is_named(
    tmp_path: Path, mutate: Callable[[dict[str, Any]], object], expected: str
) -> None:
    """A field that fails its own type check is reported at its dotted, indexed path."""
    assert expected in load_mutated(tmp_path, mutate)


def test_every_problem_is_reported_on_its_own_line(tmp_path: Path) -> None:
    """Several mistakes give one line each, so one failed start shows everything to fix."""
    message = load_mutated(
        tmp_path,
        _both(
            _staff("Rayvon", extension="7002"),
            _set("office", "timezone", value="Nowhere/Special"),
            _set("claims_ring_group", value="claims"),
        ),
    )
    assert len(message.splitlines()) == 3


def test_error_is_a_value_error_with_problems(tmp_path: Path) -> None:
    """The error is a ValueError that also carries its source and problems separately."""
    document = shipped_document()
    document["office"]["timezone"] = "Nowhere/Special"
    path = write_agency(tmp_path, document)
    with pytest.raises(ValueError, match=r"office\.timezone") as caught:
        load_agency(str(path))
    assert isinstance(caught.value, AgencyConfigError)
    assert caught.value.source == str(path)
    assert caught.value.problems == (
        "office.timezone: unknown timezone 'Nowhere/Special' "
        "(use an IANA name such as 'America/New_York')",
    )


# --- (c) unreadable files ---------------------------------------------------------------


@pytest.mark.parametrize("as_text", [True, False], ids=["str", "path"])
def test_missing_file(tmp_path: Path, *, as_text: bool) -> None:
    """A missing file gives one line naming the file and saying it cannot be read."""
    path = tmp_path / "absent.toml"
    with pytest.raises(AgencyConfigError) as caught:
        load_agency(str(path) if as_text else path)
    assert str(caught.value) == f"{path}: cannot read agency file: No such file or directory"


def test_directory_instead_of_file(tmp_path: Path) -> None:
    """A directory path gives one line saying the file cannot be read."""
    with pytest.raises(AgencyConfigError, match="cannot read agency file") as caught:
        load_agency(tmp_path)
    assert str(caught.value).startswith(f"{tmp_path}: ")
    assert len(str(caught.value).splitlines()) == 1


@pytest.mark.parametrize(
    ("content", "where"),
    [
        ('[office]\nname = "Harry Levine Insurance\n', "line 2"),
        ("persona = \n", "line 1"),
        ("[staff]\n[staff]\n", "line 2"),
    ],
    ids=["unterminated-string", "missing-value", "duplicate-table"],
)
def test_invalid_toml(tmp_path: Path, content: str, where: str) -> None:
    """Broken TOML gives one line naming the file and where the syntax breaks."""
    path = tmp_path / "agency.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AgencyConfigError) as caught:
        load_agency(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: invalid TOML: ")
    assert where in message
    assert len(message.splitlines()) == 1


def test_not_utf8(tmp_path: Path) -> None:
    """A file that is not UTF-8 text gives one clear line."""
    path = tmp_path / "agency.toml"
    path.write_bytes(b'name = "\xff"\n')
    with pytest.raises(AgencyConfigError, match=r"agency\.toml: not UTF-8 text"):
        load_agency(path)


def test_writer_round_trips_the_shipped_file() -> None:
    """The test helper's TOML writer reproduces the shipped document exactly."""
    document = shipped_document()
    assert tomllib.loads(dumps(document)) == document
