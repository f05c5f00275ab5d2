"""The kiosk's words in HSDS: the papers it has pictures for, its needs and levels, and how a
foreign service's words file it under them."""

from __future__ import annotations

import re

from kiosk.data.models import ProgramLevel, ProgramNeed
from kiosk.text import fold_lower

# The papers the kiosk has pictures for, as written in exports (Mexican Spanish), and other ways
# of writing them that are read back as the same paper.
DOCUMENT_NAMES: dict[str, str] = {
    "ine": "INE (credencial para votar)",
    "curp": "CURP",
    "comprobante_domicilio": "Comprobante de domicilio",
    "acta_nacimiento": "Acta de nacimiento",
    "fotografia": "Fotografía",
    "rfc": "RFC",
    "solicitud_empleo": "Solicitud de empleo",
}
_DOCUMENT_ALIASES: dict[str, tuple[str, ...]] = {
    "ine": ("ine", "credencial para votar", "credencial de elector", "identificacion oficial"),
    "curp": ("curp",),
    "comprobante_domicilio": ("comprobante de domicilio", "proof of address"),
    "acta_nacimiento": ("acta de nacimiento", "birth certificate"),
    "fotografia": ("fotografia", "foto", "photograph", "photo"),
    "rfc": ("rfc",),
    "solicitud_empleo": ("solicitud de empleo",),
}
# Words inside a longer text that name one of those papers (for its pictures on screen).
_DOCUMENT_MENTIONS: dict[str, tuple[str, ...]] = {
    "ine": ("ine", "credencial", "identificacion", "identification", "identity card", "passport"),
    "curp": ("curp",),
    "comprobante_domicilio": ("domicilio", "evidence of address", "proof of address"),
    "acta_nacimiento": ("acta de nacimiento", "birth certificate"),
    "fotografia": ("fotografia", "photograph"),
    "rfc": ("rfc",),
}

NEED_NAMES: dict[ProgramNeed, str] = {
    ProgramNeed.BUSINESS_MONEY: "Dinero para mi negocio",
    ProgramNeed.SAVINGS_CREDIT: "Ahorro y crédito",
    ProgramNeed.TRAINING: "Capacitación",
    ProgramNeed.LEGAL: "Apoyo legal",
    ProgramNeed.HEALTH: "Salud",
    ProgramNeed.CHILDCARE: "Guardería y niños",
    ProgramNeed.HOUSING: "Vivienda",
    ProgramNeed.FOOD: "Alimentos",
}
LEVEL_NAMES: dict[ProgramLevel, str] = {
    ProgramLevel.FEDERAL: "Gobierno federal",
    ProgramLevel.STATE: "Gobierno del estado",
    ProgramLevel.MUNICIPAL: "Municipio",
    ProgramLevel.CIVIL: "Organización de la sociedad civil",
}
# Words that file a foreign service under a need: the one with most matches wins.
_NEED_WORDS: dict[ProgramNeed, tuple[str, ...]] = {
    ProgramNeed.BUSINESS_MONEY: ("negocio", "emprend", "productiv", "business", "entrepreneur"),
    ProgramNeed.SAVINGS_CREDIT: ("ahorro", "credito", "prestamo", "saving", "credit", "loan"),
    ProgramNeed.TRAINING: ("capacita", "curso", "taller", "beca", "estudi", "training", "course"),
    ProgramNeed.LEGAL: ("legal", "juridic", "abogad", "derecho", "lawyer", "law "),
    ProgramNeed.HEALTH: (
        "salud",
        "medic",
        "clinic",
        "terapia",
        "psicolog",
        "counsel",
        "mental",
        "health",
    ),
    ProgramNeed.CHILDCARE: ("guarder", "nino", "nina", "infantil", "child", "daycare"),
    ProgramNeed.HOUSING: ("vivienda", "terreno", "techo", "housing", "shelter"),
    ProgramNeed.FOOD: ("aliment", "despensa", "comedor", "desayuno", "comida", "food", "meal"),
}
FALLBACK_NEED = ProgramNeed.TRAINING
_LEVEL_WORDS: tuple[tuple[ProgramLevel, tuple[str, ...]], ...] = (
    (ProgramLevel.MUNICIPAL, ("municip", "ayuntamiento", "presidencia municipal")),
    (ProgramLevel.STATE, ("del estado", "estatal", "chihuahuense", "state of")),
    (
        ProgramLevel.FEDERAL,
        ("nacional", "federal", "secretaria de", "imss", "issste", "gobierno de mexico"),
    ),
)


def _fold(text: str) -> str:
    """Lower case without accents, single spaces: for matching words."""
    return " ".join(fold_lower(text).split())


def document_code(text: str) -> str | None:
    """The kiosk's code for a paper written as one of its names ("CURP", "Acta de
    nacimiento", "ine"...), or None for any other text."""
    folded = _fold(text).strip(" .")
    if folded in _DOCUMENT_ALIASES:
        return folded
    for code, name in _FOLDED_NAMES.items():
        if folded == name or folded in _DOCUMENT_ALIASES[code]:
            return code
    return None


_FOLDED_NAMES = {code: _fold(name) for code, name in DOCUMENT_NAMES.items()}


def codes_mentioned(text: str) -> list[str]:
    """The papers a longer text speaks of, in the kiosk's order (for their pictures)."""
    folded = f" {re.sub(r'[^a-z0-9 ]', ' ', _fold(text))} "
    folded = " ".join(folded.split())
    found = []
    for code, words in _DOCUMENT_MENTIONS.items():
        if any(f" {word} " in f" {folded} " for word in words):
            found.append(code)
    return found


def document_name(code: str) -> str:
    """How a stored paper is written in an export: its Spanish name, or the text as stored."""
    return DOCUMENT_NAMES.get(code, code)


def guess_need(*texts: str) -> ProgramNeed | None:
    folded = " ".join(_fold(t) for t in texts if t) + " "
    scores = {need: sum(folded.count(w) for w in words) for need, words in _NEED_WORDS.items()}
    best = max(scores, key=lambda need: scores[need])
    return best if scores[best] else None


def guess_level(*texts: str) -> ProgramLevel:
    folded = " ".join(_fold(t) for t in texts if t)
    for level, words in _LEVEL_WORDS:
        if any(word in folded for word in words):
            return level
    return ProgramLevel.CIVIL
