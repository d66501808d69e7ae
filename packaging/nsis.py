"""The Windows installer of one member state: an NSIS (Modern UI 2) script, compiled with makensis.

The installer speaks the state's language with English as the second choice. NSIS ships language
files for most of them; for the eight it lacks (Kazakh, Azerbaijani, Tajik, Kyrgyz, Khmer, Bengali,
Sinhala, Urdu) we derive a language of our own from the nearest file NSIS has along the preset's
fallback chain (Kazakh from Russian, Bengali from English...): NSIS's stock button and page texts
come from that file, our strings (welcome, shortcuts, uninstall message, the program's name) are in
the state's language, and the language list shows the state's language by its own name.

Installation is per user (no administrator rights): the program goes to
%LOCALAPPDATA%\\Programs\\cica-coordinator-<cc>; the records stay in the user's data folder
(platformdirs), which the uninstaller never touches, so uninstalling and reinstalling keeps them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tomllib
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
LANGSTRINGS = HERE / "nsis" / "langstrings.toml"
NSIS_LANGUAGE_DIRS = (Path("/usr/share/nsis/Contrib/Language files"),)

#: ISO 639-1 -> NSIS language file name, for the languages NSIS ships.
NSIS_LANGUAGE = {
    "en": "English", "ru": "Russian", "zh": "SimpChinese", "fa": "Farsi", "ar": "Arabic", "he": "Hebrew",
    "tr": "Turkish", "uz": "Uzbek", "mn": "Mongolian", "ko": "Korean", "vi": "Vietnamese", "th": "Thai",
    "hi": "Hindi", "ps": "Pashto",
}
#: Languages NSIS lacks: (our language name, English name, native name, ASCII name, Windows LCID).
DERIVED_LANGUAGE = {
    "kk": ("Kazakh", "Kazakh", "Қазақша", "Qazaqsha", 1087),
    "az": ("Azerbaijani", "Azerbaijani", "Azərbaycanca", "Azerbaycanca", 1068),
    "tg": ("Tajik", "Tajik", "Тоҷикӣ", "Tojiki", 1064),
    "ky": ("Kyrgyz", "Kyrgyz", "Кыргызча", "Kyrgyzcha", 1088),
    "km": ("Khmer", "Khmer", "ខ្មែរ", "Khmer", 1107),
    "bn": ("Bengali", "Bengali", "বাংলা", "Bangla", 2117),
    "si": ("Sinhala", "Sinhala", "සිංහල", "Sinhala", 1115),
    "ur": ("Urdu", "Urdu", "اردو", "Urdu", 1056),
}
KEYS = ("welcome_title", "welcome", "uninstall_link", "data_kept")


@dataclass(frozen=True)
class InstallerLanguage:
    code: str  # ISO 639-1 of our strings
    nsis_name: str  # the NSIS language (file name) it is loaded as
    derived_from: str | None = None  # NSIS file the derived language copies its stock texts from


def installer_languages(preset) -> list[InstallerLanguage]:
    """The state's language (stock or derived), then English."""
    own = preset.languages[0]
    if own in NSIS_LANGUAGE:
        first = InstallerLanguage(own, NSIS_LANGUAGE[own])
    elif own in DERIVED_LANGUAGE:
        base = next((NSIS_LANGUAGE[lang] for lang in preset.languages[1:] if lang in NSIS_LANGUAGE), "English")
        first = InstallerLanguage(own, DERIVED_LANGUAGE[own][0], base)
    else:
        first = InstallerLanguage("en", "English")
    return [first] if first.code == "en" else [first, InstallerLanguage("en", "English")]


def strings_for(lang: str, app_name: str) -> dict[str, str]:
    table = tomllib.loads(LANGSTRINGS.read_text(encoding="utf-8"))
    english, own = table["en"], table.get(lang, {})
    return {key: own.get(key, english[key]).replace("{app}", app_name) for key in KEYS}


def _nsis_quote(text: str) -> str:
    """A double-quoted NSIS string: $ and " escaped, newlines as $\\r$\\n."""
    return '"' + text.replace("$", "$$").replace('"', '$\\"').replace("\n", "$\\r$\\n") + '"'


def _language_file_dir() -> Path:
    """NSIS's own language files: beside makensis.exe on Windows, under share/nsis elsewhere."""
    candidates = []
    if os.environ.get("NSISDIR"):
        candidates.append(Path(os.environ["NSISDIR"]) / "Contrib" / "Language files")
    makensis = shutil.which("makensis")
    if makensis:
        home = Path(makensis).resolve().parent
        candidates += [home / "Contrib" / "Language files",
                       home.parent / "share" / "nsis" / "Contrib" / "Language files"]
    for folder in (*candidates, *NSIS_LANGUAGE_DIRS):
        if folder.is_dir():
            return folder
    raise FileNotFoundError("NSIS language files not found (apt-get install nsis)")


