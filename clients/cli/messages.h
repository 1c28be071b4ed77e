#ifndef TRAINHUB_CLIENTS_CLI_MESSAGES_H_
#define TRAINHUB_CLIENTS_CLI_MESSAGES_H_

// Every user-facing text of the trainhub CLI, so that a translation
// (German first) can replace these files: this one holds the program's,
// the global options' and the errors' texts, and includes one
// messages_<capability>.h per capability. Format strings use {} for values
// in the order given.

namespace trainhub::cli::msg {

// Program and global options
inline constexpr char kAppDescription[] =
    "trainhub - plan multi-module training series (talks to trainhubd over gRPC)";
inline constexpr char kServerOption[] =
    "trainhubd address HOST:PORT; without it the environment variable TRAINHUB_SERVER, else "
    "the default below (trainhubd listens where TRAINHUB_LISTEN says)";
inline constexpr char kTlsOption[] =
    "connect with TLS, trusting the system's certificate authorities";
inline constexpr char kCaFileOption[] =
    "connect with TLS, trusting the certificate authorities in this PEM file";
inline constexpr char kOutputOption[] = "output format: table (for people) or json (for scripts)";
inline constexpr char kRequestIdOption[] =
    "idempotency key; repeating a create with the same key returns the first result";
inline constexpr char kPageSizeOption[] = "show one page of at most N items (default: all)";
inline constexpr char kPageTokenOption[] = "continue after the page that returned this token";
inline constexpr char kNextPageHint[] = "more results: repeat with --page-token {}";
inline constexpr char kTimeFormatsHelp[] =
    "local time in Europe/Berlin: \"2019-01-18 09:00\", \"18.01.2019 09:00\" "
    "(two-digit years are 20xx), or RFC 3339 with offset";

// Errors (exit codes: 2 usage, 3 rejected, 4 not found, 5 unreachable, 1 other)
inline constexpr char kErrorPrefix[] = "error: ";
inline constexpr char kRequestRejected[] = "the request was rejected:";
// {}: who may, e.g. "an admin or a coordinator".
inline constexpr char kCommandNotForYou[] = "this command is for {}; your account may not use it";
inline constexpr char kFieldLine[] = "  {}";

// How the server's field names read on the command line (InCliWords):
// request fields (the last part of a path such as "session.end_time") and
// the options that set them; words in capitals for fields given as
// arguments (SERIES, ID), whose "field: " prefix is left out when the
// message names the object, and which stand as the subject of a bare
// predicate ("SERIES must be ..."). Names not listed read as --kebab-case
// options.
inline constexpr std::pair<const char*, const char*> kCliWordForField[] = {
    {"place.name", "--place"},
    {"place.address", "--address"},
    {"organization_id", "--org"},
    {"partner_organization_ids", "--partner"},
    {"target_groups", "--target-group"},
    {"default_target_groups", "--default-target-group"},
    {"start_time", "--start"},
    {"period.first_day", "--from"},
    {"period.last_day", "--to"},
    {"period.year", "--year"},
    {"period", "--year or --from/--to"},
    {"min_persons", "--k"},
    {"series_ids", "--series"},
    {"first_day", "--days"},
    {"last_day", "--days"},
    {"daily_start", "--daily"},
    {"daily_end", "--daily"},
    {"end_time", "--end"},
    {"trainers", "--trainer"},
    {"trainers.trainer_id", "--trainer"},
    {"trainer_id", "TRAINER"},
    {"display_name", "--name"},
    {"topics", "--topic"},
    {"teaching_units", "--units"},
    {"mandatory", "--optional"},
    {"accept_good_rows", "--good-rows-only"},
    {"required_qualification", "--requires-qualification"},
    {"override_eligibility", "--override-eligibility"},
    {"series_id", "SERIES"},
    {"module_id", "MODULE"},
    {"session_id", "SESSION"},
    {"participant_id", "PARTICIPANT"},
    {"participant_ids", "PARTICIPANT"},
    {"enrolment_id", "ENROLMENT"},
    {"qualification_id", "QUALIFICATION"},
    {"account_id", "ACCOUNT"},
    {"id", "ID"},
    {"csv", "FILE"},
    {"force", "--force"},
    {"password", "the password"},
    {"update_mask", "the options to change"},
    {"marks", "--present/--late/--excused/--absent"},
    {"marks.status", "--present/--late/--excused/--absent"},
    {"mark.status", "--present/--late/--excused/--absent"},
    {"minutes_missed", "--late ID:MINUTES"},
    {"marks.note", "--note"},
    {"mark.note", "--note"},
    {"client_time", "the time of recording"},
    {"client_nonce", "the record's nonce"},
    {"device_id", "the device id"},
    {"reason", "--reason"},
    {"minutes", "--minutes"},
    {"code", "CODE"},
    {"all_modules", "--all-modules"},
    {"min_modules", "--min-modules"},
    {"mandatory_modules", "--mandatory-modules"},
    {"max_excused", "--max-excused"},
    {"min_teaching_unit_percent", "--min-ue-percent"},
    {"allowed_minutes_missed", "--late-minutes"},
    {"confirmation_min_modules", "--confirmation-modules"},
    {"outcome", "--outcome"},
    {"serial", "NUMBER"},
    {"include_invalid", "--all"},
    {"record_retention_years", "--retention-years"},
    {"override_retention", "--override-retention"},
    {"holder_name", "--name"},
    {"issued_documents", "--documents"},
};
}  // namespace trainhub::cli::msg

#include "clients/cli/messages_accounts.h"      // IWYU pragma: export
#include "clients/cli/messages_attendance.h"    // IWYU pragma: export
#include "clients/cli/messages_certificates.h"  // IWYU pragma: export
#include "clients/cli/messages_enrolment.h"     // IWYU pragma: export
#include "clients/cli/messages_planning.h"      // IWYU pragma: export
#include "clients/cli/messages_reports.h"       // IWYU pragma: export
#include "clients/cli/messages_usage.h"         // IWYU pragma: export

#endif  // TRAINHUB_CLIENTS_CLI_MESSAGES_H_
