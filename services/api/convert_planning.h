#ifndef TRAINHUB_SERVICES_API_CONVERT_PLANNING_H_
#define TRAINHUB_SERVICES_API_CONVERT_PLANNING_H_

// proto <-> domain for organisations, trainers, series, modules and sessions (see api/convert.h).
// ToProto lives beside the messages it fills, in trainhub::v1, so that
// Reply and ReplyPage (api/handler_util.h) find it by argument-dependent lookup.

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "api/convert.h"
#include "domain/model.h"
#include "trainhub/v1/organization.pb.h"
#include "trainhub/v1/series.pb.h"
#include "trainhub/v1/trainer.pb.h"

namespace trainhub::api {

domain::Organization FromProto(const trainhub::v1::Organization& in);
domain::Trainer FromProto(const trainhub::v1::Trainer& in);
// `prefix` names the series in the request, e.g. "series".
absl::StatusOr<domain::Series> FromProto(const trainhub::v1::Series& in, absl::string_view prefix);
domain::Module FromProto(const trainhub::v1::Module& in);
// `prefix` names the session in the request, e.g. "session".
absl::StatusOr<domain::Session> FromProto(const trainhub::v1::Session& in,
                                          absl::string_view prefix);

}  // namespace trainhub::api

namespace trainhub::v1 {

void ToProto(const domain::Organization& in, Organization* out);
void ToProto(const domain::Trainer& in, Trainer* out);
void ToProto(const domain::Series& in, Series* out);
void ToProto(const domain::Module& in, Module* out);
void ToProto(const domain::Session& in, Session* out);

}  // namespace trainhub::v1

#endif  // TRAINHUB_SERVICES_API_CONVERT_PLANNING_H_
