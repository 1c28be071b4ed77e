#include "clients/desktop/login_dialog.h"

#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSettings>
#include <QVBoxLayout>

#include "clients/desktop/background.h"
#include "clients/desktop/error_text.h"
#include "clients/desktop/server_call.h"

namespace trainhub::desktop {

namespace v1 = trainhub::v1;

namespace {

// A CA file bigger than this is not a CA file.
constexpr qint64 kMaxCaFileBytes = 1024 * 1024;

}  // namespace

LoginDialog::LoginDialog(QWidget* parent) : QDialog(parent) {
  setWindowTitle(tr("Sign in to trainhub"));
  QSettings settings;
  server_ = new QLineEdit(settings.value("server", "127.0.0.1:50051").toString());
  server_->setAccessibleName(tr("Server address"));
  email_ = new QLineEdit(settings.value("email").toString());
  email_->setAccessibleName(tr("E-mail"));
  email_->setMaxLength(320);
  password_ = new QLineEdit;
  password_->setEchoMode(QLineEdit::Password);
  password_->setAccessibleName(tr("Password"));
  password_->setMaxLength(1024);
  tls_ = new QCheckBox(tr("Encrypted connection (TLS)"));
  tls_->setChecked(settings.value("tls", false).toBool());
  ca_file_ = new QLineEdit(settings.value("ca_file").toString());
  ca_file_->setAccessibleName(tr("CA certificate file"));
  ca_file_->setPlaceholderText(tr("the system's certificates"));
  ca_browse_ = new QPushButton(tr("Choose…"));
  ca_browse_->setAccessibleName(tr("Choose the CA certificate file"));
  remember_ = new QCheckBox(tr("Stay signed in (kept in the system keychain)"));
  remember_->setChecked(settings.value("remember", true).toBool());
  error_ = new QLabel;
  error_->setObjectName("error");
  error_->setWordWrap(true);
  error_->setStyleSheet("color: #b00020");
  error_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  sign_in_ = new QPushButton(tr("Sign in"));
  sign_in_->setDefault(true);

  auto* ca_row = new QHBoxLayout;
  ca_row->addWidget(ca_file_);
  ca_row->addWidget(ca_browse_);
  auto* form = new QFormLayout;
  form->addRow(tr("&Server:"), server_);
  form->addRow(tr("&E-mail:"), email_);
  form->addRow(tr("&Password:"), password_);
  form->addRow(QString(), tls_);
  auto* ca_label = new QLabel(tr("&CA file:"));
  ca_label->setBuddy(ca_file_);
  form->addRow(ca_label, ca_row);
  form->addRow(QString(), remember_);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(error_);
  layout->addWidget(sign_in_, 0, Qt::AlignRight);
  const auto update_tls = [this]() {
    ca_file_->setEnabled(tls_->isChecked());
    ca_browse_->setEnabled(tls_->isChecked());
  };
  update_tls();
  connect(tls_, &QCheckBox::toggled, this, update_tls);
  connect(ca_browse_, &QPushButton::clicked, this, [this]() {
    const QString file = QFileDialog::getOpenFileName(this, tr("CA certificate"), QString(),
                                                      tr("PEM files (*.pem *.crt);;All files (*)"));
    if (!file.isEmpty()) ca_file_->setText(file);
  });
  connect(sign_in_, &QPushButton::clicked, this, &LoginDialog::SignIn);
  if (!email_->text().isEmpty()) password_->setFocus();
}

void LoginDialog::SetServer(const QString& address) { server_->setText(address); }
void LoginDialog::SetEmail(const QString& email) { email_->setText(email); }
void LoginDialog::SetPassword(const QString& password) { password_->setText(password); }

void LoginDialog::SetTls(bool tls, const QString& ca_file) {
  tls_->setChecked(tls);
  ca_file_->setText(ca_file);
}

void LoginDialog::SignIn() {
  error_->clear();
  const QString address = server_->text().trimmed();
  if (address.isEmpty()) {
    error_->setText(tr("Enter the server's address, e.g. 127.0.0.1:50051."));
    server_->setFocus();
    return;
  }
  if (email_->text().trimmed().isEmpty()) {
    error_->setText(tr("Enter your e-mail address."));
    email_->setFocus();
    return;
  }
  Connection::Settings settings{address.toStdString(), tls_->isChecked(), {}};
  if (settings.tls && !ca_file_->text().isEmpty()) {
    QFile file(ca_file_->text());
    if (!file.open(QIODevice::ReadOnly) || file.size() > kMaxCaFileBytes) {
      error_->setText(tr("The CA file cannot be read: %1").arg(ca_file_->text()));
      return;
    }
    settings.ca_pem = file.readAll().toStdString();
  }
  connection_ = std::make_shared<Connection>(std::move(settings));
  v1::LoginRequest request;
  request.set_email(email_->text().trimmed().toStdString());
  request.set_password(password_->text().toStdString());
  sign_in_->setEnabled(false);
  CallInBackground(
      this, connection_, &Connection::accounts, &v1::AccountService::Stub::Login, request,
      [this](Reply<v1::LoginResponse> reply) {
        sign_in_->setEnabled(true);
        if (!reply.ok()) {
          const ErrorText text =
              DescribeError(reply.status, {{"email", tr("E-mail")}, {"password", tr("Password")}});
          error_->setText(reply.status.error_code() == grpc::StatusCode::UNAUTHENTICATED
                              ? tr("The e-mail or the password is not right.")
                              : text.ToString());
          return;
        }
        login_ = reply.value;
        connection_->SetToken(login_.token());
        QSettings settings;
        settings.setValue("server", server_->text().trimmed());
        settings.setValue("email", email_->text().trimmed());
        settings.setValue("tls", tls_->isChecked());
        settings.setValue("ca_file", ca_file_->text());
        settings.setValue("remember", remember_->isChecked());
        password_->clear();
        accept();
      });
}

}  // namespace trainhub::desktop
