"""Models of the maturity self-assessment.

Imported at the end of ``db.models`` so every table is in ``Base.metadata``."""

from __future__ import annotations

from db.models import Base  # noqa: F401
