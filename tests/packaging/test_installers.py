"""Packaging smoke tests: the NSIS scripts compile; a state's .deb holds the files and control fields it
should; the Kazakhstan and Iran .debs install, start in their language from the frozen bundle (resources,
catalogs and migrations found) and remove cleanly.

The install test is slow (it builds one PyInstaller bundle, ~25 s or more) and runs only when asked
(``CICA_RUN_SLOW=1`` or ``-m slow``). It installs with dpkg into a throw-away root in a temporary folder,
never into the machine's /opt, and needs root, dpkg and PyInstaller; it is skipped cleanly otherwise.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"


def _import_packaging(name: str):
    sys.path.insert(0, str(PACKAGING))
    try:
        return __import__(name)
    finally:
        sys.path.remove(str(PACKAGING))


@pytest.mark.skipif(shutil.which("makensis") is None, reason="makensis is not installed (apt-get install nsis)")
@pytest.mark.parametrize("code", ["KZ", "CN", "IR"])
def test_nsis_installer_compiles_with_the_states_strings(code, tmp_path):
    nsis = _import_packaging("nsis")
    from desktop_app.preset import read

    preset = read(PACKAGING / "presets" / f"{code}.json")
    payload = nsis.stub_payload(tmp_path / "payload")
    script = nsis.generate(preset, "0.1.0", payload, tmp_path / "out")
    setup = nsis.compile_script(script)
    assert setup.is_file() and setup.read_bytes()[:2] == b"MZ"  # a Windows executable
    text = script.read_text(encoding="utf-8-sig")
    assert preset.app_name in text and "CICA Network Coordinator" in text  # own language and English
    expected = {"KZ": "Kazakh", "CN": "SimpChinese", "IR": "Farsi"}[code]
    assert f'"{expected}"' in text
    if code == "KZ":  # NSIS has no Kazakh: our derived language, built on Russian, with Kazakh strings
        nsh = (tmp_path / "out" / "lang" / "Kazakh.nsh").read_text(encoding="utf-8-sig")
        assert '"Қазақша"' in nsh
        assert "пайдаланушы қалтаңызда" in text


@pytest.mark.skipif(shutil.which("makensis") is None, reason="makensis is not installed (apt-get install nsis)")
def test_every_member_states_nsis_script_compiles(tmp_path):
    nsis = _import_packaging("nsis")
    from desktop_app.domain.reference import MEMBER_CODES
    from desktop_app.preset import read

    payload = nsis.stub_payload(tmp_path / "payload")
    for code in sorted(MEMBER_CODES):
        preset = read(PACKAGING / "presets" / f"{code}.json")
        setup = nsis.compile_script(nsis.generate(preset, "0.1.0", payload, tmp_path / code))
        assert setup.is_file(), code


def _need(*tools: str) -> None:
    if sys.platform != "linux":
        pytest.skip(".deb packages are built on Linux")
    for tool in tools:
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not available")


def _stub_bundle(folder: Path) -> Path:
    """A stand-in for the PyInstaller bundle: an executable and its resources folder."""
    (folder / "_internal" / "resources").mkdir(parents=True)
    program = folder / "cica-coordinator"
    program.write_text("#!/bin/sh\necho stub\n", encoding="utf-8")
    program.chmod(0o700)  # the package makes it 755 whatever the builder's umask
    return folder


def _control(deb: Path) -> dict[str, str]:
    text = subprocess.run(["dpkg-deb", "-f", str(deb)], capture_output=True, text=True, check=True).stdout
    fields: dict[str, str] = {}
    for line in text.splitlines():
        if line[:1].isspace():
            continue
        key, _sep, value = line.partition(":")
        fields[key] = value.strip()
    return fields


def test_deb_holds_the_bundle_command_menu_entry_and_icons(tmp_path):
    _need("dpkg-deb", "dpkg")
    linux_deb = _import_packaging("linux_deb")
    from desktop_app.preset import read

    preset = read(PACKAGING / "presets" / "KZ.json")
    icons = {}
    for size in (16, 48):
        icons[size] = tmp_path / f"{size}.png"
        icons[size].write_bytes(b"\x89PNG\r\n\x1a\n")
    deb = linux_deb.build_deb(preset, _stub_bundle(tmp_path / "bundle"), "0.1.0", tmp_path / "out", icons,
                              REPO / "resources" / "icons" / "app.svg")
    assert deb.name.startswith("cica-coordinator-kz_0.1.0_")

    control = _control(deb)
    assert control["Package"] == "cica-coordinator-kz" and control["Version"] == "0.1.0"
    depends = [d.strip() for d in control["Depends"].split(",")]
    assert "libegl1" in depends and "libxcb-cursor0" in depends  # the libraries Qt loads
    assert set(preset.linux_font_packages) <= set(depends)
    # No maintainer scripts: dpkg's triggers refresh the menu and icon caches.
    members = subprocess.run(["dpkg-deb", "--ctrl-tarfile", str(deb)], capture_output=True, check=True).stdout
    assert b"postinst" not in members and b"prerm" not in members

    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True).stdout
    entries = {line.split()[5].removeprefix("."): line for line in listing.splitlines()}
    program = entries["/opt/cica-coordinator-kz/cica-coordinator"]
    assert program.startswith("-rwxr-xr-x root/root")
    assert "/usr/bin/cica-coordinator-kz" in entries
    assert entries["/usr/bin/cica-coordinator-kz"].endswith("-> /opt/cica-coordinator-kz/cica-coordinator")
    assert "/usr/share/applications/cica-coordinator-kz.desktop" in entries
    assert {"/usr/share/icons/hicolor/16x16/apps/cica-coordinator-kz.png",
            "/usr/share/icons/hicolor/48x48/apps/cica-coordinator-kz.png",
            "/usr/share/icons/hicolor/scalable/apps/cica-coordinator-kz.svg"} <= set(entries)
    assert all(path.startswith(("/opt/cica-coordinator-kz", "/usr/")) or path in ("/", "/opt/") for path in entries)


def _skip_unless_deb_possible() -> None:
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("installing a .deb needs root on Linux")
    _need("dpkg-deb", "dpkg", "dpkg-query")
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        pytest.skip("PyInstaller is not installed (pip install -e .[packaging])")


class ThrowAwayRoot:
    """A dpkg root in a temporary folder: its own package database, files installed under it."""

    def __init__(self, path: Path):
        self.path = path
        for folder in ("info", "updates", "triggers"):
            (path / "var" / "lib" / "dpkg" / folder).mkdir(parents=True, exist_ok=True)
        (path / "var" / "lib" / "dpkg" / "status").touch()

    def dpkg(self, *args: str) -> subprocess.CompletedProcess:
        # The program runs against this machine's libraries, not the throw-away root's: its dependencies
        # are this machine's business (scripts/dev.sh installs them), so they are not checked here.
        return subprocess.run(["dpkg", f"--root={self.path}", "--force-depends", *args], capture_output=True,
                              text=True, check=False)

    def status(self, package: str) -> str:
        return subprocess.run(["dpkg-query", f"--admindir={self.path / 'var' / 'lib' / 'dpkg'}", "-W",
                               "-f=${Status}", package], capture_output=True, text=True, check=False).stdout

    def __truediv__(self, absolute: str) -> Path:
        return self.path / absolute.lstrip("/")


@pytest.fixture(scope="module")
def debs(tmp_path_factory):
    _skip_unless_deb_possible()
    out = tmp_path_factory.mktemp("packaging")
    manifest = out / "manifest.json"
    subprocess.run([sys.executable, str(PACKAGING / "build.py"), "--state", "KZ", "--state", "IR",
                    "--formats", "deb", "--out", str(out), "--manifest", str(manifest)],
                   cwd=REPO, check=True, timeout=900)
    made = json.loads(manifest.read_text(encoding="utf-8"))
    yield {code: Path(made[code]["deb"]) for code in made}
    shutil.rmtree(out, ignore_errors=True)


def _run(command: Path, *args: str, home: Path, probe: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CICA_", "LANG", "LC_"))}
    env.update(QT_QPA_PLATFORM="offscreen", CICA_COORDINATOR_HOME=str(home), HOME=str(home), LANG="C.UTF-8")
    if probe is not None:
        env["CICA_COORDINATOR_STARTUP_PROBE"] = probe
    return subprocess.run([str(command), *args], capture_output=True, text=True, env=env, timeout=120, check=False)


@pytest.mark.slow
@pytest.mark.parametrize("code, lang, direction, name", [("KZ", "kk", "ltr", "Қазақстан"),
                                                         ("IR", "fa", "rtl", "ایران")], ids=["KZ", "IR"])
def test_deb_installs_starts_in_the_states_language_and_removes_cleanly(debs, tmp_path, code, lang, direction,
                                                                       name):
    from desktop_app import __version__

    package = f"cica-coordinator-{code.lower()}"
    root = ThrowAwayRoot(tmp_path / "root")
    installed = root.dpkg("-i", str(debs[code]))
    assert installed.returncode == 0, installed.stderr
    assert "install ok installed" in root.status(package)
    # /usr/bin/<package> points into /opt as installed; here both live under the throw-away root.
    link = root / f"/usr/bin/{package}"
    assert os.readlink(link) == f"/opt/{package}/cica-coordinator"
    command = root / os.readlink(link)
    bundle = root / f"/opt/{package}"
    home = tmp_path / "home"
    try:
        version = _run(command, "--version", home=home)
        assert version.stdout.strip() == f"cica-coordinator {__version__}"

        about = json.loads(_run(command, "about", "--json", home=home).stdout)
        assert about["frozen"] is True and about["bundle"].startswith(f"{bundle}/")
        assert about["preset"]["state"] == code and about["preset"]["interface_language"] == lang
        assert about["resources"] is True
        assert {"kk", "ru", "fa", "zh"} <= set(about["compiled_catalogs"])
        assert about["schema_heads"]  # Alembic found the migration scripts inside the bundle

        db = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
        upgrade = _run(command, "--db", db, "db", "upgrade", home=home)
        assert upgrade.returncode == 0, upgrade.stderr
        assert _run(command, "--db", db, "db", "check", home=home).returncode == 0
        states = _run(command, "--db", db, "--lang", lang, "states", "list", "--json", home=home)
        by_code = {state["code"]: state for state in json.loads(states.stdout)}
        assert by_code[code]["name"] == name

        # The GUI's first run: the wizard comes pre-filled with the preset, then the window opens
        # in the state's language over a database migrated in the user's data folder.
        gui = _run(command, home=home, probe="1")
        assert gui.returncode == 0, gui.stderr
        lines = gui.stdout.splitlines()
        assert f"wizard language={lang} state={code}" in lines
        assert f"language {lang} {direction}" in lines
        assert any(line.startswith("dashboard-live ") for line in lines)
        assert (home / "data" / "coordinator.sqlite3").is_file()
        assert not list(bundle.rglob("__pycache__"))  # nothing written into the package
    finally:
        removed = root.dpkg("-r", package)
    assert removed.returncode == 0, removed.stderr
    assert not bundle.exists()
    assert not os.path.lexists(link)
    assert not (root / f"/usr/share/applications/{package}.desktop").exists()
    assert not list((root / "/usr/share/icons/hicolor").glob(f"*/apps/{package}.*"))
    assert "installed" not in root.status(package).replace("not-installed", "")
    # The user's records stay after removal: a reinstall finds them.
    assert (home / "data" / "coordinator.sqlite3").is_file()
