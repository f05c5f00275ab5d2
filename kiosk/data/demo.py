"""Example data in Spanish for trying the kiosk, and a scaled generator for benchmarks.

Everything here is invented and flagged ``is_example``: names, employers, phone numbers
(614 555 xxxx) and prices. Government institutions are named so the pages look familiar, but
every description starts with "Ejemplo:" and says nothing a member could take as a verified fact.

The data is deterministic (seeded ``random.Random``, PIN salts included) and every date is counted
from ``today``, so the demo always looks current and two loads for the same day are identical. It
is written in one transaction: a load that is interrupted leaves the database as it was.
"""

from __future__ import annotations

import math
import random
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.data.models import (
    Child,
    ChildcareVisit,
    EmploymentType,
    Enrollment,
    EnrollmentStatus,
    JobCategory,
    JobPosting,
    ListingStatus,
    Member,
    Organization,
    PayUnit,
    PickupCode,
    PickupPerson,
    PostingStatus,
    PriceUnit,
    ProgramLevel,
    ProgramNeed,
    Referral,
    ReferralStatus,
    Service,
    ServiceStatus,
    StaffRole,
    StaffShift,
    StaffUser,
    Station,
    TradeCategory,
    TradeListing,
    Training,
    TrainingSession,
)
from kiosk.i18n import _, centre_today
from kiosk.security import hash_pin

LOCAL_TZ = ZoneInfo("America/Chihuahua")
SEED = 8_03_1857  # 8 March, International Women's Day
SCALE_SEED = SEED + 1
CHUNK = 5_000
SERVICES_PER_ORGANIZATION = 50

DOCUMENTS = (
    "ine",
    "curp",
    "comprobante_domicilio",
    "acta_nacimiento",
    "fotografia",
    "rfc",
    "solicitud_empleo",
)
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


@dataclass(frozen=True)
class DemoSummary:
    counts: dict[str, int]
    """Table name -> rows added."""
    staff_pins: dict[str, str]
    """Staff or volunteer name -> PIN, for the command to print once."""


class DemoError(Exception):
    """The example data cannot be loaded; the message is one plain sentence."""


# --- hand-written content ---------------------------------------------------------------------
# Choices are written as the enums' stored values ("cocina", "day", ...) to keep the tables short.


class _Job(NamedTuple):
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


class _Trade(NamedTuple):
    title: str
    category: str  # TradeCategory
    price: str  # pesos
    unit: str  # PriceUnit
    description: str
    state: str = "published"  # ListingStatus


class _Org(NamedTuple):
    key: str
    name: str
    description: str
    address: str
    locality: str
    directions: str
    schedule: str


class _Service(NamedTuple):
    org: str  # _Org.key
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


class _Child(NamedTuple):
    guardian: int  # index into MEMBERS
    name: str
    age: int
    medical_note: str = ""
    pickups: tuple[tuple[str, str, bool], ...] = ()  # (name, relation, allowed)


class _Training(NamedTuple):
    title: str
    topic: str
    duration: str
    description: str
    sessions: tuple[tuple[int, int, int, str, int], ...]  # days ahead, hour, hours, place, seats


# fmt: off

JOBS: tuple[_Job, ...] = (
    _Job("Ayudante de cocina", "cocina", "Lonchería La Güera (ejemplo)", "Santa Eulalia", 350,
         "day", "per_day", "Lunes a sábado 7:00 a 15:00", "SY", "ine curp",
         "Ejemplo: picar verdura, lavar trastes y ayudar a preparar almuerzos."),
    _Job("Cocinera para comedor de empresa", "cocina", "Comedor Industrial El Sabino (ejemplo)",
         "Chihuahua", 2400, "week", "full_time", "Lunes a viernes 6:00 a 14:00", "",
         "ine curp comprobante_domicilio acta_nacimiento",
         "Ejemplo: cocinar para 80 personas; se pide experiencia en cocina grande."),
    _Job("Tortillera", "cocina", "Tortillería San Guillermo (ejemplo)", "San Guillermo", 320, "day",
         "per_day", "Lunes a sábado 6:00 a 12:00", "SY", "ine",
         "Ejemplo: atender la máquina de tortillas y despachar por kilo."),
    _Job("Mesera de fin de semana", "cocina", "Restaurante El Mezquite (ejemplo)", "Aldama", 300,
         "day", "part_time", "Sábado y domingo 10:00 a 18:00", "S", "ine curp",
         "Ejemplo: atender mesas y cobrar; además se quedan las propinas.", state="vencida"),
    _Job("Lavaloza", "cocina", "Restaurante Los Nogales (ejemplo)", "Chihuahua", 2100, "week",
         "full_time", "Martes a domingo 12:00 a 20:00", "SY", "ine curp solicitud_empleo",
         "Ejemplo: lavar loza y ollas, mantener limpia la cocina."),
    _Job("Cocinera de almuerzos escolares", "cocina", "Cooperativa escolar (ejemplo)",
         "Francisco Portillo", 60, "hour", "part_time", "Lunes a viernes 8:00 a 12:00", "ES",
         "ine curp comprobante_domicilio",
         "Ejemplo: preparar burritos y fruta para el recreo de una primaria."),
    _Job("Limpieza de oficinas", "limpieza", "Servicios de Limpieza Brillo (ejemplo)", "Chihuahua",
         2200, "week", "full_time", "Lunes a viernes 7:00 a 15:00", "S",
         "ine curp comprobante_domicilio fotografia",
         "Ejemplo: barrer, trapear y sacar la basura en oficinas; se da uniforme."),
    _Job("Limpieza de casa por día", "limpieza", "Familia particular (ejemplo)", "Santa Eulalia",
         400, "day", "per_day", "Martes y viernes 9:00 a 14:00", "ESY", "ine",
         "Ejemplo: limpieza general de una casa dos días por semana."),
    _Job("Camarista de hotel", "limpieza", "Hotel Posada del Desierto (ejemplo)", "Chihuahua", 8500,
         "month", "full_time", "Turnos de 8 horas, un día de descanso", "S",
         "ine curp rfc comprobante_domicilio solicitud_empleo",
         "Ejemplo: arreglar habitaciones y cambiar blancos; con prestaciones de ley."),
    _Job("Intendente de escuela", "limpieza", "Colegio Las Lomas (ejemplo)", "Francisco Portillo",
         2000, "week", "part_time", "Lunes a viernes 13:00 a 19:00", "S",
         "ine curp acta_nacimiento", "Ejemplo: limpieza de salones y patio por las tardes.",
         state="llena"),
    _Job("Planchado y lavandería", "limpieza", "Lavandería La Burbuja (ejemplo)", "San Guillermo",
         55, "hour", "part_time", "Lunes a viernes 8:30 a 12:30", "ESY", "ine",
         "Ejemplo: lavar, planchar y doblar ropa de clientes."),
    _Job("Costurera de máquina recta", "costura", "Taller de Costura Hilos del Norte (ejemplo)",
         "Santa Eulalia", 2300, "week", "full_time", "Lunes a viernes 7:30 a 16:30", "Y",
         "ine curp comprobante_domicilio",
         "Ejemplo: coser pantalones y camisas en máquina recta; se pide experiencia."),
    _Job("Operadora de máquina overlock", "costura", "Confecciones Aldama (ejemplo)", "Aldama",
         2500, "week", "full_time", "Lunes a viernes 7:00 a 16:00", "",
         "ine curp rfc comprobante_domicilio",
         "Ejemplo: trabajo en línea de producción de ropa deportiva."),
    _Job("Bordadora a mano, trabajo en casa", "costura", "Artesanías del Desierto (ejemplo)",
         "Francisco Portillo", 1500, "week", "other", "Desde tu casa, horario libre", "ES", "ine",
         "Ejemplo: bordar servilletas y blusas; el pago depende de las piezas."),
    _Job("Ayudante de taller de costura", "costura", "Uniformes La Estrella (ejemplo)", "Chihuahua",
         330, "day", "temporary", "Lunes a sábado 8:00 a 15:00", "SY", "ine curp",
         "Ejemplo: temporada de uniformes; cortar hilos, doblar y empacar."),
    _Job("Arreglos de ropa en tintorería", "costura", "Tintorería Portillo (ejemplo)",
         "Francisco Portillo", 60, "hour", "part_time", "Lunes a viernes 9:00 a 13:00", "E",
         "ine comprobante_domicilio", "Ejemplo: subir bastillas, cambiar cierres y botones."),
    _Job("Vendedora de mostrador", "ventas", "Abarrotes Doña Lupita (ejemplo)", "Santa Eulalia",
         300, "day", "part_time", "Lunes a sábado 8:00 a 14:00", "SY", "ine",
         "Ejemplo: despachar, cobrar y acomodar mercancía."),
    _Job("Cajera de tienda", "ventas", "Minisúper La Pasadita (ejemplo)", "Chihuahua", 8000,
         "month", "full_time", "Turnos de 8 horas que cambian cada semana", "S",
         "ine curp rfc comprobante_domicilio solicitud_empleo fotografia",
         "Ejemplo: cobrar en caja y hacer corte al final del turno."),
    _Job("Vendedora por catálogo", "ventas", "Distribuidora Bella Casa (ejemplo)", "San Guillermo",
         1200, "week", "other", "Horario libre", "ESY", "ine comprobante_domicilio",
         "Ejemplo: venta de artículos para el hogar con comisión; el pago es aproximado."),
    _Job("Vendedora de tianguis", "ventas", "Puesto de ropa Los Pinos (ejemplo)", "Aldama", 350,
         "day", "per_day", "Domingos 7:00 a 15:00", "SY", "ine",
         "Ejemplo: montar el puesto, acomodar ropa y cobrar."),
    _Job("Promotora en supermercado", "ventas", "Promociones del Norte (ejemplo)", "Chihuahua",
         2600, "week", "temporary", "Viernes a domingo 10:00 a 19:00", "S",
         "ine curp fotografia solicitud_empleo",
         "Ejemplo: dar a probar productos y explicar las ofertas.", state="vencida"),
    _Job("Dependienta de papelería", "ventas", "Papelería El Lápiz (ejemplo)", "Francisco Portillo",
         330, "day", "part_time", "Lunes a viernes 8:00 a 13:00", "ES", "ine curp",
         "Ejemplo: sacar copias, engargolar y vender útiles."),
    _Job("Cuidadora de señora adulta mayor", "cuidado", "Familia particular (ejemplo)",
         "Santa Eulalia", 2100, "week", "full_time", "Lunes a viernes 8:00 a 16:00", "Y",
         "ine curp comprobante_domicilio",
         "Ejemplo: acompañar, dar medicinas a su hora y preparar comida sencilla."),
    _Job("Niñera por las tardes", "cuidado", "Familia particular (ejemplo)", "Chihuahua", 70,
         "hour", "part_time", "Lunes a viernes 15:00 a 19:00", "", "ine curp comprobante_domicilio",
         "Ejemplo: recoger a dos niños de la escuela y ayudar con la tarea."),
    _Job("Auxiliar de estancia infantil", "cuidado", "Estancia Infantil Pasitos (ejemplo)",
         "Francisco Portillo", 7800, "month", "full_time", "Lunes a viernes 7:00 a 15:00", "",
         "ine curp acta_nacimiento comprobante_domicilio fotografia",
         "Ejemplo: cuidar niñas y niños de 1 a 4 años junto con una maestra.", state="cerrada"),
    _Job("Acompañante de paciente por la noche", "cuidado", "Familia particular (ejemplo)",
         "Chihuahua", 450, "day", "per_day", "Noches de 20:00 a 8:00", "S", "ine",
         "Ejemplo: acompañar a un señor en el hospital y avisar a la enfermera."),
    _Job("Cuidadora en casa de retiro", "cuidado", "Casa de Descanso San José (ejemplo)", "Aldama",
         9000, "month", "full_time", "Turnos de 12 horas, 4 días por semana", "",
         "ine curp rfc comprobante_domicilio solicitud_empleo",
         "Ejemplo: apoyar a personas mayores a comer, bañarse y caminar."),
    _Job("Operadora de producción", "fabrica", "Maquiladora Ensambles del Norte (ejemplo)",
         "Chihuahua", 2450, "week", "full_time", "Lunes a viernes 6:00 a 15:30, con transporte",
         "SY", "ine curp rfc comprobante_domicilio acta_nacimiento solicitud_empleo",
         "Ejemplo: ensamblar piezas en línea; capacitación pagada la primera semana."),
    _Job("Empacadora de nuez", "fabrica", "Empacadora Santa Eulalia (ejemplo)", "Santa Eulalia",
         380, "day", "temporary", "Lunes a sábado 7:00 a 15:00", "SY", "ine curp",
         "Ejemplo: seleccionar y empacar nuez en bolsas de un kilo."),
    _Job("Inspectora de calidad", "fabrica", "Arneses y Cables Chihuahua (ejemplo)", "Chihuahua",
         10500, "month", "full_time", "Lunes a viernes 7:00 a 17:00", "",
         "ine curp rfc comprobante_domicilio solicitud_empleo",
         "Ejemplo: revisar piezas terminadas y anotar fallas; se pide secundaria."),
    _Job("Operadora de ensamble, turno de mañana", "fabrica", "Componentes Aldama (ejemplo)",
         "Aldama", 2300, "week", "full_time", "Lunes a viernes 7:00 a 13:00", "S",
         "ine curp comprobante_domicilio",
         "Ejemplo: armar conectores pequeños sentada; se da capacitación."),
    _Job("Ayudante de almacén", "fabrica", "Bodega de Materiales Portillo (ejemplo)",
         "Francisco Portillo", 2100, "week", "full_time", "Lunes a sábado 8:00 a 16:00", "S",
         "ine curp", "Ejemplo: contar, acomodar y entregar material."),
    _Job("Cosecha de nuez, temporada", "campo", "Huerta Los Nogales (ejemplo)", "Aldama", 400,
         "day", "temporary", "Lunes a sábado 7:00 a 14:00", "SY", "ine curp",
         "Ejemplo: recoger nuez del suelo después de la sacudida."),
    _Job("Empaque de chile", "campo", "Rancho El Saucito (ejemplo)", "Aldama", 370, "day",
         "temporary", "Lunes a sábado 7:00 a 15:00", "SY", "ine",
         "Ejemplo: seleccionar chile verde y llenar costales.", state="vencida"),
    _Job("Trabajadora de vivero", "campo", "Vivero Las Palmas (ejemplo)", "San Guillermo", 2000,
         "week", "full_time", "Lunes a viernes 8:00 a 13:00", "ES", "ine curp",
         "Ejemplo: regar, trasplantar y atender clientes del vivero."),
    _Job("Ayudante en huerto de hortalizas", "campo", "Huerto Comunitario (ejemplo)",
         "Santa Eulalia", 300, "day", "per_day", "Martes y jueves 8:00 a 12:00", "ESY", "ine",
         "Ejemplo: sembrar, deshierbar y cosechar verdura."),
    _Job("Cuidado de gallinas y venta de huevo", "campo", "Granja La Esperanza (ejemplo)",
         "Francisco Portillo", 1800, "week", "part_time", "Lunes a sábado 7:00 a 11:00", "ES",
         "ine", "Ejemplo: dar de comer a las gallinas, juntar y empacar huevo."),
    _Job("Recepcionista", "oficina", "Consultorio Dental Sonrisa (ejemplo)", "Chihuahua", 8200,
         "month", "full_time", "Lunes a viernes 9:00 a 17:00", "",
         "ine curp rfc comprobante_domicilio solicitud_empleo fotografia",
         "Ejemplo: contestar teléfono, dar citas y cobrar consultas."),
    _Job("Auxiliar administrativa", "oficina", "Despacho Contable Terrazas (ejemplo)", "Chihuahua",
         9500, "month", "full_time", "Lunes a viernes 8:30 a 16:30", "",
         "ine curp rfc acta_nacimiento comprobante_domicilio solicitud_empleo",
         "Ejemplo: archivar, capturar facturas y atender clientes; se pide computación básica."),
    _Job("Capturista de datos", "oficina", "Caja de Ahorro La Unión (ejemplo)", "Santa Eulalia", 65,
         "hour", "part_time", "Lunes a viernes 8:30 a 12:30", "E", "ine curp rfc",
         "Ejemplo: pasar datos de formatos en papel a la computadora."),
    _Job("Auxiliar de archivo", "oficina", "Notaría de ejemplo", "Aldama", 2000, "week",
         "temporary", "Lunes a viernes 9:00 a 14:00", "ES", "ine curp",
         "Ejemplo: ordenar expedientes por fecha y nombre durante dos meses."),
    _Job("Estilista", "otros", "Estética Bella (ejemplo)", "Francisco Portillo", 1900, "week",
         "full_time", "Martes a sábado 10:00 a 18:00", "", "ine",
         "Ejemplo: cortes, tintes y peinados; se pide experiencia."),
    _Job("Ayudante en lavado de autos", "otros", "Autolavado El Chorrito (ejemplo)", "Chihuahua",
         320, "day", "per_day", "Viernes a domingo 9:00 a 17:00", "SY", "ine",
         "Ejemplo: lavar y aspirar autos; más propinas."),
    _Job("Repartidora de volantes", "otros", "Publicidad Aquiles (ejemplo)", "Santa Eulalia", 300,
         "day", "per_day", "Sábados 9:00 a 13:00", "SY", "ine",
         "Ejemplo: repartir volantes casa por casa en la colonia."),
    _Job("Encargada de estacionamiento", "otros", "Plaza Comercial Portillo (ejemplo)",
         "Francisco Portillo", 58, "hour", "part_time", "Lunes a viernes 8:00 a 13:00", "ES",
         "ine curp comprobante_domicilio",
         "Ejemplo: cobrar la entrada al estacionamiento y vigilar los lugares."),
)

