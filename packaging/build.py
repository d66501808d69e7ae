"""Build the installers of CICA Network Coordinator, one per member state.

    python packaging/build.py --state KZ            # Kazakhstan: bundle, .deb (Linux), NSIS installer
    python packaging/build.py --all                 # all 28 member states
    python packaging/build.py --state IR --formats deb --reuse-bundle

Steps: compile the translation catalogs; one PyInstaller one-folder bundle (packaging/
cica-coordinator.spec) — the same program for every state; then per state a copy of the bundle with
the state's preset as resources/preset.json, and from it
  - on Linux: a .deb (packaging/linux_deb.py) and the NSIS script, compiled over a stub payload
    when makensis is installed (the real Windows bundle is built on Windows);
  - on Windows: the NSIS script compiled over the real bundle (a setup.exe);
  - on macOS: the .app with the preset (packaging/macos/build_macos.sh makes the .dmg).
Output goes to packaging/out/ (or --out).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from desktop_app import __version__  # noqa: E402 - importable once ROOT is on sys.path
from desktop_app.domain.reference import MEMBER_STATES  # noqa: E402
from desktop_app.preset import Preset, read  # noqa: E402

PRESETS = HERE / "presets"
SPEC = HERE / "cica-coordinator.spec"
EXECUTABLE = "cica-coordinator.exe" if sys.platform == "win32" else "cica-coordinator"


def log(message: str) -> None:
    print(f"[build] {message}", flush=True)


def load_preset(state: str) -> Preset:
    path = PRESETS / f"{state.upper()}.json"
    if not path.is_file():
        raise SystemExit(f"no preset for {state}: {path} does not exist")
    return read(path)


def compile_catalogs() -> None:
    subprocess.run([sys.executable, "-m", "desktop_app.i18n.catalogs", "compile", "--quiet"], cwd=ROOT, check=True)


def build_bundle(out: Path) -> Path:
    """The PyInstaller one-folder bundle (the program without a preset); returns its folder."""
    env = dict(os.environ)
    icon = _platform_icon(out)
    if icon:
        env["CICA_BUNDLE_ICON"] = str(icon)
    env["CICA_VERSION"] = __version__
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(out / "bundle"), "--workpath", str(out / "work"), str(SPEC)],
        cwd=ROOT, env=env, check=True)
    if sys.platform == "darwin":
        return out / "bundle" / "CICA Network Coordinator.app"
    return out / "bundle" / "cica-coordinator"


def icon_pngs(out: Path) -> dict[int, Path]:
    from icons import render_pngs

    return render_pngs(ROOT / "resources" / "icons" / "app.svg", out / "icons")


def _platform_icon(out: Path) -> Path | None:
    if sys.platform == "win32":
        from icons import write_ico

        return write_ico(icon_pngs(out), out / "icons" / "app.ico")
    if sys.platform == "darwin":
        return None  # build_macos.sh makes the .icns with iconutil before calling this script
    return None


def bundle_resources(bundle: Path) -> Path:
    """The resources folder inside a bundle (PyInstaller 6 keeps data under _internal/ or Contents/)."""
    for candidate in (bundle / "_internal" / "resources", bundle / "Contents" / "Resources" / "resources",
                      bundle / "Contents" / "Frameworks" / "resources", bundle / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"no resources folder in {bundle}")


def link_tree(source: Path, target: Path) -> None:
    """Copy a folder as hard links where the file system allows (28 states share one bundle's bytes).
    Not on macOS: codesign rewrites the binaries in place, which would sign the shared bundle too."""
    if sys.platform == "darwin":
        shutil.copytree(source, target, symlinks=True)
        return

    def link(src, dst):
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)
    shutil.copytree(source, target, symlinks=True, copy_function=link)


def stage_state_bundle(bundle: Path, preset_path: Path, target: Path) -> Path:
    """A copy of the bundle carrying the state's preset as resources/preset.json."""
    if target.exists():
        shutil.rmtree(target)
    link_tree(bundle, target)
    resources = bundle_resources(target)
    (resources / "preset.json").unlink(missing_ok=True)
    shutil.copyfile(preset_path, resources / "preset.json")
    if sys.platform == "darwin":  # the preset lives in Contents/Resources; a symlinked copy is possible too
        real = resources.resolve()
        if real != resources:
            shutil.copyfile(preset_path, real / "preset.json")
    return target


def build_state(state: str, bundle: Path | None, out: Path, formats: set[str], icons: dict[int, Path] | None,
                nsis_payload: Path | None) -> dict[str, str]:
    preset = load_preset(state)
    preset_path = PRESETS / f"{preset.state}.json"
    state_dir = out / preset.state
    made: dict[str, str] = {}
    staged = None
    if bundle is not None:
        name = bundle.name if sys.platform == "darwin" else f"cica-coordinator-{preset.state.lower()}"
        staged = stage_state_bundle(bundle, preset_path, state_dir / name)
        made["bundle"] = str(staged)
    if "deb" in formats:
        if staged is None:
            raise SystemExit("a .deb needs the bundle (do not combine --formats deb with --no-bundle)")
        from linux_deb import build_deb

        deb = build_deb(preset, staged, __version__, state_dir, icons or icon_pngs(out),
                        ROOT / "resources" / "icons" / "app.svg")
        made["deb"] = str(deb)
        log(f"{preset.state}: {deb.name} ({deb.stat().st_size / 1e6:.1f} MB)")
    if "nsis" in formats:
        import nsis

        if nsis_payload is not None:
            payload = nsis_payload
        elif sys.platform == "win32" and staged is not None:
            payload = staged
        else:
            payload = nsis.stub_payload(state_dir / "nsis-stub-payload")
            shutil.copyfile(preset_path, payload / "_internal" / "resources" / "preset.json")
        icon = out / "icons" / "app.ico"
        if not icon.exists() and icons:
            from icons import write_ico

            write_ico(icons, icon)
        script = nsis.generate(preset, __version__, payload, state_dir / "nsis", icon if icon.exists() else None)
        made["nsis_script"] = str(script)
        if shutil.which("makensis"):
            setup = nsis.compile_script(script)
            if payload != staged:  # proves the script compiles; not an installer anyone should ship
                setup = setup.rename(setup.with_name(setup.stem.replace("-setup", "-stub-payload") + ".exe"))
            made["setup"] = str(setup)
            log(f"{preset.state}: {setup.name} ({'stub payload' if payload != staged else 'bundle'})")
        else:
            log(f"{preset.state}: {script} written; makensis not installed, not compiled")
    return made


def default_formats() -> set[str]:
    if sys.platform.startswith("linux"):
        return {"deb", "nsis"}
    if sys.platform == "win32":
        return {"nsis"}
    return set()  # macOS: the staged .app; build_macos.sh makes the .dmg


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--state", action="append", metavar="CC", help="ISO code of a member state (repeatable)")
    which.add_argument("--all", action="store_true", help="every member state")
    parser.add_argument("--formats", help="comma-separated: deb, nsis (default: what this platform makes)")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="output folder (default packaging/out)")
    parser.add_argument("--reuse-bundle", action="store_true", help="keep an existing PyInstaller bundle")
    parser.add_argument("--no-bundle", action="store_true", help="installer scripts only (NSIS), no PyInstaller")
    parser.add_argument("--nsis-payload", type=Path, help="a Windows bundle folder for the NSIS installer")
    parser.add_argument("--manifest", type=Path, help="write what was made as JSON here")
    args = parser.parse_args(argv)

    states = [state.code for state in MEMBER_STATES] if args.all else [s.upper() for s in args.state]
    for state in states:
        load_preset(state)  # fail before the long part
    formats = set(filter(None, (args.formats or ",".join(default_formats())).split(",")))
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    bundle = None
    if not args.no_bundle:
        compile_catalogs()
        bundle = out / "bundle" / ("CICA Network Coordinator.app" if sys.platform == "darwin" else "cica-coordinator")
        if not (args.reuse_bundle and bundle.exists()):
            log("PyInstaller bundle…")
            bundle = build_bundle(out)
            log(f"bundle ready in {time.perf_counter() - started:.1f} s")
    icons = icon_pngs(out) if ("deb" in formats or "nsis" in formats) else None
    manifest = {state: build_state(state, bundle, out, formats, icons, args.nsis_payload) for state in states}
    log(f"done in {time.perf_counter() - started:.1f} s")
    if args.manifest:
        args.manifest.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
