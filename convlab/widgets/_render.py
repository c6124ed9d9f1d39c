"""An Agg canvas that keeps the glyphs of each text it draws: same pixels, less work per frame.

An explorer redraws its whole figure on every control change, and most of that time goes
to text: matplotlib (3.11) lays out every string and rasterises every glyph with FreeType
again on each draw, although tick labels, titles and cell numbers rarely change. This
canvas's renderer keeps, per string, font, size, angle and sub-pixel position, the glyph
bitmaps FreeType made, and only stamps them on later frames. The pixels are those of
matplotlib's own Agg renderer (tests/test_widgets_base.py compares them); where
matplotlib's text internals are not those this was written against, plain Agg is used.
"""

import math

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
from matplotlib.ft2font import FT2Font

try:
    from matplotlib.ft2font import RenderMode
except ImportError:  # matplotlib < 3.10: different text internals
    RenderMode = None

SUPPORTED = (
    RenderMode is not None
    and hasattr(RendererAgg, "_draw_text_glyphs_and_boxes")
    and all(hasattr(FT2Font, name) for name in ("_layout", "_render_glyph", "_set_transform"))
)
MAX_TEXTS = 4096  # strings kept per renderer; the cache starts over beyond


class GlyphCachingRenderer(RendererAgg):
    """RendererAgg whose plain (non-math) text reuses the glyph bitmaps of earlier draws."""

    def __init__(self, width, height, dpi):
        super().__init__(width, height, dpi)
        self._texts = {}

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if ismath:
            return super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
        features = mtext.get_fontfeatures() if mtext is not None else None
        language = mtext.get_language() if mtext is not None else None
        # FreeType places glyphs in 1/64 px: split the origin into whole pixels and the
        # fraction, so a string drawn at another whole-pixel place reuses its bitmaps.
        x64, y64 = 64 * x, 64 * (self.height - y)  # FreeType's y is upwards
        ix, iy = math.floor(x64 / 64), math.floor(y64 / 64)
        fx, fy = x64 - 64 * ix, y64 - 64 * iy
        flags, antialiased = get_hinting_flag(), gc.get_antialiased()
        key = (
            s,
            hash(prop),
            prop.get_size_in_points(),
            self.dpi,
            angle,
            flags,
            antialiased,
            round(fx),
            round(fy),
            tuple(features) if features is not None else None,
            language,
        )
        glyphs = self._texts.get(key)
        if glyphs is None:
            glyphs = self._rasterise(s, prop, angle, fx, fy, flags, antialiased, features, language)
            if len(self._texts) >= MAX_TEXTS:
                self._texts.clear()
            self._texts[key] = glyphs
        height = int(self.height)
        for bitmap, left, top in glyphs:  # as RendererAgg._draw_text_glyphs_and_boxes
            self._renderer.draw_text_image(
                bitmap, ix + left, height - (iy + top) + bitmap.shape[0], 0, gc
            )

    def _rasterise(self, s, prop, angle, fx, fy, flags, antialiased, features, language):
        """[(bitmap, left, top)] of each glyph, relative to the whole-pixel origin."""
        font = self._prepare_font(prop)
        items = font._layout(s, flags=flags, features=features, language=language)
        size = prop.get_size_in_points()
        cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        rotation = (0x10000 * np.array([[cos, -sin], [sin, cos]])).round().astype(int)
        mode = RenderMode.NORMAL if antialiased else RenderMode.MONO
        glyphs = []
        for item in items:
            glyph_font, dx, dy = item.ft_object, item.x, item.y  # dy is upwards
            glyph_font.set_size(size, self.dpi)
            glyph_font._set_transform(
                rotation,
                [
                    round(fx + 0x40 * (dx * cos - dy * sin)),
                    round(fy + 0x40 * (dx * sin + dy * cos)),
                ],
            )
            rendered = glyph_font._render_glyph(item.glyph_index, flags, mode)
            bitmap = np.array(rendered.buffer)  # a copy: FreeType reuses its buffer
            if not antialiased:
                bitmap *= 0xFF
            glyphs.append((bitmap, rendered.left, rendered.top))
        return glyphs


class ExplorerCanvas(FigureCanvasAgg):
    """FigureCanvasAgg drawing with a :class:`GlyphCachingRenderer` (plain Agg otherwise)."""

    def get_renderer(self):
        if not SUPPORTED:
            return super().get_renderer()
        width, height = self.get_width_height(physical=True)
        key = width, height, self.figure.dpi
        if self._lastKey != key:  # as FigureCanvasAgg: a new renderer when the size changes
            self.renderer = GlyphCachingRenderer(width, height, self.figure.dpi)
            self._lastKey = key
        return self.renderer
