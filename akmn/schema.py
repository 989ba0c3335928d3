"""The record kinds: the single declaration of every field of every kind.

Validation (validate.py), the JSON Schema export, `akmn new`, the web editor's config and the
field reference in the contributor docs are all derived from KINDS and TAXONOMIES below.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

from .fields import (
    ID_RE,
    Bool,
    Country,
    Date,
    Email,
    Enum,
    Integer,
    Kind,
    Language,
    ListOf,
    MapOf,
    Number,
    Object,
    Pattern,
    Ref,
    SchemaError,
    Taxonomy,
    Term,
    Text,
    Url,
    Year,
    calendar_day,
    parts,
    walk,
)
from .i18n import LANGS, NAMES, SOURCE, catalog
from .names import country_name
from .problems import did_you_mean

DOMAINS_10_7_2 = ("migrant-rights", "whole-of-government", "cooperation-partnerships",
                  "socioeconomic-wellbeing", "mobility-crises", "safe-orderly-regular")
DOMAIN_LEVELS = ("fully-meets", "meets", "partially-meets", "requires-further-progress", "no-data")
DISAGGREGATION = ("disaggregated", "partially-disaggregated", "not-disaggregated", "no-data")
DOMAIN_LABELS = {
    "migrant-rights": "Migrant rights",
    "whole-of-government": "Whole-of-government / evidence-based policies",
    "cooperation-partnerships": "Cooperation and partnerships",
    "socioeconomic-wellbeing": "Socioeconomic well-being",
    "mobility-crises": "Mobility dimensions of crises",
    "safe-orderly-regular": "Safe, orderly and regular migration",
}
LEVEL_LABELS = {"fully-meets": "Fully meets", "meets": "Meets", "partially-meets": "Partially meets",
                "requires-further-progress": "Requires further progress", "no-data": "No data"}
# The levels as the numbers SG_CPA_MIGRS publishes (1 requires further progress .. 4 fully meets).
LEVEL_NUMBERS = {"requires-further-progress": 1, "partially-meets": 2, "meets": 3, "fully-meets": 4}
LEVEL_WORDS = {n: w for w, n in LEVEL_NUMBERS.items()}
DISAGGREGATION_LABELS = {"disaggregated": "Disaggregated",
                         "partially-disaggregated": "Partially disaggregated",
                         "not-disaggregated": "Not disaggregated", "no-data": "No data"}
POLICY_KINDS = {"law": "Law", "regulation": "Regulation", "policy": "Policy", "plan": "Plan",
                "program": "Program", "agreement": "Agreement"}

THAI = re.compile(r"[\u0E00-\u0E7F]")
SDG_ID = r"^\d{1,2}\.([0-9]{1,2}|[a-z])$"


def themes(**kw):
    return ListOf(item=Term(taxonomy="themes"), **{"title": "Themes", **kw})


def sdg_targets(**kw):
    return ListOf(item=Term(taxonomy="sdg-targets"), title="SDG targets",
                  description="SDG target ids in quotes, e.g. '10.7'", **kw)


def source_list(**kw):
    return ListOf(title="Sources", item=Object(fields={
        "title": Text(title="Title", required=True, example="Title of the page or report"),
        "url": Url(title="URL", required=True, example="https://www.example.org/report"),
        "accessed": Date(title="Accessed", description="when you read it", past=True),
    }), **kw)


def link_list(**kw):
    return ListOf(item=Object(fields={
        "title": Text(title="Title", required=True, example="Title"),
        "url": Url(title="URL", required=True, example="https://www.example.org/"),
    }), **kw)


# Best bets: a word on most pages (이주 on the Korean edition) ranks by word counts alone, which
# cannot know which page a reader typing just that word wants; an editor can. Not on experts: a
# person is not promoted above the knowledge base's records.
PINNED_SEARCHES = ListOf(title="Pinned searches", item=Text(), description=(
    "whole searches that list this record first, in the language of this file: for a word so "
    "common that counting it cannot tell which page answers it; the page must show the words"))

EXAMPLE = Bool(title="Example",
               description="a made-up record for demonstration; the publish build leaves it out")


# --- rules that involve more than one field -------------------------------------------

def expert_rules(record, ctx):
    data = record.data
    consent = data.get("consent")
    if isinstance(consent, dict) and consent.get("public_profile") is False:
        yield ("consent", "public_profile"), ("without consent to a public profile the record "
                                              "cannot be published: remove the record")
    if data.get("email_public") is True and not data.get("email"):
        yield ("email_public",), "there is no email to publish: add `email:` or remove this line"


def search_key(query: str) -> str:
    """A search as the search page compares it with the pinned searches (searchKey in
    docs/assets/search.js does the same): compatibility forms folded, lower case, single spaces.
    U+FEFF is a space to JavaScript's split, not to Python's."""
    return " ".join(unicodedata.normalize("NFKC", query).lower().replace("\ufeff", " ").split())


def pinned_search_rule(record, ctx, original=None):
    """Pagefind finds a page by the start of the words it shows, and a pin only orders what it
    found: a pinned search with a word the page does not show would do nothing. A translation's
    page also shows the fields of its original."""
    searches = record.data.get("pinned_searches")
    if not isinstance(searches, list):
        return
    text = search_key(" ".join(map(str, _shown_texts(record, ctx, original))))
    words = set(text.split()) | set(re.findall(r"\w+", text))  # Pagefind drops the punctuation around a word
    for index, query in enumerate(searches):
        for word in search_key(query).split() if isinstance(query, str) else ():
            # Thai has no spaces: the index splits it into words (search.thai_search_words).
            if not (any(w.startswith(word) for w in words) or (THAI.search(word) and word in text)):
                yield ("pinned_searches", index), (
                    f"'{word}' is not a word (or the start of one) on the record's page, so the "
                    "search would not find the page to list it first: pin words the page shows")
                break


def _shown_texts(record, ctx, original):
    """The texts a record's page shows: its body and its fields, codes as the names pages give
    them in any language (a country, a topic, a linked record, a listed value); not addresses."""
    kind = KINDS[record.kind]
    values = walk(kind.fields, original.data if original else record.data, "")
    if original:
        values = itertools.chain(values, walk(translation_fields(kind), record.data, ""))
    yield record.body
    for leaf, value, top in values:
        if top == "pinned_searches" or isinstance(leaf, (Url, Email)):
            continue
        if not isinstance(value, str):  # a number, a date, or a mistake reported elsewhere
            yield value
        elif isinstance(leaf, Country):
            yield from (country_name(value, code) for code in LANGS)
        elif isinstance(leaf, Term):
            yield from ctx.term_names.get(leaf.taxonomy, {}).get(value, [])
        elif isinstance(leaf, Ref):
            yield from ctx.record_names.get(leaf.kind, {}).get(value, [])
        elif isinstance(leaf, Enum) and value in leaf.labels:
            yield from (catalog(code).gettext(leaf.labels[value]) for code in LANGS)
        else:
            yield value


def id_field_rule(record, ctx):
    """A kind whose id is a field's value: the file name and that field agree."""
    name = KINDS[record.kind].id_field
    value = record.data.get(name)
    if isinstance(value, str) and value.lower() != record.id:
        yield (name,), (f"the file is {record.id}.md but the {name} is {value}: rename the file "
                        f"to {value.lower()}.md or correct the code")


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
            yield path + ("indicator_id",), (f"{entry['id']} already has a value in "
                                             f"figures[{seen[entry['id']]}]: "
                                             "keep one value per indicator (the latest published) and "
                                             "remove the other or drop its indicator_id")
        seen.setdefault(entry["id"], index)


