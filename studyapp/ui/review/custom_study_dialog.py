"""Anki's Custom Study for the selected deck: more new cards today, review ahead, or study what you forgot."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from studyapp.domain.scheduling import CustomStudy, CustomStudyKind
from studyapp.domain.wording import plural
from studyapp.services.custom_study import MAX_EXTRA

MORE_NEW = "more new"
CHOICES = (
    (MORE_NEW, "Increase today's new card &limit", "&More new cards", 10),
    (CustomStudyKind.REVIEW_AHEAD.value, "Review &ahead", "Days a&head", 1),
    (CustomStudyKind.FORGOTTEN.value, "Review &forgotten cards", "Days &back", 1),
)
"""Each choice: key, label, the amount's label, and Anki's default amount."""


class CustomStudyDialog(QDialog):
    """The choice and its amount; ``choice()`` says what to do once accepted."""

    def __init__(self, deck_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Custom study — {deck_name}")
        self.setMinimumWidth(400)
        self.group = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        layout = QVBoxLayout(self)
        intro = QLabel(f"Study “{deck_name}” (with its subdecks) beyond today's queue.")
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        for key, label, _unit, _amount in CHOICES:
            radio = QRadioButton(label)
            self.group.addButton(radio)
            self.radios[key] = radio
            layout.addWidget(radio)
        self.amount_spin = QSpinBox()
        self.amount_spin.setRange(1, MAX_EXTRA)
        self.explanation = QLabel()
        self.explanation.setObjectName("hintLabel")
        self.explanation.setWordWrap(True)
        self.amount_label = QLabel()
        self.amount_label.setBuddy(self.amount_spin)
        form = QFormLayout()
        form.addRow(self.amount_label, self.amount_spin)
        layout.addLayout(form)
        layout.addWidget(self.explanation)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout.addWidget(buttons)
        self.group.buttonToggled.connect(self._on_group_button_toggled)
        self.amount_spin.valueChanged.connect(self._explain)
        self.radios[MORE_NEW].setChecked(True)

    def key(self) -> str:
        return next(key for key, radio in self.radios.items() if radio.isChecked())

    def choice(self) -> CustomStudy | int:
        """A custom session to start, or the number of extra new cards to allow today."""
        amount = self.amount_spin.value()
        key = self.key()
        return amount if key == MORE_NEW else CustomStudy(CustomStudyKind(key), amount)

    def _on_group_button_toggled(self, button: QRadioButton, checked: bool) -> None:
        if checked:  # the button newly checked: the group's other button may not be unchecked yet
            key = next(key for key, radio in self.radios.items() if radio is button)
            _key, _label, amount_label, amount = next(choice for choice in CHOICES if choice[0] == key)
            self.amount_label.setText(amount_label)
            self.amount_spin.setValue(amount)
            self._explain()

    def _explain(self) -> None:
        amount = self.amount_spin.value()
        key = self.key()
        if key == MORE_NEW:
            text = f"Today only, {plural(amount, 'new card')} more than the deck's daily limit."
        elif key == CustomStudyKind.REVIEW_AHEAD.value:
            text = f"Review the cards due in the next {plural(amount, 'day')} now; answers are scheduled as usual."
        else:
            text = f"Study once more the cards you answered Again in the last {plural(amount, 'day')}."
        self.explanation.setText(text)
