"""The web editor in a real browser: the generated admin page, served with the Sveltia CMS script
from node_modules, edits a copy of the fixture records through Sveltia's local-repository
backend, and the files it saves pass `akmn validate` unchanged.

Sveltia's local backend reads and writes a folder through the File System Access API: the user
picks the folder in the browser's directory picker. A headless browser cannot show that picker,
so the test answers it with a folder of the browser's origin-private file system (OPFS) holding
the same files; everything after the picker (reading, the forms, writing the files) is Sveltia's
own code. The test then copies what the editor wrote into a git clone and checks it there.

Everything runs on 127.0.0.1; requests elsewhere are refused and must be only the ones listed
in OPTIONAL_REQUESTS (fonts and status checks the editor works without).
"""

from __future__ import annotations

import contextlib
import datetime
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from akmn import cms
from akmn.load import taxonomy_ids
from akmn.pipeline import run
from akmn.schema import KINDS
from helpers import FIXTURES, REPO, need, run_cli, static_server

pytestmark = pytest.mark.browser

SCREENSHOTS = REPO / "screenshots"
# Sveltia asks these of third parties; blocked here, the editor still loads, edits and saves.
# Its icon and text fonts come from jsDelivr, so offline the icons show as their names.
OPTIONAL_REQUESTS = re.compile(r"^https://(unpkg\.com/@sveltia/cms/package\.json"  # update check
                               r"|cdn\.jsdelivr\.net/fontsource/"  # fonts
                               r"|www\.githubstatus\.com/)")  # GitHub status banner
UNRELATED = "notes-not-for-the-editor.txt"

# The directory picker's answer: a folder "repo" in the origin-private file system.
PICKER = """
window.showDirectoryPicker = async () =>
  (await navigator.storage.getDirectory()).getDirectoryHandle('repo', {create: true});
"""
WRITE_FILES = """async (files) => {
  const root = await (await navigator.storage.getDirectory()).getDirectoryHandle('repo', {create: true});
  for (const [path, text] of Object.entries(files)) {
    let dir = root;
    const parts = path.split('/');
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, {create: true});
    const writable = await (await dir.getFileHandle(parts.at(-1), {create: true})).createWritable();
    await writable.write(text);
    await writable.close();
  }
}"""
READ_FILES = """async () => {
  const files = {};
  async function walk(dir, prefix) {
    for await (const [name, handle] of dir.entries()) {
      if (handle.kind === 'directory') await walk(handle, prefix + name + '/');
      else files[prefix + name] = await (await handle.getFile()).text();
    }
  }
  await walk(await (await navigator.storage.getDirectory()).getDirectoryHandle('repo'), '');
  return files;
}"""


def git(tree: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-C", str(tree), *args]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def records(tmp_path) -> Path:
    """A git clone of the fixture records with an unrelated file the contributor has not committed."""
    tree = tmp_path / "repo"
    shutil.copytree(FIXTURES / "valid", tree)
    git(tree, "init", "-q", "-b", "main")
    git(tree, "add", "-A")
    git(tree, "commit", "-q", "-m", "fixture")
    (tree / UNRELATED).write_text("half-written notes, not for the editor\n", encoding="utf-8")
    return tree


@pytest.fixture
def admin_url(tmp_path, records):
    need(cms.CMS_DIST.is_dir(), "node_modules/@sveltia/cms missing: `make test` runs npm ci")
    site = tmp_path / "site"
    cms.write_admin(site, taxonomy_ids(run(str(records)).content),
                    repo_url="https://github.com/akmn-test/kb", settings={"branch": "main"})
    with static_server(site) as base:
        yield f"{base}admin/"


@contextlib.contextmanager
def open_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    tab = context.new_page()
    tab.outside = []
    tab.errors = []

    def only_loopback(route):
        host = route.request.url.split("/")[2].split(":")[0]
        if host == "127.0.0.1":
            route.continue_()
        else:
            tab.outside.append(route.request.url)
            route.abort()

    tab.route("**/*", only_loopback)
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.add_init_script(PICKER)
    try:
        yield tab
    finally:
        context.close()


@pytest.fixture
def in_browser(browser):
    """in_browser(check) runs check(page) on a new page of the session's browser."""
    def run_check(check):
        with open_page(browser) as page:
            check(page)

    return run_check


def tree_files(tree: Path) -> dict[str, str]:
    return {p.relative_to(tree).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(tree.rglob("*")) if p.is_file() and ".git" not in p.relative_to(tree).parts}


def open_local_repository(page, admin_url: str, records: Path) -> dict[str, str]:
    """Open the admin on the records' files, as "Work with Local Repository" does; returns them."""
    files = tree_files(records)
    page.goto(admin_url)
    page.evaluate(WRITE_FILES, {**files, ".git/HEAD": "ref: refs/heads/main\n"})
    page.get_by_role("button", name="Work with Local Repository").click()
    page.get_by_role("radio", name="Contents").wait_for()
    return files


SDG_10_7_2 = KINDS["country"].fields.fields["sdg_10_7_2"].title


def field(page, label: str, within=None):
    # Sveltia wraps names in Unicode isolates (U+2068, U+2069) in its accessible labels.
    return (within or page).get_by_role("group", name=f"“\u2068{label}\u2069” Field", exact=True)


def reveal(page, label: str):
    """A top-level field, scrolled to: Sveltia renders the fields of a long form as they come into view."""
    found = field(page, label)
    page.mouse.move(400, 500)
    for _ in range(40):
        if found.count():
            found.scroll_into_view_if_needed()
            return found
        page.mouse.wheel(0, 600)
        page.wait_for_timeout(100)
    raise AssertionError(f"no field {label!r} on the form")


def save(page):
    page.get_by_role("toolbar", name="Primary").get_by_role("button", name="Save").click()


def saved_files(page) -> dict[str, str]:
    return page.evaluate(READ_FILES)


def screenshot(page, name: str):
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"editor-{name}-desktop.png"), full_page=True)


def wait_for_file(page, path: str) -> str:
    for _ in range(50):
        text = saved_files(page).get(path)
        if text is not None:
            return text
        page.wait_for_timeout(200)
    raise AssertionError(f"the editor did not write {path}")


def new_record(page, admin_url: str, folder: str):
    page.goto(f"{admin_url}#/collections/{folder}/new")
    field(page, "Full name" if folder == "experts" else "Title").wait_for()


def slug_panel(page):
    """The new record's ID: Sveltia's slug field in the side panel."""
    radio = page.get_by_role("radiogroup", name="Sidebar Panels").get_by_role("radio", name="Slug")
    if radio.get_attribute("aria-checked") != "true":
        radio.click()
    return page.get_by_role("group", name="Slug", exact=True)


def proposed_id(page) -> str:
    return slug_panel(page).get_by_role("textbox", name="Slug").inner_text().strip()


def type_id(page, identifier: str):
    panel = slug_panel(page)
    panel.get_by_role("button", name="Edit Slug").click()
    panel.get_by_role("textbox", name="Slug").fill(identifier)
    panel.get_by_role("button", name="Done").click()


def fill_expert(page, name: str, identifier: str | None, consent_date: str | None):
    field(page, "Full name").get_by_role("textbox").fill(name)
    if identifier is not None:
        type_id(page, identifier)
    field(page, "Affiliation").get_by_role("textbox").fill("Institute of Migration Studies")
    field(page, "Organisation type").get_by_role("radio", name="academe").check()
    choose(page, "Country", "KR")
    field(page, "Expertise").get_by_role("checkbox", name="labour-migration").check()
    consent = reveal(page, "Consent to a public profile")
    if consent_date:
        field(page, "Date of consent", within=consent).get_by_role("textbox").fill(consent_date)
    text = reveal(page, "Text").get_by_role("textbox", name="Text")
    text.click()
    page.keyboard.type(f"{name} studies return migration.")