def missing_value_rules(record, ctx):
    """A gap recorded in `missing` is a claim that no traceable value exists: it cannot stand
    beside a figure of the same indicator, and one reason per indicator is enough."""
    figures = record.data.get("figures")
    valued = {f.get("indicator_id"): i for i, f in enumerate(figures if isinstance(figures, list) else [])
              if isinstance(f, dict) and f.get("indicator_id")}
    missing = record.data.get("missing")
    seen: dict[str, int] = {}
    for index, entry in enumerate(missing if isinstance(missing, list) else []):
        indicator_id = entry.get("indicator_id") if isinstance(entry, dict) else None
        if not isinstance(indicator_id, str):
            continue
        path = ("missing", index, "indicator_id")
        if indicator_id in valued:
            yield path, (f"{indicator_id} has a value in figures[{valued[indicator_id]}]: remove this "
                         "entry, or the figure if its value cannot be traced")
        if indicator_id in seen:
            yield path, (f"{indicator_id} is already listed in missing[{seen[indicator_id]}]: "
                         "keep one entry and put every reason in it")
        seen.setdefault(indicator_id, index)


def meeting_rules(record, ctx):
    held, given = record.data.get("status") == "held", record.data.get("date")
    day = calendar_day(given)  # quoted too, as the Date field reads it; a wrong one it reports
    if held and not given:
        yield ("date",), "a held meeting needs its `date:` (YYYY-MM-DD)"
    elif held and day and day > ctx.latest_day:
        yield ("date",), (f"a held meeting's date cannot be after today ({ctx.today}): check the "
                          "year, or set `status: planned`")


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
    name="expert", folder="experts", title="Expert", plural="Experts", title_field="name",
    summary="One expert of the network: front matter, then a short biography in Markdown.",
    intro="Migration experts of the network, from government, academe, international organisations "
          "and civil society in the ASEAN member states and Korea.",
    rules=[expert_rules],
    fields=Object(fields={
        "name": Text(title="Full name", required=True, example="Full Name"),
        "affiliation": Text(title="Affiliation", required=True, example="Organisation"),
        "position": Text(title="Position"),
        "organisation_type": Term(title="Organisation type", taxonomy="organisation-types", required=True,
                                  example="academe"),
        "country": Country(title="Country", required=True, example="KR",
                           description="where the expert is based"),
        "nationality": Country(title="Nationality", in_scope=False),
        "expertise": themes(title="Expertise", required=True, min_items=1, example=["labour-migration"]),
        "languages": ListOf(title="Languages", item=Language(),
                            description="BCP 47 tags such as en, ko, th, vi, fil"),
        "programs": ListOf(title="Programs", item=Ref(kind="program")),
        "meetings": ListOf(title="Meetings", item=Ref(kind="meeting")),
        "links": link_list(title="Links"),
        "email": Email(title="Email", public_if="email_public"),
        "email_public": Bool(title="Publish the email address",
                             description="publish the email address (default false)"),
        "consent": Object(
            title="Consent to a public profile", private=True,
            description="the expert's consent to a public profile (not needed for example records)",
            fields={"public_profile": Bool(title="Public profile", required=True, must_be_true=True,
                                           example=True),
                    "date": Date(title="Date of consent", required=True, past=True)},
        ),
        "example": EXAMPLE,
    }, required_unless={"consent": "example"}),
)

