#include "domain/documents/hash_fields.h"

#include <sodium.h>

#include "absl/strings/str_cat.h"

namespace trainhub::domain {

void AppendField(std::string& out, absl::string_view value) {
  const uint64_t n = value.size();
  char length[8];
  for (int i = 0; i < 8; ++i) length[i] = static_cast<char>((n >> (8 * i)) & 0xff);
  out.append(length, sizeof length);
  out.append(value.data(), value.size());
}

void AppendField(std::string& out, int64_t value) {
  AppendField(out, absl::AlphaNum(value).Piece());
}

std::string Blake2b256(absl::string_view bytes) {
  std::string hash(crypto_generichash_BYTES, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(hash.data()), hash.size(),
                     reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), nullptr,
                     0);
  return hash;
}

std::string Blake2b256OfFields(std::initializer_list<absl::string_view> fields) {
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, crypto_generichash_BYTES);
  for (absl::string_view field : fields) {
    const uint64_t n = field.size();
    unsigned char length[8];
    for (int i = 0; i < 8; ++i) length[i] = static_cast<unsigned char>((n >> (8 * i)) & 0xff);
    crypto_generichash_update(&state, length, sizeof length);
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(field.data()),
                              field.size());
  }
  std::string hash(crypto_generichash_BYTES, '\0');
  crypto_generichash_final(&state, reinterpret_cast<unsigned char*>(hash.data()), hash.size());
  return hash;
}

}  // namespace trainhub::domain
