#ifndef TRAINHUB_SERVICES_API_CERTIFICATE_SERVICE_H_
#define TRAINHUB_SERVICES_API_CERTIFICATE_SERVICE_H_

// gRPC adapter: completion of series (rules, evaluation and forecast,
// coordinators' decisions) and certificates (issue, read, revoke, reissue,
// public verification). Each handler admits the call (api/auth.h),
// converts the request, calls the use case and converts the result; errors
// go through ToGrpcStatus. Handlers never throw. Thread-safe.

#include "api/auth.h"
#include "domain/completion/certificate_archive.h"
#include "domain/completion/certificate_issuing.h"
#include "domain/completion/certificate_verifier.h"
#include "domain/completion/completion.h"
#include "trainhub/v1/certificate.grpc.pb.h"

namespace trainhub::api {

namespace v1 = ::trainhub::v1;

class CertificateServiceImpl final : public v1::CertificateService::Service {
 public:
  CertificateServiceImpl(domain::Completion& completion, domain::CertificateIssuing& issuing,
                         domain::CertificateArchive& archive, domain::CertificateVerifier& verifier,
                         Authenticator& auth)
      : completion_(completion),
        issuing_(issuing),
        archive_(archive),
        verifier_(verifier),
        auth_(auth) {}
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
  grpc::Status IssueCertificate(grpc::ServerContext*, const v1::IssueCertificateRequest*,
                                v1::Certificate*) override;
  grpc::Status IssueCertificates(grpc::ServerContext*, const v1::IssueCertificatesRequest*,
                                 v1::IssueCertificatesResponse*) override;
  grpc::Status GetCertificate(grpc::ServerContext*, const v1::GetCertificateRequest*,
                              v1::Certificate*) override;
  grpc::Status ListCertificates(grpc::ServerContext*, const v1::ListCertificatesRequest*,
                                v1::ListCertificatesResponse*) override;
  grpc::Status GetCertificatePdf(grpc::ServerContext*, const v1::GetCertificatePdfRequest*,
                                 v1::CertificateFile*) override;
  grpc::Status GetCertificateBadge(grpc::ServerContext*, const v1::GetCertificateBadgeRequest*,
                                   v1::CertificateFile*) override;
  grpc::Status DownloadCertificates(grpc::ServerContext*, const v1::DownloadCertificatesRequest*,
                                    grpc::ServerWriter<v1::FileChunk>*) override;
  grpc::Status RevokeCertificate(grpc::ServerContext*, const v1::RevokeCertificateRequest*,
                                 v1::Certificate*) override;
  grpc::Status ReissueCertificate(grpc::ServerContext*, const v1::ReissueCertificateRequest*,
                                  v1::Certificate*) override;
  grpc::Status VerifyCertificate(grpc::ServerContext*, const v1::VerifyCertificateRequest*,
                                 v1::CertificateVerification*) override;
  grpc::Status ListIssuerKeys(grpc::ServerContext*, const v1::ListIssuerKeysRequest*,
                              v1::ListIssuerKeysResponse*) override;

 private:
  grpc::Status ReplyCertificate(const absl::StatusOr<domain::Certificate>& result,
                                v1::Certificate* out) const;

  domain::Completion& completion_;
  domain::CertificateIssuing& issuing_;
  domain::CertificateArchive& archive_;
  domain::CertificateVerifier& verifier_;
  Authenticator& auth_;
};

}  // namespace trainhub::api

#endif  // TRAINHUB_SERVICES_API_CERTIFICATE_SERVICE_H_