COUNTRY = Kind(
    name="country", folder="countries", title="Country profile", plural="Countries", title_field="country",
    summary="One country policy profile; the file name is the lowercase ISO code (kr.md).",
    intro="Migration and development policy profiles of the ASEAN member states and the Republic of "
          "Korea, each with its sources and the date it was last reviewed.",
    id_field="country",  # KR -> kr.md, as the contract requires
    rules=[id_field_rule, indicator_figure_rules, missing_value_rules, pinned_search_rule],
    fields=Object(fields={
        "country": Country(title="Country", required=True, example="KR",
                           description="ISO 3166-1 alpha-2, matching the file name"),
        "last_reviewed": Date(title="Last reviewed", required=True, past=True),
        "migration_types": MapOf(title="Migration types", key=Term(taxonomy="migration-types"),
                                 value=Text(multiline=True),
                                 description="migration-types id -> short summary"),
        "institutions": ListOf(title="Institutions", item=Object(fields={
            "name": Text(title="Name", required=True, example="Ministry"), "role": Text(title="Role"),
            "url": Url(title="URL")})),
        "policies": ListOf(title="Laws and policies", item=Object(fields={
            "title": Text(title="Title", required=True, example="Act on ..."),
            "year": Year(title="Year", required=True, example=2004),
            "kind": Enum(title="Kind", values=tuple(POLICY_KINDS), labels=POLICY_KINDS),
            "themes": themes(),
            "sdg_targets": sdg_targets(),
            "url": Url(title="URL"),
            "summary": Text(title="Summary", multiline=True),
        })),
        "sdg_10_7_2": Object(title="SDG indicator 10.7.2: migration policy domains", description=(
            "SDG indicator 10.7.2, the older form with one source and year for the six domains; record new "
            "assessments as figures with indicator_id sdg-10-7-2 (overall) and sdg-10-7-2-<domain>, each "
            "with its year and source (as akmn import un-sdg writes them): once a profile has such a "
            "figure, this block is no longer shown"), fields={
            "source": Text(title="Source", required=True, example="UN DESA and IOM, SDG indicator 10.7.2"),
            "year": Year(title="Year", required=True, example=2023),
            "domains": MapOf(title="Domains", required=True,
                             key=Enum(values=DOMAINS_10_7_2, labels=DOMAIN_LABELS),
                             value=Enum(values=DOMAIN_LEVELS, labels=LEVEL_LABELS), all_keys=DOMAINS_10_7_2),
        }),
        "data_disaggregation": Object(title="SDG 17.18: data disaggregated by migratory status",
                                      description="SDG 17.18: data disaggregated by migratory status",
                                      fields={
            "status": Enum(title="Status", required=True, values=DISAGGREGATION,
                           labels=DISAGGREGATION_LABELS),
            "note": Text(title="Note", multiline=True),
            "source": Text(title="Source"),
            "source_url": Url(title="Source URL"),
        }),
        "figures": ListOf(title="Key figures", item=Object(fields={
            "indicator": Text(title="Indicator", required=True, example="International migrant stock"),
            "indicator_id": Term(title="Indicator ID", taxonomy="indicators", description=(
                "a comparable indicator from content/taxonomies/indicators.yml; leave it out for a "
                "fact specific to this country")),
            "value": Number(title="Value", required=True, example=0),
            "unit": Text(title="Unit", required=True, example="persons"),
            "year": Year(title="Year", required=True, example=2024),
            "source": Text(title="Source", required=True,
                           example="UN DESA, International Migrant Stock 2024"),
            "source_url": Url(title="Source URL"),
        }), description="every figure carries its source and year"),
        "missing": ListOf(title="Values not published", item=Object(fields={
            "indicator_id": Term(title="Indicator ID", taxonomy="indicators", required=True,
                                 example="remittances-received-gdp"),
            "reason": Text(title="Reason", required=True, multiline=True,
                           example="What was checked, where, and what it showed",
                           description=("what was checked and what it showed; why the publisher has no "
                                        "value only if the publisher says so")),
            "checked": Date(title="Checked", description="when it was checked", past=True),
        }), description=("a comparable indicator with no traceable value for this country, and why: "
                         "never an estimate; pages show the reason instead of the value")),
        "sources": source_list(),
        "pinned_searches": PINNED_SEARCHES,
        "example": EXAMPLE,
    }),
)