def write_derived_language(language: InstallerLanguage, target: Path) -> None:
    """Copy the base .nlf/.nsh under the new language's name and id (UTF-8 with BOM, as NSIS's own)."""
    name, english, native, ascii_name, lcid = DERIVED_LANGUAGE[language.code]
    source = _language_file_dir()
    nlf = (source / f"{language.derived_from}.nlf").read_text(encoding="utf-8-sig")
    nlf = re.sub(r"(# Language ID\s*\n)\d+", lambda m: f"{m.group(1)}{lcid}", nlf, count=1)
    nsh = (source / f"{language.derived_from}.nsh").read_text(encoding="utf-8-sig")
    nsh = re.sub(r'!insertmacro LANGFILE .*', f'!insertmacro LANGFILE "{name}" "{english}" "{native}" "{ascii_name}"',
                 nsh, count=1)
    note = (f"; {english} for CICA Network Coordinator: NSIS has no {english} file, so this is NSIS's\n"
            f"; {language.derived_from} file (zlib licence, its translators credited below) under the name\n"
            f"; {name} and Windows language id {lcid}; our own strings are LangStrings in installer.nsi.\n")
    target.mkdir(parents=True, exist_ok=True)
    (target / f"{name}.nlf").write_text(nlf, encoding="utf-8-sig")
    (target / f"{name}.nsh").write_text(note + nsh, encoding="utf-8-sig")


