"""CONTRIBUTING.md stays true: its field reference is the schema's current output, the records
it tells contributors to copy exist, its example record passes the validator, and the editor
settings it describes point at schema files `akmn schema` really writes."""

from __future__ import annotations

import json
import re

from akmn import docs
from akmn.schema import KINDS, TAXONOMIES
from helpers import REPO, run_cli

CONTRIBUTING = REPO / "CONTRIBUTING.md"


def test_field_reference_is_current():
    text = CONTRIBUTING.read_text(encoding="utf-8")
    assert docs.current_block(text) == docs.block(), "run `make docs` to regenerate the field reference"


def test_field_reference_lists_every_field_of_every_kind():
    reference = docs.field_reference()
    for kind in KINDS.values():
        section = reference.split(f"### {kind.title} ")[1].split("### ")[0]
        for name, spec in kind.fields.fields.items():
            row = next(line for line in section.splitlines() if line.startswith(f"| `{name}` |"))
            assert ("| yes |" in row) == spec.required, row
    assert "| `consent` | unless `example: true` |" in reference
    assert "| `figures[].source` | yes | text |" in reference
    assert "`labour`" not in reference  # taxonomy ids come from the files, not the docs


def test_rewrite_replaces_only_the_block(tmp_path):
    path = tmp_path / "C.md"
    path.write_text(f"before\n{docs.START}\nstale\n{docs.END}\nafter\n", encoding="utf-8")
    assert docs.rewrite(path) is True
    text = path.read_text(encoding="utf-8")
    assert text.startswith("before\n") and text.endswith("\nafter\n") and "stale" not in text
    assert docs.rewrite(path) is False


def test_make_docs_module_entry_point(tmp_path):
    path = tmp_path / "C.md"
    path.write_text(f"{docs.START}\n{docs.END}\n", encoding="utf-8")
    assert docs.main([str(path)]) == 0
    assert "### Expert" in path.read_text(encoding="utf-8")


def test_records_to_copy_exist_and_cover_every_kind():
    text = CONTRIBUTING.read_text(encoding="utf-8")
    linked = re.findall(r"\]\((content/[a-z]+/[a-z0-9-]+\.md)\)", text)
    assert {path.split("/")[1] for path in linked} == {k.folder for k in KINDS.values()}
    for path in linked:
        assert (REPO / path).is_file(), path


def test_the_expert_example_passes_the_validator(site_tree):
    text = CONTRIBUTING.read_text(encoding="utf-8")
    example = next(block for block in re.findall(r"```yaml\n(.*?)```", text,
                                                 re.S) if "name: Jane Doe" in block)
    example = "\n".join(line[3:] if line.startswith("   ") else line for line in example.splitlines())
    (site_tree / "content" / "experts" / "jane-doe.md").write_text(example + "\n", encoding="utf-8")
    result = run_cli("validate", str(site_tree))
    assert result.code == 0, result.stderr
    # and the documented mistakes produce the documented messages
    broken = example.replace("country: KR", "country: NO").replace(
        "[labour-migration, brain-circulation]", "[labour-migration, labor-migration]")
    (site_tree / "content" / "experts" / "jane-doe.md").write_text(broken + "\n", encoding="utf-8")
    (site_tree / "content" / "practices" / "my-programme.md").write_text(
        "---\ntitle: My programme\ncountries: [PH]\nthemes: [brain-circulation]\n---\n", encoding="utf-8")
    result = run_cli("validate", str(site_tree))
    assert result.code == 1
    problems = [line for line in result.stderr.splitlines() if line.startswith("content/")]
    assert len(problems) == 3, result.stderr
    for line in problems:
        message = line.split(": ", 2)[2]
        assert message in text, line
    assert "3 problems in 2 files." in result.stderr and "3 problems in 2 files." in text


def test_vscode_settings_point_at_the_written_schemas(tmp_path):
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    assert set(mapping.values()) == {f"content/taxonomies/{name}.yml" for name in TAXONOMIES}
    result = run_cli("schema", "--out", str(tmp_path / "schema"))
    assert result.code == 0, result.stderr
    for schema_path, target in mapping.items():
        assert (REPO / target).is_file()
        name = schema_path.removeprefix("./schema/")
        schema = json.loads((tmp_path / "schema" / name).read_text(encoding="utf-8"))
        assert schema["title"] == f"Taxonomy {target}"
