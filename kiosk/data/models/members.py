"""A woman, her privacy consent and card, her children and who may pick them up."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kiosk.data.models.base import Base, JpegColumns, unique_while, utcnow
from kiosk.data.models.centres import CentreOwned, MemberRegistration


class PrivacyNotice(Base):
    """A version of the centre's privacy notice (aviso de privacidad integral), kept word for
    word: a member's consent points at the version she accepted. A new row is published when
    the text changes; ``sha256`` names the text, so every station shares one row per text."""

    __tablename__ = "privacy_notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    text: Mapped[str] = mapped_column(Text)
    published_at: Mapped[datetime] = mapped_column(default=utcnow)


class Member(Base):
    """A woman who uses the centre. Erasing her blanks the personal fields, keeps the row."""

    __tablename__ = "members"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(10), unique=True)
    locality: Mapped[str] = mapped_column(String(80), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    privacy_consent_at: Mapped[datetime | None]
    # The version of the privacy notice she accepted (its exact text is kept).
    privacy_notice_id: Mapped[int | None] = mapped_column(ForeignKey("privacy_notices.id"))
    erased_at: Mapped[datetime | None]
    is_example: Mapped[bool] = mapped_column(default=False)
    # When she was first shown the kiosk's buttons (the first-visit guide): shown once.
    guided_at: Mapped[datetime | None]
    # The centre where she first registered; every centre she uses registers her too.
    centre_id: Mapped[int] = mapped_column(ForeignKey("centres.id"), index=True)

    children: Mapped[list[Child]] = relationship(back_populates="guardian")
    registrations: Mapped[list[MemberRegistration]] = relationship(cascade="all")


class MemberCard(CentreOwned, Base):
    """A member card: its QR code carries a random token that names her without her phone.
    Only the token's SHA-256 is kept. One card per member is active: a new card revokes the
    old one in the same transaction (the partial unique index is the last word)."""

    __tablename__ = "member_cards"
    __table_args__ = (
        unique_while("uq_member_cards_active_member", "member_id", "revoked_at IS NULL"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    revoked_at: Mapped[datetime | None]


class Child(CentreOwned, Base):
    __tablename__ = "children"

    id: Mapped[int] = mapped_column(primary_key=True)
    guardian_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    birth_date: Mapped[date] = mapped_column(Date)
    medical_note: Mapped[str] = mapped_column(Text, default="")
    has_allergy: Mapped[bool] = mapped_column(default=False)
    # When the mother gave her express consent to keep the child's health data (allergy and
    # note); without it both stay empty.
    health_consent_at: Mapped[datetime | None]
    # When the mother gave her express consent to a photo of the child (for the volunteers to
    # match face and child at the door); without it no photo is taken.
    photo_consent_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    guardian: Mapped[Member] = relationship(back_populates="children")
    pickup_people: Mapped[list[PickupPerson]] = relationship(
        back_populates="child", cascade="all, delete-orphan"
    )


class ChildPhoto(JpegColumns, CentreOwned, Base):
    """A child's photo, taken with the mother's consent, in the database so every station
    sharing it shows the face; a table of its own keeps the children's rows narrow, and goes
    with the child's row."""

    __tablename__ = "child_photos"

    child_id: Mapped[int] = mapped_column(
        ForeignKey("children.id", ondelete="CASCADE"), primary_key=True
    )
    # Last, after the photo's columns, as the migration made the table.
    taken_at: Mapped[datetime] = mapped_column(default=utcnow, sort_order=1)


class PickupPerson(CentreOwned, Base):
    """Someone who may (or must NOT) pick a child up."""

    __tablename__ = "pickup_people"

    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    relation: Mapped[str] = mapped_column(String(60), default="")
    phone: Mapped[str | None] = mapped_column(String(10))
    allowed: Mapped[bool]

    child: Mapped[Child] = relationship(back_populates="pickup_people")
