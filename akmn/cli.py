"""`akmn` command line: validate, schema, new, from-issue, import, review, fmt, pages, postbuild."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .pipeline import publish_from_env, run
from .problems import format_problems, summary_table, tally
from .schema import KINDS


def usage_error(root: str) -> str | None:
    if not (Path(root) / "content").is_dir():
        return f"akmn: {root} has no content/ folder: run from the project folder or pass it as ROOT"
    return None


def cmd_validate(args) -> int:
    if message := usage_error(args.root):
        print(message, file=sys.stderr)
        return 2
    publish = args.publish or publish_from_env()
    try:
        result = run(args.root, publish, linked=False)
    except ValueError as err:  # a wrong $AKMN_TODAY (SettingsError), the validator's today
        print(f"akmn: {err}", file=sys.stderr)
        return 2
    if result.problems:
        out = sys.stdout if args.format in ("github", "json") else sys.stderr
        print(format_problems(result.problems, args.format), file=out)
        if args.format == "text":
            print(f"\n{tally(result.problems)}.", file=sys.stderr)
        if args.format == "github":
            write_step_summary(summary_table(result.problems))
        return 1
    if args.format == "json":
        print("[]")
    else:
        total = sum(len(r) for r in result.content.records.values())
        mode = " (publish: example records left out)" if publish else ""
        message = f"{total} records and {len(result.content.taxonomies)} taxonomies are valid{mode}."
        print(message)
        if args.format == "github":
            write_step_summary(f"### akmn validate: {message}\n")
    return 0


def write_step_summary(markdown: str) -> None:
    """Append to the job summary in GitHub Actions (the runner names the file)."""
    if path := os.environ.get("GITHUB_STEP_SUMMARY"):
        with open(path, "a", encoding="utf-8") as summary:
            summary.write(markdown)


def cmd_schema(args) -> int:
    from .export import write_schemas
    from .load import taxonomy_ids

    result = run(args.root, linked=False)
    written = write_schemas(Path(args.out), taxonomy_ids(result.content))
    for path in written:
        print(path)
    return 0


def cmd_new(args) -> int:
    from .scaffold import ScaffoldError, create

    try:
        path = create(Path(args.root), args.kind, args.id)
    except ScaffoldError as err:
        print(err, file=sys.stderr)
        return 2 if err.usage else 1
    print(f"Wrote {path}: fill in the placeholders, then run `akmn validate`.")
    return 0


def cmd_from_issue(args) -> int:
    import datetime as dt

    from .fromissue import convert
    from .review import today_from_env

    if message := usage_error(args.root):
        print(message, file=sys.stderr)
        return 2
    try:
        body = Path(args.file).read_text(encoding="utf-8")
        date = dt.date.fromisoformat(args.date) if args.date else today_from_env()
    except (OSError, UnicodeDecodeError, ValueError) as err:
        print(f"akmn: {err}", file=sys.stderr)
        return 2
    result = convert(body, Path(args.root), date)
    if result.problems:
        for name, message in result.problems:
            print(f"{name}: {message}", file=sys.stderr)
        return 1
    path = Path(args.root) / result.rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(result.text, encoding="utf-8")
    print(result.rel)
    return 0


def cmd_import(args) -> int:
    from .importers import import_response

    if message := usage_error(args.root):
        print(message, file=sys.stderr)
        return 2
    if not Path(args.file).is_file():
        print(f"akmn: {args.file} does not exist: pass a saved API response", file=sys.stderr)
        return 2
    outcome = import_response(Path(args.root), Path(args.file), args.publisher, write=args.write)
    for line in outcome.lines:
        print(line)
    for note in outcome.notes:
        print(f"note: {note}", file=sys.stderr)
    if outcome.errors:
        print("\n".join(outcome.errors), file=sys.stderr)
        print("Nothing was written.", file=sys.stderr)
        return 1
    counts = ", ".join(f"{outcome.count(kind)} {kind}" for kind in ("added", "changed", "unchanged"))
    done = (f"wrote {len(outcome.files)} file{'s' if len(outcome.files) != 1 else ''}" if args.write
            else "dry run, nothing written (add --write to write the changes)")
    print(f"{counts}: {done}.")
    return 0


def cmd_review(args) -> int:
    from . import review
    from .link import publishable

    if message := usage_error(args.root):
        print(message, file=sys.stderr)
        return 2
    try:
        today = args.today or review.today_from_env()
        policy = review.Policy.from_settings(review.settings_of_project(Path(args.root)), today)
    except review.SettingsError as err:
        print(f"akmn: {err}", file=sys.stderr)
        return 2
    result = run(args.root, args.publish or publish_from_env(), linked=False)
    if result.problems:
        print(format_problems(result.problems, "text"), file=sys.stderr)
        print("\nThe content has problems (above): fix them, then review it.", file=sys.stderr)
        return 1
    records = [r for rs in publishable(result.content, result.publish).values() for r in rs.values()]
    if args.urls:
        print("\n".join(review.external_urls(records)))
        return 0
    found = review.review(records, policy)
    print(review.report_json(found, policy) if args.format == "json"
          else review.report_text(found, policy, len(records)))
    return 0


def iso_day(text: str):
    from .review import SettingsError, parse_today

    try:
        return parse_today(text)
    except SettingsError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def cmd_fmt(args) -> int:
    from .fmt import format_paths

    if message := usage_error(args.root):
        print(message, file=sys.stderr)
        return 2
    root = Path(args.root).resolve()
    outside = [p for p in args.paths if not Path(p).exists()
               or not Path(p).resolve().is_relative_to(root)]
    if outside:
        print(f"akmn fmt: {', '.join(outside)}: not a file or folder inside {args.root}, the project folder",
              file=sys.stderr)
        return 2
    outcome = format_paths(root, [Path(p) for p in args.paths], write=not args.check)
    for rel in outcome.skipped:
        print(f"{rel}: not a record or taxonomy file: left as it is", file=sys.stderr)
    if outcome.problems:
        print(format_problems(outcome.problems, "text"), file=sys.stderr)
    count, plural = len(outcome.changed), "" if len(outcome.changed) == 1 else "s"
    for rel in outcome.changed:
        print(f"{rel}: would be reformatted" if args.check else f"reformatted {rel}")
    if args.check and count:
        print(f"{count} file{plural} not in the canonical layout: run `akmn fmt` to rewrite them.")
    elif args.check:
        print(f"{outcome.unchanged} files already formatted.")
    else:
        print(f"{count} file{plural} reformatted, {outcome.unchanged} already formatted.")
    if outcome.problems:
        print(f"The YAML of {len({p.file for p in outcome.problems})} file(s) cannot be read, so they were "
              "left as they are: fix the lines above, then run `akmn fmt` again.", file=sys.stderr)
    return 1 if outcome.problems or (args.check and count) else 0


def valid_site(root: str, config: str = "mkdocs.yml"):
    """The linked content and the settings of CONFIG (mkdocs.yml or an edition's), its language
    made the active one, or the exit code after printing why not: content problems as `akmn
    validate` prints them (1), a wrong setting (1), no content/ (2)."""
    from . import i18n
    from .site import read_settings

    if message := usage_error(root):
        print(message, file=sys.stderr)
        return 2
    try:
        settings = read_settings(Path(root), config)
        i18n.use(settings.language)
        result = run(root, publish_from_env())  # a wrong $AKMN_TODAY stops it too
    except ValueError as err:
        print(f"akmn: {err}", file=sys.stderr)
        return 1
    if result.problems:
        print(format_problems(result.problems, "text"), file=sys.stderr)
        print(f"\n{tally(result.problems)}: nothing was written.", file=sys.stderr)
        return 1
    return result, settings


def cmd_pages(args) -> int:
    code = write_pages(args)
    if not args.watch:
        return code
    from .watch import watch

    root = Path(args.root)
    return watch([root / "content", root / "docs", root / "overrides"], lambda: write_pages(args))


def write_pages(args) -> int:
    from . import i18n
    from .generate import generate, write_config, write_docs, write_templates
    from .render import not_found_view

    found = valid_site(args.root, args.config)
    if isinstance(found, int):
        return found
    result, settings = found
    root, out = Path(args.root), Path(args.out)
    docs_dir, templates = root / settings.docs_dir, Path(args.templates or root / "overrides")
    try:
        count = write_docs(generate(result, root, settings, docs_dir), docs_dir, out)
        if args.templates:
            write_templates(root / "overrides", templates, i18n.lang(), {"404.html": not_found_view()})
        if args.write_config:
            write_config(root, args.config, Path(args.write_config), out, templates)
    except ValueError as err:  # SettingsError is one too
        print(f"akmn: {err}", file=sys.stderr)
        return 1
    print(f"Wrote {count} generated pages and a copy of {settings.docs_dir}/ into {args.out}"
          + (f", the templates with their {i18n.NAMES[i18n.lang()]} strings into {args.templates}"
             if args.templates else "")
          + (f", and its configuration for Zensical into {args.write_config}" if args.write_config else "")
          + ".")
    return 0


def cmd_postbuild(args) -> int:
    from .generate import prepare
    from .postbuild import run_pagefind, write_site_data

    found = valid_site(args.root, args.config)
    if isinstance(found, int):
        return found
    result, settings = found
    if not Path(args.site).is_dir():
        print(f"akmn: {args.site} is not a folder: build the site first", file=sys.stderr)
        return 2
    try:
        renderer = prepare(result, Path(args.root), settings)
    except ValueError as err:  # SettingsError is one too
        print(f"akmn: {err}", file=sys.stderr)
        return 1
    write_site_data(Path(args.site), result, renderer, settings.repo_url, settings.extra.get("cms"))
    run_pagefind(Path(args.site))
    print(f"Wrote open data, schemas, the web editor, citations and feeds into {args.site} and indexed "
          "it with Pagefind.")
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="akmn",
                                   description="ASEAN-Korea Migration Network knowledge base tools")
    sub = main.add_subparsers(dest="command", required=True)

    validate = sub.add_parser("validate", help="check every record under ROOT/content")
    validate.add_argument("root", nargs="?", default=".", help="project folder (default: .)")
    validate.add_argument("--format", choices=("text", "github", "json"), default="text")
    validate.add_argument("--publish", action="store_true",
                          help="validate as the publish build does: example records left out")
    validate.set_defaults(func=cmd_validate)

    schema = sub.add_parser("schema", help="write one JSON Schema per record kind")
    schema.add_argument("--out", default="schema", help="folder to write to (default: schema)")
    schema.add_argument("--root", default=".", help="project folder, for taxonomy ids (default: .)")
    schema.set_defaults(func=cmd_schema)

    new = sub.add_parser("new", help="start a new record from the schema")
    new.add_argument("kind", choices=sorted(KINDS))
    new.add_argument("id", help="the new record's id: lowercase words joined by hyphens")
    new.add_argument("--root", default=".", help="project folder (default: .)")
    new.set_defaults(func=cmd_new)

    from_issue = sub.add_parser("from-issue", help="turn a join request (an issue) into an expert record")
    from_issue.add_argument("file", help="the issue body as GitHub renders the join form")
    from_issue.add_argument("--root", default=".", help="project folder (default: .)")
    from_issue.add_argument("--date", help="date of the expert's consent, YYYY-MM-DD (default: $AKMN_TODAY, "
                            "else today)")
    from_issue.set_defaults(func=cmd_from_issue)

    imp = sub.add_parser("import",
                         help="update country figures from a saved API response (World Bank, UN SDG)")
    imp.add_argument("publisher", choices=("worldbank", "un-sdg"))
    imp.add_argument("file", help="the API's JSON answer, saved to a file")
    imp.add_argument("--write", action="store_true", help="write the changes (default: only print them)")
    imp.add_argument("--root", default=".", help="project folder (default: .)")
    imp.set_defaults(func=cmd_import)

    review = sub.add_parser("review", help="list what is due for review: old reviews and figures, "
                            "weak sources (informs: exits 0 with the report)")
    review.add_argument("root", nargs="?", default=".", help="project folder (default: .)")
    review.add_argument("--format", choices=("text", "json"), default="text")
    review.add_argument("--today", type=iso_day, help="the day to review as of, YYYY-MM-DD (default: "
                        "$AKMN_TODAY, else today)")
    review.add_argument("--publish", action="store_true", help="review only what the publish build shows")
    review.add_argument("--urls", action="store_true", help="print every external URL of the records, one a "
                        "line, for a link checker")
    review.set_defaults(func=cmd_review)

    fmt = sub.add_parser("fmt", help="rewrite records in the canonical layout (the web editor's)")
    fmt.add_argument("paths", nargs="*", help="files or folders (default: ROOT/content)")
    fmt.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file would change")
    fmt.add_argument("--root", default=".", help="project folder (default: .)")
    fmt.set_defaults(func=cmd_fmt)

    pages = sub.add_parser("pages", help="write every generated page, with a copy of docs/, into a docs "
                           "folder for an engine without our hooks (Zensical)")
    pages.add_argument("--out", required=True, help="folder to write (what it held before and is no longer "
                       "generated is removed)")
    pages.add_argument("--templates", help="also write a copy of overrides/ here with the interface "
                       "strings put in, for an engine without gettext (Zensical)")
    pages.add_argument("--config", default="mkdocs.yml", help="the edition's configuration: mkdocs.yml "
                       "(English, default) or mkdocs.ko.yml (Korean)")
    pages.add_argument("--write-config", metavar="FILE", help="also write the edition's "
                       "configuration for Zensical, resolved and pointing at the folders written, to FILE "
                       "in the project folder")
    pages.add_argument("--watch", action="store_true", help="then write again whenever content/, docs/ or "
                       "overrides/ change, until interrupted (for `zensical serve`)")
    pages.add_argument("--root", default=".", help="project folder (default: .)")
    pages.set_defaults(func=cmd_pages)

    postbuild = sub.add_parser("postbuild", help="add open data, schemas, the web editor and the Pagefind "
                               "index to a site built without our hooks")
    postbuild.add_argument("site", help="the built site's folder")
    postbuild.add_argument("--config", default="mkdocs.yml", help="the edition's configuration (default: "
                           "mkdocs.yml)")
    postbuild.add_argument("--root", default=".", help="project folder (default: .)")
    postbuild.set_defaults(func=cmd_postbuild)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
