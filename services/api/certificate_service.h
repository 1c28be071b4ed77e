#ifndef TRAINHUB_SERVICES_API_CERTIFICATE_SERVICE_H_
#define TRAINHUB_SERVICES_API_CERTIFICATE_SERVICE_H_

// gRPC adapter: completion of series (rules, evaluation and forecast,
// coordinators' decisions). Each handler admits the call (api/auth.h),
// converts the request, calls the use case and converts the result; errors
// go through ToGrpcStatus. Handlers never throw. Thread-safe.

#include "api/auth.h"
#include "domain/completion.h"
#include "trainhub/v1/certificate.grpc.pb.h"

namespace trainhub::api {

namespace v1 = ::trainhub::v1;

class CertificateServiceImpl final : public v1::CertificateService::Service {
 public:
  CertificateServiceImpl(domain::Completion& completion, Authenticator& auth)
      : completion_(completion), auth_(auth) {}
  grpc::Status GetCompletionRule(grpc::ServerContext*, const v1::GetCompletionRuleRequest*,
                                 v1::CompletionRule*) override;
  grpc::Status SetCompletionRule(grpc::ServerContext*, const v1::SetCompletionRuleRequest*,
                                 v1::CompletionRule*) override;
  grpc::Status EvaluateCompletion(grpc::ServerContext*, const v1::EvaluateCompletionRequest*,
                                  v1::CompletionReport*) override;
  grpc::Status RecordCompletionDecision(grpc::ServerContext*,
                                        const v1::RecordCompletionDecisionRequest*,
                                        v1::PersonCompletion*) override;
  grpc::Status ListCompletionDecisions(grpc::ServerContext*,
                                       const v1::ListCompletionDecisionsRequest*,
                                       v1::ListCompletionDecisionsResponse*) override;

 private:
  domain::Completion& completion_;
  Authenticator& auth_;
};

}  // namespace trainhub::api

#endif  // TRAINHUB_SERVICES_API_CERTIFICATE_SERVICE_H_
