#ifndef TRAINHUB_CLIENTS_DESKTOP_CONNECTION_H_
#define TRAINHUB_CLIENTS_DESKTOP_CONNECTION_H_

// The desktop client's connection to trainhubd: one channel, the stubs of
// every service and the bearer token. Calls block, so the UI runs them
// through RunInBackground (background.h). Thread-safe: any number of calls
// may run at once from worker threads.

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "trainhub/v1/account.grpc.pb.h"
#include "trainhub/v1/attendance.grpc.pb.h"
#include "trainhub/v1/certificate.grpc.pb.h"
#include "trainhub/v1/enrolment.grpc.pb.h"
#include "trainhub/v1/organization.grpc.pb.h"
#include "trainhub/v1/participant.grpc.pb.h"
#include "trainhub/v1/privacy.grpc.pb.h"
#include "trainhub/v1/report.grpc.pb.h"
#include "trainhub/v1/schedule.grpc.pb.h"
#include "trainhub/v1/series.grpc.pb.h"
#include "trainhub/v1/trainer.grpc.pb.h"

namespace trainhub::desktop {

class Connection {
 public:
  struct Settings {
    std::string address;  // host:port
    bool tls = false;
    std::string ca_pem;  // with tls: the CAs to trust; empty: the system's
  };
  explicit Connection(Settings settings);

  const Settings& settings() const { return settings_; }
  void SetToken(std::string token);
  // The language every connection asks the server's refusals in ("de",
  // "en"), sent as `accept-language`; the UI's language. Thread-safe.
  static void SetLanguage(std::string language);
  std::string token() const;

  trainhub::v1::AccountService::Stub& accounts() { return *accounts_; }
  trainhub::v1::AttendanceService::Stub& attendance() { return *attendance_; }
  trainhub::v1::CertificateService::Stub& certificates() { return *certificates_; }
  trainhub::v1::EnrolmentService::Stub& enrolments() { return *enrolments_; }
  trainhub::v1::OrganizationService::Stub& organizations() { return *organizations_; }
  trainhub::v1::ParticipantService::Stub& participants() { return *participants_; }
  trainhub::v1::PrivacyService::Stub& privacy() { return *privacy_; }
  trainhub::v1::ReportService::Stub& reports() { return *reports_; }
  trainhub::v1::ScheduleService::Stub& schedule() { return *schedule_; }
  trainhub::v1::SeriesService::Stub& series() { return *series_; }
  trainhub::v1::TrainerService::Stub& trainers() { return *trainers_; }

  // Calls `method` with the token and a deadline. The call can be ended
  // early by CancelAll (it then answers CANCELLED).
  template <typename Stub, typename Request, typename Response>
  grpc::Status Call(Stub& stub,
                    grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
                    const Request& request, Response* response,
                    std::chrono::seconds deadline = std::chrono::seconds(20)) {
    grpc::ClientContext context;
    Prepare(context, deadline);
    Registration registration(*this, &context);
    return (stub.*method)(&context, request, response);
  }

  // Calls the server-streaming `method`, handing each message to `take`
  // until the stream ends, `take` answers false (the call is then
  // cancelled) or the deadline passes. Cancelled by CancelAll too.
  template <typename Stub, typename Request, typename Response, typename Take>
  grpc::Status Receive(Stub& stub,
                       std::unique_ptr<grpc::ClientReader<Response>> (Stub::*method)(
                           grpc::ClientContext*, const Request&),
                       const Request& request, Take&& take,
                       std::chrono::seconds deadline = std::chrono::seconds(600)) {
    grpc::ClientContext context;
    Prepare(context, deadline);
    Registration registration(*this, &context);
    std::unique_ptr<grpc::ClientReader<Response>> reader = (stub.*method)(&context, request);
    Response message;
    while (reader->Read(&message)) {
      if (!take(message)) {
        context.TryCancel();
        while (reader->Read(&message)) {
        }
        reader->Finish();
        return grpc::Status(grpc::StatusCode::CANCELLED, "stopped by the client");
      }
    }
    return reader->Finish();
  }

  // Cancels every call running now (the UI's Cancel button).
  void CancelAll();

 private:
  // Keeps `context` in the set CancelAll reaches while a call runs.
  class Registration {
   public:
    Registration(Connection& owner, grpc::ClientContext* context);
    ~Registration();
    Registration(const Registration&) = delete;
    Registration& operator=(const Registration&) = delete;

   private:
    Connection& owner_;
    grpc::ClientContext* context_;
  };
  void Prepare(grpc::ClientContext& context, std::chrono::seconds deadline) const;

  Settings settings_;
  std::shared_ptr<grpc::Channel> channel_;
  mutable std::mutex mutex_;
  std::string token_;
  std::set<grpc::ClientContext*> running_;
  std::unique_ptr<trainhub::v1::AccountService::Stub> accounts_;
  std::unique_ptr<trainhub::v1::AttendanceService::Stub> attendance_;
  std::unique_ptr<trainhub::v1::CertificateService::Stub> certificates_;
  std::unique_ptr<trainhub::v1::EnrolmentService::Stub> enrolments_;
  std::unique_ptr<trainhub::v1::OrganizationService::Stub> organizations_;
  std::unique_ptr<trainhub::v1::ParticipantService::Stub> participants_;
  std::unique_ptr<trainhub::v1::PrivacyService::Stub> privacy_;
  std::unique_ptr<trainhub::v1::ReportService::Stub> reports_;
  std::unique_ptr<trainhub::v1::ScheduleService::Stub> schedule_;
  std::unique_ptr<trainhub::v1::SeriesService::Stub> series_;
  std::unique_ptr<trainhub::v1::TrainerService::Stub> trainers_;
};

// A random id for a mutating call's request_id (retries send the same one).
std::string NewRequestId();

}  // namespace trainhub::desktop

#endif  // TRAINHUB_CLIENTS_DESKTOP_CONNECTION_H_
