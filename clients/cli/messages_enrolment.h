#ifndef TRAINHUB_CLIENTS_CLI_MESSAGES_ENROLMENT_H_
#define TRAINHUB_CLIENTS_CLI_MESSAGES_ENROLMENT_H_

// The CLI's texts of enrolments, qualifications and the import of participant
// lists; part of messages.h, which includes it (include messages.h).

namespace trainhub::cli::msg {

// Enrolments
inline constexpr char kEnrolmentCommand[] =
    "enrolments in series: request, approve, confirm, withdraw, waiting list, history";
inline constexpr char kEnrolmentRequest[] =
    "enrol a participant (coordinators), or yourself (participants) without PARTICIPANT_ID";
inline constexpr char kEnrolmentCohort[] =
    "enrol a group at once: --participant IDs, or --org with --target-group/--training-year";
inline constexpr char kEnrolmentApprove[] = "approve a pending request";
inline constexpr char kEnrolmentReject[] = "reject a pending request";
inline constexpr char kEnrolmentConfirm[] = "confirm bindingly (verbindliche Zusage)";
inline constexpr char kEnrolmentWithdraw[] =
    "withdraw; a freed seat goes to the first person waiting";
inline constexpr char kEnrolmentRelease[] =
    "after the confirmation deadline: release unconfirmed seats to the waiting list";
inline constexpr char kEnrolmentList[] =
    "list enrolments in arrival order, with state and waiting-list position";
inline constexpr char kEnrolmentHistory[] = "every change of an enrolment: who, when, why";
inline constexpr char kRosterCommand[] = "who holds a seat in a series (trainers and coordinators)";
inline constexpr char kEnrolmentIdArg[] = "enrolment id";
inline constexpr char kParticipantIdArg[] = "participant id (leave out for yourself)";
inline constexpr char kOverrideOption[] =
    "coordinators: enrol although outside the series' target groups";
inline constexpr char kHistoryNoteOption[] = "note kept in the history";
inline constexpr char kRequiredReasonOption[] = "reason, kept in the history (required)";
inline constexpr char kReleaseReasonOption[] =
    "reason kept in the history (default: no binding confirmation by the deadline)";
inline constexpr char kCohortParticipantOption[] = "participant id (repeat for several)";
inline constexpr char kCohortOrgOption[] = "all participants of this organisation";
inline constexpr char kCohortGroupOption[] = "only this target group";
inline constexpr char kCohortYearOption[] =
    "only apprentices in this training year (1 to 3) on the series' first day";
inline constexpr char kSeriesFilterOption[] = "only this series";
inline constexpr char kParticipantFilterOption[] = "only this participant";
inline constexpr char kStateFilterOption[] = "only these states (repeat for several)";
inline constexpr char kParticipantNameFilterOption[] =
    "only people whose name contains TEXT (ignoring case and accents: \"celik\" finds \"Çelik\")";
inline constexpr char kScheduleMine[] =
    "your own upcoming sessions: trainers their bookings, participants the series they hold a "
    "seat in, coordinators their organisations' series";
inline constexpr char kMineFromOption[] = "from this time (default: now)";
inline constexpr char kUnconfirmedOption[] =
    "only people holding a seat who have not confirmed it yet (state enrolled)";
inline constexpr char kRequirementUnmetOption[] =
    "only people who no longer hold a qualification the series requires (e.g. a revoked "
    "Zertifikat); they stay enrolled until you decide";
inline constexpr char kRequirementUnmetLine[] = "! enrolment {} ({}): {}";
inline constexpr char kLabelRequirement[] = "Requirement";
inline constexpr char kBookingArgs[] =
    "[TRAINER] STATUS: the trainer id (leave it out for your own booking as a trainer) and "
    "requested, confirmed or declined";
inline constexpr char kBookingArgsWrong[] =
    "give SESSION [TRAINER] STATUS, e.g. \"session booking 40 9 confirmed\" (a trainer answering "
    "for themselves: \"session booking 40 confirmed\")";
inline constexpr char kBookingTrainerNotANumber[] = "TRAINER must be a trainer id, not \"{}\"";
inline constexpr char kBookingStatusWrong[] =
    "STATUS must be requested, confirmed or declined, not \"{}\"";
inline constexpr char kEnrolmentHeading[] = "Enrolment {}: {} in \"{}\"";
inline constexpr char kLabelParticipant[] = "Participant";
inline constexpr char kLabelState[] = "State";
inline constexpr char kLabelRequested[] = "Requested";
inline constexpr char kLabelSeatSince[] = "Seat since";
inline constexpr char kLabelOverride[] = "Target groups";
inline constexpr char kOverridden[] = "overridden by a coordinator";
inline constexpr char kWaitlistState[] = "waitlist #{}";
inline constexpr char kColParticipant[] = "PARTICIPANT";
inline constexpr char kColState[] = "STATE";
inline constexpr char kColRequested[] = "REQUESTED";
inline constexpr char kHistoryLine[] = "{}  {} -> {}  by {}";
inline constexpr char kHistoryReason[] = "    {}";
inline constexpr char kSystem[] = "trainhub (automatic)";
inline constexpr char kCreatedState[] = "new";
inline constexpr char kReleasedLine[] = "released: {} ({}), enrolment {}";
inline constexpr char kPromotedLine[] = "promoted: {} ({}), enrolment {}";
inline constexpr char kNothingReleased[] = "no unconfirmed seat to release";
inline constexpr char kRosterHeading[] = "Seat holders of series {} (enrolled or confirmed):";
inline constexpr char kCohortDone[] = "{} member(s) of the cohort are enrolled or waiting:";

// Qualifications
inline constexpr char kQualificationCommand[] =
    "qualifications a participant holds (a series can require one)";
inline constexpr char kQualificationAdd[] =
    "record an earlier qualification, e.g. a course from before trainhub";
inline constexpr char kQualificationList[] = "list a participant's qualifications";
inline constexpr char kQualificationRemove[] = "remove a qualification recorded in error";
inline constexpr char kQualificationTitleOption[] = "title of the qualification";
inline constexpr char kQualificationNoteOption[] = "evidence, e.g. \"Zertifikat vom 12.03.2016\"";
inline constexpr char kQualificationIdArg[] = "qualification id";
inline constexpr char kColRecorded[] = "RECORDED";
inline constexpr char kColNote[] = "NOTE";
inline constexpr char kRemovedQualification[] = "removed qualification {}";

// Import
inline constexpr char kImportCommand[] = "import spreadsheets (CSV, UTF-8, ';' or ',')";
inline constexpr char kImportParticipants[] =
    "create participant records from a CSV file (columns: Name or Vorname/Nachname, "
    "E-Mail, Zielgruppe, Ausbildungsbeginn)";
inline constexpr char kImportEnrolments[] =
    "enrol the people of a CSV file in a series, in file order (known e-mail addresses "
    "enrol the existing person, others get a new record)";
inline constexpr char kFileArg[] = "CSV file";
inline constexpr char kImportOrgOption[] = "organisation of the new records";
inline constexpr char kImportSeriesOption[] = "also enrol every row in this series";
inline constexpr char kDefaultGroupOption[] =
    "target group for rows without one (repeat for several)";
inline constexpr char kDryRunOption[] = "only check the file and report every bad row";
inline constexpr char kGoodRowsOption[] =
    "import the good rows and skip the bad ones (default: all rows or none)";
inline constexpr char kCannotRead[] = "cannot read {}";
inline constexpr char kImportTooLarge[] =
    "{} has {} bytes; one import takes at most {} bytes (4 MB): split the file into parts "
    "(keep the header row in each) and import them one after the other";
inline constexpr char kImportProblem[] = "  line {}{}: {}";
inline constexpr char kImportRefused[] = "{}: nothing was imported; these rows have problems:";
inline constexpr char kImportGoodRowsHint[] =
    "  correct them and try again, or pass --good-rows-only to import the other rows";
inline constexpr char kImportSummary[] = "{} row(s) read, {} imported, {} with problems";
inline constexpr char kImportDrySummary[] =
    "dry run: {} row(s) read, {} would be imported, {} with problems; nothing was stored";
inline constexpr char kImportRepeated[] =
    "this import (request id) was done before; nothing was changed";
// {} line, name, participant id, kImportedExisting or "", the enrolment.
inline constexpr char kImportedRow[] = "  line {}: {} (participant {}{}){}";
inline constexpr char kImportedExisting[] = ", existing";
inline constexpr char kImportedEnrolment[] = ", enrolment {} {}";
inline constexpr char kWouldImportNew[] = "  line {}: {} (new participant){}";
inline constexpr char kWouldImportExisting[] = "  line {}: {} (existing participant {}){}";
inline constexpr char kWouldEnrol[] = ", {}";

// Participants (person records)
inline constexpr char kParticipantCommand[] = "participants (person records)";
inline constexpr char kParticipantEmailOption[] = "e-mail address (optional)";
inline constexpr char kParticipantOrgOption[] = "organisation whose coordinators keep the record";
inline constexpr char kTrainingStartOption[] =
    "apprentices: the first day of their training (e.g. 2024-08-01 or 01.08.2024)";
inline constexpr char kTrainingYearOption[] =
    "apprentices: their training year today (1 to 3), stored as a start of training on "
    "1 August; --training-start is exact";
inline constexpr char kBadTrainingStart[] =
    "--training-start: give a day, e.g. 2024-08-01 or 01.08.2024";
inline constexpr char kTrainingStartSuffix[] = " (training since {:02}.{:02}.{:04}, year {} today)";
inline constexpr char kTrainingStartOnlySuffix[] = " (training since {:02}.{:02}.{:04})";

}  // namespace trainhub::cli::msg

#endif  // TRAINHUB_CLIENTS_CLI_MESSAGES_ENROLMENT_H_
