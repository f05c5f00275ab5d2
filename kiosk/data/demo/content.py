"""The hand-written example content: its record types, the tables of the content files
(``jobs.toml``, ``trades.toml``, ``programs.toml``, ``trainings.toml``) and the small ones kept
here (members, staff, children, sign-ups, referrals, word lists)."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, NamedTuple, TypeVar
from zoneinfo import ZoneInfo

from kiosk.data.models import ReferralStatus, StaffRole
from kiosk.words import DOCUMENT_WORDS

_T = TypeVar("_T")
# The content files, written by hand like the tables below; they ship beside this module.
CONTENT = Path(__file__).resolve().parent

LOCAL_TZ = ZoneInfo("America/Chihuahua")
SEED = 8_03_1857  # 8 March, International Women's Day
SCALE_SEED = SEED + 1
CHUNK = 5_000
SERVICES_PER_ORGANIZATION = 50

# The papers the kiosk has pictures for, in its order.
DOCUMENTS = tuple(DOCUMENT_WORDS)
LOCALITIES = ("Santa Eulalia", "Francisco Portillo", "San Guillermo", "Chihuahua", "Aldama")
STREETS = (
    "Calle Hidalgo",
    "Calle Morelos",
    "Av. Juárez",
    "Calle Allende",
    "Calle Zaragoza",
    "Av. Independencia",
    "Calle Aldama",
    "Calle Victoria",
    "Calle Libertad",
    "Av. Revolución",
)

# --- hand-written content ---------------------------------------------------------------------
# Choices are written as the enums' stored values ("cocina", "day", ...) to keep the tables short.


class JobExample(NamedTuple):
    title: str
    category: str  # JobCategory
    employer: str
    locality: str
    pay: int  # pesos
    unit: str  # PayUnit
    kind: str  # EmploymentType
    schedule: str
    flags: str  # E: fits school hours (Escuela), S: no experience (Sin experiencia), Y: starts now
    bring: str  # document codes separated by spaces
    description: str
    state: str = ""  # "", "vencida" (expired), "llena" (no openings left), "cerrada" (closed)


class TradeExample(NamedTuple):
    title: str
    category: str  # TradeCategory
    price: str  # pesos
    unit: str  # PriceUnit
    description: str
    state: str = "published"  # ListingStatus


class OrgExample(NamedTuple):
    key: str
    name: str
    description: str
    address: str
    locality: str
    directions: str
    schedule: str


class ServiceExample(NamedTuple):
    org: str  # OrgExample.key
    name: str
    level: str  # ProgramLevel
    need: str  # ProgramNeed
    benefit: str
    eligibility: str
    documents: str  # document codes separated by spaces
    fees: str = "Gratuito"
    ages: tuple[int | None, int | None] = (None, None)
    stale: bool = False  # confirmed long ago, so the kiosk can show "información por confirmar"
    active: bool = True


class ChildExample(NamedTuple):
    guardian: int  # index into MEMBERS
    name: str
    age: int
    medical_note: str = ""
    pickups: tuple[tuple[str, str, bool], ...] = ()  # (name, relation, allowed)


class TrainingExample(NamedTuple):
    title: str
    topic: str
    duration: str
    description: str
    sessions: tuple[tuple[int, int, int, str, int], ...]  # days ahead, hour, hours, place, seats


def _examples(file: str, kind: str, make: Callable[..., _T]) -> tuple[_T, ...]:
    """The entries of one kind in a content file beside this module (``jobs.toml``...)."""
    content = tomllib.loads((CONTENT / file).read_text(encoding="utf-8"))
    return tuple(make(**entry) for entry in content[kind])


def _service(
    minimum_age: int | None = None, maximum_age: int | None = None, **entry: Any
) -> ServiceExample:
    return ServiceExample(**entry, ages=(minimum_age, maximum_age))


def _training(sessions: list[list[Any]], **entry: Any) -> TrainingExample:
    days = tuple(
        (ahead, hour, hours, place, seats) for ahead, hour, hours, place, seats in sessions
    )
    return TrainingExample(**entry, sessions=days)


JOBS = _examples("jobs.toml", "job", JobExample)
TRADES = _examples("trades.toml", "trade", TradeExample)
ORGANIZATIONS = _examples("programs.toml", "organization", OrgExample)
SERVICES = _examples("programs.toml", "service", _service)
TRAININGS = _examples("trainings.toml", "training", _training)

# Example postal codes of the localities the example programs are in.
POSTAL_CODES = {"Chihuahua": "31000", "Santa Eulalia": "32900", "Francisco Portillo": "32910"}
_HOURS = re.compile(r"(\d{1,2}):(\d{2}) a (\d{1,2}):(\d{2})")


def opening_hours(schedule: str) -> tuple[time | None, time | None]:
    """The opening and closing times written in a schedule ("Lunes a viernes 9:00 a 15:00")."""
    found = _HOURS.search(schedule)
    if found is None:
        return None, None
    a, b, c, d = (int(part) for part in found.groups())
    return time(a, b), time(c, d)


HOW_TO_APPLY = (
    "Preséntate con tus documentos de lunes a viernes de 9:00 a 13:00 y pregunta por la encargada.",
    "Llama al teléfono de contacto para pedir una cita.",
    "Pide en el centro que te impriman la hoja de la vacante y llévala con tus documentos.",
)

APPLICATION_STEPS = (
    "Ejemplo: acude a la oficina con tus documentos en original y copia; te dan una ficha.",
    "Ejemplo: pide en el CENESO tu hoja de canalización y llévala a la oficina.",
    "Ejemplo: llama para pedir una cita y lleva tus documentos ese día.",
)

# fmt: off
MEMBERS: tuple[tuple[str, str], ...] = (  # (name, locality)
    ("María Guadalupe Hernández Rivas", "Santa Eulalia"),
    ("Rosa Isela Chávez Domínguez", "Francisco Portillo"),
    ("Ana Karen Holguín Meza", "San Guillermo"),
    ("Juana Olivas Terrazas", "Santa Eulalia"),
    ("Claudia Ivonne Márquez Baeza", "Chihuahua"),
    ("Leticia Muñoz Carrasco", "Aldama"),
    ("Martha Elena Ruiz Prieto", "Francisco Portillo"),
    ("Sandra Luz Rascón Villa", "Santa Eulalia"),
    ("Verónica Armendáriz Loya", "San Guillermo"),
    ("Yesenia Ochoa Portillo", "Francisco Portillo"),
    ("Beatriz Adriana Licón Chacón", "Chihuahua"),
    ("Norma Alicia Quintana Rico", "Santa Eulalia"),
    ("Diana Laura Payán Ornelas", "Aldama"),
    ("Gabriela Estrada Ponce", "San Guillermo"),
    ("Silvia Jáquez Solís", "Santa Eulalia"),
    ("Alejandra Zubía Tarango", "Francisco Portillo"),
)

STAFF: tuple[tuple[str, StaffRole], ...] = (
    ("Rosa Elena Terrazas", StaffRole.STAFF),
    ("Lucía Maldonado Ortiz", StaffRole.STAFF),
    ("Irma Villalobos Fierro", StaffRole.VOLUNTEER),
)

CHILDREN: tuple[ChildExample, ...] = (
    ChildExample(0, "Sofía Ramírez Hernández", 4, "Alergia al cacahuate",
           (("Carmen Rivas Molina", "abuela", True), ("Jorge Ramírez Soto", "padre", False))),
    ChildExample(0, "Mateo Ramírez Hernández", 7, "", (("Carmen Rivas Molina", "abuela", True),)),
    ChildExample(1, "Valentina Gómez Chávez", 2, "", (("Perla Chávez Domínguez", "tía", True),)),
    ChildExample(2, "Santiago Flores Holguín", 9, "", (("Efraín Flores Rey", "padre", True),)),
    ChildExample(3, "Regina Acosta Olivas", 5, "", (("Dolores Terrazas Gil", "abuela", True),)),
    ChildExample(3, "Emiliano Acosta Olivas", 1),
    ChildExample(6, "Ximena Orozco Ruiz", 8, "Usa lentes; que no corra con ellos puestos.",
           (("Marisol Ruiz Prieto", "tía", True),)),
)

# (training, session, member indexes): the first Panadería session is left nearly full.
ENROLLMENTS: tuple[tuple[int, int, tuple[int, ...]], ...] = (
    (0, 0, (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)),
    (3, 0, (11, 12)),
    (6, 0, (13,)),
    (2, 0, (14, 15, 1)),
)

# (member, service name, status, follow-up in days from today (negative: overdue), reason)
REFERRALS: tuple[tuple[int, str, ReferralStatus, int, str], ...] = (
    (0, "Acompañamiento legal en pensión alimenticia", ReferralStatus.PENDING, 7,
     "Ejemplo: pidió orientación sobre pensión alimenticia."),
    (4, "Crédito para mujeres con negocio", ReferralStatus.NOT_UPDATED, 14,
     "Ejemplo: quiere crédito para su puesto de comida."),
    (6, "Despensas para familias", ReferralStatus.NEEDS_ACTION, -2,
     "Ejemplo: le falta el comprobante de domicilio."),
)

# The pickup pictures (kiosk.words.PICKUP_WORDS), drawn for the example codes.
PICKUP_PICTURES = ("tortuga", "gato", "perro", "pez", "pajaro", "mariposa", "sol", "estrella",
                   "flor", "manzana", "arbol", "luna")

# Word lists for the scaled generator.
EMPLOYER_KINDS = ("Restaurante", "Taller", "Tienda", "Fábrica", "Rancho", "Despacho", "Estética",
                  "Lavandería", "Abarrotes", "Vivero")
ORG_KINDS = ("Fundación", "Asociación Civil", "Cooperativa", "Centro Comunitario", "Colectivo",
             "Red de Mujeres")
PLACE_NAMES = ("Los Álamos", "El Mezquite", "La Esperanza", "San José", "Santa Rita",
               "Las Palmas", "El Sauz", "La Noria", "Del Valle", "Las Compañeras", "El Nogal",
               "La Sierrita")
TRADE_REJECT_REASON = "Ejemplo: revisa el precio y cómo lo vendes."
TRADE_TOUCHES = ("por encargo", "de temporada", "a domicilio", "entrega en el CENESO",
                 "pedidos por teléfono", "hecho en casa")
# fmt: on


def local_time(day: date, hour: int, minute: int = 0) -> datetime:
    """A wall-clock time at the centre; the model stores it as UTC."""
    return datetime.combine(day, time(hour, minute), tzinfo=LOCAL_TZ)