MEETING = Kind(
    name="meeting", folder="meetings", title="Meeting", plural="Meetings", title_field="title",
    summary="One meeting and its outcomes: front matter, then the report in Markdown.",
    intro="Meetings of the network: their themes, objectives, participants and outcomes.",
    rules=[meeting_rules, pinned_search_rule],
    fields=Object(fields={
        "title": Text(title="Title", required=True, example="Meeting title"),
        "program": Ref(title="Program", kind="program", required=True, example="program-1"),
        "status": Enum(title="Status", required=True, values=("planned", "held"),
                       labels={"planned": "Planned", "held": "Held"}),
        "date": Date(title="Date", description="required when the meeting was held"),
        "location": Object(title="Location", fields={"city": Text(title="City"),
                                                     "country": Country(title="Country", in_scope=False)}),
        "theme": Text(title="Theme", multiline=True),
        "objectives": ListOf(title="Objectives", item=Text(multiline=True)),
        "participants": ListOf(title="Participants", item=Ref(kind="expert")),
        "outcomes": ListOf(title="Outcomes", item=Text(multiline=True)),
        "recommendations": ListOf(title="Recommendations", item=Object(fields={
            "text": Text(title="Recommendation", required=True, multiline=True, example="Recommendation"),
            "themes": themes(),
            "sdg_targets": sdg_targets(),
            "countries": ListOf(title="Countries", item=Country()),
        })),
        "documents": link_list(title="Documents"),
        "pinned_searches": PINNED_SEARCHES,
        "example": EXAMPLE,
    }),
)

