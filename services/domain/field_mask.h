#ifndef TRAINHUB_SERVICES_DOMAIN_FIELD_MASK_H_
#define TRAINHUB_SERVICES_DOMAIN_FIELD_MASK_H_

// Partial updates (Google AIP-134): an update names the fields it changes in
// a mask; each entity lists its updatable fields once, as a table of mask
// paths and members, and updates are checked and applied from that table.

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "domain/errors.h"

namespace trainhub::domain {

using UpdateMask = std::set<std::string, std::less<>>;

// One updatable field of `T`: its path in an update mask and how a patch's
// value replaces the stored one.
template <typename T>
struct MaskedField {
  const char* path;
  std::function<void(T& stored, const T& patch)> copy;
};

// The field `path` of `T` stored in `member`.
template <typename T, typename Member>
MaskedField<T> Field(const char* path, Member T::*member) {
  return {path, [member](T& stored, const T& patch) { stored.*member = patch.*member; }};
}

inline bool Has(const UpdateMask& mask, absl::string_view path) {
  return mask.find(path) != mask.end();
}

// INVALID_ARGUMENT on "update_mask" when the mask is empty or names a path
// that is not in `fields`; the message lists the paths allowed.
template <typename T>
absl::Status CheckMask(const UpdateMask& mask, const std::vector<MaskedField<T>>& fields) {
  std::vector<std::string> allowed;
  for (const MaskedField<T>& f : fields) allowed.push_back(f.path);
  if (mask.empty()) {
    return InvalidField("update_mask", absl::StrCat("name at least one field to update: ",
                                                    absl::StrJoin(allowed, ", ")));
  }
  for (const std::string& path : mask) {
    if (std::find(allowed.begin(), allowed.end(), path) == allowed.end()) {
      return InvalidField("update_mask",
                          absl::StrCat("unknown or read-only field \"", path,
                                       "\"; allowed: ", absl::StrJoin(allowed, ", ")));
    }
  }
  return absl::OkStatus();
}

// Copies the fields named in `mask` from `patch` into `stored`.
template <typename T>
void ApplyMask(T& stored, const T& patch, const UpdateMask& mask,
               const std::vector<MaskedField<T>>& fields) {
  for (const MaskedField<T>& f : fields) {
    if (Has(mask, f.path)) f.copy(stored, patch);
  }
}

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_FIELD_MASK_H_
