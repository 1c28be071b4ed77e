#ifndef TRAINHUB_CLIENTS_CLI_DEMO_LOADER_H_
#define TRAINHUB_CLIENTS_CLI_DEMO_LOADER_H_

// trainhub demo load: creates the demo data of clients/cli/demo_data.json
// (built into the binary) through the API, as a coordinator would. Every
// create uses a request_id made from the records' keys, so a repeated or
// interrupted load never creates anything twice; the steps that are not
// creates (accounts, completion rules, status changes) look first and
// change only what a load has not done yet, never what users changed since.
// Each capability's records are loaded in its demo_<capability>.cc.

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "clients/cli/commands.h"
#include "trainhub/v1/series.pb.h"

namespace trainhub::cli::demo {

namespace v1 = ::trainhub::v1;
using json = nlohmann::json;

// The contents of demo_data.json (generated from it at build time).
extern const char kDemoJson[];

// A proto enum value named in the data ("SERIES_KIND_OTHER"); a name that is
// not one is a defect of the data file, reported by the loader.
template <typename Enum>
Enum EnumNamed(const json& name, bool (*parse)(const std::string&, Enum*)) {
  Enum value{};
  if (!parse(name.get<std::string>(), &value)) {
    throw std::invalid_argument("unknown value " + name.dump());
  }
  return value;
}

// An optional text member of `j`, "" when absent.
std::string TextOr(const json& j, const char* key);

// A time of the data: Europe/Berlin ("2019-01-18 09:00"), or relative to
// `now` rounded down to a quarter hour ("now-60m", "now+120m").
void SetBerlinTime(const json& text, absl::Time now, google::protobuf::Timestamp* out);

// An e-mail address as logins compare it (the demo's are ASCII).
std::string Folded(const json& email);

// The logins (e-mail addresses, Folded) of every account; admins only.
grpc::Status ExistingLogins(Client& c, std::set<std::string>& logins);

// Creates the records of the data one kind after the other, remembering
// each record's id under its key for the records that refer to it. A
// defect of the data throws a std::exception.
class DemoLoader {
 public:
  DemoLoader(Client& c, const json& data) : c_(c), data_(data) {}

  // Organisations, trainers, series, modules, sessions, enrolments created
  // or found (as counted by `demo load`'s summary).
  struct Counts {
    int organizations = 0, trainers = 0, series = 0, modules = 0, sessions = 0, enrolments = 0,
        sheets = 0, certificates = 0;
  };

  grpc::Status Load(Counts& counts);

 private:
  template <typename Stub, typename Request, typename Response>
  grpc::Status Create(Stub& stub,
                      grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
                      const Request& request, Response* response) {
    return c_.Call(stub, method, request, response);
  }

  // demo_planning.cc
  grpc::Status LoadOrganizations(Counts& counts);
  grpc::Status LoadTrainers(Counts& counts);
  // The modules of `series`: its own, or those of the series named by
  // modules_from (without their sessions) with module_sessions.
  json ModulesOf(const json& series) const;
  grpc::Status LoadSeries(const json& d, Counts& counts);
  grpc::Status LoadModule(const std::string& series_key, int64_t series_id, int number,
                          const json& m, Counts& counts);
  // The `n`-th (1-based, by start) session of a module.
  grpc::Status NthSession(int64_t series_id, int64_t module_id, int n, v1::Session* out);
  // Moves the series along its status_path up to the step `before` (all
  // of it for UNSPECIFIED); a repeated load resumes where the series stands,
  // and leaves a series alone whose status is not on the path.
  // `reached`, when set, gets the series as it ends up.
  grpc::Status FollowStatusPath(const json& d, const v1::Series& series, v1::SeriesStatus before,
                                v1::Series* reached);

  // demo_enrolment.cc
  // Request ids name people by their place in the file, not by their
  // names: request ids stay in the audit log after a person's erasure.
  std::string PersonRef(const std::string& key) const;
  grpc::Status LoadParticipants();
  grpc::Status LoadQualifications();
  grpc::Status LoadEnrolments(Counts& counts);
  grpc::Status EnrolParticipants(const json& d, const v1::Series& series, Counts& counts);

  // demo_accounts.cc
  // The demo's accounts not in the database yet; none of a person whose
  // data was erased since (erasure ends their accounts for good).
  grpc::Status LoadAccounts();

  // demo_attendance.cc
  // Records every session of the series as the coordinator transfers paper
  // lists: the default status for everyone, the exceptions per module and
  // day, then the sign-off.
  grpc::Status TransferAttendance(const json& d, Counts& counts);

  // demo_completion.cc
  // The series' completion rule, as the coordinator sets it.
  grpc::Status SetCompletionRule(const json& d, int64_t series_id);
  // Everyone's Zertifikat or Teilnahmebestätigung, issued once.
  grpc::Status IssueCertificates(const json& d, int64_t series_id, Counts& counts);

  Client& c_;
  const json& data_;
  std::map<std::string, int64_t> organizations_, trainers_, participants_, series_;
  std::map<std::string, size_t> person_numbers_;  // key -> place in the file, from 1
  std::set<std::string> erased_;                  // keys of people erased since a load
  // Per series key: the sessions of each module (index module number - 1), in day order.
  std::map<std::string, std::vector<std::vector<int64_t>>> sessions_;
  absl::Time now_ = absl::Now();
};

}  // namespace trainhub::cli::demo

#endif  // TRAINHUB_CLIENTS_CLI_DEMO_LOADER_H_
