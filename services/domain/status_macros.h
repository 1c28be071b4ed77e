#ifndef TRAINHUB_SERVICES_DOMAIN_STATUS_MACROS_H_
#define TRAINHUB_SERVICES_DOMAIN_STATUS_MACROS_H_

// Early returns for absl::Status / absl::StatusOr (Debian's abseil ships
// none of its own).

#define TH_CONCAT_INNER_(a, b) a##b
#define TH_CONCAT_(a, b) TH_CONCAT_INNER_(a, b)

#define TH_RETURN_IF_ERROR(expr)                              \
  do {                                                        \
    if (absl::Status th_status_ = (expr); !th_status_.ok()) { \
      return th_status_;                                      \
    }                                                         \
  } while (false)

#define TH_ASSIGN_OR_RETURN(lhs, expr) \
  TH_ASSIGN_OR_RETURN_IMPL_(TH_CONCAT_(th_statusor_, __LINE__), lhs, expr)

#define TH_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return tmp.status();             \
  lhs = std::move(tmp).value()

#endif  // TRAINHUB_SERVICES_DOMAIN_STATUS_MACROS_H_
