"""The network's own short names of states, where its usage differs from CLDR's.

CLDR names territories for general software ("Palestinian Territories", «Киргизия», "South Korea");
the CICA Partnership Network names its member states as CICA itself and the states concerned do. Only
the differences are listed; every other name comes from CLDR (Babel) in the reader's language.

Sources of each choice:

- **PS** — CICA lists "Palestine" among its member states (CICA website, member states page, English
  and Russian versions: «Палестина»); the State of Palestine signs CICA documents under that name.
  Kazakh «Палестина» (Kazakhstan's Ministry of Foreign Affairs), Persian «فلسطین» (Iran's Ministry of
  Foreign Affairs), Chinese «巴勒斯坦» (China's Ministry of Foreign Affairs country list).
- **KG** — «Кыргызстан»: the Constitution of the Kyrgyz Republic (art. 1) makes "Kyrgyz Republic" and
  «Кыргызстан» equivalent names; CICA's Russian pages and the CIS documents use «Кыргызстан».
- **KR** — "Republic of Korea": CICA's member list and UN terminology (UNTERM). Kazakh «Корея
  Республикасы» (Kazakhstan's MFA), Persian «جمهوری کره» (the state's official name, as in the
  English and Kazakh entries and in diplomatic documents; everyday Persian and CLDR say «کرهٔ جنوبی»).
  Russian CLDR already says «Республика Корея».
- **VN** — "Viet Nam": the state's own English name, used by CICA and by UN terminology.
- **AE** — Russian «Объединённые Арабские Эмираты»: CLDR's short form «ОАЭ» is an abbreviation that a
  ministry's document spells out (CICA's Russian member list does).
"""

from __future__ import annotations

#: {ISO 3166 code: {language: name}} — the network's usage where it differs from CLDR.
NETWORK_NAMES: dict[str, dict[str, str]] = {
    "PS": {"en": "Palestine", "ru": "Палестина", "kk": "Палестина", "fa": "فلسطین", "zh": "巴勒斯坦"},
    "KG": {"ru": "Кыргызстан"},
    "KR": {"en": "Republic of Korea", "kk": "Корея Республикасы", "fa": "جمهوری کره"},
    "VN": {"en": "Viet Nam"},
    "AE": {"ru": "Объединённые Арабские Эмираты"},
}


def network_name(code: str, lang: str) -> str | None:
    """The network's own name of ``code`` in ``lang`` (a language code such as "ru" or "ru_KZ"), if it has one."""
    names = NETWORK_NAMES.get(code)
    if not names:
        return None
    return names.get(lang) or names.get(lang.replace("-", "_").split("_")[0].lower())
