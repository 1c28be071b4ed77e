#ifndef TRAINHUB_SERVICES_API_LOCALIZATION_H_
#define TRAINHUB_SERVICES_API_LOCALIZATION_H_

// trainhubd's refusals in the caller's language. The domain writes each
// refusal as an English ICU MessageFormat pattern with arguments
// (domain/message.h); the catalogue of each further language maps those
// patterns to its own (services/api/messages/<language>/*.json, a file per
// capability, built into trainhubd). A call's `accept-language` metadata picks the language.

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_interceptor.h>

#include <optional>
#include <string>
#include "absl/strings/string_view.h"
#include <vector>

#include "domain/message.h"
#include "trainhub/v1/common.pb.h"

namespace trainhub::api {

// The languages trainhubd speaks, English first.
const std::vector<std::string>& Languages();

// The translation of English `pattern` into `language`, or nullopt when the
// catalogue has none (English: the pattern itself).
std::optional<std::string> Translation(absl::string_view language, absl::string_view pattern);

// Every pattern in `language`'s catalogue (empty for English and unknown
// languages), for the test that keeps catalogues and code together.
std::vector<std::string> CataloguePatterns(absl::string_view language);
// Patterns that two files of `language` translate differently.
std::vector<std::string> CatalogueConflicts(absl::string_view language);

// The best of Languages() for an `accept-language` value (RFC 9110: a list
// of language ranges with optional q-values, "*" for any): the range with
// the highest q that names a language trainhubd speaks (by its primary
// subtag); English when none does. Malformed entries are skipped; only the
// first 512 bytes are read.
std::string PickLanguage(absl::string_view accept_language);

// `message` in `language`, the items of its lists too; its English where
// the catalogue has no translation.
std::string SaidIn(const domain::Message& message, absl::string_view language);

// The language a call's `accept-language` metadata asks for (PickLanguage),
// or nullopt when it sends none.
std::optional<std::string> AskedLanguage(const grpc::ServerContext& context);

// Writes `details`' localized message and descriptions in `language` from
// their internal patterns (falling back to the English text where a
// pattern has no translation), keeping the details within `max_bytes`
// (descriptions stop being localized where they would not fit). Clears the
// internal patterns.
void Localize(trainhub::v1::ErrorDetails& details, const std::string& english_message,
              absl::string_view language, size_t max_bytes);

// Localizes the error details of every refused trainhub call for the
// language its `accept-language` metadata asks for; without it, only the
// internal patterns are removed. English stays in the status message.
class LocalizeFactory : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;
};

}  // namespace trainhub::api

#endif  // TRAINHUB_SERVICES_API_LOCALIZATION_H_
