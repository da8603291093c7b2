"""Pages and the row cursor: text lines go into grid rows, one row each; every page break
is recorded in the plan with its reason."""

from __future__ import annotations

from collections.abc import Sequence

from msgspec import Struct, field

from docgen import limits
from docgen.errors import LayoutError
from docgen.i18n import tr
from docgen.layout import grid
from docgen.layout.linebreak import Placed
from docgen.layout.model import Page, TextLine
from docgen.layout.plan import BreakReason, PageBreak, Plan
from docgen.standard import BLOCK_LEFT_PT, BODY_SIZE_PT, LINES_PER_PAGE
from docgen.standard.elements import Element


class Flow(Struct):
    """Rows of text poured onto pages; each page has LINES_PER_PAGE grid rows."""

    pages: list[Page] = field(default_factory=lambda: [Page(number=1)])
    row: int = 0
    plan: Plan = field(default_factory=Plan)
    last_row: int | None = None  # the row of the last line set in a row on this page
    _flowed: list[TextLine] = field(default_factory=list)  # lines set in rows, in order

    @property
    def page(self) -> Page:
        return self.pages[-1]

    @property
    def page_index(self) -> int:
        return len(self.pages) - 1

    def new_page(self, reason: BreakReason) -> None:
        if len(self.pages) >= limits.current("pages"):
            message = tr("the document runs to {limit}").format(limit=limits.exceeded("pages"))
            raise LayoutError(message, field="body")
        self.pages.append(Page(number=len(self.pages) + 1))
        self.plan.breaks.append(PageBreak(self.page_index, reason))
        self.row = 0
        self.last_row = None

    def room(self) -> int:
        """Rows left on the current page."""
        return max(LINES_PER_PAGE - self.row, 0)

    def skip(self, rows: int) -> None:
        """Leave rows empty (下空N行); at a page end the gap is not carried over."""
        self.row = min(self.row + rows, LINES_PER_PAGE)

    def line(
        self,
        placed: Sequence[Placed],
        element: Element,
        size: float = BODY_SIZE_PT,
        left: float = BLOCK_LEFT_PT,
        color: tuple[float, float, float, float] | None = None,
    ) -> TextLine:
        """Set one line in the next row, starting a page when this one is full."""
        if self.row >= LINES_PER_PAGE:
            self.new_page(BreakReason.FULL)
        y = grid.baseline(self.row, size)
        glyphs = tuple(p.glyph(left) for p in placed)
        line = TextLine(glyphs, y, size, element, color)
        self.page.lines.append(line)
        self._flowed.append(line)
        self.last_row = self.row
        self.row += 1
        return line

    def keep_together(self, rows: int, carry: int = 1) -> None:
        """Make room for a block of ``rows`` rows that must not stand alone on a page:
        when it does not fit, the last ``carry`` lines set go with it to a new page."""
        if rows <= self.room():
            return
        moved = self._take_last_lines(carry)
        self.new_page(BreakReason.KEEP_BLOCK)
        for line in moved:
            placed = [Placed(g.ch, g.x, g.role, g.advance) for g in line.glyphs]
            self.line(placed, line.element, line.size, 0.0, line.color)

    def gap_above(self, row: int, default: int) -> int:
        """Empty rows between the last line set on this page and ``row``."""
        return row - self.last_row - 1 if self.last_row is not None else default

    def _take_last_lines(self, count: int) -> list[TextLine]:
        """The last lines set in rows on this page (never all of them)."""
        flowed = [ln for ln in self.page.lines if ln in self._flowed]
        moved = flowed[-count:] if count and len(flowed) > count else []
        for line in moved:
            self.page.lines.remove(line)
        return moved
