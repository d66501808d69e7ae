"""`about`: what this installation is — version, the member-state preset, where its files are found.

Support staff and the packaging smoke test ask an installed (frozen) copy what it would start with.
"""

from __future__ import annotations

import sys

from desktop_app.cli.common import add_json_flag, print_json
from desktop_app.i18n import _


def register(subparsers) -> None:
    parser = subparsers.add_parser("about", help=_("version, preset and bundled files of this installation"))
    add_json_flag(parser)
    parser.set_defaults(func=run)


def describe() -> dict:
    from desktop_app import APP_ID, __version__, paths
    from desktop_app.i18n import DOMAIN, available_languages
    from desktop_app.preset import bundled, preset_file
    from desktop_app.storage.schema import MIGRATIONS_DIR, head_revisions

    preset = bundled()
    compiled = sorted(
        path.parent.parent.name for path in paths.compiled_catalogs_dir().glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
    return {
        "name": APP_ID,
        "version": __version__,
        "frozen": bool(getattr(sys, "frozen", False)),
        "bundle": str(paths.bundle_root()),
        "preset": None if preset is None else {
            "file": str(preset_file()), "state": preset.state, "languages": list(preset.languages),
            "interface_language": preset.interface_language(), "calendar": preset.calendar,
            "app_name": preset.app_name, "skip_wizard": preset.skip_wizard,
        },
        "resources": (paths.resources_dir() / "icons" / "app.svg").is_file(),
        "languages": available_languages(),
        "compiled_catalogs": compiled,
        "migrations": str(MIGRATIONS_DIR),
        "schema_heads": sorted(head_revisions()),
        "user_data": str(paths.user_data_dir()),
    }


def run(args) -> int:
    info = describe()
    if args.json:
        print_json(info)
        return 0
    preset = info["preset"]
    print(f"{info['name']} {info['version']}")
    print(_("Member-state preset: {state}, interface language {lang}").format(
        state=preset["state"], lang=preset["interface_language"]) if preset else _("No member-state preset"))
    print(_("Languages: {languages}").format(languages=", ".join(info["languages"])))
    print(_("Database schema: {revisions}").format(revisions=", ".join(info["schema_heads"])))
    print(_("Your data: {path}").format(path=info["user_data"]))
    return 0
