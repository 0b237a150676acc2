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


class Chart:
    """A finished chart as a reader gets it: an image with a text alternative saying what it
    shows (in the course language), shown at its natural size — never shrunk below legible.

    On a page narrower than the chart (a phone) the image scrolls sideways in its own box
    instead of shrinking, so no label falls below the size it was drawn at (the box takes keyboard
    focus, so it can be scrolled without a mouse). Draw figures at most 6.8 inches wide (the
    site's column is 688 px) with fonts of 9 pt or more: at the 100 px per inch the image is shown
    at, that is at least 12 px text. The PNG is rendered at 1.5× for sharp screens.
    """

    DISPLAY_DPI = 100
    RENDER_DPI = 150

    def __init__(self, figure, alt: str) -> None:
        import io

        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=self.RENDER_DPI,
                       metadata={"Software": None})
        self.png = buffer.getvalue()
        self.alt = alt
        width_in, height_in = figure.get_size_inches()
        self.width = round(width_in * self.DISPLAY_DPI)
        self.height = round(height_in * self.DISPLAY_DPI)

    def _repr_html_(self) -> str:
        import base64

        from salestrain.core.html import escape

        data = base64.b64encode(self.png).decode("ascii")
        return (f'<div class="st-chart" tabindex="0" style="overflow-x:auto;max-width:100%">'
                f'<img src="data:image/png;base64,{data}" alt="{escape(self.alt)}" '
                f'width="{self.width}" height="{self.height}" '
                f'style="max-width:none;height:auto"></div>')

    def _repr_png_(self) -> bytes:
        return self.png

    def __repr__(self) -> str:
        return self.alt
