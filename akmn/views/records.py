"""Record pages: one view builder and one index-row builder per kind, dispatched explicitly
(RECORD_VIEWS, INDEX_ROWS), so a new kind without its view fails loudly."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

from ..cite import Citation, citation, cite_paths
from ..html import md, summary
from ..i18n import N_, SOURCE, _, date, lang, marked, other_lang, translate
from ..link import Key
from ..load import Record
from ..names import country_name, language_name
from ..publish import public_data
from ..schema import KINDS
from ..search import facets, pinned_filters, result_langs, thai_search_words
from .base import (
    PageSpec,
    Views,
    ext,
    kind_url,
    meeting_date,
    noted,
    number,
    record_uri,
    sourced,
    table,
    url_of,
    v,
)


@dataclass
class RecordView:
    """What record.html prints. Every string is safe HTML."""

    kind: str
    kind_label: str
    kind_url: str
    kind_plural: str
    example: bool
    filters: list[dict]
    backlinks: list[dict]
    subtitle: str = ""
    notice: Markup | None = None
    facts: list[dict] = field(default_factory=list)
    sections: list[dict] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)
    related: list[dict] = field(default_factory=list)
    search_words: str = ""
    summary: str = ""  # one escaped paragraph: the meta description and the search result's summary
    acronym: str = ""
    cite: dict = field(default_factory=dict)
    edit: dict = field(default_factory=dict)
    toc: list[dict] = field(default_factory=list)
    title_lang: str = ""  # the title's language where it differs from the page's (no translation yet)
    body_lang: str = ""  # the body's language where it differs from the page's (no translation yet)
    untranslated: str = ""  # the one-line notice shown above such a body


def titles(kind: str) -> dict[str, str]:
    """Field name -> its declared title: the labels of facts and section headings."""
    return {name: _(spec.title) for name, spec in KINDS[kind].fields.fields.items()}


def spec_at(kind: str, *path: str):
    spec = KINDS[kind].fields
    for name in path:
        spec = getattr(spec, "item", spec).fields[name]  # a list's fields are its items'
    return spec


def labels(kind: str, *path: str) -> dict[str, str]:
    """Value -> display label of an Enum field, as declared in the schema."""
    return {value: translate(label) for value, label in spec_at(kind, *path).labels.items()}


def fact(label: str, values: list[dict]) -> dict | None:
    return {"label": label, "values": values} if values else None


def record_page(views: Views, record: Record) -> PageSpec:
    kind = KINDS[record.kind]
    view = RecordView(
        kind=record.kind, kind_label=kind.shown_title, kind_url=kind_url(record.kind),
        kind_plural=kind.shown_plural,
        example=record.is_example, filters=facets(record, views.term_label, views.title_of),
        backlinks=backlinks(views, Key(record.kind, record.id)))
    data = public_data(record)
    RECORD_VIEWS[record.kind](views, data, view)
    view.facts.append(fact(_("Last changed"), [v(date(views.changed[record.path]))]
                           if record.path in views.changed else []))
    view.search_words = thai_search_words(record.body, *(str(x) for name, x in data.items()
                                                         if name != "pinned_searches"))  # not shown
    view.facts = [f for f in view.facts if f]
    view.sections = [s for s in view.sections if s and any(s.get(k) for k in SECTION_PARTS)]
    title = views.title_of(record.kind, record.id)
    view.title_lang = other_lang(title)
    body, given = _translated_text(views, record, view)
    view.summary = escape(given or summary(body) or Markup(view.subtitle).striptags() or kind.shown_intro)
    view.filters += result_langs(title, Markup(view.summary).unescape())
    view.filters += pinned_filters(views.pinned_searches(record))
    view.acronym = escape(data.get("acronym") or "")
    view.cite = cite_view(views, record, title)
    view.edit = edit_view(views, record)
    if record.kind in TOC_KINDS:
        view.toc = [{"id": s["id"], "heading": s["heading"]} for s in view.sections]
    return PageSpec(record_uri(record.kind, record.id), "record.html", title, body, view, sanitise=True)


def _translated_text(views: Views, record: Record, view: RecordView) -> tuple[str, str]:
    """The body and summary in the page's language where a translation exists; otherwise the
    English body, marked as English with a notice (on pages in another language)."""
    translation = views.translation(record.kind, record.id)
    if translation is not None:
        return translation.body, translation.data.get("summary") or ""
    if lang() != SOURCE and record.body.strip():
        view.body_lang, view.untranslated = SOURCE, escape(
            _("This text has not been translated yet: it is shown in English."))
    return record.body, ""


SECTION_PARTS = ("entries", "table", "html", "definitions", "status")
TOC_KINDS = {"country"}  # the long pages, which get "On this page"


def record_citation(views: Views, record: Record, title: str | None = None) -> Citation:
    """The record's citation: its page's "How to cite" (cite_view) and its CSL-JSON and BibTeX
    downloads (akmn.postbuild) are written from it."""
    reviewed = record.data.get("last_reviewed") or views.changed.get(record.path)
    title = title or views.title_of(record.kind, record.id)
    return citation(record.kind, record.id, title, url_of(record_uri(record.kind, record.id)), reviewed,
                    views.site)


def cite_view(views: Views, record: Record, title: str) -> dict:
    found = record_citation(views, record, title)
    return {"text": found.html(), "reviewed": date(found.reviewed) if found.reviewed else None,
            "licence": {"name": escape(views.site.licence_name), "url": escape(views.site.licence_url)},
            **cite_paths(record.kind, record.id)}


def edit_view(views: Views, record: Record) -> dict:
    """The record's file on GitHub and, where the web editor is set up, its entry there."""
    github = views.site.edit_url(record.path)
    editor = (f"admin/#/collections/{KINDS[record.kind].folder}/entries/{record.id}"
              if views.site.editor else None)
    return {"github": github, "editor": editor, "path": record.path}



