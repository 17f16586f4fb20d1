"""The two models yusuan is built around.

`Budget` holds the facts a unit's accountant types in; `Disclosure` holds the
document as published.  compile turns the first into the second; extract reads
the second from published files; render and check work on the second.
"""

from yusuan.model.budget import (
    Assets,
    Budget,
    Comparison,
    ExpenditureLine,
    GlossaryEntry,
    Indicator,
    Procurement,
    Project,
    ProjectPerformance,
    Staffing,
    ThreePublic,
    UnitPerformance,
    UnitProfile,
    VehicleCategory,
)
from yusuan.model.disclosure import (
    Cell,
    Column,
    Disclosure,
    DocumentMeta,
    Paragraph,
    PerformanceIndicator,
    PerformanceTable,
    Profile,
    Row,
    Section,
    Source,
    Table,
)
from yusuan.model.kinds import (
    Col,
    DocumentKind,
    FundSource,
    FundType,
    Side,
    SpendingKind,
    TableKind,
    ThreePublicItem,
)

__all__ = [
    "Assets",
    "Budget",
    "Cell",
    "Col",
    "Column",
    "Comparison",
    "Disclosure",
    "DocumentKind",
    "DocumentMeta",
    "ExpenditureLine",
    "FundSource",
    "FundType",
    "GlossaryEntry",
    "Indicator",
    "Paragraph",
    "PerformanceIndicator",
    "PerformanceTable",
    "Procurement",
    "Profile",
    "Project",
    "ProjectPerformance",
    "Row",
    "Section",
    "Side",
    "Source",
    "SpendingKind",
    "Staffing",
    "Table",
    "TableKind",
    "ThreePublic",
    "ThreePublicItem",
    "UnitPerformance",
    "UnitProfile",
    "VehicleCategory",
]
