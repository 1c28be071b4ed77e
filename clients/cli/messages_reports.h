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
    "a person's data rights (GDPR): everything trainhub holds about them, erasure, and the records "
    "whose retention has ended";
inline constexpr char kPrivacyExportHelp[] =
    "everything trainhub holds about a person as one JSON file, or with -o FILE.zip together with "
    "their certificate PDFs (coordinators of their organisation; participants: their own, without "
    "staff notes)";
inline constexpr char kPrivacyOutOption[] =
    "write to this file (default: the name the server suggests); .zip adds the certificate PDFs; - "
    "for standard output";
inline constexpr char kPrivacyFormatOption[] = "json, or zip (the JSON and the certificate PDFs)";
inline constexpr char kPrivacyEraseHelp[] =
    "erase what is personal about a person (name, e-mail, notes, accounts); the record stays as "
    "\"Person #ID\" so that reports still count right, and their certificates stay verifiable by "
    "number and name. Cannot be undone (admins; coordinators of their organisation)";
inline constexpr char kEraseReasonOption[] =
    "why, e.g. \"request of 12.11.2026\" (required; kept, so do not name the person)";
inline constexpr char kOverrideRetentionOption[] =
    "erase although the organisation still has to keep the records (admins only)";
inline constexpr char kPrivacyDueHelp[] =
    "the people whose records need not be kept any longer (their series ended longer ago than "
    "the organisation keeps records); with --erase, erase them";
inline constexpr char kDueOrgOption[] =
    "the organisation (coordinators of one organisation may leave it out; admins: all without it)";
inline constexpr char kDueEraseOption[] = "erase everyone listed (needs --reason)";
inline constexpr char kDueEraseNeedsReason[] = "--erase needs --reason";
inline constexpr char kNothingDue[] = "Nobody's records are due for erasure.";
inline constexpr char kColKeptUntil[] = "KEPT UNTIL";
inline constexpr char kKeptUntilCell[] = "{} ({} years)";
inline constexpr char kDueHint[] =
    "{} people are due; erase one with 'trainhub privacy erase ID --reason ...', or all with "
    "'trainhub privacy due --erase --reason ...'";
inline constexpr char kDueErased[] = "Erased {} of {}.";
inline constexpr char kErasedHeading[] =
    "Erased the personal data of participant {}; the record stays as \"{}\".";
inline constexpr char kLabelErased[] = "Erased";
inline constexpr char kErasedOn[] = "{} ({})";
inline constexpr char kErasedOnOverridden[] = "{} ({}; before the retention ended, by an admin)";
inline constexpr char kErasedAccounts[] = "Accounts (can no longer sign in)";
inline constexpr char kErasedTexts[] = "Notes and reasons";
inline constexpr char kErasedAttendance[] = "Attendance records (note, reason)";
inline constexpr char kErasedCertificates[] = "Certificates signed anew without the name";
inline constexpr char kErasedAddresses[] = "Addresses in the audit log";
inline constexpr char kErasedRetention[] = "Retention";
inline constexpr char kErasedRetentionOverridden[] = "overridden by an admin";
inline constexpr char kErasedPurge[] = "Removed from the database files";
inline constexpr char kErasedPurgeDone[] = "yes";
inline constexpr char kErasedPurgePending[] = "not yet (pending)";
inline constexpr char kPurgePendingNote[] =
    "The erased data is still in the database files: another program holds a read\n"
    "transaction on them (e.g. sqlite3 or a backup tool). trainhubd removes it as soon\n"
    "as that program ends its read, or at its next start; 'trainhub privacy due' shows\n"
    "whether this is still pending.";
inline constexpr char kDuePurgePending[] =
    "Pending: data of an erasure is still in the database files while another program\n"
    "holds a read transaction on them (e.g. sqlite3 or a backup tool); trainhubd removes\n"
    "it as soon as that program ends its read, or at its next start.";
inline constexpr char kErasedCertificateNote[] =
    "The certificates keep their numbers: 'trainhub certificate verify NUMBER --name \"NAME\"' "
    "still confirms them; their PDFs are no longer kept.";

}  // namespace trainhub::cli::msg

#endif  // TRAINHUB_CLIENTS_CLI_MESSAGES_REPORTS_H_
