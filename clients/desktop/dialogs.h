#ifndef TRAINHUB_CLIENTS_DESKTOP_DIALOGS_H_
#define TRAINHUB_CLIENTS_DESKTOP_DIALOGS_H_

// Small dialogs and file helpers shared by the pages: a reason asked before
// a step that cannot be undone, the minutes a late person missed, and
// saving a file the server sent where the user chose.

#include <QByteArray>
#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QString>
#include <functional>

namespace trainhub::desktop {

// Asks for a reason (required, up to 1000 characters) and a confirmation
// in one: the confirming button is enabled only once a reason is typed.
// Used before irreversible steps (revoking a certificate, erasing a
// person's data) and for corrections that the history keeps.
class ReasonDialog : public QDialog {
  Q_OBJECT
 public:
  // `text` says what happens and what cannot be undone; `confirm` is the
  // confirming button's label (e.g. "Revoke").
  ReasonDialog(const QString& title, const QString& text, const QString& confirm,
               QWidget* parent = nullptr);

  // The reason typed, trimmed.
  QString reason() const { return reason_->text().trimmed(); }
  QLineEdit* reason_edit() { return reason_; }
  QPushButton* confirm_button() { return confirm_; }

 private:
  QLineEdit* reason_;
  QPushButton* confirm_;
};

// Asks how many minutes of a session a person marked late missed (late
// arrival or early leave): 0 up to the session's length.
class LateMinutesDialog : public QDialog {
  Q_OBJECT
 public:
  LateMinutesDialog(const QString& person, int session_minutes, int suggested,
                    QWidget* parent = nullptr);

  int minutes() const { return minutes_->value(); }
  QSpinBox* minutes_box() { return minutes_; }

 private:
  QSpinBox* minutes_;
};

// The minutes since `start` if now lies between `start_seconds` and
// `end_seconds` (Unix seconds), else 0: what a trainer marking someone late
// during the session most likely means.
int MinutesLateNow(qint64 start_seconds, qint64 end_seconds, qint64 now_seconds);

// Asks where to save a file: the path chosen, or empty when the user
// cancelled. Pages take one so that tests can answer without a dialog.
using ChooseSaveFile =
    std::function<QString(QWidget* parent, const QString& suggested_name, const QString& filter)>;
// The file dialog of the desktop, starting in the user's documents folder.
ChooseSaveFile FileDialogChooser();

// Writes `content` to `path` as a whole or not at all (a temporary file
// renamed at the end). `private_file`: readable by the user only (0600),
// for files with personal data. False with `error` set on failure.
bool SaveWhole(const QString& path, const QByteArray& content, bool private_file, QString* error);

}  // namespace trainhub::desktop

#endif  // TRAINHUB_CLIENTS_DESKTOP_DIALOGS_H_
