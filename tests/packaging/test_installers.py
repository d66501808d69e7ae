"""Packaging smoke tests: the NSIS scripts compile; the Kazakhstan and Iran .debs install, start in
their language from the frozen bundle (resources, catalogs and migrations found) and remove cleanly.

The .deb test builds one PyInstaller bundle (~25 s) and needs root, dpkg-deb and PyInstaller; it is
skipped cleanly otherwise.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
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


def _skip_unless_deb_possible() -> None:
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("installing a .deb needs root on Linux")
    for tool in ("dpkg-deb", "dpkg"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not available")
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        pytest.skip("PyInstaller is not installed (pip install -e .[packaging])")


def _dpkg(*args: str) -> subprocess.CompletedProcess:
    """dpkg, waiting a little if another package tool holds the lock."""
    for _attempt in range(30):
        result = subprocess.run(["dpkg", *args], capture_output=True, text=True, check=False)
        if result.returncode == 0 or "lock" not in result.stderr:
            return result
        time.sleep(2)
    return result


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


def _run(command: str, *args: str, home: Path, probe: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CICA_", "LANG", "LC_"))}
    env.update(QT_QPA_PLATFORM="offscreen", CICA_COORDINATOR_HOME=str(home), HOME=str(home), LANG="C.UTF-8")
    if probe is not None:
        env["CICA_COORDINATOR_STARTUP_PROBE"] = probe
    return subprocess.run([command, *args], capture_output=True, text=True, env=env, timeout=120, check=False)


@pytest.mark.slow
@pytest.mark.parametrize("code, lang, direction, name", [("KZ", "kk", "ltr", "Қазақстан"),
                                                         ("IR", "fa", "rtl", "ایران")], ids=["KZ", "IR"])
def test_deb_installs_starts_in_the_states_language_and_removes_cleanly(debs, tmp_path, code, lang, direction,
                                                                       name):
    from desktop_app import __version__

    package = f"cica-coordinator-{code.lower()}"
    command = f"/usr/bin/{package}"
    installed = _dpkg("-i", str(debs[code]))
    assert installed.returncode == 0, installed.stderr
    try:
        home = tmp_path / "home"
        version = _run(command, "--version", home=home)
        assert version.stdout.strip() == f"cica-coordinator {__version__}"

        about = json.loads(_run(command, "about", "--json", home=home).stdout)
        assert about["frozen"] is True and about["bundle"].startswith(f"/opt/{package}/")
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
        assert not list(Path(f"/opt/{package}").rglob("__pycache__"))  # nothing written into the package
    finally:
        removed = _dpkg("-r", package)
    assert removed.returncode == 0, removed.stderr
    assert not Path(f"/opt/{package}").exists()
    assert not Path(command).exists() and not os.path.lexists(command)
    assert not Path(f"/usr/share/applications/{package}.desktop").exists()
    assert not list(Path("/usr/share/icons/hicolor").glob(f"*/apps/{package}.*"))
    status = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True, check=False)
    assert "installed" not in status.stdout.replace("not-installed", "")
    # The user's records stay after removal: a reinstall finds them.
    assert (home / "data" / "coordinator.sqlite3").is_file()
