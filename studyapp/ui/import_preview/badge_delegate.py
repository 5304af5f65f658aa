"""Paints a draft's checks as small rounded badges (text only, never markup).

Badges that do not fit the column are counted as "+N" (the cell's tooltip lists every check).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from studyapp.ui.import_preview.check_words import NEUTRAL
from studyapp.ui.import_preview.draft_table_model import WARNINGS_ROLE

_PADDING, _GAP = 6, 4


class BadgeDelegate(QStyledItemDelegate):
    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        badges = index.data(WARNINGS_ROLE) or []
        style_option = QStyleOptionViewItem(option)
        self.initStyleOption(style_option, index)
        style_option.text = ""
        widget = style_option.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, style_option, painter, widget)
        rect: QRect = option.rect
        metrics = QFontMetrics(option.font)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        x = rect.left() + _GAP
        height = metrics.height() + 4
        top = rect.top() + (rect.height() - height) // 2
        for shown, badge in enumerate(badges):
            width = metrics.horizontalAdvance(badge) + 2 * _PADDING
            if x + width > rect.right():
                painter.setPen(option.palette.color(option.palette.ColorRole.PlaceholderText))
                more = QRect(x, top, max(rect.right() - x, 0), height)
                painter.drawText(
                    more, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, f"+{len(badges) - shown}"
                )
                break
            neutral = badge in NEUTRAL
            background = QColor("#d9e4f7") if neutral else QColor("#fde2c4")
            foreground = QColor("#1f3f78") if neutral else QColor("#7a3d00")
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(background)
            painter.drawRoundedRect(QRectF(x, top, width, height), height / 2, height / 2)
            painter.setPen(foreground)
            painter.drawText(QRect(x, top, width, height), Qt.AlignmentFlag.AlignCenter, badge)
            x += width + _GAP
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        badges = index.data(WARNINGS_ROLE) or []
        metrics = QFontMetrics(option.font)
        width = sum(metrics.horizontalAdvance(b) + 2 * _PADDING + _GAP for b in badges) + _GAP
        return QSize(max(width, 60), metrics.height() + 10)