TRADES: tuple[_Trade, ...] = (
    _Trade("Tortillas de harina", "comida", "35", "docena", "Ejemplo: hechas a mano cada mañana."),
    _Trade("Tamales de puerco en chile rojo", "comida", "180", "docena",
           "Ejemplo: por encargo, con un día de anticipación."),
    _Trade("Tamales de rajas con queso", "comida", "170", "docena", "Ejemplo: también de dulce."),
    _Trade("Burritos de guisado", "comida", "25", "pieza",
           "Ejemplo: deshebrada, chile colorado y frijoles con queso.", state="pending"),
    _Trade("Gorditas de harina", "comida", "25", "pieza", "Ejemplo: rellenas de guisos del día."),
    _Trade("Chile colorado con carne", "comida", "220", "kilo", "Ejemplo: para llevar, en bolsa."),
    _Trade("Salsa de chile de árbol", "comida", "60", "pieza", "Ejemplo: frasco de medio litro."),
    _Trade("Pan de elote", "panaderia", "60", "pieza", "Ejemplo: molde grande, sale en el día."),
    _Trade("Galletas de avena", "panaderia", "40", "paquete", "Ejemplo: paquete de 10 galletas."),
    _Trade("Empanadas de calabaza", "panaderia", "120", "docena",
           "Ejemplo: también de cajeta y de piña."),
    _Trade("Coyotas", "panaderia", "50", "paquete",
           "Ejemplo: paquete de 5, rellenas de piloncillo."),
    _Trade("Pastel de tres leches", "panaderia", "350", "pieza",
           "Ejemplo: para 20 personas, por encargo.", state="pending"),
    _Trade("Conchas y pan dulce", "panaderia", "12", "pieza", "Ejemplo: pan de horno de leña."),
    _Trade("Bordados a mano", "manualidades", "250", "pieza",
           "Ejemplo: blusas y manteles bordados."),
    _Trade("Servilletas bordadas para tortillas", "manualidades", "120", "pieza",
           "Ejemplo: con el nombre que quieras."),
    _Trade("Piñatas", "manualidades", "280", "pieza",
           "Ejemplo: de estrella o del personaje que pidas."),
    _Trade("Arreglos de flores para fiestas", "manualidades", "450", "servicio",
           "Ejemplo: centros de mesa y arcos de globos."),
    _Trade("Aretes de chaquira", "manualidades", "80", "pieza", "Ejemplo: colores a elegir.",
           state="rejected"),
    _Trade("Cobijas tejidas a gancho", "manualidades", "600", "pieza",
           "Ejemplo: para bebé o matrimonial.", state="withdrawn"),
    _Trade("Ropa a la medida", "costura", "350", "servicio",
           "Ejemplo: vestidos y faldas; tú traes la tela."),
    _Trade("Reparación de ropa", "costura", "60", "servicio",
           "Ejemplo: bastillas, cierres y parches."),
    _Trade("Uniformes escolares", "costura", "280", "pieza",
           "Ejemplo: falda o jumper a la medida."),
    _Trade("Cortinas a la medida", "costura", "400", "servicio",
           "Ejemplo: con instalación incluida."),
    _Trade("Papelería y copias", "papeleria", "1", "pieza",
           "Ejemplo: copias a $1, impresiones a $3."),
    _Trade("Engargolado y enmicado", "papeleria", "35", "servicio",
           "Ejemplo: para tareas y documentos."),
    _Trade("Paquete de útiles escolares", "papeleria", "180", "paquete",
           "Ejemplo: cuadernos, colores, lápiz y goma para primaria.", state="pending"),
    _Trade("Uñas acrílicas", "servicios", "250", "servicio", "Ejemplo: a domicilio o en mi casa."),
    _Trade("Cortes de cabello", "servicios", "80", "servicio",
           "Ejemplo: para dama, caballero y niños."),
    _Trade("Planchado de ropa", "servicios", "120", "docena", "Ejemplo: entrega al día siguiente."),
    _Trade("Maquillaje para eventos", "servicios", "300", "servicio",
           "Ejemplo: quince años, bodas y graduaciones."),
    _Trade("Plantas de ornato", "plantas", "60", "pieza", "Ejemplo: geranios, rosales y sábilas."),
    _Trade("Hortalizas de temporada", "plantas", "30", "kilo",
           "Ejemplo: calabacita, tomate y chile de huerto familiar."),
    _Trade("Suculentas en maceta", "plantas", "35", "pieza", "Ejemplo: macetas pintadas a mano."),
    _Trade("Plantas medicinales", "plantas", "25", "paquete",
           "Ejemplo: manojos de hierbabuena, manzanilla y ruda."),
    _Trade("Platos y vasos desechables", "otros", "45", "paquete",
           "Ejemplo: paquete para 25 personas."),
    _Trade("Productos de limpieza a granel", "otros", "30", "pieza",
           "Ejemplo: cloro, jabón y suavizante por litro; trae tu botella."),
    _Trade("Jabón artesanal", "otros", "35", "pieza", "Ejemplo: de avena y de romero."),
    _Trade("Renta de sillas y mesas", "otros", "300", "servicio",
           "Ejemplo: 10 sillas y una mesa por día."),
)