PRACTICE = Kind(
    name="practice", folder="practices", title="Best practice", plural="Best practices", title_field="title",
    summary="One best-practice model: front matter, then a description in Markdown.",
    intro="Best-practice models on brain circulation, return and reintegration, diaspora engagement, "
          "skills recognition, fair recruitment and migration data, with notes on transferability.",
    rules=[practice_rules, pinned_search_rule],
    fields=Object(fields={
        "title": Text(title="Title", required=True, example="Programme name"),
        "acronym": Text(title="Acronym", description=(
            "the short name readers search for, e.g. EPS; search ranks the practice first for it")),
        "countries": ListOf(title="Countries", item=Country(), required=True, min_items=1, example=["PH"]),
        "implementers": ListOf(title="Implementers", item=Text()),
        "themes": themes(required=True, min_items=1, example=["brain-circulation"]),
        "sdg_targets": sdg_targets(),
        "migration_types": ListOf(title="Migration types", item=Term(taxonomy="migration-types")),
        "program": Ref(title="Program", kind="program"),
        "period": Object(title="Period", fields={"start": Year(title="Start", required=True, example=2000),
                                                 "end": Year(title="End")}),
        "status": Enum(title="Status", values=("active", "ended", "pilot"),
                       labels={"active": "Active", "ended": "Ended", "pilot": "Pilot"}),
        "outcomes": ListOf(title="Outcomes", item=Text(multiline=True)),
        "transferability": Text(title="Transferability to other countries", multiline=True),
        "contacts": ListOf(title="Contacts", item=Ref(kind="expert")),
        "sources": source_list(required=True, min_items=1),
        "pinned_searches": PINNED_SEARCHES,
        "example": EXAMPLE,
    }),
)

PROGRAM = Kind(
    name="program", folder="programs", title="Program", plural="Programs", title_field="title",
    summary="One of the project's three programs (program-1, program-2, program-3).",
    intro="The project's three programs and how they connect.",
    slug="program-{{number}}",  # program 2 lives in program-2.md
    rules=[program_rules, pinned_search_rule],
    fields=Object(fields={
        "title": Text(title="Title", required=True, example="Program title"),
        "number": Integer(title="Number", required=True, minimum=1, maximum=3, example=1),
        "aim": Text(title="Aim", required=True, multiline=True, example="What the program aims to do"),
        "status": Enum(title="Status", values=("planned", "active", "completed"),
                       labels={"planned": "Planned", "active": "Active", "completed": "Completed"}),
        "pinned_searches": PINNED_SEARCHES,
        "example": EXAMPLE,
    }),
)

KINDS = {kind.name: kind for kind in (EXPERT, COUNTRY, MEETING, PRACTICE, PROGRAM)}
KINDS_BY_FOLDER = {kind.folder: kind for kind in KINDS.values()}


# --- taxonomies: content/taxonomies/<name>.yml, each a list of entries --------------------

def translation_fields(kind: Kind) -> Object:
    """What a record's translation (<id>.ko.md) may hold besides its body: the translated title
    (a country profile is named by ISO, so it has none), a one-line summary and the searches
    pinned on that language's edition."""
    fields = {"summary": Text(title="Summary", description="one sentence: the page's description")}
    if kind.title_field in kind.fields.fields and kind.name != "country":
        fields[kind.title_field] = Text(title=kind.fields.fields[kind.title_field].title, required=True)
    if "pinned_searches" in kind.fields.fields:
        fields["pinned_searches"] = PINNED_SEARCHES
    return Object(fields=fields)


def _entry(id_field, translated: tuple[str, ...] = (), **extra):
    fields = {
        "id": id_field,
        "label": Text(title="Label", required=True),
        "description": Text(title="Description", multiline=True),
        **extra,
    }
    return with_translations(fields, ("label", "description", *translated))


def with_translations(fields: dict, names: tuple[str, ...]) -> Object:
    """An entry of a taxonomy (or an entry listed in one, an SDG target's indicator) may carry
    the texts NAMES in each other language of the site (label_ko, description_ko, an indicator's
    unit_ko), shown on that edition's pages (akmn.i18n.localised)."""
    others = [code for code in LANGS if code != SOURCE]
    translations = {f"{name}_{code}": Text(title=f"{fields[name].title} ({NAMES[code]})",
                                           multiline=getattr(fields[name], "multiline", False))
                    for name in names if name in fields for code in others}
    return Object(fields={**fields, **translations})


KEBAB = Pattern(title="ID", required=True, pattern=ID_RE.pattern,
                message="must be lowercase words joined by hyphens")
