#ifndef TRAINHUB_CLIENTS_CLI_MESSAGES_USAGE_H_
#define TRAINHUB_CLIENTS_CLI_MESSAGES_USAGE_H_

// The CLI's texts for reading what the user typed (addresses, numbers,
// codes), for refusals in the CLI's own words, and for some outputs' details;
// part of messages.h, which includes it (include messages.h).

namespace trainhub::cli::msg {

inline constexpr char kBadServer[] =
    "--server (or TRAINHUB_SERVER): \"{}\" is not a server address; give HOST or HOST:PORT, "
    "e.g. 127.0.0.1:50051, [::1]:50051 or trainhub.example.org (the port is 50051 unless given)";
// Where --server is read from when not given (shown by --help).
inline constexpr char kServerEnvName[] = "TRAINHUB_SERVER";

// A number the command line wants: {} the argument or option in the CLI's
// words (SERIES, --org), {} what was typed.
inline constexpr char kNotANumber[] = "{} must be a number, not \"{}\"";
inline constexpr char kNotAnId[] =
    "{} must be a number (an id such as 3, as the lists show), not \"{}\"";
inline constexpr char kNotAPositiveId[] =
    "{} must be a positive number (an id such as 3, as the lists show), not \"{}\"";

// Logging in (UNAUTHENTICATED answers).
inline constexpr char kNotLoggedIn[] =
    "you are not logged in; run: trainhub login --email YOUR_E-MAIL";
inline constexpr char kLoginEnded[] =
    "your login is no longer valid (a login lasts 12 hours; logout or an admin can end it "
    "earlier); log in again: trainhub login --email YOUR_E-MAIL";

// Below the attendance summary's table.
inline constexpr char kSummaryLegend[] =
    "PRESENT + LATE + EXCUSED + ABSENT + NOT RECORDED = the sessions held (HELD: held of those "
    "the person is expected at; the rest are still to come, \"offen\" in the export). NOT "
    "RECORDED: held, but without a status. UE: teaching units attended of those held. RATE: "
    "present or late, of the sessions recorded.";

// A trainer of a session: name (id): requested|confirmed|declined.
inline constexpr char kTrainerBookingLine[] = "{} ({}): {}";

}  // namespace trainhub::cli::msg

#endif  // TRAINHUB_CLIENTS_CLI_MESSAGES_USAGE_H_
