"""The record kinds: the single declaration of every field of every kind.

Validation (validate.py), the JSON Schema export, `akmn new`, the web editor's config and the
field reference in the contributor docs are all derived from KINDS and TAXONOMIES below.
"""

from __future__ import annotations

from .fields import (
    Bool, Country, Date, Email, Enum, Integer, Kind, Language, ListOf, MapOf, Number, Object,
    Pattern, Ref, Term, Text, Url, Year,
)

DOMAINS_10_7_2 = ("migrant-rights", "whole-of-government", "cooperation-partnerships",
                  "socioeconomic-wellbeing", "mobility-crises", "safe-orderly-regular")
DOMAIN_LEVELS = ("fully-meets", "meets", "partially-meets", "requires-further-progress", "no-data")
DISAGGREGATION = ("disaggregated", "partially-disaggregated", "not-disaggregated", "no-data")
POLICY_KINDS = ("law", "regulation", "policy", "plan", "program", "agreement")

SDG_ID = r"^\d{1,2}\.([0-9]{1,2}|[a-z])$"


def themes(**kw):
    return ListOf(item=Term(taxonomy="themes"), **kw)


def sdg_targets(**kw):
    return ListOf(item=Term(taxonomy="sdg-targets"), description="SDG target ids in quotes, e.g. '10.7'", **kw)


def source_list(**kw):
    return ListOf(item=Object(fields={
        "title": Text(required=True, example="Title of the page or report"),
        "url": Url(required=True, example="https://www.example.org/report"),
        "accessed": Date(description="when you read it"),
    }), **kw)


def link_list(**kw):
    return ListOf(item=Object(fields={
        "title": Text(required=True, example="Title"),
        "url": Url(required=True, example="https://www.example.org/"),
    }), **kw)


EXAMPLE = Bool(description="a made-up record for demonstration; the publish build leaves it out")


# --- rules that involve more than one field -------------------------------------------

def expert_rules(record, ctx):
    data = record.data
    consent = data.get("consent")
    if isinstance(consent, dict) and consent.get("public_profile") is False:
        yield ("consent", "public_profile"), ("without consent to a public profile the record "
                                              "cannot be published: remove the record")
    if data.get("email_public") is True and not data.get("email"):
        yield ("email_public",), "there is no email to publish: add `email:` or remove this line"


def country_rules(record, ctx):
    code = record.data.get("country")
    if isinstance(code, str) and code.lower() != record.id:
        yield ("country",), (f"the file is {record.id}.md but the country is {code}: rename the file "
                             f"to {code.lower()}.md or correct the code")
    yield from indicator_figure_rules(record, ctx)


def indicator_figure_rules(record, ctx):
    """A figure that names an indicator is comparable across countries only in the indicator's
    unit, for a year that has begun, and with one value per indicator per country."""
    figures = record.data.get("figures")
    seen: dict[str, int] = {}
    for index, figure in enumerate(figures if isinstance(figures, list) else []):
        entry = ctx.indicators.get(figure.get("indicator_id")) if isinstance(figure, dict) else None
        if entry is None:
            continue  # no id, or an unknown id (the Term check reports it)
        path = ("figures", index)
        if figure.get("unit") != entry["unit"]:
            yield path + ("unit",), (f"indicator {entry['id']} is measured in '{entry['unit']}': "
                                     f"write `unit: {entry['unit']}` and the value in that unit")
        year = figure.get("year")
        if isinstance(year, int) and year > ctx.today.year:
            yield path + ("year",), (f"{year} has not begun: give the year the published value "
                                     "refers to")
        if entry["id"] in seen:
            yield path + ("indicator_id",), (f"{entry['id']} already has a value in figures[{seen[entry['id']]}]: "
                                             "keep one value per indicator (the latest published) and "
                                             "remove the other or drop its indicator_id")
        seen.setdefault(entry["id"], index)


def meeting_rules(record, ctx):
    if record.data.get("status") == "held" and not record.data.get("date"):
        yield ("date",), "a held meeting needs its `date:` (YYYY-MM-DD)"


def practice_rules(record, ctx):
    period = record.data.get("period")
    if isinstance(period, dict):
        start, end = period.get("start"), period.get("end")
        if isinstance(start, int) and isinstance(end, int) and end < start:
            yield ("period", "end"), f"the period ends ({end}) before it starts ({start})"


