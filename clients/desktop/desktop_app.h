#ifndef TRAINHUB_CLIENTS_DESKTOP_DESKTOP_APP_H_
#define TRAINHUB_CLIENTS_DESKTOP_DESKTOP_APP_H_

// The application's flow: sign in (or reuse the token in the keychain),
// the main window for the account, sign out, language changes.

#include <QObject>
#include <QString>
#include <QTranslator>
#include <memory>
#include <optional>

#include "clients/desktop/attendance_sync.h"
#include "clients/desktop/connection.h"
#include "clients/desktop/main_window.h"
#include "clients/desktop/offline_queue.h"

namespace trainhub::desktop {

class LoginDialog;

class DesktopApp : public QObject {
  Q_OBJECT
 public:
  struct Options {
    QString server;
    QString email;
    std::optional<QString> password;  // given on standard input: sign in at once
    bool tls = false;
    QString ca_file;
    QString language;  // "de", "en"; empty: the saved choice, else the system's
  };
  explicit DesktopApp(Options options);
  ~DesktopApp() override;

  void Start();
  // Loads the translations of `language` ("de", "en").
  static void UseLanguage(const QString& language);

  MainWindow* window() { return window_.get(); }
  // While signed in: the connection and the attendance sender.
  std::shared_ptr<Connection> connection() { return connection_; }
  AttendanceSync* sync() { return sync_.get(); }
  LoginDialog* login_dialog() { return login_; }

 signals:
  void windowShown();

 private:
  void ShowLogin();
  void SignedIn(std::shared_ptr<Connection> connection, const trainhub::v1::Account& account,
                bool remember);
  void ShowWindow();
  void SignOut();
  QString TokenAccount() const;

  Options options_;
  LoginDialog* login_ = nullptr;
  std::shared_ptr<Connection> connection_;
  trainhub::v1::Account account_;
  std::unique_ptr<OfflineQueue> queue_;
  std::unique_ptr<AttendanceSync> sync_;
  std::unique_ptr<MainWindow> window_;
};

}  // namespace trainhub::desktop

#endif  // TRAINHUB_CLIENTS_DESKTOP_DESKTOP_APP_H_
