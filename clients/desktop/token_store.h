#ifndef TRAINHUB_CLIENTS_DESKTOP_TOKEN_STORE_H_
#define TRAINHUB_CLIENTS_DESKTOP_TOKEN_STORE_H_

// Where a signed-in token is kept between runs: the system keychain
// (Secret Service, KWallet) through QtKeychain, never a plain file. Without
// a keychain the token lives only in memory and the user signs in at each
// start. Blocking, with a short timeout; UI thread.

#include <QCoreApplication>
#include <QString>
#include <optional>

namespace trainhub::desktop {

class TokenStore {
  Q_DECLARE_TR_FUNCTIONS(TokenStore)

 public:
  // The token kept for `account` ("e-mail@server"), if any.
  static std::optional<QString> Load(const QString& account);
  // Keeps `token`; false (and a reason in `error`, in the user's language)
  // when no keychain took it.
  static bool Save(const QString& account, const QString& token, QString* error);
  static void Forget(const QString& account);
  // What a QtKeychain error code (QKeychain::Error) means, in the user's
  // language: QtKeychain's own texts are English ("Unknown error").
  static QString Problem(int keychain_error);
  // The reason given when the keychain does not answer in time.
  static QString NoAnswer();
};

}  // namespace trainhub::desktop

#endif  // TRAINHUB_CLIENTS_DESKTOP_TOKEN_STORE_H_
