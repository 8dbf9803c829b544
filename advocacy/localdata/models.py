"""Tables for imported local figures: one row per data set, one per published (or suppressed) figure,
and the district -> county lookup."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..actions.models import utcnow
from ..db import db


class Dataset(db.Model):
    """One imported measure (``section47``) or the child population, replaced whole on re-import."""

    __tablename__ = "localdata_datasets"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(12))  # "measure" or "population"
    label: Mapped[str] = mapped_column(String(120))
    measure_column: Mapped[str] = mapped_column(String(80))
    row_filter: Mapped[str] = mapped_column(Text, default="")  # JSON of the --where filters, "" for none
    source: Mapped[str] = mapped_column(String(255))  # file name as given, for staff to recognise
    sha256: Mapped[str] = mapped_column(String(64))
    is_sample: Mapped[bool] = mapped_column(Boolean, default=False)
    row_count: Mapped[int] = mapped_column(Integer, default=0)
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)  # UTC, naive


class Figure(db.Model):
    """A figure for one area and one year. ``value`` is None when ``status`` holds a suppression code."""

    __tablename__ = "localdata_figures"

    id: Mapped[int] = mapped_column(primary_key=True)
    dataset_id: Mapped[int] = mapped_column(ForeignKey("localdata_datasets.id", ondelete="CASCADE"), index=True)
    year: Mapped[int]  # the year the period ends: 2025 for 2024/25
    level: Mapped[str] = mapped_column(String(10))  # national, regional, local
    area_code: Mapped[str] = mapped_column(String(12))
    area_name: Mapped[str] = mapped_column(String(120))
    region_code: Mapped[str | None] = mapped_column(String(12))
    region_name: Mapped[str | None] = mapped_column(String(80))
    value: Mapped[float | None] = mapped_column(Float)
    # Kept as published ("c", "x", "z", "u", "low", ":") so "not published" is never mistaken for zero.
    status: Mapped[str | None] = mapped_column(String(8))

    __table_args__ = (UniqueConstraint("dataset_id", "area_code", "year"),)


class CouncilLookup(db.Model):
    """ONS lower tier -> upper tier: which authority runs children's services for a district."""

    __tablename__ = "localdata_council_lookup"

    ltla_code: Mapped[str] = mapped_column(String(12), primary_key=True)
    ltla_name: Mapped[str] = mapped_column(String(120))
    utla_code: Mapped[str] = mapped_column(String(12))
    utla_name: Mapped[str] = mapped_column(String(120))
    is_sample: Mapped[bool] = mapped_column(Boolean, default=False)
