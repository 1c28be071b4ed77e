#ifndef TRAINHUB_CLIENTS_CLI_MESSAGES_REPORTS_H_
#define TRAINHUB_CLIENTS_CLI_MESSAGES_REPORTS_H_

// The CLI's texts of reports and of people's data rights; part of messages.h, which includes it
// (include messages.h).

namespace trainhub::cli::msg {

inline constexpr char kReportHelp[] = "reports for funders: counts with small numbers suppressed";
inline constexpr char kFunderReportHelp[] =
    "persons, participations, sessions, teaching units, attendance and completion for a year or "
    "a period, by target group, organisation, series and training year; counts below k persons "
    "are suppressed. Shown as a table, or written as PDF, CSV or JSON with -o";
inline constexpr char kReportYearOption[] = "the calendar year to count, e.g. 2019";
inline constexpr char kReportFromOption[] = "first day of the period (YYYY-MM-DD), with --to";
inline constexpr char kReportToOption[] = "last day of the period (YYYY-MM-DD), inclusive";
inline constexpr char kReportOrgOption[] = "count the series of this organisation";
inline constexpr char kReportSeriesOption[] =
    "count these series (a programme: several ids, comma separated), instead of --org";
inline constexpr char kReportKOption[] =
    "suppress counts of fewer than K persons (2-100; default 3)";
inline constexpr char kReportOutOption[] =
    "write the report to this file: .pdf, .csv or .json (or say which with --format)";
inline constexpr char kReportFormatOption[] = "pdf, csv or json (default: from the file name)";
inline constexpr char kReportFormatUnknown[] =
    "say which format to write with --format pdf|csv|json (the name {} does not tell)";
inline constexpr char kReportHeading[] = "Funder report: {}, {} to {} (k = {})";
inline constexpr char kReportPersons[] = "Persons (each counted once)";
inline constexpr char kReportParticipations[] = "Participations (person x series)";
inline constexpr char kReportSessions[] = "Sessions held";
inline constexpr char kReportUnits[] = "Teaching units (UE)";
inline constexpr char kReportAttendance[] = "Attendance rate";
inline constexpr char kReportCertificates[] = "Zertifikate";
inline constexpr char kReportConfirmations[] = "Teilnahmebestätigungen";
inline constexpr char kReportDropouts[] = "Drop-outs (withdrawn after the start)";
inline constexpr char kReportByGroup[] = "By target group";
inline constexpr char kReportByOrganization[] = "By organisation";
inline constexpr char kReportBySeries[] = "By series";
inline constexpr char kReportByYear[] = "Apprentices by training year";
inline constexpr char kReportColPersons[] = "persons";
inline constexpr char kReportTotal[] = "total";
inline constexpr char kReportNotStated[] = "not stated";
inline constexpr char kReportYear[] = "year {}";
inline constexpr char kReportSuppressed[] = "suppressed";
inline constexpr char kReportNote[] =
    "Counts of fewer than {} persons (other than 0) are suppressed, and so are the cells they "
    "could be worked out from. Inputs: {}";

// Privacy (GDPR)
inline constexpr char kPrivacyHelp[] =
    "a person's data rights (GDPR): everything trainhub holds about them";
inline constexpr char kPrivacyExportHelp[] =
    "everything trainhub holds about a person as one JSON file, or with -o FILE.zip together with "
    "their certificate PDFs (coordinators of their organisation; participants: their own, without "
    "staff notes)";
inline constexpr char kPrivacyOutOption[] =
    "write to this file (default: the name the server suggests); .zip adds the certificate PDFs; - "
    "for standard output";
inline constexpr char kPrivacyFormatOption[] = "json, or zip (the JSON and the certificate PDFs)";

}  // namespace trainhub::cli::msg

#endif  // TRAINHUB_CLIENTS_CLI_MESSAGES_REPORTS_H_
