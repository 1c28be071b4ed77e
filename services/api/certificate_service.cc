#include "api/certificate_service.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "api/handler_util.h"
#include "domain/errors.h"

namespace trainhub::api {
namespace {

constexpr auto kService = v1::CertificateService::service_full_name;

}  // namespace

grpc::Status CertificateServiceImpl::GetCompletionRule(grpc::ServerContext* context,
                                                       const v1::GetCompletionRuleRequest* request,
                                                       v1::CompletionRule* response) {
  TH_ADMIT(call, *context, request, kService(), "GetCompletionRule");
  return Reply(completion_.Rule(call.who, request->series_id()), response);
}

grpc::Status CertificateServiceImpl::SetCompletionRule(grpc::ServerContext* context,
                                                       const v1::SetCompletionRuleRequest* request,
                                                       v1::CompletionRule* response) {
  TH_ADMIT(call, *context, request, kService(), "SetCompletionRule");
  if (!request->has_rule()) return ToGrpcStatus(domain::InvalidField("rule", "is required"));
  return Reply(completion_.SetRule(call, RuleFromProto(request->rule())), response);
}

grpc::Status CertificateServiceImpl::EvaluateCompletion(
    grpc::ServerContext* context, const v1::EvaluateCompletionRequest* request,
    v1::CompletionReport* response) {
  TH_ADMIT(call, *context, request, kService(), "EvaluateCompletion");
  std::set<domain::CompletionProgress> only;
  for (int i = 0; i < request->progress_size(); ++i) {
    const int value = request->progress(i);
    if (value <= 0 || !v1::CompletionProgress_IsValid(value)) {
      return ToGrpcStatus(
          domain::InvalidField(absl::StrCat("progress[", i, "]"), "is not a known progress value"));
    }
    only.insert(ConvertEnum<domain::CompletionProgress>(value));
  }
  return Reply(
      completion_.Evaluate(call.who, request->series_id(), request->participant_id(), only),
      response);
}

grpc::Status CertificateServiceImpl::RecordCompletionDecision(
    grpc::ServerContext* context, const v1::RecordCompletionDecisionRequest* request,
    v1::PersonCompletion* response) {
  TH_ADMIT(call, *context, request, kService(), "RecordCompletionDecision");
  const bool has_outcome = request->outcome() != v1::COMPLETION_OUTCOME_UNSPECIFIED;
  if (!v1::CompletionOutcome_IsValid(request->outcome())) {
    return ToGrpcStatus(domain::InvalidField("outcome", "is not a known outcome"));
  }
  if (has_outcome == request->automatic()) {
    return ToGrpcStatus(domain::InvalidField(
        "outcome", has_outcome ? "give either an outcome or automatic, not both"
                               : "give an outcome, or automatic to let the rule decide"));
  }
  domain::CompletionDecision decision;
  decision.series_id = request->series_id();
  decision.participant_id = request->participant_id();
  decision.outcome = ConvertEnum<domain::CompletionOutcome>(request->outcome());
  decision.reason = request->reason();
  return Reply(completion_.Decide(call, std::move(decision), KeyOf(call.who, *request)), response);
}

grpc::Status CertificateServiceImpl::ListCompletionDecisions(
    grpc::ServerContext* context, const v1::ListCompletionDecisionsRequest* request,
    v1::ListCompletionDecisionsResponse* response) {
  TH_ADMIT(call, *context, request, kService(), "ListCompletionDecisions");
  auto page = ReadPage(*request, request->page_size(), request->page_token());
  if (!page.ok()) return ToGrpcStatus(page.status());
  return ReplyPage(
      *request,
      completion_.Decisions(call.who, request->series_id(), request->participant_id(), *page),
      response, [](auto* r) { return r->add_decisions(); });
}

}  // namespace trainhub::api
