"""Signing in: the central server, the account and this counter's station.

The password goes to the server once; the refresh token the server returns is kept in
the OS keyring. A station that signed in before opens offline without this dialog.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QVBoxLayout, QWidget)

from desktop.errors import user_message


class LoginDialog(QDialog):
    signed_in = Signal(object)      # LoginResult

    def __init__(self, tasks: Any, session: Any, *, server_url: str = "", station: str = "",
                 username: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("Sign in to the central server"))
        self.tasks, self.session = tasks, session
        self.server = QLineEdit(server_url, objectName="server")
        self.server.setPlaceholderText("https://central.example.gov.cn")
        self.username = QLineEdit(username, objectName="username")
        self.password = QLineEdit(objectName="password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.station = QLineEdit(station, objectName="station")
        self.station.setPlaceholderText(self.tr("this counter's station, e.g. SQ01"))
        self.error = QLabel(objectName="loginError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        form = QFormLayout()
        form.addRow(self.tr("Server"), self.server)
        form.addRow(self.tr("Account"), self.username)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Station"), self.station)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(self.tr("Sign in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("signInButton")
        self.ok.setDefault(True)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        note = QLabel(self.tr("Without signing in you can keep working on this desk; "
                              "everything recorded is sent once you sign in."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #5f6b63;")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(note)
        layout.addWidget(buttons)
        (self.password if username else self.username).setFocus()

    def submit(self) -> None:
        server, user = self.server.text().strip(), self.username.text().strip()
        password, station = self.password.text(), self.station.text().strip().upper()
        missing = [(w, name) for w, name in ((self.server, self.tr("server")),
                                             (self.username, self.tr("account")),
                                             (self.password, self.tr("password")),
                                             (self.station, self.tr("station")))
                   if not w.text().strip()]
        if missing:
            self.error.setText(self.tr("Please fill in the %1.").replace("%1", missing[0][1]))
            missing[0][0].setFocus()
            return
        self.ok.setEnabled(False)
        self.error.setText(self.tr("Signing in…"))
        self.tasks.run_net(lambda: self.session.login(user, password, station, server),
                           self._done)

    def _done(self, future: Any) -> None:
        self.ok.setEnabled(True)
        try:
            result = future.result()
        except Exception as exc:  # noqa: BLE001 - the clerk reads why
            self.error.setText(user_message(exc))
            self.password.selectAll()
            self.password.setFocus()
            return
        self.password.clear()
        self.signed_in.emit(result)
        self.accept()