def choose(page, label: str, option: str):
    box = field(page, label).get_by_role("combobox")
    box.click()
    page.get_by_role("option", name=option, exact=True).click()


def changes(page, before: dict[str, str]) -> dict[str, str]:
    """Files the editor wrote or changed in the folder (it must delete none)."""
    after = {path: text for path, text in saved_files(page).items() if not path.startswith(".git/")}
    assert set(before) <= set(after), f"the editor removed {set(before) - set(after)}"
    return {path: text for path, text in after.items() if before.get(path) != text}


def check_in_clone(records: Path, changed: dict[str, str]):
    """What the editor wrote, put into the clone: it validates, is already in the canonical
    layout (`akmn fmt --check`, as the pull-request check runs it), and git sees only those
    files plus the contributor's own uncommitted one (the editor commits nothing)."""
    head = git(records, "rev-parse", "HEAD")
    for path, text in changed.items():
        (records / path).write_text(text, encoding="utf-8")
    result = run_cli("validate", str(records))
    assert result.code == 0, result.stdout + result.stderr
    layout = run_cli("fmt", "--check", "--root", str(records), *(str(records / p) for p in changed))
    assert layout.code == 0, layout.stdout + layout.stderr
    status = {line[3:] for line in git(records, "status", "--porcelain",
                                       "--untracked-files=all").splitlines()}
    assert status == set(changed) | {UNRELATED}
    assert git(records, "rev-parse", "HEAD") == head


def page_was_clean(page):
    assert page.errors == [], page.errors
    assert [url for url in page.outside if not OPTIONAL_REQUESTS.match(url)] == []


