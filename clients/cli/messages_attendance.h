#ifndef TRAINHUB_CLIENTS_CLI_MESSAGES_ATTENDANCE_H_
#define TRAINHUB_CLIENTS_CLI_MESSAGES_ATTENDANCE_H_

// The CLI's texts of attendance: recording, check-in, sign-in sheets and
// summaries; part of messages.h, which includes it (include messages.h).

namespace trainhub::cli::msg {

// Attendance
inline constexpr char kAttendanceHelp[] =
    "attendance of sessions: sheets, records, sign-off, summaries, exports, check-in";
inline constexpr char kAttendanceSheetHelp[] =
    "who is expected at a session and their status (participants: their own)";
inline constexpr char kAttendanceRecordHelp[] =
    "record the status of several people of a session at once, e.g. --present 12,14 "
    "--late 15:20 --excused 16";
inline constexpr char kPresentOption[] = "participant ids present (comma separated)";
inline constexpr char kLateOption[] =
    "participant ids late or leaving early, each as ID or ID:MINUTES missed";
inline constexpr char kExcusedOption[] =
    "participant ids excused (may be recorded before the session)";
inline constexpr char kAbsentOption[] = "participant ids absent without excuse";
inline constexpr char kAttendanceNoteOption[] =
    "a note for one person, as ID=TEXT (seen by trainers and coordinators only)";
inline constexpr char kCorrectionReasonOption[] =
    "why: required for changes after sign-off (coordinators) and for people enrolled after "
    "the session";
inline constexpr char kAttendanceTakeHelp[] =
    "go through the people of a session one by one and record them in one go";
inline constexpr char kAttendanceSignOffHelp[] =
    "declare a session's sheet complete; afterwards only coordinators change it";
inline constexpr char kAttendanceHistoryHelp[] =
    "every record of a session (or of one person), oldest first";
inline constexpr char kHistoryParticipantOption[] = "only this participant's records";
inline constexpr char kAttendanceSummaryHelp[] =
    "per person of a series: sessions held, present, late, excused, absent, not recorded, "
    "teaching units (UE) attended, rate";
inline constexpr char kSummaryParticipantOption[] = "only this participant";
inline constexpr char kAttendanceExportHelp[] =
    "the attendance of a series (people x sessions) as CSV for spreadsheets or JSON";
inline constexpr char kExportFormatOption[] = "csv (semicolons, UTF-8 with BOM) or json";
inline constexpr char kSignInSheetHelp[] =
    "the printable sign-in sheet (Teilnehmerliste) of a session as PDF";
inline constexpr char kPdfOutOption[] =
    "write the PDF to this file (default: the name the server suggests); - for standard output";
inline constexpr char kLedgerHelp[] =
    "export the tamper-evident attendance ledger of a series (JSON), to verify it later";
inline constexpr char kVerifyHelp[] =
    "check that the attendance ledger of a series is unchanged (on the server, or a file "
    "exported earlier with --file)";
inline constexpr char kVerifyFileOption[] = "check this exported ledger file, without the server";
inline constexpr char kVerifyWhat[] = "give a series id, or --file with an exported ledger";
inline constexpr char kSeriesLedger[] = "the ledger of series {}";
inline constexpr char kLedgerIntact[] = "{} is intact: {} entries, last hash {}";
inline constexpr char kLedgerUnchecked[] =
    "  {} entries recorded before hash version 2 had their texts erased (GDPR): checked against "
    "the record of their erasure only";
inline constexpr char kCountedStatusesDiffer[] =
    "  the statuses the reports count differ from the ledger for {} person(s) and session(s):";
inline constexpr char kAndMore[] = "  ... and {} more";
inline constexpr char kLedgerBroken[] = "{} was CHANGED: {}";
inline constexpr char kLedgerFileTooLarge[] = "{} is too large to be a ledger export";
inline constexpr char kSheetHeading[] = "Attendance of session {}: {} ({})";
inline constexpr char kLabelRecorded[] = "Recorded";
inline constexpr char kRecordedCounts[] = "{} of {}";
inline constexpr char kLabelSignedOff[] = "Signed off";
inline constexpr char kSignedOffBy[] = "{} by {}";
inline constexpr char kLabelCheckIn[] = "Check-in";
inline constexpr char kCheckInIsOpen[] = "open";
inline constexpr char kNobodyExpected[] = "nobody held a seat in the series during this session";
inline constexpr char kNotRecorded[] = "not recorded";
inline constexpr char kMinutesMissed[] = " ({} min)";
inline constexpr char kNeedsReview[] = ", needs review";
inline constexpr char kSelfCheckedIn[] = " (checked in)";
inline constexpr char kRecordLine[] = "participant {}: {} at session {}";
inline constexpr char kWroteBytes[] = "wrote {} ({} bytes)";
inline constexpr char kBadPerson[] = "{}: \"{}\" is not a participant id";
inline constexpr char kBadLatePerson[] =
    "{}: \"{}\" is not a participant id, or ID:MINUTES (e.g. 15:20)";
inline constexpr char kPersonTwice[] = "participant {} is given two statuses";
inline constexpr char kBadNote[] =
    "--note \"{}\": write ID=TEXT for a person given with --present, --late, --excused or "
    "--absent";
inline constexpr char kNoMarks[] =
    "give at least one person with --present, --late, --excused or --absent";
inline constexpr char kTakeIntro[] =
    "{} ({}), {} people. For each: p present, l late (\"l 20\": 20 minutes missed), "
    "e excused, a absent; Enter keeps, q stops and records the answers so far.";
inline constexpr char kTakePrompt[] = "[{}/{}] {} (now: {}): ";
inline constexpr char kTakeHelp[] = "  answer p, l, l MINUTES, e or a; Enter to keep; q to finish";
inline constexpr char kTakeNothing[] = "nothing to record";
inline constexpr char kNoAttendanceHistory[] = "no records yet";
inline constexpr char kStatusChange[] = "{} -> {}";
inline constexpr char kBySelfCheckIn[] = "self check-in";
inline constexpr char kColOrganization[] = "ORGANISATION";
inline constexpr char kColTime[] = "TIME";
inline constexpr char kColBy[] = "BY";
inline constexpr char kColReason[] = "REASON / NOTE";
inline constexpr char kColHeld[] = "HELD";
inline constexpr char kColPresent[] = "PRESENT";
inline constexpr char kColLate[] = "LATE";
inline constexpr char kColExcused[] = "EXCUSED";
inline constexpr char kColAbsent[] = "ABSENT";
inline constexpr char kColOpen[] = "OPEN";
inline constexpr char kColNotRecorded[] = "NOT RECORDED";
inline constexpr char kColRate[] = "RATE";
inline constexpr char kSummaryHeading[] = "{} (series {}) · sessions: {} · teaching units (UE): {}";
inline constexpr char kAttendanceCheckInHelp[] =
    "self check-in: participants enter a code that changes every 30 seconds";
inline constexpr char kCheckInOpenHelp[] = "open check-in for a session and show its code";
inline constexpr char kCheckInCodeHelp[] = "show the current code of an open check-in";
inline constexpr char kCheckInCloseHelp[] = "close check-in for a session";
inline constexpr char kCheckInMinutesOption[] =
    "how long participants may check in, 1 to 240 minutes (default 30)";
inline constexpr char kQrOption[] = "also draw the code as a QR code";
inline constexpr char kWatchOption[] = "keep showing each new code until check-in closes";
inline constexpr char kCheckInCode[] =
    "check-in for session {}: code {} {} (valid until {}; check-in closes {})";
inline constexpr char kCheckInClosed[] = "check-in for session {} is closed";
inline constexpr char kCheckInHelp[] =
    "check yourself in as present with the code the trainer shows";
inline constexpr char kCheckInCodeArg[] =
    "the six digits as shown, e.g. 482 915, 482915 or 482-915 (or the scanned QR text)";
inline constexpr char kCheckInSessionOption[] = "the session the code is shown for (optional)";
inline constexpr char kCheckedIn[] = "checked in: you are recorded present at session {}";

}  // namespace trainhub::cli::msg

#endif  // TRAINHUB_CLIENTS_CLI_MESSAGES_ATTENDANCE_H_
