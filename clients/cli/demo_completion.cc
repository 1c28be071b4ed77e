// trainhub demo load: completion rules and certificates (see demo_loader.h).

#include "clients/cli/demo_loader.h"
#include "trainhub/v1/certificate.grpc.pb.h"

namespace trainhub::cli::demo {

// The series' completion rule, as the coordinator sets it.
grpc::Status DemoLoader::SetCompletionRule(const json& d, int64_t series_id) {
  if (!d.contains("completion_rule")) return grpc::Status::OK;
  // A rule set before (by a load or a coordinator since) stays.
  v1::GetCompletionRuleRequest get;
  get.set_series_id(series_id);
  v1::CompletionRule current;
  grpc::Status read =
      c_.Call(c_.stub<v1::CertificateService>(),
              &v1::CertificateService::StubInterface::GetCompletionRule, get, &current);
  if (!read.ok()) return read;
  if (!current.is_default()) return grpc::Status::OK;
  const json& r = d.at("completion_rule");
  v1::SetCompletionRuleRequest request;
  v1::CompletionRule* rule = request.mutable_rule();
  rule->set_series_id(series_id);
  rule->set_all_modules(r.value("all_modules", false));
  rule->set_min_modules(r.value("min_modules", 0));
  rule->set_mandatory_modules(r.value("mandatory_modules", false));
  if (r.contains("max_excused")) rule->set_max_excused(r.at("max_excused"));
  rule->set_min_teaching_unit_percent(r.value("min_teaching_unit_percent", 0));
  rule->set_allowed_minutes_missed(r.value("allowed_minutes_missed", 0));
  rule->set_confirmation_min_modules(r.value("confirmation_min_modules", 0));
  v1::CompletionRule stored;
  return c_.Call(c_.stub<v1::CertificateService>(),
                 &v1::CertificateService::StubInterface::SetCompletionRule, request, &stored);
}

// Everyone's Zertifikat or Teilnahmebestätigung, issued once.
grpc::Status DemoLoader::IssueCertificates(const json& d, int64_t series_id, Counts& counts) {
  if (!d.value("issue_certificates", false)) return grpc::Status::OK;
  v1::IssueCertificatesRequest request;
  request.set_series_id(series_id);
  request.set_request_id("demo-certificates-" + d.at("key").get<std::string>());
  v1::IssueCertificatesResponse issued;
  grpc::Status status =
      c_.Call(c_.stub<v1::CertificateService>(),
              &v1::CertificateService::StubInterface::IssueCertificates, request, &issued);
  if (status.ok()) counts.certificates += issued.issued_size();
  return status;
}

}  // namespace trainhub::cli::demo
