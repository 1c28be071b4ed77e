#include "clients/desktop/token_store.h"

#include <qt6keychain/keychain.h>

#include <QEventLoop>
#include <QTimer>

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
    *error = timeout.isActive() ? job.errorString() : QStringLiteral("no answer from the keychain");
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

void TokenStore::Forget(const QString& account) {
  QKeychain::DeletePasswordJob job(kService);
  job.setKey(account);
  RunJob(job, nullptr);
}

}  // namespace trainhub::desktop