def generate(preset, version: str, payload: Path, out_dir: Path, icon: Path | None = None) -> Path:
    """Write installer.nsi (and derived language files) for one state; returns the script's path."""
    cc = preset.state.lower()
    app_id = f"cica-coordinator-{cc}"
    out_dir.mkdir(parents=True, exist_ok=True)
    out_dir, payload = out_dir.resolve(), payload.resolve()  # makensis resolves relative paths from the script
    languages = installer_languages(preset)
    lines = [
        f"; Installer of CICA Network Coordinator for {preset.state} (generated by packaging/build.py)",
        "Unicode true",
        "ManifestDPIAware true",
        "SetCompressor /SOLID lzma",
        f'!define APP_ID "{app_id}"',
        f'!define VERSION "{version}"',
        f'!define PAYLOAD "{payload}"',
        'Name "$(AppName)"',
        f'OutFile "{out_dir / f"{app_id}-{version}-setup.exe"}"',
        'InstallDir "$LOCALAPPDATA\\Programs\\${APP_ID}"',
        'InstallDirRegKey HKCU "Software\\${APP_ID}" "InstallDir"',
        "RequestExecutionLevel user",
        'VIProductVersion "' + ".".join((version.split(".") + ["0", "0", "0"])[:4]) + '"',
        'VIAddVersionKey /LANG=0 "ProductName" "CICA Network Coordinator"',
        'VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"',
        'VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"',
        'VIAddVersionKey /LANG=0 "FileDescription" "CICA Network Coordinator installer"',
        'VIAddVersionKey /LANG=0 "LegalCopyright" "CICA Partnership Network of Leading Universities"',
        "",
        '!include "MUI2.nsh"',
        "!define MUI_ABORTWARNING",
        '!define MUI_LANGDLL_REGISTRY_ROOT "HKCU"',
        '!define MUI_LANGDLL_REGISTRY_KEY "Software\\${APP_ID}"',
        '!define MUI_LANGDLL_REGISTRY_VALUENAME "InstallerLanguage"',
        "!define MUI_LANGDLL_ALLLANGUAGES",
    ]
    if icon is not None:
        lines += [f'!define MUI_ICON "{icon}"', f'!define MUI_UNICON "{icon}"']
    lines += [
        '!define MUI_WELCOMEPAGE_TITLE "$(WelcomeTitle)"',
        '!define MUI_WELCOMEPAGE_TEXT "$(WelcomeText)"',
        "!insertmacro MUI_PAGE_WELCOME",
        "!insertmacro MUI_PAGE_DIRECTORY",
        "!insertmacro MUI_PAGE_INSTFILES",
        '!define MUI_FINISHPAGE_RUN "$INSTDIR\\cica-coordinator.exe"',
        "!insertmacro MUI_PAGE_FINISH",
        "!insertmacro MUI_UNPAGE_CONFIRM",
        "!insertmacro MUI_UNPAGE_INSTFILES",
        "",
    ]
    for language in languages:  # the first one is the default
        if language.derived_from:
            write_derived_language(language, out_dir / "lang")
            lines.append(f'!insertmacro MUI_LANGUAGEEX "{out_dir / "lang"}" "{language.nsis_name}"')
        else:
            lines.append(f'!insertmacro MUI_LANGUAGE "{language.nsis_name}"')
    lines += ["!insertmacro MUI_RESERVEFILE_LANGDLL", ""]
    for language in languages:
        app_name = preset.app_name if language.code == preset.names_language else "CICA Network Coordinator"
        strings = strings_for(language.code, app_name)
        lang_id = "${LANG_" + language.nsis_name.upper() + "}"
        lines.append(f"LangString AppName {lang_id} {_nsis_quote(app_name)}")
        lines.append(f"LangString WelcomeTitle {lang_id} {_nsis_quote(strings['welcome_title'])}")
        lines.append(f"LangString WelcomeText {lang_id} {_nsis_quote(strings['welcome'])}")
        lines.append(f"LangString UninstallLink {lang_id} {_nsis_quote(strings['uninstall_link'])}")
        lines.append(f"LangString DataKept {lang_id} {_nsis_quote(strings['data_kept'])}")
    uninstall_key = "Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\${APP_ID}"
    lines += [
        "",
        "Function .onInit",
        "  !insertmacro MUI_LANGDLL_DISPLAY",
        "FunctionEnd",
        "",
        "Function un.onInit",
        "  !insertmacro MUI_UNGETLANGUAGE",
        "FunctionEnd",
        "",
        'Section "Install"',
        "  ; An upgrade replaces the program files whole; the user's records live elsewhere.",
        '  RMDir /r "$INSTDIR\\_internal"',
        '  SetOutPath "$INSTDIR"',
        '  File /r "${PAYLOAD}\\*"',
        '  WriteUninstaller "$INSTDIR\\uninstall.exe"',
        '  WriteRegStr HKCU "Software\\${APP_ID}" "InstallDir" "$INSTDIR"',
        '  CreateDirectory "$SMPROGRAMS\\$(AppName)"',
        '  CreateShortcut "$SMPROGRAMS\\$(AppName)\\$(AppName).lnk" "$INSTDIR\\cica-coordinator.exe"',
        '  CreateShortcut "$SMPROGRAMS\\$(AppName)\\$(UninstallLink).lnk" "$INSTDIR\\uninstall.exe"',
        '  CreateShortcut "$DESKTOP\\$(AppName).lnk" "$INSTDIR\\cica-coordinator.exe"',
        f'  WriteRegStr HKCU "{uninstall_key}" "DisplayName" "$(AppName)"',
        f'  WriteRegStr HKCU "{uninstall_key}" "DisplayVersion" "${{VERSION}}"',
        f'  WriteRegStr HKCU "{uninstall_key}" "Publisher" "CICA Partnership Network of Leading Universities"',
        f'  WriteRegStr HKCU "{uninstall_key}" "DisplayIcon" "$INSTDIR\\cica-coordinator.exe"',
        f'  WriteRegStr HKCU "{uninstall_key}" "UninstallString" "$\\"$INSTDIR\\uninstall.exe$\\""',
        f'  WriteRegDWORD HKCU "{uninstall_key}" "NoModify" 1',
        f'  WriteRegDWORD HKCU "{uninstall_key}" "NoRepair" 1',
        "SectionEnd",
        "",
        'Section "Uninstall"',
        "  ; Only the program folder; the records in the user's data folder stay for a reinstall.",
        '  Delete "$DESKTOP\\$(AppName).lnk"',
        '  RMDir /r "$SMPROGRAMS\\$(AppName)"',
        '  RMDir /r "$INSTDIR"',
        f'  DeleteRegKey HKCU "{uninstall_key}"',
        '  DeleteRegKey HKCU "Software\\${APP_ID}"',
        "SectionEnd",
        "",
        "Function un.onUninstSuccess",
        "  IfSilent +2",
        '  MessageBox MB_OK|MB_ICONINFORMATION "$(DataKept)"',
        "FunctionEnd",
        "",
    ]
    script = out_dir / "installer.nsi"
    script.write_text("\ufeff" + "\n".join(lines), encoding="utf-8")  # BOM: makensis reads it as UTF-8
    return script


def stub_payload(folder: Path) -> Path:
    """A stand-in for the Windows bundle, so the script can be compiled on Linux."""
    (folder / "_internal" / "resources").mkdir(parents=True, exist_ok=True)
    (folder / "cica-coordinator.exe").write_bytes(b"MZ stub: the real bundle is built on Windows\n")
    (folder / "_internal" / "resources" / "preset.json").write_text("{}\n", encoding="utf-8")
    return folder


def compile_script(script: Path) -> Path:
    makensis = shutil.which("makensis")
    if makensis is None:
        raise FileNotFoundError("makensis not found (apt-get install nsis)")
    result = subprocess.run([makensis, "-V2", "-INPUTCHARSET", "UTF8", str(script)], check=False,
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"makensis failed for {script}:\n{result.stdout}\n{result.stderr}")
    outfile = re.search(r'OutFile "([^"]+)"', script.read_text(encoding="utf-8-sig"))
    return Path(outfile.group(1)) if outfile else script.with_suffix(".exe")
