"""`akmn` command line: validate, schema, new, fmt."""

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

    fmt = sub.add_parser("fmt", help="rewrite records in the canonical layout (the web editor's)")
    fmt.add_argument("paths", nargs="*", help="files or folders (default: ROOT/content)")
    fmt.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file would change")
    fmt.add_argument("--root", default=".", help="project folder (default: .)")
    fmt.set_defaults(func=cmd_fmt)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
