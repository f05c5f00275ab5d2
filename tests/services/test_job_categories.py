"""The Spanish keyword table that files imported job postings under the kiosk's categories."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from kiosk.data.models import JobCategory
from kiosk.services.job_categories import guess_category, table


@pytest.mark.parametrize(
    ("title", "category"),
    [
        ("Ayudante de cocina", JobCategory.KITCHEN),
        ("Cocinera para fonda", JobCategory.KITCHEN),
        ("Mesera fin de semana", JobCategory.KITCHEN),
        ("Tortillera", JobCategory.KITCHEN),
        ("Costurera", JobCategory.SEWING),
        ("Operaria de máquina overlock", JobCategory.FACTORY),
        ("Empleada doméstica", JobCategory.CLEANING),
        ("Trabajadora del hogar de entrada por salida", JobCategory.CLEANING),
        ("Auxiliar de limpieza", JobCategory.CLEANING),
        ("Auxiliar de limpieza en cocina", JobCategory.CLEANING),
        ("Recamarera de hotel", JobCategory.CLEANING),
        ("Vendedora de mostrador", JobCategory.SALES),
        ("Cajera", JobCategory.SALES),
        ("CAJERA DE TIENDA DE CONVENIENCIA", JobCategory.SALES),
        ("Niñera", JobCategory.CARE),
        ("Cuidadora de adulto mayor", JobCategory.CARE),
        ("Operadora de producción", JobCategory.FACTORY),
        ("Empacadora", JobCategory.FACTORY),
        ("Jornalera para la pizca de nuez", JobCategory.FIELD),
        ("Recepcionista", JobCategory.OFFICE),
        ("Auxiliar administrativa", JobCategory.OFFICE),
        ("Chofer repartidor", JobCategory.OTHER),
        ("Estilista", JobCategory.OTHER),
    ],
)
def test_real_titles(title: str, category: JobCategory) -> None:
    assert guess_category([title]) == category


@pytest.mark.parametrize(
    ("code", "category"),
    [
        ("35-2021.00", JobCategory.KITCHEN),  # O*NET-SOC: food preparation workers
        ("37-2012.00", JobCategory.CLEANING),  # maids and housekeeping cleaners
        ("41-2011.00", JobCategory.SALES),  # cashiers
        ("51-6031.00", JobCategory.SEWING),  # sewing machine operators
        ("5120", JobCategory.KITCHEN),  # ISCO-08: cooks
        ("9112", JobCategory.CLEANING),  # cleaners in offices
        ("7533", JobCategory.SEWING),  # sewing machine operators
        ("5311", JobCategory.CARE),  # child care workers
        ("53-3032.00", JobCategory.OTHER),  # truck drivers
    ],
)
def test_occupation_codes(code: str, category: JobCategory) -> None:
    assert guess_category([code]) == category


def test_the_most_telling_text_decides_first() -> None:
    # The occupation's name before the title, the title before the industry.
    assert guess_category(["Cocineros", "Cajera", "Comercio"]) == JobCategory.KITCHEN
    assert guess_category(["", "Cajera", "Restaurantes"]) == JobCategory.SALES
    assert guess_category(["Chofer", "Servicios de limpieza"]) == JobCategory.CLEANING
    assert guess_category([]) == JobCategory.OTHER


def test_the_table_is_data_and_names_only_the_kiosks_categories() -> None:
    raw = json.loads(
        resources.files("kiosk.services").joinpath("job_categories.json").read_text("utf-8")
    )
    ours = {c.value for c in JobCategory} - {JobCategory.OTHER.value}
    assert set(raw["keywords"]) == ours
    for codes in raw["codes"].values():
        assert set(codes.values()) <= ours
    assert table() is table()  # read once