def backlinks(views: Views, key: Key) -> list[dict]:
    groups = views.grouped(source for source, _field in views.graph.backlinks.get(key, []))
    return [{"heading": (_("{heading} that refer to this page").format(heading=heading)
                         if key.kind != "program" else heading),
             "links": links} for heading, links in groups.items()]


def sources(items) -> list[dict]:
    out = []
    for s in items or []:
        accessed = s.get("accessed")
        shown = date(accessed) if hasattr(accessed, "isoformat") else accessed
        out.append({"link": ext(s["title"], s["url"]),
                    "note": escape(_("accessed {day}").format(day=shown)) if accessed else ""})
    return out


def tags(views: Views, item: dict) -> dict:
    found = [views.term_plain("themes", t)["text"] for t in item.get("themes") or []]
    found += [views.term_plain("sdg-targets", t)["text"] for t in item.get("sdg_targets") or []]
    return v(Markup(", ").join(found))


def expert_view(views: Views, d: dict, view: RecordView) -> None:
    t = titles("expert")
    view.subtitle = marked(", ".join(x for x in (d.get("position"), d["affiliation"]) if x))
    view.facts += [
        fact(t["organisation_type"], [views.term_plain("organisation-types", d["organisation_type"])]),
        fact(_("Based in"), [views.country(d["country"])]),  # the page's wording for `country`
        fact(t["nationality"], [v(country_name(d["nationality"]))] if d.get("nationality") else []),
        fact(t["expertise"], [views.term("themes", x) for x in d["expertise"]]),
        fact(t["languages"], [v(language_name(x)) for x in d.get("languages") or []]),
        fact(t["programs"], [views.ref("program", p) for p in d.get("programs") or []]),
        fact(t["meetings"], [views.ref("meeting", m) for m in d.get("meetings") or []]),
        fact(t["email"], [v(d["email"], "mailto:" + d["email"], external=True)] if d.get("email") else []),
        fact(t["links"], [ext(link["title"], link["url"]) for link in d.get("links") or []]),
    ]


def country_view(views: Views, d: dict, view: RecordView) -> None:
    t = titles("country")
    kinds = labels("country", "policies", "kind")
    reviewed = d["last_reviewed"]
    view.subtitle = escape(_("Country policy profile"))
    view.facts += [fact(t["last_reviewed"], [views.reviewed(reviewed)])]
    if views.policy.review_due(reviewed):
        view.notice = escape(_("This profile is due for review: it was last reviewed on {day}, more than "
                               "{months} months ago, so some facts may be out of date.").format(
                                   day=date(reviewed), months=views.policy.review_months))
    view.sections += [
        {"id": "migration-types", "heading": t["migration_types"], "definitions": [
            {"term": views.term("migration-types", x), "html": md(text)}
            for x, text in (d.get("migration_types") or {}).items()]},
        {"id": "institutions", "heading": t["institutions"], "table": table(
            [N_("Institution"), N_("Role")],
            [[ext(i["name"], i.get("url")), v(i.get("role", ""))] for i in d.get("institutions") or []])},
        {"id": "policies", "heading": t["policies"], "table": table(
            [N_("Year"), N_("Title"), N_("Kind"), N_("Themes and SDG targets"), N_("Summary")],
            [[v(p["year"]), ext(p["title"], p.get("url")), v(kinds.get(p.get("kind"), "")),
              tags(views, p), v(md(p["summary"]) if p.get("summary") else "")]
             for p in sorted(d.get("policies") or [], key=lambda p: p["year"])])},
        domains_section(views, d),
        disaggregation_section(d.get("data_disaggregation")),
        views.indicators.country_section(d["country"]),
        {"id": "figures", "heading": t["figures"], "table": noted(table(
            [N_("Indicator"), N_("Value"), N_("Year"), N_("Source")],
            [[v(f["indicator"]), v(f"{number(f['value'])} {f['unit']}"), views.year(f["year"]),
              sourced(f["source"], f.get("source_url"))] for f in d.get("figures") or []]), "akmn-figures")},
    ]
    view.sources = sources(d.get("sources"))
    view.related = related_to_country(views, d["country"])


