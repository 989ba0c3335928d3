"""`akmn` command line: validate, schema, new, review."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .pipeline import publish_from_env, run
from .problems import format_problems
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
    result = run(args.root, publish, linked=False)
    if result.problems:
        out = sys.stdout if args.format in ("github", "json") else sys.stderr
        print(format_problems(result.problems, args.format), file=out)
        if args.format == "text":
            files = len({p.file for p in result.problems})
            count = len(result.problems)
            print(f"\n{count} problem{'s' if count != 1 else ''} in {files} file"
                  f"{'s' if files != 1 else ''}.", file=sys.stderr)
        return 1
    if args.format == "json":
        print("[]")
    else:
        total = sum(len(r) for r in result.content.records.values())
        mode = " (publish: example records left out)" if publish else ""
        print(f"{total} records and {len(result.content.taxonomies)} taxonomies are valid{mode}.")
    return 0


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


def cmd_review(args) -> int:
    from .link import publishable
    from . import review

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
    print(review.report_json(found, policy) if args.format == "json" else review.report_text(found, policy, len(records)))
    return 0


def iso_day(text: str):
    from .review import SettingsError, parse_today

    try:
        return parse_today(text)
    except SettingsError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="akmn", description="ASEAN-Korea Migration Network knowledge base tools")
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

    review = sub.add_parser("review", help="list what is due for review: old reviews and figures, weak sources "
                            "(informs: exits 0 with the report)")
    review.add_argument("root", nargs="?", default=".", help="project folder (default: .)")
    review.add_argument("--format", choices=("text", "json"), default="text")
    review.add_argument("--today", type=iso_day, help="the day to review as of, YYYY-MM-DD (default: "
                        "$AKMN_TODAY, else today)")
    review.add_argument("--publish", action="store_true", help="review only what the publish build shows")
    review.add_argument("--urls", action="store_true", help="print every external URL of the records, one a "
                        "line, for a link checker")
    review.set_defaults(func=cmd_review)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
