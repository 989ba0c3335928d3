"""Refresh the gettext catalogs (make messages): extract the interface strings into
locale/messages.pot (babel.cfg) and merge them into each language's messages.po, keeping its
translations; new strings arrive untranslated, which tests/test_i18n.py then reports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from akmn.i18n import LANGS, LOCALE_DIR, SOURCE  # noqa: E402


def main() -> None:
    pybabel = Path(sys.executable).parent / "pybabel"
    pot = LOCALE_DIR / "messages.pot"
    subprocess.run([pybabel, "extract", "-F", "babel.cfg", "-k", "N_", "--no-location", "--sort-output",
                    "--omit-header", "-o", pot, "."], cwd=ROOT, check=True)
    for lang in LANGS:
        if lang == SOURCE:
            continue
        po = LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"
        verb = "update" if po.exists() else "init"
        guesses = ["--no-fuzzy-matching"] if verb == "update" else []  # no guessed translations
        subprocess.run([pybabel, verb, "-i", pot, "-d", LOCALE_DIR, "-l", lang, "--no-wrap", *guesses],
                       cwd=ROOT, check=True)


if __name__ == "__main__":
    main()
