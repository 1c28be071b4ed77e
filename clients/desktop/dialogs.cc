#include "clients/desktop/dialogs.h"

#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QSaveFile>
#include <QStandardPaths>
#include <QVBoxLayout>
#include <algorithm>

namespace trainhub::desktop {

namespace {

// The longest reason the server takes.
constexpr int kMaxReasonChars = 1000;

}  // namespace

ReasonDialog::ReasonDialog(const QString& title, const QString& text, const QString& confirm,
                           QWidget* parent)
    : QDialog(parent) {
  setWindowTitle(title);
  auto* explanation = new QLabel(text);
  explanation->setWordWrap(true);
  explanation->setTextFormat(Qt::PlainText);
  reason_ = new QLineEdit;
  reason_->setObjectName("reason");
  reason_->setAccessibleName(tr("Reason"));
  reason_->setMaxLength(kMaxReasonChars);
  reason_->setMinimumWidth(420);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
  confirm_ = buttons->addButton(confirm, QDialogButtonBox::AcceptRole);
  confirm_->setObjectName("confirm");
  confirm_->setEnabled(false);
  buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
  auto* form = new QFormLayout;
  form->addRow(tr("&Reason:"), reason_);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(explanation);
  layout->addLayout(form);
  layout->addWidget(buttons);
  connect(reason_, &QLineEdit::textChanged, this,
          [this]() { confirm_->setEnabled(!reason().isEmpty()); });
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

LateMinutesDialog::LateMinutesDialog(const QString& person, int session_minutes, int suggested,
                                     QWidget* parent)
    : QDialog(parent) {
  setWindowTitle(tr("Late"));
  auto* question = new QLabel(tr("How many minutes of the session did %1 miss (late arrival or "
                                 "leaving early)?")
                                  .arg(person));
  question->setWordWrap(true);
  question->setTextFormat(Qt::PlainText);
  minutes_ = new QSpinBox;
  minutes_->setObjectName("minutes");
  minutes_->setAccessibleName(tr("Minutes missed"));
  minutes_->setRange(0, std::max(0, session_minutes));
  minutes_->setSuffix(tr(" min"));
  minutes_->setValue(std::clamp(suggested, 0, std::max(0, session_minutes)));
  minutes_->setMinimumHeight(40);
  QFont big = minutes_->font();
  big.setPointSizeF(big.pointSizeF() * 1.5);
  minutes_->setFont(big);
  auto* of = new QLabel(tr("of %n minute(s)", "", session_minutes));
  auto* row = new QHBoxLayout;
  row->addWidget(minutes_);
  row->addWidget(of);
  row->addStretch();
  auto* hint = new QLabel(
      tr("The minutes reduce the teaching units attended; the series' rule says how many may "
         "be missed."));
  hint->setWordWrap(true);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(question);
  layout->addLayout(row);
  layout->addWidget(hint);
  layout->addWidget(buttons);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  minutes_->setFocus();
  minutes_->selectAll();
}

int MinutesLateNow(qint64 start_seconds, qint64 end_seconds, qint64 now_seconds) {
  if (now_seconds <= start_seconds || now_seconds >= end_seconds) return 0;
  return static_cast<int>((now_seconds - start_seconds) / 60);
}

ChooseSaveFile FileDialogChooser() {
  return [](QWidget* parent, const QString& suggested_name, const QString& filter) {
    QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (folder.isEmpty() || !QDir(folder).exists()) folder = QDir::homePath();
    return QFileDialog::getSaveFileName(parent, QString(), QDir(folder).filePath(suggested_name),
                                        filter);
  };
}

bool SaveWhole(const QString& path, const QByteArray& content, bool private_file, QString* error) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) {
    *error = file.errorString();
    return false;
  }
  if (private_file) file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
  if (file.write(content) != content.size() || !file.commit()) {
    *error = file.errorString();
    return false;
  }
  return true;
}

}  // namespace trainhub::desktop
