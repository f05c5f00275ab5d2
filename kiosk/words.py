"""The words printed and shown for codes (documents, pay and price units, pickup pictures) and
how phone numbers are written. No reportlab here: the screens use these too, and start fast."""

from __future__ import annotations

from decimal import Decimal

from kiosk.i18n import N_, _, format_money

DOCUMENT_WORDS: dict[str, str] = {
    "ine": N_("INE voter card"),
    "curp": N_("CURP"),
    "comprobante_domicilio": N_("Proof of address"),
    "acta_nacimiento": N_("Birth certificate"),
    "fotografia": N_("Photo"),
    "rfc": N_("RFC"),
    "solicitud_empleo": N_("Job application"),
}
PAY_UNITS: dict[str, str] = {
    "hour": N_("per hour"),
    "day": N_("per day"),
    "week": N_("per week"),
    "month": N_("per month"),
}
PRICE_UNITS: dict[str, str] = {
    "pieza": N_("per piece"),
    "docena": N_("per dozen"),
    "kilo": N_("per kilo"),
    "servicio": N_("per service"),
    "paquete": N_("per package"),
}
# The pickup pictures: their pictogram is "pickup.<key>", their word is said and printed.
PICKUP_WORDS: dict[str, str] = {
    "tortuga": N_("turtle"),
    "gato": N_("cat"),
    "perro": N_("dog"),
    "pez": N_("fish"),
    "pajaro": N_("bird"),
    "mariposa": N_("butterfly"),
    "sol": N_("sun"),
    "estrella": N_("star"),
    "flor": N_("flower"),
    "manzana": N_("apple"),
    "arbol": N_("tree"),
    "luna": N_("moon"),
}


def first_name(name: str) -> str:
    parts = name.split()
    return parts[0] if parts else ""


# Said and printed where a posting gives no way to contact the employer.
ASK_AT_CENTRE = N_("Ask at the centre")


def pay_words(amount: Decimal | None, maximum: Decimal | None, unit: str | None) -> str:
    """``$350 por día``, ``$300 a $350 por día``, ``$1,800 por acordar`` (the source did not
    say per what) or ``Pago por acordar`` (no pay given)."""
    if amount is None:
        return _("Pay to be agreed")
    unit = "" if unit is None else str(unit)
    unit_word = _(PAY_UNITS[unit]) if unit in PAY_UNITS else _("to be agreed")
    money = format_money(amount)
    if maximum is not None and maximum > amount:
        money = _("{low} to {high}").format(low=money, high=format_money(maximum))
    return f"{money} {unit_word}"


def format_phone(phone: str) -> str:
    """``614 555 1234`` for a 10-digit Mexican number; anything else as it was written."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if len(digits) == 10:
        return f"{digits[:3]} {digits[3:6]} {digits[6:]}"
    return phone.strip()


def mask_phone(phone: str) -> str:
    """``•• •• •• 12 34``: a card that is lost does not give the number away."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if len(digits) < 4:
        return "•• •• •• •• ••"
    return f"•• •• •• {digits[-4:-2]} {digits[-2:]}"


def waiting_words(position: int) -> str:
    """Her answer on a waiting list, on the screen and as the slip's largest line: she has no
    seat, and where she is in line (never a time or a number alone, which read like a turn)."""
    return _("You do not have a seat yet. You are number {position}.").format(position=position)