ORGANIZATIONS: tuple[_Org, ...] = (
    _Org("bienestar", "Secretaría de Bienestar", "Ejemplo: oficina federal de programas sociales.",
         "Calle Victoria 310, Centro (dirección de ejemplo)", "Chihuahua",
         "Ejemplo: frente a la plaza principal, segundo piso.", "Lunes a viernes 9:00 a 15:00"),
    _Org("inaes", "Instituto Nacional de la Economía Social (INAES)",
         "Ejemplo: apoyo a grupos y cooperativas de economía social.",
         "Av. Independencia 1200 (dirección de ejemplo)", "Chihuahua",
         "Ejemplo: edificio de oficinas federales, planta baja.", "Lunes a viernes 9:00 a 15:00"),
    _Org("nafin", "Nacional Financiera",
         "Ejemplo: banca de desarrollo con cursos y crédito para pequeños negocios.",
         "Av. Juárez 2500 (dirección de ejemplo)", "Chihuahua",
         "Ejemplo: pregunta en recepción por el área de emprendedoras.",
         "Lunes a viernes 9:00 a 14:00"),
    _Org("imss", "Instituto Mexicano del Seguro Social (IMSS)",
         "Ejemplo: servicios de salud y guarderías para personas aseguradas.",
         "Calle Morelos 800 (dirección de ejemplo)", "Chihuahua",
         "Ejemplo: entrada por la puerta de consulta externa.", "Lunes a viernes 8:00 a 15:00"),
    _Org("inea", "Instituto Nacional para la Educación de los Adultos (INEA)",
         "Ejemplo: primaria y secundaria para personas de 15 años o más.",
         "Calle Hidalgo 45 (dirección de ejemplo)", "Santa Eulalia",
         "Ejemplo: junto a la biblioteca pública.", "Lunes a viernes 9:00 a 15:00"),
    _Org("conavi", "Comisión Nacional de Vivienda (CONAVI)",
         "Ejemplo: apoyos federales para mejorar o ampliar la vivienda.",
         "Av. Revolución 900 (dirección de ejemplo)", "Chihuahua",
         "Ejemplo: módulo de atención en planta baja.", "Lunes a viernes 9:00 a 15:00"),
    _Org("ichmujeres", "Instituto Chihuahuense de las Mujeres",
         "Ejemplo: atención, asesoría y talleres para mujeres en el estado.",
         "Calle Allende 700 (dirección de ejemplo)", "Chihuahua",
         "Ejemplo: casa de dos pisos con rampa en la entrada.", "Lunes a viernes 8:00 a 16:00"),
    _Org("desarrollo", "Secretaría de Desarrollo Humano y Bien Común",
         "Ejemplo: programas sociales del Gobierno del Estado.",
         "Calle Aldama 1000 (dirección de ejemplo)", "Chihuahua",
         "Ejemplo: ventanilla única en planta baja.", "Lunes a viernes 9:00 a 15:00"),
    _Org("salud", "Secretaría de Salud del Estado de Chihuahua",
         "Ejemplo: centros de salud y campañas de prevención.",
         "Calle Libertad 20 (dirección de ejemplo)", "Santa Eulalia",
         "Ejemplo: centro de salud junto a la plaza.", "Lunes a viernes 8:00 a 14:00"),
    _Org("empleo", "Servicio Nacional de Empleo Chihuahua",
         "Ejemplo: bolsa de trabajo y becas de capacitación.",
         "Av. Juárez 1500 (dirección de ejemplo)", "Chihuahua",
         "Ejemplo: módulo de atención al fondo del pasillo.", "Lunes a viernes 8:30 a 15:00"),
    _Org("coesvi", "Comisión Estatal de Vivienda, Suelo e Infraestructura de Chihuahua",
         "Ejemplo: programas estatales de vivienda y terrenos.",
         "Calle Zaragoza 330 (dirección de ejemplo)", "Chihuahua",
         "Ejemplo: oficina en el segundo piso.", "Lunes a viernes 9:00 a 15:00"),
    _Org("dif", "DIF Municipal Aquiles Serdán",
         "Ejemplo: apoyo a familias, niñas, niños y personas mayores del municipio.",
         "Calle Hidalgo 12 (dirección de ejemplo)", "Santa Eulalia",
         "Ejemplo: a un lado de la presidencia municipal.", "Lunes a viernes 8:00 a 15:00"),
    _Org("municipio", "Presidencia Municipal de Aquiles Serdán",
         "Ejemplo: trámites y programas del municipio.", "Calle Hidalgo 10 (dirección de ejemplo)",
         "Santa Eulalia", "Ejemplo: edificio de la presidencia, ventanilla de atención ciudadana.",
         "Lunes a viernes 8:00 a 15:00"),
    _Org("imm", "Instancia Municipal de las Mujeres de Aquiles Serdán",
         "Ejemplo: orientación y acompañamiento para mujeres del municipio.",
         "Calle Morelos 5 (dirección de ejemplo)", "Francisco Portillo",
         "Ejemplo: en el centro comunitario, salón del fondo.", "Lunes a viernes 9:00 a 15:00"),
    _Org("juridica", "Mujeres por la Justicia, A.C. (ejemplo)",
         "Ejemplo: organización civil de asesoría legal para mujeres.",
         "Calle Allende 210 (dirección de ejemplo)", "Chihuahua",
         "Ejemplo: casa azul, tocar el timbre.", "Lunes a jueves 10:00 a 16:00"),
    _Org("caja", "Caja Solidaria Las Compañeras (ejemplo)",
         "Ejemplo: grupo de ahorro y préstamo entre mujeres.",
         "Centro Comunitario (dirección de ejemplo)", "Santa Eulalia",
         "Ejemplo: se reúnen en el CENESO los sábados.", "Sábados 10:00 a 12:00"),
    _Org("alimentos", "Banco de Alimentos Comunitario (ejemplo)",
         "Ejemplo: organización civil que reparte despensas a bajo costo.",
         "Calle Libertad 400 (dirección de ejemplo)", "Chihuahua",
         "Ejemplo: bodega con portón verde.", "Martes y jueves 9:00 a 13:00"),
    _Org("semillas", "Colectivo Semillas, A.C. (ejemplo)",
         "Ejemplo: organización civil de apoyo a niñas, niños y mujeres.",
         "Calle Zaragoza 15 (dirección de ejemplo)", "Francisco Portillo",
         "Ejemplo: a dos cuadras de la escuela primaria.", "Lunes a viernes 14:00 a 19:00"),
)

