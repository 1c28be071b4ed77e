#ifndef TRAINHUB_CLIENTS_DESKTOP_LOGIN_DIALOG_H_
#define TRAINHUB_CLIENTS_DESKTOP_LOGIN_DIALOG_H_

// Sign-in: server address, e-mail, password, TLS with a CA file. On
// success the dialog holds the connection, the token and the account.

#include <QCheckBox>
#include <QDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <memory>

#include "clients/desktop/connection.h"

namespace trainhub::desktop {

class LoginDialog : public QDialog {
  Q_OBJECT
 public:
  explicit LoginDialog(QWidget* parent = nullptr);

  void SetServer(const QString& address);
  void SetEmail(const QString& email);
  void SetPassword(const QString& password);
  // TLS, trusting the CAs of `ca_file` (empty: the system's).
  void SetTls(bool tls, const QString& ca_file);
  // Signs in with what the fields hold (the Sign in button).
  void SignIn();

  bool remember() const { return remember_->isChecked(); }
  std::shared_ptr<Connection> connection() const { return connection_; }
  const trainhub::v1::LoginResponse& login() const { return login_; }

 private:
  QLineEdit* server_;
  QLineEdit* email_;
  QLineEdit* password_;
  QCheckBox* tls_;
  QLineEdit* ca_file_;
  QPushButton* ca_browse_;
  QCheckBox* remember_;
  QLabel* error_;
  QPushButton* sign_in_;
  std::shared_ptr<Connection> connection_;
  trainhub::v1::LoginResponse login_;
};

}  // namespace trainhub::desktop

#endif  // TRAINHUB_CLIENTS_DESKTOP_LOGIN_DIALOG_H_
