"""An overview card of headline numbers, each line opening the list behind it."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import events, on
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from bioterm import bindings
from bioterm.presentation.kpis import KpiLine


class KpiCard(OptionList):
    """Lines of figures; `enter` on one opens the rows it counts.

    The highlight shows only while the card has focus, so the cards read as
    figures until the user moves into them.
    """

    BINDINGS = bindings.KPI_CARD

    class Opened(Message):
        def __init__(self, line: KpiLine) -> None:
            super().__init__()
            self.line = line

    def __init__(self, *, id: str, title: str) -> None:
        super().__init__(id=id, classes="kpi", markup=False)
        self.border_title = title
        self._figures: list[KpiLine] = []

    def set_lines(self, lines: Sequence[KpiLine]) -> None:
        self._figures = list(lines)
        options = []
        for number, line in enumerate(self._figures):
            style = "bold" if number == 0 else ("dim" if line.dim else "")
            label = Text(line.label, style=style, no_wrap=True, overflow="ellipsis")
            options.append(Option(Content.from_rich_text(label), id=str(number),
                                  disabled=line.target is None))
        highlighted = self.highlighted
        self.clear_options()
        self.add_options(options)
        if self.has_focus:
            self._highlight_from(highlighted or 0)
        else:
            self.highlighted = None

    def _highlight_from(self, index: int) -> None:
        for position in range(index, len(self.options)):
            if not self.options[position].disabled:
                self.highlighted = position
                return
        self.highlighted = None

    def on_focus(self, _: events.Focus) -> None:
        self._highlight_from(0)

    def on_blur(self, _: events.Blur) -> None:
        self.highlighted = None

    @on(OptionList.OptionSelected)
    def _open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        line = self._figures[int(event.option.id or 0)]
        if line.target is not None:
            self.post_message(self.Opened(line))

    def action_next_card(self) -> None:
        self.screen.focus_next(KpiCard)

    def action_previous_card(self) -> None:
        self.screen.focus_previous(KpiCard)