SERVICES: tuple[_Service, ...] = (
    _Service("inaes", "Apoyo para proyectos productivos de grupos", "federal", "negocio",
             "Dinero o equipo para arrancar o hacer crecer un negocio de grupo.",
             "Grupos de 3 o más personas con un proyecto por escrito.",
             "ine curp comprobante_domicilio", ages=(18, None)),
    _Service("nafin", "Cursos y crédito para tu pequeño negocio", "federal", "negocio",
             "Cursos en línea sin costo y orientación para pedir un crédito.",
             "Mujeres con un negocio funcionando o por iniciar.", "ine curp rfc",
             fees="Cursos gratuitos; el crédito cobra intereses", ages=(18, None)),
    _Service("ichmujeres", "Apoyo para mujeres emprendedoras", "estatal", "negocio",
             "Asesoría y un apoyo pequeño para materiales de trabajo.",
             "Mujeres que viven en el estado de Chihuahua.",
             "ine curp comprobante_domicilio fotografia", ages=(18, None), stale=True),
    _Service("municipio", "Feria de emprendedoras del municipio", "municipal", "negocio",
             "Un lugar sin costo para vender en la feria del mes.",
             "Vecinas del municipio con productos propios.", "ine comprobante_domicilio"),
    _Service("nafin", "Crédito para mujeres con negocio", "federal", "ahorro",
             "Crédito con pagos fijos para capital de trabajo.",
             "Negocio con al menos 6 meses funcionando.", "ine curp rfc comprobante_domicilio",
             fees="Cobra intereses", ages=(18, 70)),
    _Service("caja", "Grupo de ahorro solidario", "osc", "ahorro",
             "Ahorro semanal en grupo y préstamos pequeños entre compañeras.",
             "Mujeres que puedan ahorrar desde $50 por semana.", "ine",
             fees="Ahorro mínimo de $50 por semana"),
    _Service("inaes", "Apoyo para cajas de ahorro comunitarias", "federal", "ahorro",
             "Capacitación y apoyo para formar o fortalecer una caja de ahorro.",
             "Grupos de ahorro ya organizados.", "ine curp", stale=True),
    _Service("empleo", "Becas de capacitación para el empleo", "estatal", "capacitacion",
             "Curso de un oficio con beca mensual mientras dura.",
             "Personas buscando trabajo, de 16 años o más.",
             "ine curp comprobante_domicilio solicitud_empleo", ages=(16, None)),
    _Service("ichmujeres", "Talleres de oficios para mujeres", "estatal", "capacitacion",
             "Talleres de belleza, repostería y costura.", "Mujeres de cualquier edad.",
             "ine curp"),
    _Service("dif", "Talleres de cocina y repostería", "municipal", "capacitacion",
             "Taller práctico con materiales incluidos.", "Vecinas del municipio.",
             "ine comprobante_domicilio"),
    _Service("inea", "Primaria y secundaria para personas adultas", "federal", "capacitacion",
             "Estudios con certificado oficial, a tu ritmo.",
             "Personas de 15 años o más que no terminaron la escuela.",
             "curp acta_nacimiento fotografia", ages=(15, None)),
    _Service("ichmujeres", "Asesoría jurídica para mujeres", "estatal", "legal",
             "Orientación legal en pensión alimenticia, divorcio y violencia.",
             "Mujeres que viven en el estado.", "ine curp"),
    _Service("juridica", "Acompañamiento legal en pensión alimenticia", "osc", "legal",
             "Una abogada acompaña el trámite de principio a fin.",
             "Mujeres con hijas o hijos menores de edad.",
             "ine curp acta_nacimiento comprobante_domicilio",
             fees="Cuota de recuperación de $100"),
    _Service("dif", "Procuraduría de protección de niñas y niños", "municipal", "legal",
             "Orientación cuando los derechos de una niña o niño están en riesgo.",
             "Familias del municipio.", "ine acta_nacimiento"),
    _Service("imm", "Orientación y acompañamiento a mujeres", "municipal", "legal",
             "Escucha, orientación y acompañamiento a otras instituciones.",
             "Mujeres del municipio.", "ine", stale=True),
    _Service("imss", "Atención médica familiar", "federal", "salud",
             "Consulta médica y medicinas para personas aseguradas.",
             "Personas con seguro social o sus familiares registrados.",
             "ine curp comprobante_domicilio"),
    _Service("salud", "Detección de cáncer de mama", "estatal", "salud",
             "Exploración y mastografía sin costo en campañas.", "Mujeres de 40 a 69 años.",
             "ine curp", ages=(40, 69)),
    _Service("dif", "Unidad Básica de Rehabilitación", "municipal", "salud",
             "Terapia física con cuota baja.", "Personas con receta médica.",
             "ine curp comprobante_domicilio", fees="Cuota de recuperación por sesión"),
    _Service("semillas", "Grupo de apoyo emocional para mujeres", "osc", "salud",
             "Reuniones semanales con una psicóloga.", "Mujeres mayores de 18 años.", "ine",
             ages=(18, None)),
    _Service("bienestar", "Apoyo para madres trabajadoras", "federal", "ninos",
             "Apoyo económico para el cuidado de hijas e hijos pequeños.",
             "Madres que trabajan o estudian, con hijas o hijos de 1 a 4 años.",
             "ine curp acta_nacimiento comprobante_domicilio", ages=(18, None)),
    _Service("imss", "Guardería para hijas e hijos de trabajadoras aseguradas", "federal", "ninos",
             "Cuidado de niñas y niños de 43 días a 4 años mientras trabajas.",
             "Trabajadoras con seguro social.", "ine curp acta_nacimiento fotografia"),
    _Service("dif", "Estancia infantil municipal", "municipal", "ninos",
             "Cuidado de niñas y niños por la mañana con comida.",
             "Madres del municipio que trabajan.", "ine curp acta_nacimiento",
             fees="Cuota semanal baja"),
    _Service("semillas", "Tareas dirigidas por la tarde", "osc", "ninos",
             "Apoyo con tareas y juegos para niñas y niños de primaria.",
             "Niñas y niños de 6 a 12 años.", "acta_nacimiento curp", ages=(6, 12)),
    _Service("coesvi", "Mejoramiento de vivienda: techo y piso", "estatal", "vivienda",
             "Material para techo firme o piso de cemento.",
             "Familias con casa propia o terreno a su nombre.",
             "ine curp comprobante_domicilio acta_nacimiento", stale=True),
    _Service("municipio", "Regularización de terrenos", "municipal", "vivienda",
             "Orientación para poner el terreno a tu nombre.",
             "Vecinas con un terreno sin escrituras.", "ine curp comprobante_domicilio",
             fees="Pago de derechos según el caso"),
    _Service("conavi", "Apoyo para ampliar tu vivienda", "federal", "vivienda",
             "Apoyo para construir un cuarto o un baño.",
             "Familias de bajos ingresos con casa propia.",
             "ine curp comprobante_domicilio fotografia"),
    _Service("dif", "Despensas para familias", "municipal", "alimentos",
             "Una despensa al mes durante el programa.",
             "Familias del municipio en situación difícil.", "ine curp comprobante_domicilio"),
    _Service("desarrollo", "Desayunos escolares", "estatal", "alimentos",
             "Desayuno para niñas y niños en la escuela.",
             "Alumnas y alumnos de escuelas públicas inscritas.", "curp acta_nacimiento",
             ages=(3, 15)),
    _Service("alimentos", "Despensa a bajo costo", "osc", "alimentos",
             "Despensa semanal con frutas, verduras y abarrotes.",
             "Cualquier familia que lo necesite.", "ine", fees="$80 por despensa"),
    _Service("municipio", "Comedor comunitario", "municipal", "alimentos",
             "Comida caliente de lunes a viernes.",
             "Personas mayores, niñas, niños y mujeres embarazadas.", "curp",
             fees="Cuota de $10 por comida", active=False),
    _Service("desarrollo", "Apoyo para jefas de familia que emprenden", "estatal", "negocio",
             "Asesoría y un apoyo económico para empezar un negocio en casa.",
             "Mujeres que mantienen solas a su familia.",
             "ine curp acta_nacimiento comprobante_domicilio", ages=(18, None)),
)

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
    "Preséntate con tus documentos de lunes a viernes de 9:00 a 13:00 y pregunta por la "
    "encargada.",
    "Llama al teléfono de contacto para pedir una cita.",
    "Pide en el centro que te impriman la hoja de la vacante y llévala con tus documentos.",
)

APPLICATION_STEPS = (
    "Ejemplo: acude a la oficina con tus documentos en original y copia; te dan una ficha.",
    "Ejemplo: pide en el CENESO tu hoja de canalización y llévala a la oficina.",
    "Ejemplo: llama para pedir una cita y lleva tus documentos ese día.",
)

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

CHILDREN: tuple[_Child, ...] = (
    _Child(0, "Sofía Ramírez Hernández", 4, "Alergia al cacahuate",
           (("Carmen Rivas Molina", "abuela", True), ("Jorge Ramírez Soto", "padre", False))),
    _Child(0, "Mateo Ramírez Hernández", 7, "", (("Carmen Rivas Molina", "abuela", True),)),
    _Child(1, "Valentina Gómez Chávez", 2, "", (("Perla Chávez Domínguez", "tía", True),)),
    _Child(2, "Santiago Flores Holguín", 9, "", (("Efraín Flores Rey", "padre", True),)),
    _Child(3, "Regina Acosta Olivas", 5, "", (("Dolores Terrazas Gil", "abuela", True),)),
    _Child(3, "Emiliano Acosta Olivas", 1),
    _Child(6, "Ximena Orozco Ruiz", 8, "Usa lentes; que no corra con ellos puestos.",
           (("Marisol Ruiz Prieto", "tía", True),)),
)

