#ifndef TRAINHUB_SERVICES_API_ENROLMENT_SERVICE_H_
#define TRAINHUB_SERVICES_API_ENROLMENT_SERVICE_H_

// gRPC adapter: Enrolment in series: requests, cohorts, approval, confirmation, withdrawal,
// release. Each handler admits the call (api/auth.h), converts the request, calls the use case and
// converts the result; errors go through ToGrpcStatus. Handlers never throw. Thread-safe.

#include "api/auth.h"
#include "domain/enrolment/enrolments.h"
#include "trainhub/v1/enrolment.grpc.pb.h"

namespace trainhub::api {

namespace v1 = ::trainhub::v1;

class EnrolmentServiceImpl final : public v1::EnrolmentService::Service {
 public:
  EnrolmentServiceImpl(domain::Enrolments& enrolments, Authenticator& auth)
      : enrolments_(enrolments), auth_(auth) {}
  grpc::Status RequestEnrolment(grpc::ServerContext*, const v1::RequestEnrolmentRequest*,
                                v1::Enrolment*) override;
  grpc::Status EnrolCohort(grpc::ServerContext*, const v1::EnrolCohortRequest*,
                           v1::EnrolCohortResponse*) override;
  grpc::Status GetEnrolment(grpc::ServerContext*, const v1::GetEnrolmentRequest*,
                            v1::Enrolment*) override;
  grpc::Status ListEnrolments(grpc::ServerContext*, const v1::ListEnrolmentsRequest*,
                              v1::ListEnrolmentsResponse*) override;
  grpc::Status ListEnrolmentHistory(grpc::ServerContext*, const v1::ListEnrolmentHistoryRequest*,
                                    v1::ListEnrolmentHistoryResponse*) override;
  grpc::Status ApproveEnrolment(grpc::ServerContext*, const v1::ApproveEnrolmentRequest*,
                                v1::Enrolment*) override;
  grpc::Status RejectEnrolment(grpc::ServerContext*, const v1::RejectEnrolmentRequest*,
                               v1::Enrolment*) override;
  grpc::Status ConfirmEnrolment(grpc::ServerContext*, const v1::ConfirmEnrolmentRequest*,
                                v1::Enrolment*) override;
  grpc::Status WithdrawEnrolment(grpc::ServerContext*, const v1::WithdrawEnrolmentRequest*,
                                 v1::Enrolment*) override;
  grpc::Status ReleaseUnconfirmedSeats(grpc::ServerContext*,
                                       const v1::ReleaseUnconfirmedSeatsRequest*,
                                       v1::ReleaseUnconfirmedSeatsResponse*) override;

 private:
  domain::Enrolments& enrolments_;
  Authenticator& auth_;
};

}  // namespace trainhub::api

#endif  // TRAINHUB_SERVICES_API_ENROLMENT_SERVICE_H_