SDG_INDICATOR_ID = r"^\d{1,2}\.([0-9]{1,2}|[a-z])\.\d$"
TAXONOMIES = {taxonomy.name: taxonomy for taxonomy in (
    Taxonomy("themes", "Theme", "Themes", _entry(KEBAB), folder="themes", facet="theme"),
    Taxonomy("sdg-targets", "SDG target", "SDG targets", _entry(
        Pattern(title="ID", required=True, pattern=SDG_ID,
                message="is not an SDG target id such as '10.7' or '10.c'"),
        translated=("short",),
        short=Text(title="Short name", required=True, description=(
            "a few words naming the target, for page titles (the official text is the label)")),
        goal=Integer(title="Goal", required=True, minimum=1, maximum=17),
        indicators=ListOf(title="Indicators", item=with_translations({
            "id": Pattern(title="ID", required=True, pattern=SDG_INDICATOR_ID,
                          message="is not an SDG indicator id such as '10.7.2'"),
            "label": Text(title="Label", required=True),
        }, ("label",))),
    ), folder="sdg", facet="SDG target", label_format="SDG {id}", title_format="SDG {id}: {short}",
        data_title="SDG targets and indicators"),
    Taxonomy("migration-types", "Migration type", "Migration types", _entry(KEBAB), folder="migration-types",
             facet="migration type"),
    Taxonomy("organisation-types", "Organisation type", "Organisation types", _entry(KEBAB),
             facet="organisation type"),
    # Comparable indicators: what a figure's `indicator_id` refers to and where the importers
    # (akmn/importers/) find each value: a publisher's series code, and for series broken
    # down by a dimension (SDG 10.7.2's policy domains) the code of the breakdown. They say
    # what a figure measures, not what a record is about: no pages, no search filter.
    Taxonomy("indicators", "Indicator", "Indicators", _entry(
        KEBAB, translated=("unit", "definition"),
        unit=Text(title="Unit", required=True, description="every figure of this indicator is in this unit"),
        definition=Text(title="Definition", required=True, multiline=True,
                        description="what the indicator measures"),
        sdg_indicator=Pattern(title="SDG indicator", pattern=SDG_INDICATOR_ID,
                              message="is not an SDG indicator id such as '10.7.2'",
                              description="the SDG indicator it serves, in quotes, e.g. '17.3.2'"),
        themes=ListOf(title="Themes", item=Term(taxonomy="themes"), description=(
            "the themes whose pages show this indicator and the countries with a value")),
        sdg_targets=ListOf(title="SDG targets", item=Term(taxonomy="sdg-targets"), description=(
            "SDG target pages that show this indicator besides the target of its SDG indicator, e.g. '17.3' "
            "for remittances in US$")),
        source=Object(title="Source", required=True, description="the preferred source of every value",
                      fields={
            "agency": Text(title="Agency", required=True),
            "dataset": Text(title="Dataset", required=True),
            "series_code": Text(title="Series code",
                                description="the publisher's code of the series, e.g. BX.TRF.PWKR.CD.DT"),
            "breakdown": Text(title="Breakdown", description="the code of the series' breakdown, e.g. PD_1"),
            "url": Url(title="URL", description="the publisher's page of the dataset"),
        }),
    ), data_title="Comparable indicators"),
)}


def check_declarations(kinds: dict[str, Kind], taxonomies: dict[str, Taxonomy]) -> None:
    """Every Term names a declared taxonomy and every Ref a declared kind: a misspelt name fails
    at import, naming the field, instead of making every value of that field an error. Each Ref
    learns the folder and title field of its kind here, and each Term its taxonomy's noun, for
    messages and the web editor."""
    declared = [(f"kind {k.name}", k.fields) for k in kinds.values()]
    declared += [(f"taxonomy {t.name}", t.entry) for t in taxonomies.values()]  # indicators name themes
    for owner, fields in declared:
        for path, spec in parts(fields):
            where = f"akmn/schema.py, {owner}, field {path.lstrip('.')}"
            if isinstance(spec, Term):
                if spec.taxonomy not in taxonomies:
                    raise SchemaError(f"{where}: unknown taxonomy '{spec.taxonomy}'"
                                      f"{did_you_mean(spec.taxonomy, taxonomies)}; "
                                      f"declared: {', '.join(taxonomies)}")
                spec.noun = taxonomies[spec.taxonomy].noun
            if isinstance(spec, Ref):
                if spec.kind not in kinds:
                    raise SchemaError(f"{where}: unknown kind '{spec.kind}'"
                                      f"{did_you_mean(spec.kind, kinds)}; declared: {', '.join(kinds)}")
                spec.folder, spec.title_field = kinds[spec.kind].folder, kinds[spec.kind].title_field


check_declarations(KINDS, TAXONOMIES)