TRAININGS: tuple[_Training, ...] = (
    _Training("Panadería", "panaderia", "4 sesiones de 3 horas",
              "Ejemplo: pan de elote, empanadas y galletas para vender.",
              ((3, 10, 3, "Cocina, CENESO", 12),
               (17, 16, 3, "Cocina, CENESO", 12))),
    _Training("Manualidades", "manualidades", "3 sesiones de 2 horas",
              "Ejemplo: piñatas, arreglos de flores y bisutería.",
              ((5, 16, 2, "Salón 2, CENESO", 15),
               (19, 10, 2, "Salón 2, CENESO", 15))),
    _Training("Administración de negocios de economía solidaria", "negocios",
              "3 meses, 2 sesiones por semana",
              "Ejemplo: costos, precios, cuentas claras y trabajo en grupo para negocios de "
              "mujeres.",
              ((10, 10, 3, "Salón 1, CENESO", 20),)),
    _Training("Computación básica", "computacion", "5 sesiones de 2 horas",
              "Ejemplo: prender la computadora, usar el correo y buscar trabajo en internet.",
              ((2, 10, 2, "Sala de cómputo, CENESO", 10),
               (9, 16, 2, "Sala de cómputo, CENESO", 10),
               (23, 10, 2, "Sala de cómputo, CENESO", 10))),
    _Training("Huertos familiares y azoteas verdes", "huertos", "4 sesiones de 2 horas",
              "Ejemplo: sembrar verdura en cubetas, en el patio o en la azotea.",
              ((6, 10, 2, "Patio y huerto, CENESO", 18),
               (20, 10, 2, "Patio y huerto, CENESO", 18))),
    _Training("Ahorro y préstamo", "ahorro", "2 sesiones de 2 horas",
              "Ejemplo: cómo formar una caja de ahorro entre vecinas y llevar sus cuentas.",
              ((12, 16, 2, "Salón 1, CENESO", 20),)),
    _Training("Costura", "costura", "6 sesiones de 3 horas",
              "Ejemplo: usar la máquina de coser, tomar medidas y hacer arreglos.",
              ((4, 10, 3, "Taller de costura, CENESO", 10),
               (18, 16, 3, "Taller de costura, CENESO", 10))),
    _Training("Cocina y conservas", "conservas", "3 sesiones de 3 horas",
              "Ejemplo: mermeladas, chiles en escabeche y salsas en frasco.",
              ((8, 10, 3, "Cocina, CENESO", 14),
               (22, 16, 3, "Cocina, CENESO", 14))),
    _Training("Lectura y escritura para adultas", "lectura", "Todo el semestre, martes y jueves",
              "Ejemplo: aprender a leer y escribir a tu paso, en grupo pequeño.",
              ((2, 16, 2, "Salón 2, CENESO", 12),)),
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


# --- the loader -------------------------------------------------------------------------------

_CONTENT = (Member, JobPosting, TradeListing, Service, Training, StaffUser)


def _has_content(s: Session) -> bool:
    return any(s.scalar(select(model.id).limit(1)) is not None for model in _CONTENT)


def database_is_empty(factory: sessionmaker[Session]) -> bool:
    """True when there are no members, jobs, listings, services, trainings or staff."""
    with factory() as s:
        return not _has_content(s)


def load_demo(
    factory: sessionmaker[Session],
    *,
    scale: int = 0,
    today: date | None = None,
    progress: Callable[[str], None] | None = None,
) -> DemoSummary:
    """Write the example data, plus ``scale`` generated rows per listing table, in one transaction.

    ``progress(table)`` is called after each table's rows are written (not yet committed).
    Raises :class:`DemoError` when the database already has content.
    """
    if scale < 0:
        raise ValueError("scale must not be negative")
    loader = _Loader(today or centre_today(), progress or (lambda _table: None))
    with factory.begin() as s:
        # Checked inside the writing transaction, so two loads at once cannot both pass.
        if _has_content(s):
            raise DemoError(
                _(
                    "The database already has data; the example data is only loaded into an "
                    "empty database."
                )
            )
        loader.base(s)
        if scale:
            loader.scaled(s, scale)
    return DemoSummary(counts=dict(loader.counts), staff_pins=dict(loader.pins))


def _local(day: date, hour: int, minute: int = 0) -> datetime:
    """A wall-clock time at the centre; the model stores it as UTC."""
    return datetime.combine(day, time(hour, minute), tzinfo=LOCAL_TZ)


def _bulk_insert(model: type[Any]) -> Any:
    # Every row dict carries every column, None included, so a chunk is one executemany batch.
    return insert(model).execution_options(render_nulls=True)


def _chunks(total: int) -> Iterator[int]:
    for start in range(0, total, CHUNK):
        yield min(CHUNK, total - start)


class _Loader:
    def __init__(self, today: date, progress: Callable[[str], None]) -> None:
        self.today = today
        self.progress = progress
        self.rng = random.Random(SEED)
        self.counts: dict[str, int] = {}
        self.pins: dict[str, str] = {}
        self.member_ids: list[int] = []
        # Unique fictional numbers 614 555 0000-9999, handed out in a fixed shuffled order.
        self._suffixes = list(range(10_000))
        self.rng.shuffle(self._suffixes)

    def phone(self) -> str:
        return f"614555{self._suffixes.pop():04d}"

    def hsds_id(self) -> str:
        """An Open Referral identifier (UUID), the same on every load."""
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def days_ago(self, low: int, high: int) -> date:
        return self.today - timedelta(days=self.rng.randint(low, high))

    def _added(self, s: Session, table: str, rows: int) -> None:
        s.flush()
        self.counts[table] = self.counts.get(table, 0) + rows
        self.progress(table)

    # --- the hand-written demo ----------------------------------------------------------------

    def base(self, s: Session) -> None:
        staff = self._staff(s)
        members = self._members(s)
        services = self._services(s)
        self._jobs(s)
        self._trades(s, members)
        self._trainings(s, members)
        children = self._children(s, members)
        self._childcare(s, staff, children)
        self._referrals(s, members, services, staff)

    def _staff(self, s: Session) -> list[StaffUser]:
        rows = []
        for name, role in STAFF:
            pin = ""
            # Distinct PINs, none as guessable as 111111 or 121212.
            while not pin or pin in self.pins.values() or len(set(pin)) < 3:
                pin = str(self.rng.randrange(100_000, 1_000_000))
            self.pins[name] = pin
            rows.append(
                StaffUser(
                    name=name,
                    role=role,
                    pin_hash=hash_pin(pin, salt=self.rng.randbytes(16)),
                    is_example=True,
                    created_at=_local(self.days_ago(200, 400), 9),
                )
            )
        s.add_all(rows)
        self._added(s, "staff_users", len(rows))
        return rows

    def _members(self, s: Session) -> list[Member]:
        rows = []
        for name, locality in MEMBERS:
            joined = _local(self.days_ago(20, 400), self.rng.randint(9, 17))
            rows.append(
                Member(
                    name=name,
                    phone=self.phone(),
                    locality=locality,
                    created_at=joined,
                    privacy_consent_at=joined,
                    is_example=True,
                )
            )
        s.add_all(rows)
        self._added(s, "members", len(rows))
        self.member_ids = [m.id for m in rows]
        return rows

    def _services(self, s: Session) -> list[Service]:
        places = {org.key: org for org in ORGANIZATIONS}
        orgs = {
            org.key: Organization(
                hsds_id=self.hsds_id(),
                name=org.name,
                description=org.description,
                phone=self.phone(),
                is_example=True,
            )
            for org in ORGANIZATIONS
        }
        s.add_all(orgs.values())
        self._added(s, "organizations", len(orgs))
        rows = []
        for item in SERVICES:
            place = places[item.org]
            assured = self.days_ago(200, 400) if item.stale else self.days_ago(3, 90)
            opens, closes = opening_hours(place.schedule)
            rows.append(
                Service(
                    hsds_id=self.hsds_id(),
                    organization=orgs[item.org],
                    name=item.name,
                    description=f"Ejemplo: {item.benefit} Información de muestra, no verificada.",
                    benefit=item.benefit,
                    eligibility=item.eligibility,
                    minimum_age=item.ages[0],
                    maximum_age=item.ages[1],
                    application_process=self.rng.choice(APPLICATION_STEPS),
                    fees=item.fees,
                    required_documents=item.documents.split(),
                    location_name=place.name if place.key != "caja" else "CENESO",
                    address=place.address,
                    locality=place.locality,
                    region="Chihuahua",
                    postal_code=POSTAL_CODES.get(place.locality, ""),
                    country="MX",
                    directions=place.directions,
                    phone=orgs[item.org].phone,
                    schedule=place.schedule,
                    opens_at=opens,
                    closes_at=closes,
                    level=ProgramLevel(item.level),
                    need=ProgramNeed(item.need),
                    status=ServiceStatus.ACTIVE if item.active else ServiceStatus.INACTIVE,
                    assured_date=assured,
                    is_example=True,
                    updated_at=_local(assured, 12),
                )
            )
        s.add_all(rows)
        self._added(s, "services", len(rows))
        return rows

    def _jobs(self, s: Session) -> None:
        rows = []
        for job in JOBS:
            if job.state == "vencida":
                posted, valid = self.days_ago(40, 60), self.days_ago(1, 10)
            else:
                posted = self.days_ago(0, 20)
                valid = self.today + timedelta(days=self.rng.randint(14, 60))
            street = self.rng.choice(STREETS)
            rows.append(
                JobPosting(
                    title=job.title,
                    category=JobCategory(job.category),
                    employer=job.employer,
                    description=job.description,
                    how_to_apply=self.rng.choice(HOW_TO_APPLY),
                    what_to_bring=job.bring.split(),
                    pay_amount=Decimal(job.pay),
                    pay_unit=PayUnit(job.unit),
                    employment_type=EmploymentType(job.kind),
                    schedule=job.schedule,
                    fits_school_hours="E" in job.flags,
                    no_experience_needed="S" in job.flags,
                    starts_now="Y" in job.flags,
                    locality=job.locality,
                    address=f"{street} {self.rng.randint(10, 2500)} (dirección de ejemplo)",
                    contact_phone=self.phone(),
                    openings=0 if job.state == "llena" else self.rng.randint(1, 4),
                    date_posted=posted,
                    valid_through=valid,
                    status=PostingStatus.CLOSED if job.state == "cerrada" else PostingStatus.OPEN,
                    is_example=True,
                    created_at=_local(posted, 9),
                    updated_at=_local(posted, 9),
                )
            )
        s.add_all(rows)
        self._added(s, "job_postings", len(rows))

    def _trades(self, s: Session, members: list[Member]) -> None:
        rows = []
        for item in TRADES:
            seller = self.rng.choice(members)
            status = ListingStatus(item.state)
            published: datetime | None = None
            if status is ListingStatus.PENDING:
                created = _local(self.days_ago(0, 2), self.rng.randint(9, 12))
            else:
                created = _local(self.days_ago(3, 45), self.rng.randint(9, 17))
                published = created + timedelta(hours=self.rng.randint(1, 30))
            reason = ""
            if status is ListingStatus.REJECTED:  # sent back by staff: never shown
                published, reason = None, TRADE_REJECT_REASON
            rows.append(
                TradeListing(
                    seller=seller,
                    title=item.title,
                    category=TradeCategory(item.category),
                    description=item.description,
                    price=Decimal(item.price),
                    price_unit=PriceUnit(item.unit),
                    contact_phone=seller.phone,
                    locality=seller.locality,
                    status=status,
                    reject_reason=reason,
                    is_example=True,
                    created_at=created,
                    published_at=published,
                )
            )
        s.add_all(rows)
        self._added(s, "trade_listings", len(rows))

    def _trainings(self, s: Session, members: list[Member]) -> None:
        trainings = []
        sessions: list[list[TrainingSession]] = []
        for item in TRAININGS:
            training = Training(
                title=item.title,
                topic=item.topic,
                description=item.description,
                duration_text=item.duration,
                is_example=True,
            )
            trainings.append(training)
            own = []
            for days_ahead, hour, hours, place, seats in item.sessions:
                day = self.today + timedelta(days=days_ahead)
                if day.weekday() == 6:  # the centre is closed on Sundays
                    day += timedelta(days=1)
                own.append(
                    TrainingSession(
                        training=training,
                        starts_at=_local(day, hour),
                        ends_at=_local(day, hour + hours),
                        place=place,
                        seats=seats,
                        seats_taken=0,
                        childcare_taken=0,
                    )
                )
            sessions.append(own)
        s.add_all(trainings)
        self._added(s, "trainings", len(trainings))
        flat = [one for own in sessions for one in own]
        s.add_all(flat)
        self._added(s, "training_sessions", len(flat))

        children_of = [0] * len(members)
        for child in CHILDREN:
            children_of[child.guardian] += 1
        not_after = _local(self.today, 9)
        enrollments = []
        for training_index, session_index, who in ENROLLMENTS:
            target = sessions[training_index][session_index]
            for member_index in who:
                children = children_of[member_index]
                signed_up = min(
                    target.starts_at - timedelta(days=self.rng.randint(1, 10)), not_after
                )
                enrollments.append(
                    Enrollment(
                        member_id=members[member_index].id,
                        session_id=target.id,
                        status=EnrollmentStatus.ENROLLED,
                        children_count=children,
                        childcare_reserved=children,
                        childcare_wanted=children,
                        created_at=signed_up,
                        updated_at=signed_up,
                    )
                )
                # The counters as the sign-up service keeps them.
                target.seats_taken += 1
                target.childcare_taken += children
        s.add_all(enrollments)
        self._added(s, "enrollments", len(enrollments))

    def _children(self, s: Session, members: list[Member]) -> list[Child]:
        children = []
        pickups: list[PickupPerson] = []
        for item in CHILDREN:
            guardian = members[item.guardian]
            # `age` years plus 2 to 10 months: never near a birthday, so the age is unambiguous.
            born = self.today - timedelta(days=round(item.age * 365.25) + self.rng.randint(60, 300))
            child = Child(
                guardian=guardian,
                name=item.name,
                birth_date=born,
                medical_note=item.medical_note,
                has_allergy="alergia" in item.medical_note.lower(),
                health_consent_at=guardian.created_at if item.medical_note else None,
                created_at=guardian.created_at,
            )
            children.append(child)
            pickups.extend(
                PickupPerson(
                    child=child,
                    name=name,
                    relation=relation,
                    phone=self.phone() if allowed else None,
                    allowed=allowed,
                )
                for name, relation, allowed in item.pickups
            )
        s.add_all(children)
        self._added(s, "children", len(children))
        s.add_all(pickups)
        self._added(s, "pickup_people", len(pickups))
        return children

    def _childcare(self, s: Session, staff: list[StaffUser], children: list[Child]) -> None:
        """Four weeks of mornings in the children's room (for the reports), and this
        morning's room: the volunteer on shift and two mothers' children inside."""
        volunteer = next(u for u in staff if u.role is StaffRole.VOLUNTEER)
        by_guardian: dict[int, list[Child]] = {}
        for child in children:
            by_guardian.setdefault(child.guardian_id, []).append(child)
        families = list(by_guardian.values())
        pictures = list(PICKUP_PICTURES)
        codes: list[PickupCode] = []
        stays: list[tuple[PickupCode, list[Child], datetime | None]] = []
        shifts: list[StaffShift] = []

        def visit(
            day: date, family: list[Child], code: str, start: datetime, hours: float | None
        ) -> None:
            pickup = PickupCode(
                day=day,
                code=code,
                picture=self.rng.choice(pictures),
                guardian_id=family[0].guardian_id,
                created_at=start,
            )
            codes.append(pickup)
            stays.append((pickup, family, start + timedelta(hours=hours) if hours else None))

        for back in range(27, 0, -1):
            day = self.today - timedelta(days=back)
            if day.weekday() == 6:  # closed on Sundays
                continue
            opened = _local(day, 9)
            shifts.append(
                StaffShift(
                    staff_id=volunteer.id,
                    station=Station.CHILDCARE,
                    started_at=opened,
                    ended_at=opened + timedelta(hours=5),
                )
            )
            drawn = self.rng.sample(range(10, 100), len(families))
            for family, number in zip(
                self.rng.sample(families, self.rng.randint(1, min(4, len(families)))),
                drawn,
                strict=False,
            ):
                start = _local(day, self.rng.randint(9, 10), self.rng.choice((0, 15, 30, 45)))
                visit(day, family, str(number), start, self.rng.choice((2, 2.5, 3, 3.5)))
        # This morning: the volunteer is on shift; two families are in the room.
        shifts.append(
            StaffShift(
                staff_id=volunteer.id, station=Station.CHILDCARE, started_at=_local(self.today, 9)
            )
        )
        visit(self.today, families[0], "47", _local(self.today, 9, 40), None)
        codes[-1].picture = "tortuga"
        if len(families) > 3:
            visit(self.today, families[3], "82", _local(self.today, 10, 5), None)
            codes[-1].picture = "sol"
        s.add_all(shifts)
        self._added(s, "staff_shifts", len(shifts))
        s.add_all(codes)
        self._added(s, "pickup_codes", len(codes))
        visits = [
            ChildcareVisit(
                child_id=child.id,
                pickup_code_id=pickup.id,
                checked_in_at=pickup.created_at,
                checked_in_by_id=volunteer.id,
                checked_out_at=out,
                checked_out_by_id=volunteer.id if out else None,
                picked_up_by=child.guardian.name if out else "",
            )
            for pickup, family, out in stays
            for child in family
        ]
        s.add_all(visits)
        self._added(s, "childcare_visits", len(visits))

    def _referrals(
        self, s: Session, members: list[Member], services: list[Service], staff: list[StaffUser]
    ) -> None:
        by_name = {service.name: service for service in services}
        rows = []
        for member_index, service_name, status, follow_up, reason in REFERRALS:
            made = _local(self.days_ago(3, 20), 11)
            rows.append(
                Referral(
                    member_id=members[member_index].id,
                    service_id=by_name[service_name].id,
                    staff_id=staff[0].id,
                    reason=reason,
                    status=status,
                    follow_up_on=self.today + timedelta(days=follow_up),
                    created_at=made,
                    updated_at=made,
                )
            )
        s.add_all(rows)
        self._added(s, "referrals", len(rows))

    # --- the scaled generator (benchmarks) ----------------------------------------------------

    def scaled(self, s: Session, n: int) -> None:
        """``n`` generated rows in each listing table, inserted in bulk (no ORM objects)."""
        _Scaled(self, n).run(s)


class _Scaled:
    """Rows built as plain dicts and inserted ``CHUNK`` at a time with SQLAlchemy bulk insert."""

    def __init__(self, loader: _Loader, n: int) -> None:
        self.loader = loader
        self.n = n
        self.rng = random.Random(SCALE_SEED)
        self.today = loader.today
        self.midnight = _local(loader.today, 0).astimezone(UTC)

    def run(self, s: Session) -> None:
        self.jobs(s)
        self.trades(s)
        self.services(s, self.organizations(s))

    def moment(self, days_back: int) -> datetime:
        """Some time in opening hours, ``days_back`` days before today."""
        minutes = self.rng.randrange(9 * 60, 18 * 60)
        return self.midnight - timedelta(days=days_back) + timedelta(minutes=minutes)

    def phone(self) -> str:
        return f"614555{self.rng.randrange(10_000):04d}"

    def hsds_id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def documents(self) -> list[str]:
        return ["ine", *self.rng.sample(DOCUMENTS[1:], self.rng.randint(0, 3))]

    def address(self) -> str:
        return f"{self.rng.choice(STREETS)} {self.rng.randint(10, 2500)}"

    def jobs(self, s: Session) -> None:
        rng = self.rng
        by_category: dict[str, list[_Job]] = {}
        for job in JOBS:
            by_category.setdefault(job.category, []).append(job)
        categories = sorted(by_category)
        pays = {
            PayUnit.HOUR: (50, 90),
            PayUnit.DAY: (300, 500),
            PayUnit.WEEK: (1_800, 3_200),
            PayUnit.MONTH: (7_500, 13_000),
        }
        units = list(pays)
        kinds = list(EmploymentType)
        for size in _chunks(self.n):
            rows: list[dict[str, Any]] = []
            for _row in range(size):
                template = rng.choice(by_category[rng.choice(categories)])
                unit = rng.choice(units)
                days_back = rng.randint(0, 120)
                posted = self.today - timedelta(days=days_back)
                stamp = self.moment(days_back)
                rows.append(
                    {
                        "external_id": None,
                        "title": template.title,
                        "category": JobCategory(template.category),
                        "employer": f"{rng.choice(EMPLOYER_KINDS)} {rng.choice(PLACE_NAMES)} "
                        "(ejemplo)",
                        "description": template.description,
                        "how_to_apply": rng.choice(HOW_TO_APPLY),
                        "what_to_bring": self.documents(),
                        "pay_amount": Decimal(rng.randint(*pays[unit])),
                        "pay_unit": unit,
                        "employment_type": rng.choice(kinds),
                        "schedule": template.schedule,
                        "fits_school_hours": rng.random() < 0.3,
                        "no_experience_needed": rng.random() < 0.4,
                        "starts_now": rng.random() < 0.3,
                        "locality": rng.choice(LOCALITIES),
                        "address": self.address(),
                        "contact_phone": self.phone(),
                        "openings": rng.randint(0, 5),
                        "date_posted": posted,
                        "valid_through": posted + timedelta(days=rng.randint(7, 120)),
                        "status": PostingStatus.OPEN
                        if rng.random() < 0.85
                        else PostingStatus.CLOSED,
                        "is_example": True,
                        "created_at": stamp,
                        "updated_at": stamp,
                    }
                )
            s.execute(_bulk_insert(JobPosting), rows)
        self.loader._added(s, "job_postings", self.n)

    def trades(self, s: Session) -> None:
        rng = self.rng
        sellers = self.loader.member_ids
        statuses = [ListingStatus.PUBLISHED] * 16 + [
            ListingStatus.PENDING,
            ListingStatus.PENDING,
            ListingStatus.REJECTED,
            ListingStatus.WITHDRAWN,
        ]
        shown = (ListingStatus.PUBLISHED, ListingStatus.WITHDRAWN)
        for size in _chunks(self.n):
            rows: list[dict[str, Any]] = []
            for _row in range(size):
                item = rng.choice(TRADES)
                status = rng.choice(statuses)
                created = self.moment(rng.randint(0, 180))
                rows.append(
                    {
                        "seller_id": rng.choice(sellers),
                        "title": f"{item.title}, {rng.choice(TRADE_TOUCHES)}",
                        "category": TradeCategory(item.category),
                        "description": item.description,
                        "price": Decimal(item.price) * rng.choice((1, 1, 1, 2, 3)),
                        "price_unit": PriceUnit(item.unit),
                        "contact_phone": self.phone(),
                        "locality": rng.choice(LOCALITIES),
                        "status": status,
                        "reject_reason": TRADE_REJECT_REASON
                        if status is ListingStatus.REJECTED
                        else "",
                        "is_example": True,
                        "created_at": created,
                        "published_at": created + timedelta(hours=rng.randint(1, 48))
                        if status in shown
                        else None,
                    }
                )
            s.execute(_bulk_insert(TradeListing), rows)
        self.loader._added(s, "trade_listings", self.n)

    def organizations(self, s: Session) -> list[int]:
        rng = self.rng
        count = math.ceil(self.n / SERVICES_PER_ORGANIZATION)
        ids: list[int] = []
        for size in _chunks(count):
            rows = [
                {
                    "hsds_id": self.hsds_id(),
                    "name": f"{rng.choice(ORG_KINDS)} {rng.choice(PLACE_NAMES)} (ejemplo)",
                    "description": "Ejemplo: organización generada para pruebas de volumen.",
                    "website": "",
                    "email": "",
                    "phone": self.phone(),
                    "hsds_ids": {},
                    "is_example": True,
                }
                for _row in range(size)
            ]
            statement = _bulk_insert(Organization).returning(
                Organization.id, sort_by_parameter_order=True
            )
            ids.extend(s.scalars(statement, rows))
        self.loader._added(s, "organizations", count)
        return ids

    def services(self, s: Session, organization_ids: list[int]) -> None:
        rng = self.rng
        levels = list(ProgramLevel)
        by_need: dict[str, list[_Service]] = {}
        for service in SERVICES:
            by_need.setdefault(service.need, []).append(service)
        needs = sorted(by_need)
        done = 0
        for size in _chunks(self.n):
            rows: list[dict[str, Any]] = []
            for _row in range(size):
                template = rng.choice(by_need[rng.choice(needs)])
                locality = rng.choice(LOCALITIES)
                assured = None
                if rng.random() < 0.95:
                    assured = self.today - timedelta(days=rng.randint(0, 400))
                youngest = rng.choice((None, None, None, 15, 18, 40, 60))
                oldest = None if youngest is None or rng.random() < 0.5 else youngest + 30
                rows.append(
                    {
                        "hsds_id": self.hsds_id(),
                        "organization_id": organization_ids[done // SERVICES_PER_ORGANIZATION],
                        "name": f"{template.name} en {locality}",
                        "description": f"Ejemplo: {template.benefit} Información de muestra.",
                        "benefit": template.benefit,
                        "eligibility": template.eligibility,
                        "minimum_age": youngest,
                        "maximum_age": oldest,
                        "application_process": rng.choice(APPLICATION_STEPS),
                        "fees": template.fees,
                        "required_documents": self.documents(),
                        "address": self.address(),
                        "locality": locality,
                        "directions": "Ejemplo: pregunta en la entrada.",
                        "phone": self.phone(),
                        "schedule": "Lunes a viernes 9:00 a 15:00",
                        "opens_at": time(9, 0),
                        "closes_at": time(15, 0),
                        "region": "Chihuahua",
                        "postal_code": POSTAL_CODES.get(locality, ""),
                        "country": "MX",
                        "location_name": "",
                        "cost_amount": None,
                        "cost_currency": "",
                        "hsds_ids": {},
                        "level": rng.choice(levels),
                        "need": ProgramNeed(template.need),
                        "status": ServiceStatus.ACTIVE
                        if rng.random() < 0.9
                        else ServiceStatus.INACTIVE,
                        "assured_date": assured,
                        "is_example": True,
                        "updated_at": self.moment(rng.randint(0, 30)),
                    }
                )
                done += 1
            s.execute(_bulk_insert(Service), rows)
        self.loader._added(s, "services", self.n)
