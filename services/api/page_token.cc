#include "api/page_token.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <sodium.h>

#include <memory>

#include "absl/strings/escaping.h"
#include "domain/errors.h"
#include "domain/limits.h"

namespace trainhub::api {
namespace {

constexpr char kTokenVersion = '1';
constexpr size_t kDigestBytes = 16;
constexpr size_t kTokenBytes = 1 + kDigestBytes + 8 + 8;

std::string Digest(const google::protobuf::Message& request,
                   std::initializer_list<absl::string_view> ignored_fields) {
  std::unique_ptr<google::protobuf::Message> copy(request.New());
  copy->CopyFrom(request);
  const auto* descriptor = copy->GetDescriptor();
  const auto* reflection = copy->GetReflection();
  for (absl::string_view name : ignored_fields) {
    if (const auto* field = descriptor->FindFieldByName(std::string(name))) {
      reflection->ClearField(copy.get(), field);
    }
  }
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    copy->SerializeToCodedStream(&coded);
  }
  const std::string type = descriptor->full_name();
  unsigned char digest[kDigestBytes];
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, sizeof digest);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(type.data()),
                            type.size());
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(bytes.data()),
                            bytes.size());
  crypto_generichash_final(&state, digest, sizeof digest);
  return std::string(reinterpret_cast<const char*>(digest), sizeof digest);
}

std::string QueryDigest(const google::protobuf::Message& request) {
  return Digest(request, {"page_size", "page_token"});
}

void PutInt64(std::string& out, int64_t value) {
  const auto u = static_cast<uint64_t>(value);
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((u >> (8 * i)) & 0xFF));
}

int64_t GetInt64(absl::string_view in) {
  uint64_t u = 0;
  for (int i = 0; i < 8; ++i) {
    u |= static_cast<uint64_t>(static_cast<unsigned char>(in[i])) << (8 * i);
  }
  return static_cast<int64_t>(u);
}

}  // namespace

std::string RequestFingerprint(const google::protobuf::Message& request,
                               std::initializer_list<absl::string_view> ignored_fields) {
  return absl::BytesToHexString(Digest(request, ignored_fields));
}

absl::StatusOr<domain::PageRequest> ReadPage(const google::protobuf::Message& request,
                                             int32_t page_size, const std::string& page_token) {
  domain::PageRequest page;
  if (page_size < 0) {
    return domain::InvalidField("page_size", domain::Msg("must not be negative"));
  }
  page.limit = page_size == 0 ? domain::kDefaultPageSize
                              : std::min<int32_t>(page_size, domain::kMaxPageSize);
  if (page_token.empty()) return page;
  std::string raw;
  if (!absl::WebSafeBase64Unescape(page_token, &raw) || raw.size() != kTokenBytes ||
      raw[0] != kTokenVersion) {
    return domain::InvalidField("page_token",
                                domain::Msg("is not a page token issued by this server"));
  }
  if (raw.substr(1, kDigestBytes) != QueryDigest(request)) {
    return domain::InvalidField(
        "page_token", domain::Msg("belongs to a different query; repeat the first request's filters "
                                  "or start again without page_token"));
  }
  absl::string_view rest = absl::string_view(raw).substr(1 + kDigestBytes);
  page.after = domain::Cursor{GetInt64(rest.substr(0, 8)), GetInt64(rest.substr(8, 8))};
  return page;
}

std::string NextPageToken(const google::protobuf::Message& request,
                          const std::optional<domain::Cursor>& next) {
  if (!next) return "";
  std::string raw(1, kTokenVersion);
  raw += QueryDigest(request);
  PutInt64(raw, next->key);
  PutInt64(raw, next->id);
  return absl::WebSafeBase64Escape(raw);
}

}  // namespace trainhub::api
