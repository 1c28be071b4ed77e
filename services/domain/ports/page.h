#ifndef TRAINHUB_SERVICES_DOMAIN_PORTS_PAGE_H_
#define TRAINHUB_SERVICES_DOMAIN_PORTS_PAGE_H_

// Keyset paging, shared by every List of the storage ports.

#include <optional>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "domain/model.h"

namespace trainhub::domain {

// Keyset position: the sort key (e.g. a start time in seconds, a position
// or the id itself) and the id of the last item already returned.
struct Cursor {
  int64_t key = 0;
  Id id = 0;
  bool operator==(const Cursor&) const = default;
};

struct PageRequest {
  int limit = 50;
  std::optional<Cursor> after;
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::optional<Cursor> next;  // set when more items follow
};

// Every item of a List, read page by page: `list(page)` returns a
// StatusOr<Page<T>> and is called until there is no next page.
template <typename T, typename List>
absl::StatusOr<std::vector<T>> AllPages(List list) {
  std::vector<T> out;
  PageRequest page;
  page.limit = 500;
  while (true) {
    absl::StatusOr<Page<T>> got = list(page);
    if (!got.ok()) return got.status();
    for (T& item : got->items) out.push_back(std::move(item));
    if (!got->next) return out;
    page.after = got->next;
  }
}

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_PORTS_PAGE_H_
