#ifndef TRAINHUB_SERVICES_API_CONVERT_ACCOUNTS_H_
#define TRAINHUB_SERVICES_API_CONVERT_ACCOUNTS_H_

// proto <-> domain for accounts and the audit log (see api/convert.h).
// ToProto lives beside the messages it fills, in trainhub::v1, so that
// Reply and ReplyPage (api/handler_util.h) find it by argument-dependent lookup.

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "api/convert.h"
#include "domain/accounts/audit_chain.h"
#include "domain/model.h"
#include "trainhub/v1/account.pb.h"
#include "trainhub/v1/audit.pb.h"

namespace trainhub::api {

domain::Account FromProto(const trainhub::v1::Account& in);

}  // namespace trainhub::api

namespace trainhub::v1 {

void ToProto(const domain::AuditEvent& in, AuditEvent* out);
void ToProto(const domain::Account& in, Account* out);
void ToProto(const domain::AuditChainCheck& in, AuditLogVerification* out);

}  // namespace trainhub::v1

#endif  // TRAINHUB_SERVICES_API_CONVERT_ACCOUNTS_H_
