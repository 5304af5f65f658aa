"""Light, dark or the system's look, plus the interface font size."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from studyapp.ui.preferences import Theme
from studyapp.ui.resources import stylesheet


class ThemeManager:
    """Remembers the platform's own look so "Follow system" can go back to it."""

    def __init__(self, app: QApplication) -> None:
        self._app = app
        style = app.style()
        self._system_style = style.name() if style is not None else "fusion"
        self._system_palette = QPalette(app.palette())
        self._system_font = QFont(app.font())
        self._base_sheet = stylesheet("base")

    def apply(self, theme: Theme, font_size: int) -> None:
        if theme is Theme.SYSTEM:
            self._app.setStyle(QStyleFactory.create(self._system_style) or QStyleFactory.create("fusion"))
            self._app.setPalette(self._system_palette)
            sheet = self._base_sheet
        else:
            self._app.setStyle(QStyleFactory.create("fusion"))
            self._app.setPalette(dark_palette() if theme is Theme.DARK else light_palette())
            sheet = self._base_sheet + (stylesheet("dark") if theme is Theme.DARK else "")
        self._app.setProperty("studyappTheme", theme.value)
        font = QFont(self._system_font)
        if font_size:
            font.setPointSize(font_size)
        self._app.setFont(font)
        self._app.setStyleSheet(sheet)

    def restore(self) -> None:
        """Put back the look the application had before (tests share one QApplication)."""
        self.apply(Theme.SYSTEM, 0)
        self._app.setStyleSheet("")


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def light_palette() -> QPalette:
    palette = QPalette(QColor("#f4f5f7"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#f0f2f5"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#2f6fde"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Link, QColor("#2f6fde"))
    return palette


def dark_palette() -> QPalette:
    window, base, text = QColor("#202226"), QColor("#17181b"), QColor("#e6e6e6")
    disabled = QColor("#7a7d84")
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor("#24262b"),
        QPalette.ColorRole.ToolTipBase: QColor("#2b2d33"),
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: disabled,
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: QColor("#2b2d33"),
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: QColor("#ff6b6b"),
        QPalette.ColorRole.Light: QColor("#3a3d44"),
        QPalette.ColorRole.Midlight: QColor("#33363c"),
        QPalette.ColorRole.Mid: QColor("#2a2c31"),
        QPalette.ColorRole.Dark: QColor("#121316"),
        QPalette.ColorRole.Shadow: QColor("#000000"),
        QPalette.ColorRole.Highlight: QColor("#3d7be0"),
        QPalette.ColorRole.HighlightedText: QColor("#ffffff"),
        QPalette.ColorRole.Link: QColor("#6ea8ff"),
        QPalette.ColorRole.LinkVisited: QColor("#b18cff"),
    }
    for role, color in roles.items():
        palette.setColor(role, color)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette
