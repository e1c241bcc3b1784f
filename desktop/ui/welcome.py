"""The first-start page shown in the editor area while the database holds no plan."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop import APP_NAME
from desktop.resources import resource_path

EXPLANATION = (
    "还没有整改方案。可以导入已印发的整改方案（Word、WPS、PDF、OFD 或文本），\n"
    "新建空白方案逐项录入，也可以先打开示例方案看看效果。"
)


class WelcomePage(QWidget):
    """Three large buttons: 导入方案, 新建方案, 打开示例方案."""

    import_requested = Signal()
    new_plan_requested = Signal()
    sample_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome_page")
        self.import_button = self._big_button(
            "导入方案",
            "import_plan.svg",
            "从 Word、WPS、PDF、OFD 或文本文件读入整改方案，自动分解任务",
        )
        self.new_plan_button = self._big_button(
            "新建方案", "new_plan.svg", "新建一个空白方案，逐项录入整改任务"
        )
        self.sample_button = self._big_button(
            "打开示例方案", "app.svg", "导入程序自带的示例方案（虚构单位和人员），熟悉用法"
        )
        self._build_layout()
        self._connect_callbacks()

    def _big_button(self, text: str, icon_name: str, tip: str) -> QPushButton:
        """A large button with the icon above its caption (a QPushButton keeps keyboard use)."""
        button = QPushButton(self)
        button.setObjectName("welcome_button")
        button.setAccessibleName(text)
        button.setToolTip(tip)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        icon = QLabel(button)
        icon.setPixmap(QIcon(str(resource_path("icons", icon_name))).pixmap(QSize(48, 48)))
        icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        caption = QLabel(text, button)
        caption_font = QFont(caption.font())
        caption_font.setPointSizeF(caption_font.pointSizeF() * 1.2)
        caption.setFont(caption_font)
        caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(button)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(10)
        for label in (icon, caption):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(label)
        button.setMinimumSize(layout.sizeHint().expandedTo(QSize(160, 0)))
        return button

    def _build_layout(self) -> None:
        title = QLabel(APP_NAME, self)
        title_font = QFont(title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 2)
        title_font.setBold(True)
        title.setFont(title_font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)

        explanation = QLabel(EXPLANATION, self)
        explanation.setObjectName("welcome_explanation")
        explanation.setWordWrap(True)
        explanation.setAlignment(Qt.AlignmentFlag.AlignCenter)
        explanation.setFixedWidth(480)
        explanation_row = QHBoxLayout()
        explanation_row.addStretch(1)
        explanation_row.addWidget(explanation)
        explanation_row.addStretch(1)

        buttons = QHBoxLayout()
        buttons.setSpacing(24)
        buttons.addStretch(1)
        for button in (self.import_button, self.new_plan_button, self.sample_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(title)
        layout.addSpacing(12)
        layout.addLayout(explanation_row)
        layout.addSpacing(28)
        layout.addLayout(buttons)
        layout.addStretch(3)

    def _connect_callbacks(self) -> None:
        self.import_button.clicked.connect(self.import_requested)
        self.new_plan_button.clicked.connect(self.new_plan_requested)
        self.sample_button.clicked.connect(self.sample_requested)