def program_rules(record, ctx):
    number = record.data.get("number")
    expected = f"program-{number}"
    if isinstance(number, int) and record.id != expected:
        yield ("number",), f"program {number} lives in {expected}.md, not {record.id}.md"


# --- the kinds ------------------------------------------------------------------------

EXPERT = Kind(
    name="expert", folder="experts", title="Expert", title_field="name",
    summary="One expert of the network: front matter, then a short biography in Markdown.",
    rules=[expert_rules],
    fields=Object(fields={
        "name": Text(required=True, example="Full Name"),
        "affiliation": Text(required=True, example="Organisation"),
        "position": Text(),
        "organisation_type": Term(taxonomy="organisation-types", required=True, example="academe"),
        "country": Country(required=True, example="KR", description="where the expert is based"),
        "nationality": Country(in_scope=False),
        "expertise": themes(required=True, min_items=1, example=["labour-migration"]),
        "languages": ListOf(item=Language(), description="BCP 47 tags such as en, ko, th, vi, fil"),
        "programs": ListOf(item=Ref(kind="program")),
        "meetings": ListOf(item=Ref(kind="meeting")),
        "links": link_list(),
        "email": Email(),
        "email_public": Bool(description="publish the email address (default false)"),
        "consent": Object(
            description="the expert's consent to a public profile (not needed for example records)",
            fields={"public_profile": Bool(required=True, must_be_true=True, example=True),
                    "date": Date(required=True)},
        ),
        "example": EXAMPLE,
    }, required_unless={"consent": "example"}),
)

COUNTRY = Kind(
    name="country", folder="countries", title="Country profile", title_field="country",
    summary="One country policy profile; the file name is the lowercase ISO code (kr.md).",
    rules=[country_rules],
    fields=Object(fields={
        "country": Country(required=True, example="KR", description="ISO 3166-1 alpha-2, matching the file name"),
        "last_reviewed": Date(required=True),
        "migration_types": MapOf(key=Term(taxonomy="migration-types"), value=Text(multiline=True),
                                 description="migration-types id -> short summary"),
        "institutions": ListOf(item=Object(fields={
            "name": Text(required=True, example="Ministry"), "role": Text(), "url": Url()})),
        "policies": ListOf(item=Object(fields={
            "title": Text(required=True, example="Act on ..."),
            "year": Year(required=True, example=2004),
            "kind": Enum(values=POLICY_KINDS),
            "themes": themes(),
            "sdg_targets": sdg_targets(),
            "url": Url(),
            "summary": Text(multiline=True),
        })),
        "sdg_10_7_2": Object(description="SDG indicator 10.7.2: the six policy domains", fields={
            "source": Text(required=True, example="UN DESA and IOM, SDG indicator 10.7.2"),
            "year": Year(required=True, example=2023),
            "domains": MapOf(required=True, key=Enum(values=DOMAINS_10_7_2), value=Enum(values=DOMAIN_LEVELS),
                             all_keys=DOMAINS_10_7_2),
        }),
        "data_disaggregation": Object(description="SDG 17.18: data disaggregated by migratory status", fields={
            "status": Enum(required=True, values=DISAGGREGATION),
            "note": Text(multiline=True),
            "source": Text(),
            "source_url": Url(),
        }),
        "figures": ListOf(item=Object(fields={
            "indicator": Text(required=True, example="International migrant stock"),
            "indicator_id": Term(taxonomy="indicators", description=(
                "a comparable indicator from content/taxonomies/indicators.yml; leave it out for a "
                "fact specific to this country")),
            "value": Number(required=True, example=0),
            "unit": Text(required=True, example="persons"),
            "year": Year(required=True, example=2024),
            "source": Text(required=True, example="UN DESA, International Migrant Stock 2024"),
            "source_url": Url(),
        }), description="every figure carries its source and year"),
        "sources": source_list(),
        "example": EXAMPLE,
    }),
)

MEETING = Kind(
    name="meeting", folder="meetings", title="Meeting", title_field="title",
    summary="One meeting and its outcomes: front matter, then the report in Markdown.",
    rules=[meeting_rules],
    fields=Object(fields={
        "title": Text(required=True, example="Meeting title"),
        "program": Ref(kind="program", required=True, example="program-1"),
        "status": Enum(required=True, values=("planned", "held")),
        "date": Date(description="required when the meeting was held"),
        "location": Object(fields={"city": Text(), "country": Country(in_scope=False)}),
        "theme": Text(multiline=True),
        "objectives": ListOf(item=Text(multiline=True)),
        "participants": ListOf(item=Ref(kind="expert")),
        "outcomes": ListOf(item=Text(multiline=True)),
        "recommendations": ListOf(item=Object(fields={
            "text": Text(required=True, multiline=True, example="Recommendation"),
            "themes": themes(),
            "sdg_targets": sdg_targets(),
            "countries": ListOf(item=Country()),
        })),
        "documents": link_list(),
        "example": EXAMPLE,
    }),
)

PRACTICE = Kind(
    name="practice", folder="practices", title="Best practice", title_field="title",
    summary="One best-practice model: front matter, then a description in Markdown.",
    rules=[practice_rules],
    fields=Object(fields={
        "title": Text(required=True, example="Programme name"),
        "countries": ListOf(item=Country(), required=True, min_items=1, example=["PH"]),
        "implementers": ListOf(item=Text()),
        "themes": themes(required=True, min_items=1, example=["brain-circulation"]),
        "sdg_targets": sdg_targets(),
        "migration_types": ListOf(item=Term(taxonomy="migration-types")),
        "program": Ref(kind="program"),
        "period": Object(fields={"start": Year(required=True, example=2000), "end": Year()}),
        "status": Enum(values=("active", "ended", "pilot")),
        "outcomes": ListOf(item=Text(multiline=True)),
        "transferability": Text(multiline=True),
        "contacts": ListOf(item=Ref(kind="expert")),
        "sources": source_list(required=True, min_items=1),
        "example": EXAMPLE,
    }),
)

PROGRAM = Kind(
    name="program", folder="programs", title="Program", title_field="title",
    summary="One of the project's three programs (program-1, program-2, program-3).",
    rules=[program_rules],
    fields=Object(fields={
        "title": Text(required=True, example="Program title"),
        "number": Integer(required=True, minimum=1, maximum=3, example=1),
        "aim": Text(required=True, multiline=True, example="What the program aims to do"),
        "status": Enum(values=("planned", "active", "completed")),
        "example": EXAMPLE,
    }),
)

KINDS = {kind.name: kind for kind in (EXPERT, COUNTRY, MEETING, PRACTICE, PROGRAM)}
KINDS_BY_FOLDER = {kind.folder: kind for kind in KINDS.values()}


# --- taxonomies: content/taxonomies/<name>.yml, each a list of entries --------------------

def _entry(id_field, **extra):
    return Object(fields={
        "id": id_field,
        "label": Text(required=True),
        "description": Text(multiline=True),
        **extra,
    })


KEBAB = Pattern(required=True, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$",
                message="must be lowercase words joined by hyphens")
SDG_INDICATOR_ID = r"^\d{1,2}\.([0-9]{1,2}|[a-z])\.\d$"
TAXONOMIES = {
    "themes": _entry(KEBAB),
    "migration-types": _entry(KEBAB),
    "organisation-types": _entry(KEBAB),
    "sdg-targets": _entry(
        Pattern(required=True, pattern=SDG_ID, message="is not an SDG target id such as '10.7' or '10.c'"),
        goal=Integer(required=True, minimum=1, maximum=17),
        indicators=ListOf(item=Object(fields={
            "id": Pattern(required=True, pattern=SDG_INDICATOR_ID,
                          message="is not an SDG indicator id such as '10.7.2'"),
            "label": Text(required=True),
        })),
    ),
    # Comparable indicators: what a figure's `indicator_id` refers to and where the importers
    # (akmn/importers/) find each value: a publisher's series code, and for series broken
    # down by a dimension (SDG 10.7.2's policy domains) the code of the breakdown.
    "indicators": _entry(
        KEBAB,
        unit=Text(required=True, description="every figure of this indicator is in this unit"),
        definition=Text(required=True, multiline=True, description="what the indicator measures"),
        sdg_indicator=Pattern(pattern=SDG_INDICATOR_ID, message="is not an SDG indicator id such as '10.7.2'",
                              description="the SDG indicator it serves, in quotes, e.g. '17.3.2'"),
        source=Object(required=True, description="the preferred source of every value", fields={
            "agency": Text(required=True),
            "dataset": Text(required=True),
            "series_code": Text(description="the publisher's code of the series, e.g. BX.TRF.PWKR.CD.DT"),
            "breakdown": Text(description="the code of the series' breakdown, e.g. PD_1"),
            "url": Url(description="the publisher's page of the dataset"),
        }),
    ),
}
