"""Matplotlib set-up shared by every chart: fonts that can draw Chinese text."""

from __future__ import annotations

CJK_FONTS = ["Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "SimHei", "PingFang SC"]


def use_cjk_fonts() -> None:
    """Prefer a CJK-capable sans-serif so Chinese labels do not render as boxes."""
    import logging

    import matplotlib

    # A CJK font without a bold face makes matplotlib log one "findfont" line per bold label,
    # which would land in notebook outputs; the fallback it picks is fine.
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)

    matplotlib.rcParams["font.sans-serif"] = [*CJK_FONTS, "DejaVu Sans"]
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["axes.unicode_minus"] = False
    matplotlib.rcParams["svg.hashsalt"] = "salestrain"