def domains_section(views: Views, d: dict) -> dict:
    """SDG 10.7.2 as recorded (figures or the older block): each assessment with its year and
    source; without one, a sentence and the way to the regional comparison."""
    from .indicators import IDS_10_7_2, OVERALL_10_7_2, level_cell, record_values

    heading = titles("country")["sdg_10_7_2"]
    values = record_values(d)
    entries = views.indicators.entries
    rows = [[v(entries[i]["label"].split(": ", 1)[-1] if i != OVERALL_10_7_2 else _("Overall assessment")),
             level_cell(values[i]), sourced(values[i]["source"], values[i]["source_url"])]
            for i in IDS_10_7_2 if i in values and i in entries]
    if not rows and d["country"] in views.indicators.reasons.get(OVERALL_10_7_2, {}):
        return {"id": "sdg-10-7-2", "heading": heading,
                "html": views.indicators.unpublished(OVERALL_10_7_2, d["country"])}
    if not rows:
        return {"id": "sdg-10-7-2", "heading": heading, "html": escape(_(
            "No SDG 10.7.2 assessment is recorded for this country: the UN SDG Global Database "
            "publishes none that this profile has traced."))}
    return {"id": "sdg-10-7-2", "heading": heading,
            "table": noted(table([N_("Domain"), N_("Assessment"), N_("Source")], rows), "akmn-domains")}


def disaggregation_section(block) -> dict | None:
    """SDG 17.18: the status, the note and the source, printed by record.html."""
    if not block:
        return None
    return {"id": "sdg-17-18", "heading": titles("country")["data_disaggregation"],
            "status": escape(labels("country", "data_disaggregation", "status")[block["status"]]),
            "note": md(block["note"]) if block.get("note") else None,
            "source": ext(block["source"], block.get("source_url")) if block.get("source") else None}


def related_to_country(views: Views, code: str) -> list[dict]:
    groups = views.grouped(views.graph.by_country.get(code, []))
    recs = [v(rec["text"], url_of(record_uri("meeting", meeting.id)))
            for meeting in views.graph.records.get("meeting", {}).values()
            for rec in meeting.data.get("recommendations") or [] if code in (rec.get("countries") or [])]
    if recs:
        groups[_("Recommendations")] = recs
    return [{"heading": heading, "links": links} for heading, links in groups.items()]


def meeting_view(views: Views, d: dict, view: RecordView) -> None:
    t = titles("meeting")
    status = labels("meeting", "status")[d["status"]]
    view.subtitle = escape(f"{status} · {meeting_date(d)}")
    loc = d.get("location") or {}
    view.facts += [
        fact(t["program"], [views.ref("program", d["program"])]),
        fact(t["status"], [v(status)]),
        fact(t["date"], [v(meeting_date(d))]),
        fact(t["location"], ([v(loc["city"])] if loc.get("city") else [])
             + ([views.country(loc["country"])] if loc.get("country") else [])),
        fact(t["theme"], [v(d["theme"])] if d.get("theme") else []),
        fact(t["participants"], [views.ref("expert", p) for p in d.get("participants") or []]),
    ]
    view.sections += [
        {"id": "objectives", "heading": t["objectives"],
         "entries": [v(md(o)) for o in d.get("objectives") or []]},
        {"id": "outcomes", "heading": t["outcomes"], "entries": [v(md(o)) for o in d.get("outcomes") or []]},
        {"id": "recommendations", "heading": t["recommendations"], "table": table(
            [N_("Recommendation"), N_("Themes and SDG targets"), N_("Countries")],
            [[v(md(x["text"])), tags(views, x), [views.country(c) for c in x.get("countries") or []]]
             for x in d.get("recommendations") or []])},
        {"id": "documents", "heading": t["documents"],
         "entries": [ext(doc["title"], doc["url"]) for doc in d.get("documents") or []]},
    ]


