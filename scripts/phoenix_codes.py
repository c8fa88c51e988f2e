"""Reading the Phoenix (TABARI/PETRARCH) actor dictionaries: entries with their synonyms and
dated CAMEO codes, and CAMEO actor codes as country and sector. Used by convert_phoenix.py."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pycountry


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# CAMEO's own state codes that are not ISO 3166-1 alpha-3 (None: a former state or a region the
# base has no actor for; a following code may still name the country, as "USRARM" -> ARM).
CAMEO_STATES: dict[str, str | None] = {
    "TMP": "TLS", "ANG": "AGO", "FRN": "FRA", "SRP": "BIH", "KRJ": "HRV", "ROM": "ROU",
    "ZAR": "COD", "BUR": "MMR", "USR": None, "SUN": None, "DDR": None, "CSK": None,
    "YUG": None, "FRY": None, "SCG": None, "KSV": None, "WSB": "PSE", "GZS": "PSE",
}  # fmt: skip
# CAMEO sector and type codes -> the sectors of roles.yaml.
SECTORS = {
    "GOV": "GOV", "MIL": "MIL", "REB": "REB", "UAF": "REB", "INS": "REB", "IMG": "REB",
    "OPP": "OPP", "RAD": "OPP", "PTY": "PTY", "SEP": "SEP", "CRM": "CRM", "LEG": "LEG",
    "JUD": "JUD", "COP": "COP", "SPY": "SPY", "MED": "MED", "CVL": "CVL", "PPL": "CVL",
    "REF": "CVL", "AGR": "CVL", "REL": "REL", "MUS": "REL", "CHR": "REL", "JEW": "REL",
    "HIN": "REL", "BUD": "REL", "SHI": "REL", "CTH": "REL", "ORT": "REL", "BUS": "BUS",
    "MNC": "BUS", "LAB": "LAB", "ELI": "ELI", "EDU": "EDU", "HLH": "HLH", "NGO": "NGO",
    "HRI": "NGO", "ENV": "NGO", "DEV": "NGO", "IGO": "IGO", "UNO": "IGO",
}  # fmt: skip
# A government code refined by one of these is that branch ("GOVMIL": a defence minister).
GOV_BRANCHES = frozenset({"MIL", "JUD", "LEG", "COP", "SPY"})
# Codes after which a country code may follow ("NGOUSA"), and codes that are never a country
# there although ISO has them ("IMGMUSALQ": Muslim, not Mauritius).
TYPE_CODES = frozenset({"IGO", "NGO", "MNC", "IMG"})
NOT_COUNTRY_AFTER_TYPE = frozenset({"MUS"})
# The role noun (a key of roles.yaml) a dated period of each sector is recorded with when no
DATE = re.compile(r"^(\d{6}|\d{8})$")
CODE = re.compile(r"\[([^\]]*)\]")


@dataclass
class RawEntry:
    """One actor as the dictionary gives it: primary name, synonyms, codes with dates."""

    file: str
    name: str
    synonyms: list[str] = field(default_factory=list)
    codes: list[tuple[str, str | None, str | None]] = field(default_factory=list)


def words_of(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[a-z0-9]+", text.lower()))


def parse_date(text: str) -> str | None:
    """YYMMDD or YYYYMMDD as ISO; two-digit years up to 25 are 20YY (the dictionaries date
    from 2014 and reach back to the 1920s). Anything else is no date."""
    text = text.strip()
    if text.isdigit() and len(text) == 9:
        text = text[:8]  # a digit typed twice: "201005011"
    if not DATE.match(text):
        return None
    if len(text) == 6:
        year = int(text[:2])
        text = f"{2000 + year if year <= 25 else 1900 + year}{text[2:]}"
    month, day = int(text[4:6]), int(text[6:8])
    if not 1 <= month <= 12:
        return text[:4]
    if not 1 <= day <= 31:
        return f"{text[:4]}-{text[4:6]}"
    return f"{text[:4]}-{text[4:6]}-{text[6:8]}"


def parse_code(body: str) -> tuple[str, str | None, str | None] | None:
    parts = body.split(None, 1)
    if not parts or not re.fullmatch(r"[A-Z]{3}(?:[A-Z]{3})*", parts[0]):
        return None
    code, dates = parts[0], parts[1].replace(" ", "") if len(parts) > 1 else ""
    if dates.startswith(">"):
        return code, parse_date(dates[1:]), None
    if dates.startswith("<"):
        return code, None, parse_date(dates[1:])
    if "-" in dates:
        start, _, end = dates.partition("-")
        return code, parse_date(start), parse_date(end)
    return code, None, None


def read_dictionary(path: Path, label: str) -> list[RawEntry]:
    entries: list[RawEntry] = []
    current: RawEntry | None = None
    for raw in path.read_text("latin-1").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        codes = [c for c in (parse_code(m) for m in CODE.findall(line)) if c is not None]
        text = CODE.sub(" ", line).strip()
        if line[0] in " \t":
            if current is not None:
                current.codes.extend(codes)
            continue
        if line.startswith("+"):
            if current is not None:
                current.synonyms.extend(s for s in text[1:].split("+") if s.strip("_ "))
                current.codes.extend(codes)
            continue
        current = RawEntry(label, text)
        current.codes.extend(codes)
        entries.append(current)
    return entries


def split_code(code: str) -> tuple[str | None, list[str]]:
    """(country, sectors) of a CAMEO actor code: "GBRGOV" -> (GBR, [GOV])."""
    chunks = [code[i : i + 3] for i in range(0, len(code), 3)]
    country: str | None = None
    sectors: list[str] = []
    for index, chunk in enumerate(chunks):
        after_type = index > 0 and chunks[index - 1] in TYPE_CODES
        may_be_country = index == 0 or after_type or (index == 1 and not sectors)
        if may_be_country and not (after_type and chunk in NOT_COUNTRY_AFTER_TYPE):
            if chunk in CAMEO_STATES:
                country = CAMEO_STATES[chunk] or country
                continue
            if chunk not in SECTORS and pycountry.countries.get(alpha_3=chunk) is not None:
                country = chunk
                continue
        if chunk in SECTORS:
            sectors.append(chunk)
    return country, sectors


def sector_of(sectors: list[str]) -> str | None:
    if not sectors:
        return None
    if sectors[0] == "GOV" and len(sectors) > 1 and sectors[1] in GOV_BRANCHES:
        return sectors[1]
    return SECTORS[sectors[0]]
