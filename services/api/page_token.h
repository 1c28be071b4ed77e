#ifndef TRAINHUB_SERVICES_API_PAGE_TOKEN_H_
#define TRAINHUB_SERVICES_API_PAGE_TOKEN_H_

// Opaque page tokens (AIP-158) and request fingerprints. A token is bound
// to the query it came from: used with other filters it is refused.

#include <google/protobuf/message.h>

#include <initializer_list>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "domain/ports/page.h"

namespace trainhub::api {

// A stable digest (hex) of `request` with `ignored_fields` cleared; equal
// for equal content across processes and builds of the same schema.
std::string RequestFingerprint(const google::protobuf::Message& request,
                               std::initializer_list<absl::string_view> ignored_fields);

// The page asked for by a List request that has page_size and page_token
// fields. page_size 0 means kDefaultPageSize; above kMaxPageSize it is
// lowered to kMaxPageSize; negative is INVALID_ARGUMENT. A token that is
// malformed or from another query is INVALID_ARGUMENT on "page_token".
absl::StatusOr<domain::PageRequest> ReadPage(const google::protobuf::Message& request,
                                             int32_t page_size, const std::string& page_token);

// The next_page_token for `request`: empty when `next` is unset.
std::string NextPageToken(const google::protobuf::Message& request,
                          const std::optional<domain::Cursor>& next);

}  // namespace trainhub::api

#endif  // TRAINHUB_SERVICES_API_PAGE_TOKEN_H_
