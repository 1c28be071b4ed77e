#ifndef TRAINHUB_SERVICES_API_REPORT_SERVICE_H_
#define TRAINHUB_SERVICES_API_REPORT_SERVICE_H_

// gRPC adapter: funder reports (domain/reports/funder_reports.h).
// Each handler admits the call (api/auth.h), converts the request, calls the
// use case and converts the result; errors go through ToGrpcStatus.
// Handlers never throw. Thread-safe.

#include "api/auth.h"
#include "domain/reports/funder_reports.h"
#include "trainhub/v1/report.grpc.pb.h"

namespace trainhub::api {

namespace v1 = ::trainhub::v1;

class ReportServiceImpl final : public v1::ReportService::Service {
 public:
  ReportServiceImpl(domain::FunderReports& reports, Authenticator& auth)
      : reports_(reports), auth_(auth) {}
  grpc::Status GetFunderReport(grpc::ServerContext*, const v1::GetFunderReportRequest*,
                               v1::FunderReport*) override;
  grpc::Status ExportFunderReport(grpc::ServerContext*, const v1::ExportFunderReportRequest*,
                                  v1::ReportFile*) override;

 private:
  domain::FunderReports& reports_;
  Authenticator& auth_;
};

}  // namespace trainhub::api

#endif  // TRAINHUB_SERVICES_API_REPORT_SERVICE_H_
