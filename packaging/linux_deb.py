"""The Debian package of one member state: the bundle in /opt, a command, a menu entry and icons.

Each state's package has its own name and folder (cica-coordinator-kz in /opt/cica-coordinator-kz,
command cica-coordinator-kz), so two states' packages can sit side by side on a shared machine.
No maintainer scripts: dpkg's triggers of desktop-file-utils and hicolor-icon-theme refresh the menu
and icon caches. The records live in each user's data folder, which dpkg never touches, so
upgrading, removing and reinstalling the package keeps them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

#: Libraries the PySide6 wheels load (offscreen and X11) — the APT_RUNTIME list of scripts/dev.sh.
#: The bundle carries Qt, Python and ICU itself; glibc >= 2.34 because the Qt wheels are manylinux_2_34.
QT_RUNTIME_DEPENDS = (
    "libc6 (>= 2.34)", "libegl1", "libgl1", "libglib2.0-0", "libfontconfig1", "libfreetype6", "libxkbcommon0",
    "libdbus-1-3", "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-image0", "libxcb-randr0",
    "libxcb-render-util0", "libxcb-shape0", "libxcb-xkb1", "libxkbcommon-x11-0", "libx11-xcb1",
)
MAINTAINER = "CICA Network Coordinator packaging <packaging@cica-coordinator.invalid>"


def package_name(state: str) -> str:
    return f"cica-coordinator-{state.lower()}"


def architecture() -> str:
    result = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True)
    return result.stdout.strip()


def _desktop_entry(preset, name: str) -> str:
    english = "CICA Network Coordinator"
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        # The state's own name first: it is what the coordinators of that state read.
        f"Name={preset.app_name}",
        f"Name[en]={english}",
        f"Name[{preset.names_language}]={preset.app_name}",
        "GenericName=University network records",
        "Comment=Records of the national coordinator of the CICA Partnership Network of Leading Universities",
        f"Exec=/usr/bin/{name} gui",
        f"Icon={name}",
        "Terminal=false",
        "Categories=Office;Education;",
        f"Keywords=CICA;universities;{english};",
        "StartupNotify=true",
    ]
    return "\n".join(dict.fromkeys(lines)) + "\n"  # Name[en] twice when the names are English


def _link_or_copy(src, dst) -> None:
    try:
        os.link(src, dst)  # the staged bundle's bytes, not a second copy
    except OSError:
        shutil.copy2(src, dst)


def _installed_size_kib(root: Path) -> int:
    total = sum(path.lstat().st_size for path in root.rglob("*") if not path.is_dir() or path.is_symlink())
    return (total + 1023) // 1024


def build_deb(preset, bundle: Path, version: str, out_dir: Path, icons: dict[int, Path], svg: Path) -> Path:
    """``bundle`` is the state's staged bundle (its preset already inside)."""
    name = package_name(preset.state)
    root = out_dir / "deb-root"
    if root.exists():
        shutil.rmtree(root)
    target = root / "opt" / name
    shutil.copytree(bundle, target, symlinks=True, copy_function=_link_or_copy)
    (root / "usr" / "bin").mkdir(parents=True)
    (root / "usr" / "bin" / name).symlink_to(f"/opt/{name}/cica-coordinator")
    applications = root / "usr" / "share" / "applications"
    applications.mkdir(parents=True)
    (applications / f"{name}.desktop").write_text(_desktop_entry(preset, name), encoding="utf-8")
    hicolor = root / "usr" / "share" / "icons" / "hicolor"
    for size, png in icons.items():
        folder = hicolor / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(png, folder / f"{name}.png")
    (hicolor / "scalable" / "apps").mkdir(parents=True)
    shutil.copyfile(svg, hicolor / "scalable" / "apps" / f"{name}.svg")
    for path in root.rglob("*"):  # predictable modes whatever the builder's umask
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            path.chmod(0o755 if path.stat().st_mode & 0o111 else 0o644)

    depends = list(QT_RUNTIME_DEPENDS) + list(preset.linux_font_packages)
    recommends = [] if "fonts-noto-cjk" in depends else ["fonts-noto-cjk"]  # other states' names in reports
    control = [
        f"Package: {name}",
        f"Version: {version}",
        f"Architecture: {architecture()}",
        f"Maintainer: {MAINTAINER}",
        f"Installed-Size: {_installed_size_kib(root)}",
        f"Depends: {', '.join(depends)}",
        *([f"Recommends: {', '.join(recommends)}"] if recommends else []),
        "Section: education",
        "Priority: optional",
        f"Description: CICA Network Coordinator ({preset.state})",
        " Desktop records of the national coordinator of the CICA Partnership Network of",
        f" Leading Universities, preset for member state {preset.state}: it starts in the",
        f" state's language ({', '.join(preset.languages)}) on the first run.",
    ]
    debian = root / "DEBIAN"
    debian.mkdir(mode=0o755)
    (debian / "control").write_text("\n".join(control) + "\n", encoding="utf-8")
    out_dir.mkdir(parents=True, exist_ok=True)
    deb = out_dir / f"{name}_{version}_{architecture()}.deb"
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zzstd", "--build", str(root), str(deb)],
                   check=True, capture_output=True)
    shutil.rmtree(root)
    return deb
