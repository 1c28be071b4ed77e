#include "clients/desktop/token_store.h"

#include <qt6keychain/keychain.h>

#include <QEventLoop>
#include <QTimer>
#include <QtDebug>

namespace trainhub::desktop {

namespace {

constexpr char kService[] = "trainhub-desktop";
// A keychain that does not answer within this is treated as absent.
constexpr int kTimeoutMilliseconds = 3000;

// Runs `job` to its end or the timeout; true when it finished without error.
bool RunJob(QKeychain::Job& job, QString* error) {
  job.setAutoDelete(false);
  QEventLoop loop;
  QTimer timeout;
  timeout.setSingleShot(true);
  QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
  QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
  timeout.start(kTimeoutMilliseconds);
  job.start();
  loop.exec();
  if (timeout.isActive() && job.error() == QKeychain::NoError) return true;
  if (error != nullptr) {
    // QtKeychain's own text (English) goes to the log only.
    if (timeout.isActive()) qWarning("keychain: %s", qUtf8Printable(job.errorString()));
    *error = timeout.isActive() ? TokenStore::Problem(job.error()) : TokenStore::NoAnswer();
  }
  return false;
}

}  // namespace

std::optional<QString> TokenStore::Load(const QString& account) {
  QKeychain::ReadPasswordJob job(kService);
  job.setKey(account);
  if (!RunJob(job, nullptr) || job.textData().isEmpty()) return std::nullopt;
  return job.textData();
}

bool TokenStore::Save(const QString& account, const QString& token, QString* error) {
  QKeychain::WritePasswordJob job(kService);
  job.setKey(account);
  job.setTextData(token);
  return RunJob(job, error);
}

QString TokenStore::Problem(int keychain_error) {
  switch (static_cast<QKeychain::Error>(keychain_error)) {
    case QKeychain::NoError:
      return {};
    case QKeychain::EntryNotFound:
      return tr("the keychain holds no sign-in for this account");
    case QKeychain::CouldNotDeleteEntry:
      return tr("the keychain could not delete the old sign-in");
    case QKeychain::AccessDeniedByUser:
      return tr("access to the keychain was refused");
    case QKeychain::AccessDenied:
      return tr("the keychain does not allow access");
    case QKeychain::NoBackendAvailable:
      return tr("no keychain (GNOME Keyring or KWallet) is running");
    case QKeychain::NotImplemented:
      return tr("this system has no keychain trainhub can use");
    case QKeychain::OtherError:
    default:
      return tr("the keychain reported an error");
  }
}

QString TokenStore::NoAnswer() { return tr("the keychain did not answer"); }

void TokenStore::Forget(const QString& account) {
  QKeychain::DeletePasswordJob job(kService);
  job.setKey(account);
  RunJob(job, nullptr);
}

}  // namespace trainhub::desktop
