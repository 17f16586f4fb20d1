"""Where the built-in example units live: `yusuan build --example`, `yusuan template --example` and the web's 生成
page all start from them.

- `EXAMPLE`: 中共克孜勒苏柯尔克孜自治州委员会办公室, 2024 单位预算 (the reference document's facts);
- `FINAL_EXAMPLE`: a 2019 部门决算 (佛山, rail transit), the 决算 layout's example.
"""

from __future__ import annotations

from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "kizilsu-2024" / "budget.yaml"
FINAL_EXAMPLE = EXAMPLE.parents[1] / "foshan-rail-2019-final" / "final.yaml"
