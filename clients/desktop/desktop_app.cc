#include "clients/desktop/desktop_app.h"

#include <QApplication>
#include <QFile>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>

#include "clients/desktop/background.h"
#include "clients/desktop/error_text.h"
#include "clients/desktop/login_dialog.h"
#include "clients/desktop/server_call.h"
#include "clients/desktop/token_store.h"

namespace trainhub::desktop {

namespace v1 = trainhub::v1;

DesktopApp::DesktopApp(Options options) : options_(std::move(options)) {
  QString language = options_.language;
  if (language.isEmpty()) language = QSettings().value("language").toString();
  if (language.isEmpty()) {
    language = QLocale::system().language() == QLocale::German ? "de" : "en";
  }
  UseLanguage(language);
}

DesktopApp::~DesktopApp() {
  window_.reset();
  delete login_;
}

void DesktopApp::UseLanguage(const QString& language) {
  static QTranslator* ours = nullptr;
  static QTranslator* qt = nullptr;
  for (QTranslator** t : {&ours, &qt}) {
    if (*t != nullptr) {
      QCoreApplication::removeTranslator(*t);
      delete *t;
      *t = nullptr;
    }
  }
  QLocale::setDefault(QLocale(language == "de" ? QLocale::German : QLocale::English));
  Connection::SetLanguage(language.toStdString());
  // English is the source language; its file gives the plural forms.
  ours = new QTranslator;
  if (ours->load(QStringLiteral(":/i18n/trainhub_desktop_%1.qm").arg(language))) {
    QCoreApplication::installTranslator(ours);
  }
  if (language != "de") return;
  // Qt's own texts (Save, Cancel, Yes, the file dialog) come from Debian's
  // qt6-translations-l10n.
  qt = new QTranslator;
  const QString folder = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
  if (qt->load(QLocale(QLocale::German), QStringLiteral("qtbase"), QStringLiteral("_"), folder)) {
    QCoreApplication::installTranslator(qt);
  } else {
    qWarning(
        "trainhub-desktop: Qt's German texts (qtbase_de.qm, package qt6-translations-l10n) "
        "are missing in %s; its buttons stay English",
        qUtf8Printable(folder));
  }
}

QString DesktopApp::TokenAccount() const {
  return QStringLiteral("%1@%2").arg(options_.email, options_.server);
}

void DesktopApp::Start() {
  if (!options_.password && !options_.email.isEmpty() && !options_.server.isEmpty()) {
    if (std::optional<QString> token = TokenStore::Load(TokenAccount())) {
      auto connection = std::make_shared<Connection>(
          Connection::Settings{options_.server.toStdString(), options_.tls, {}});
      if (options_.tls && !options_.ca_file.isEmpty()) {
        QFile ca(options_.ca_file);
        if (ca.open(QIODevice::ReadOnly)) {
          connection = std::make_shared<Connection>(Connection::Settings{
              options_.server.toStdString(), true, ca.read(1024 * 1024).toStdString()});
        }
      }
      connection->SetToken(token->toStdString());
      CallInBackground(this, connection, &Connection::accounts,
                       &v1::AccountService::Stub::GetCurrentAccount, v1::GetCurrentAccountRequest(),
                       [this, connection](Reply<v1::Account> reply) {
                         if (reply.ok()) {
                           SignedIn(connection, reply.value, true);
                         } else {
                           if (reply.status.error_code() == grpc::StatusCode::UNAUTHENTICATED) {
                             TokenStore::Forget(TokenAccount());
                           }
                           ShowLogin();
                         }
                       });
      return;
    }
  }
  ShowLogin();
}

void DesktopApp::ShowLogin() {
  delete login_;
  login_ = new LoginDialog;
  if (!options_.server.isEmpty()) login_->SetServer(options_.server);
  if (!options_.email.isEmpty()) login_->SetEmail(options_.email);
  if (options_.tls) login_->SetTls(true, options_.ca_file);
  connect(login_, &QDialog::accepted, this, [this]() {
    options_.server = QString::fromStdString(login_->connection()->settings().address);
    options_.email = QString::fromStdString(login_->login().account().email());
    SignedIn(login_->connection(), login_->login().account(), login_->remember());
    login_->deleteLater();
    login_ = nullptr;
  });
  connect(login_, &QDialog::rejected, qApp, &QApplication::quit);
  login_->show();
  if (options_.password) {
    login_->SetPassword(*options_.password);
    options_.password.reset();  // only the first sign-in
    login_->SignIn();
  }
}

void DesktopApp::SignedIn(std::shared_ptr<Connection> connection, const v1::Account& account,
                          bool remember) {
  connection_ = std::move(connection);
  account_ = account;
  QString kept_error;
  bool kept = false;
  if (remember) {
    kept =
        TokenStore::Save(TokenAccount(), QString::fromStdString(connection_->token()), &kept_error);
  } else {
    TokenStore::Forget(TokenAccount());
  }
  const QString data = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
  try {
    sync_.reset();
    queue_ = std::make_unique<OfflineQueue>(data + QStringLiteral("/offline.sqlite"));
  } catch (const std::exception& e) {
    QMessageBox::critical(nullptr, tr("trainhub"),
                          tr("The local file for offline attendance cannot be opened (%1): %2")
                              .arg(data, QString::fromUtf8(e.what())));
    qApp->quit();
    return;
  }
  sync_ = std::make_unique<AttendanceSync>(
      *connection_, *queue_, connection_->settings().address + "#" + std::to_string(account.id()));
  ShowWindow();
  if (remember && !kept) {
    window_->statusBar()->showMessage(
        tr("No system keychain (%1): you will sign in again next time.").arg(kept_error), 10000);
  }
}

void DesktopApp::ShowWindow() {
  window_ = std::make_unique<MainWindow>(connection_, *sync_, account_);
  connect(window_.get(), &MainWindow::signOutRequested, this, &DesktopApp::SignOut);
  connect(window_.get(), &MainWindow::languageChosen, this, [this](const QString& language) {
    QSettings().setValue("language", language);
    UseLanguage(language);
    // Rebuilt after this slot returns: the window emitting the signal lives on until then.
    QMetaObject::invokeMethod(this, &DesktopApp::ShowWindow, Qt::QueuedConnection);
  });
  window_->show();
  emit windowShown();
}

void DesktopApp::SignOut() {
  // Its own connection: this one's token is cleared at once.
  auto connection = std::make_shared<Connection>(connection_->settings());
  connection->SetToken(connection_->token());
  TokenStore::Forget(TokenAccount());
  window_.reset();
  // Signing out goes on without waiting; a server away lets the token expire.
  CallInBackground(this, connection, &Connection::accounts, &v1::AccountService::Stub::Logout,
                   v1::LogoutRequest(), std::chrono::seconds(5), [](Reply<v1::LogoutResponse>) {});
  connection_->SetToken({});
  ShowLogin();
}

}  // namespace trainhub::desktop