def front_matter(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


def body(text: str) -> str:
    return text.split("---\n", 2)[2].strip()


def test_new_experts_save_as_valid_records(in_browser, admin_url, records):
    in_browser(lambda page: check_new_experts(page, admin_url, records))


def check_new_experts(page, admin_url, records):
    before = open_local_repository(page, admin_url, records)
    # A Vietnamese name: the proposed id drops the accents.
    new_record(page, admin_url, "experts")
    fill_expert(page, "Nguyễn Thị Lan", None, "2026-03-01")
    assert proposed_id(page) == "nguyen-thi-lan"
    screenshot(page, "new-expert")
    save(page)
    wait_for_file(page, "content/experts/nguyen-thi-lan.md")
    # A name in Korean script: the contributor types the id.
    new_record(page, admin_url, "experts")
    fill_expert(page, "김민준", "kim-min-jun", "2026-04-02")
    save(page)
    wait_for_file(page, "content/experts/kim-min-jun.md")

    changed = changes(page, before)
    assert set(changed) == {"content/experts/nguyen-thi-lan.md", "content/experts/kim-min-jun.md"}
    korean = front_matter(changed["content/experts/kim-min-jun.md"])
    assert korean["name"] == "김민준"
    # The consent the form cannot leave out or turn off.
    assert korean["consent"] == {"public_profile": True, "date": datetime.date(2026, 4, 2)}
    assert "example" not in korean or korean["example"] is False
    check_in_clone(records, changed)
    page_was_clean(page)


def test_new_practice_and_country_edit(in_browser, admin_url, records):
    in_browser(lambda page: check_practice_and_country(page, admin_url, records))


def check_practice_and_country(page, admin_url, records):
    kr = records / "content/countries/kr.md"
    kr.write_text(kr.read_text(encoding="utf-8").replace("Korea fixture.", "Korea *fixture*, `code`."),
                  encoding="utf-8")
    before = open_local_repository(page, admin_url, records)
    new_record(page, admin_url, "practices")
    field(page, "Title").get_by_role("textbox").fill("Return Talent Bridge")
    choose(page, "Countries", "PH")
    field(page, "Themes").get_by_role("checkbox", name="brain-circulation").check()
    field(page, "SDG targets").get_by_role("checkbox", name="10.7").check()
    transferability = field(page, "Transferability to other countries").get_by_role("textbox")
    transferability.fill("Line one: works.\nLine two # hash")
    sources = reveal(page, "Sources")
    sources.get_by_role("button", name="Add \u2068Sources\u2069").click()
    field(page, "Title", within=sources).get_by_role("textbox").fill("Programme guidelines")
    field(page, "URL", within=sources).get_by_role("textbox").fill("https://www.example.org/guidelines")
    reveal(page, "Text").get_by_role("textbox", name="Text").click()
    page.keyboard.type("Helps researchers abroad return for a year.")
    assert proposed_id(page) == "return-talent-bridge"
    screenshot(page, "new-practice")
    save(page)
    practice = wait_for_file(page, "content/practices/return-talent-bridge.md")

    # Edit a country profile that has no SDG 10.7.2 rating: the optional group stays absent.
    page.goto(f"{admin_url}#/collections/countries/entries/kr")
    reviewed = field(page, "Last reviewed").get_by_role("textbox")
    reviewed.fill("2026-11-20")
    assert field(page, SDG_10_7_2).get_by_role("checkbox",
                                               name=f"Add \u2068{SDG_10_7_2}\u2069").is_checked() is False
    screenshot(page, "country")
    save(page)
    for _ in range(50):
        changed = changes(page, before)
        if "content/countries/kr.md" in changed:
            break
        page.wait_for_timeout(200)

    assert set(changed) == {"content/practices/return-talent-bridge.md", "content/countries/kr.md"}
    saved = front_matter(practice)
    assert saved["sdg_targets"] == ["10.7"]  # a quoted string, as the validator needs
    assert saved["transferability"] == "Line one: works.\nLine two # hash"
    assert "period" not in saved and "status" not in saved  # optional, left empty: not written
    edited = front_matter(changed["content/countries/kr.md"])
    assert edited == front_matter(before["content/countries/kr.md"]) | {"last_reviewed": datetime.date(2026,
                                                                                                       11,
                                                                                                       20)}
    # The text below the fields is kept as written (the Markdown source editor opens first).
    assert body(changed["content/countries/kr.md"]) == body(before["content/countries/kr.md"])
    check_in_clone(records, changed)
    page_was_clean(page)


def test_the_form_cannot_save_what_the_validator_rejects(in_browser, admin_url, records):
    in_browser(lambda page: check_refusals(page, admin_url, records))


def check_refusals(page, admin_url, records):
    before = open_local_repository(page, admin_url, records)
    new_record(page, admin_url, "experts")
    # No control can turn consent off: public_profile is not on the form at all.
    consent = reveal(page, "Consent to a public profile")
    assert field(page, "Public profile", within=consent).count() == 0
    # Without the date of consent, nothing is saved.
    fill_expert(page, "Kanya Srisuk", None, None)
    save(page)
    page.get_by_text("This field is required.").first.wait_for()
    assert changes(page, before) == {}
    # A link typed without https:// is refused on the form, with what to write, not by the
    # pull request's check after saving.
    field(page, "Date of consent", within=reveal(page, "Consent to a public profile")).get_by_role(
        "textbox").fill("2026-03-01")
    links = reveal(page, "Links")
    links.get_by_role("button", name="Add \u2068Links\u2069").click()
    field(page, "Title", within=links).get_by_role("textbox").fill("Profile")
    field(page, "URL", within=links).get_by_role("textbox").fill("www.example.org")
    save(page)
    page.get_by_text("Write the whole address, starting with https://", exact=False).first.wait_for()
    screenshot(page, "refused-link")
    assert changes(page, before) == {}
    # An id that breaks the id rule is not taken.
    panel = slug_panel(page)
    panel.get_by_role("button", name="Edit Slug").click()
    panel.get_by_role("textbox", name="Slug").fill("Kanya_Srisuk")
    assert panel.get_by_role("button", name="Done").is_disabled()
    panel.get_by_role("button", name="Cancel").click()
    assert proposed_id(page) == "kanya-srisuk"
    # Deleting is not offered: withdrawal is a pull request (CONTRIBUTING.md).
    page.goto(f"{admin_url}#/collections/experts/entries/fixture-kim")
    field(page, "Full name").wait_for()
    page.get_by_role("button", name="Show Editor Options").click()
    menu = page.get_by_role("menu", name="Editor Options")
    menu.get_by_role("menuitem", name="Duplicate Entry").wait_for()
    assert menu.get_by_role("menuitem", name=re.compile("Delete")).count() == 0
    page_was_clean(page)


def test_new_held_meeting_and_program_save_as_valid_records(in_browser, admin_url, records):
    in_browser(lambda page: check_meeting_and_program(page, admin_url, records))


def check_meeting_and_program(page, admin_url, records):
    before = open_local_repository(page, admin_url, records)
    page.goto(f"{admin_url}#/collections/programs/new")
    field(page, "Title").get_by_role("textbox").fill("Policy Dialogue")
    field(page, "Number").get_by_role("spinbutton").fill("2")
    field(page, "Aim").get_by_role("textbox").fill("Compare the policies of the member states.")
    save(page)
    wait_for_file(page, "content/programs/program-2.md")

    new_record(page, admin_url, "meetings")
    field(page, "Title").get_by_role("textbox").fill("3rd International Experts Meeting")
    field(page, "Program").get_by_role("radio", name="International Experts Meetings").check()
    field(page, "Status").get_by_role("radio", name="held").check()
    field(page, "Date").get_by_role("textbox").fill("2026-10-14")
    outcomes = reveal(page, "Outcomes")
    outcomes.get_by_role("button", name="Add \u2068Outcomes\u2069").click()
    outcomes.get_by_role("textbox").first.fill("Agreed on a shared data template.")
    recommendations = reveal(page, "Recommendations")
    recommendations.get_by_role("button", name="Add \u2068Recommendations\u2069").click()
    text = field(page, "Recommendation", within=recommendations).get_by_role("textbox")
    text.fill("Publish migration data by status.")
    screenshot(page, "new-meeting")
    assert proposed_id(page) == "3rd-international-experts-meeting"
    save(page)
    wait_for_file(page, "content/meetings/3rd-international-experts-meeting.md")

    changed = changes(page, before)
    meeting = front_matter(changed["content/meetings/3rd-international-experts-meeting.md"])
    assert meeting["status"] == "held" and meeting["date"] == datetime.date(2026, 10, 14)
    assert meeting["recommendations"] == [{"text": "Publish migration data by status."}]
    assert front_matter(changed["content/programs/program-2.md"])["number"] == 2
    check_in_clone(records, changed)
    page_was_clean(page)


def test_translations_are_not_listed_as_records(in_browser, admin_url, records):
    # <id>.ko.md sits beside its record; the editor listed it as one more record and opened it in
    # the record's form (countries, themes, sources required), which no translation may hold.
    (records / "content/countries/kr.ko.md").write_text("---\nsummary: 한국 요약.\n---\n\n한국 본문.\n",
                                                        encoding="utf-8")
    in_browser(lambda page: check_translations_hidden(page, admin_url, records))


def check_translations_hidden(page, admin_url, records):
    open_local_repository(page, admin_url, records)
    page.goto(f"{admin_url}#/collections/practices")
    page.get_by_text("Fixture return programme").wait_for()
    assert page.get_by_text("픽스처 귀환 프로그램").count() == 0
    for entry in ("practices/entries/fixture-return.ko", "countries/entries/kr.ko"):
        page.goto(f"{admin_url}#/collections/{entry}")
        page.get_by_text("Entry not found.").first.wait_for()
    page.goto(f"{admin_url}#/collections/countries/entries/kr")
    field(page, "Last reviewed").wait_for()
    page_was_clean(page)
