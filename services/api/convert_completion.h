#ifndef TRAINHUB_SERVICES_API_CONVERT_COMPLETION_H_
#define TRAINHUB_SERVICES_API_CONVERT_COMPLETION_H_

// proto <-> domain for completion rules and decisions, certificates and their verification (see api/convert.h).
// ToProto lives beside the messages it fills, in trainhub::v1, so that
// Reply and ReplyPage (api/handler_util.h) find it by argument-dependent lookup.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "api/convert.h"
#include "domain/completion/certificate_verifier.h"
#include "domain/completion/completion.h"
#include "trainhub/v1/certificate.pb.h"

namespace trainhub::api {

// The rule's output-only fields are ignored.
domain::CompletionRule RuleFromProto(const trainhub::v1::CompletionRule& in);

}  // namespace trainhub::api

namespace trainhub::v1 {

void ToProto(const domain::CompletionRule& in, CompletionRule* out);
void ToProto(const domain::CompletionDecision& in, CompletionDecision* out);
void ToProto(const domain::PersonCompletion& in, PersonCompletion* out);
void ToProto(const domain::CompletionReport& in, CompletionReport* out);
// `verification_url` is where the serial is checked.
void ToProto(const domain::Certificate& in, const std::string& verification_url, Certificate* out);
void ToProto(const domain::CertificateVerification& in, CertificateVerification* out);

}  // namespace trainhub::v1

#endif  // TRAINHUB_SERVICES_API_CONVERT_COMPLETION_H_
