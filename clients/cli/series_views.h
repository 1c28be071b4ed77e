#ifndef TRAINHUB_CLIENTS_CLI_SERIES_VIEWS_H_
#define TRAINHUB_CLIENTS_CLI_SERIES_VIEWS_H_

// How the series, module and session commands fetch and show what they
// share: dates, labels, the module and session tables, a session's details.

#include <map>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "clients/cli/commands.h"
#include "trainhub/v1/series.pb.h"

namespace trainhub::cli {

namespace v1 = ::trainhub::v1;

// "23.11.2018 – 06.06.2020" from the series' first and last session, or "—".
std::string DateRange(const v1::Series& s);

// The words separated by commas, or "—" for none.
std::string JoinWords(const std::vector<std::string>& words);

// "Name (id)" of an organisation, or the id alone when it cannot be read.
std::string OrganizationLabel(Client& c, int64_t id);

// Every module of the series, in order.
grpc::Status AllModules(Client& c, int64_t series_id, v1::ListModulesResponse* all);

// The sessions of a series (of one module unless `module_id` is 0), paged
// as `paging` says.
grpc::Status SessionsOf(Client& c, int64_t series_id, int64_t module_id, const Paging& paging,
                        v1::ListSessionsResponse* all);

// Modules as a table: position, title, teaching units, sessions, id.
void PrintModuleTable(std::ostream& out, const v1::ListModulesResponse& modules);

// A created or changed series in a few lines, or as JSON.
void PrintSeriesSummary(Context& ctx, const v1::Series& s);

// One session with its place, trainers and bookings, or as JSON.
void PrintSession(Context& ctx, const v1::Session& s);

// Reads --start/--end style options; false (with a usage error) when bad.
bool ReadTime(Context& ctx, CLI::Option* opt, const std::string& text,
              google::protobuf::Timestamp* out);

// The series' enrolment rules and what it issues as labelled lines.
void AddEnrolmentRules(const v1::Series& s,
                       std::vector<std::pair<std::string, std::string>>& fields);

// --documents words: certificate-and-confirmation, confirmation-only.
const std::map<std::string, v1::IssuedDocuments>& IssuedDocumentsWords();

// " CANCELLED" for a session of a cancelled series, else "".
std::string SessionStatusMark(const v1::Session& session);

// "✓ Name, ? Other" (✓ confirmed, ? requested, ✗ declined).
std::string TrainerSummary(const v1::Session& session);

// Sessions as a table; with `with_series` (schedules across series) as
// three-line blocks: when, series and module, place and trainers.
void PrintSessionTable(std::ostream& out,
                       const google::protobuf::RepeatedPtrField<v1::Session>& sessions,
                       bool with_series);

}  // namespace trainhub::cli

#endif  // TRAINHUB_CLIENTS_CLI_SERIES_VIEWS_H_
