"""yusuan (预算): compile, check, extract and explore Chinese public-sector budget disclosures."""

__version__ = "0.1.0"