def practice_span(d: dict) -> str:
    period = d.get("period") or {}
    if not period:
        return ""
    end = period.get("end") or _("present")
    return f"{period['start']}–{end}"


def practice_view(views: Views, d: dict, view: RecordView) -> None:
    t = titles("practice")
    span = practice_span(d)
    status = labels("practice", "status").get(d.get("status"), "")
    view.subtitle = escape(" · ".join(
        x for x in (", ".join(map(country_name, d["countries"])), span, status) if x))
    view.facts += [
        fact(t["countries"], [views.country(c) for c in d["countries"]]),
        fact(t["implementers"], [v(i) for i in d.get("implementers") or []]),
        fact(t["period"], [v(span)] if span else []),
        fact(t["status"], [v(status)] if status else []),
        fact(t["themes"], [views.term("themes", x) for x in d["themes"]]),
        fact(t["sdg_targets"], [views.term("sdg-targets", x) for x in d.get("sdg_targets") or []]),
        fact(t["migration_types"],
             [views.term("migration-types", x) for x in d.get("migration_types") or []]),
        fact(t["program"], [views.ref("program", d["program"])] if d.get("program") else []),
        fact(t["contacts"], [views.ref("expert", c) for c in d.get("contacts") or []]),
    ]
    view.sections += [
        {"id": "outcomes", "heading": t["outcomes"], "entries": [v(md(o)) for o in d.get("outcomes") or []]},
        {"id": "transferability", "heading": t["transferability"],
         "html": md(d["transferability"]) if d.get("transferability") else ""},
    ]
    view.sources = sources(d.get("sources"))


def program_view(views: Views, d: dict, view: RecordView) -> None:
    status = labels("program", "status").get(d.get("status"), "")
    number = _("Program {number}").format(number=d["number"])
    view.subtitle = escape(" · ".join(x for x in (number, status) if x))
    view.sections += [{"id": "aim", "heading": titles("program")["aim"], "html": md(d["aim"])}]


RECORD_VIEWS = {"expert": expert_view, "country": country_view, "meeting": meeting_view,
                "practice": practice_view, "program": program_view}


# --- the rows of each kind's list page ---------------------------------------------------

def expert_row(views: Views, r: Record, link: dict) -> list:
    return [link, v(r.data["affiliation"]), v(country_name(r.data["country"])),
            v(", ".join(views.term_label("themes", x) for x in r.data["expertise"]))]


def country_row(views: Views, r: Record, link: dict) -> list:
    return [link, views.reviewed(r.data["last_reviewed"]), v(len(r.data.get("policies") or [])),
            v(len(r.data.get("figures") or []))]


def meeting_row(views: Views, r: Record, link: dict) -> list:
    return [link, v(labels("meeting", "status")[r.data["status"]]), v(meeting_date(r.data)),
            views.ref("program", r.data["program"])]


def practice_row(views: Views, r: Record, link: dict) -> list:
    return [link, v(", ".join(map(country_name, r.data["countries"]))),
            v(", ".join(views.term_label("themes", x) for x in r.data["themes"])),
            v(labels("practice", "status").get(r.data.get("status"), ""))]


def program_row(views: Views, r: Record, link: dict) -> list:
    return [link, v(md(r.data["aim"]))]


# kind -> (column headings, row builder)
INDEX_ROWS = {
    "expert": ([N_("Name"), N_("Affiliation"), N_("Based in"), N_("Expertise")], expert_row),
    "country": ([N_("Country"), N_("Last reviewed"), N_("Policies"), N_("Figures")], country_row),
    "meeting": ([N_("Meeting"), N_("Status"), N_("Date"), N_("Program")], meeting_row),
    "practice": ([N_("Practice"), N_("Countries"), N_("Themes"), N_("Status")], practice_row),
    "program": ([N_("Program"), N_("Aim")], program_row),
}


def index_table(views: Views, kind: str, records: dict[str, Record]) -> dict | None:
    def title(r):
        return views.title_of(kind, r.id)

    head, row = INDEX_ROWS[kind]
    ordered = sorted(records.values(), key=lambda r: (r.data.get("number", 0), title(r).lower()))
    return table(head, [row(views, r, v(title(r), url_of(record_uri(kind, r.id)))) for r in ordered])
