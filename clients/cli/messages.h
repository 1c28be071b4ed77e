#ifndef TRAINHUB_CLIENTS_CLI_MESSAGES_H_
#define TRAINHUB_CLIENTS_CLI_MESSAGES_H_

// Every user-facing text of the trainhub CLI, so that a translation
// (German first) can replace these files (this one and those it includes). Format strings use {}
// for values in the order given.

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

// Accounts
inline constexpr char kLoginCommand[] = "log in and keep the token for the next commands";
inline constexpr char kHealthCommand[] =
    "check that trainhubd answers (no login needed; exit 0 when serving, 5 when not)";
inline constexpr char kServing[] = "SERVING";
inline constexpr char kNotServing[] = "NOT_SERVING (the server is stopping)";
inline constexpr char kLogoutCommand[] = "log out (revokes the token)";
inline constexpr char kWhoamiCommand[] = "show the account you are logged in as";
inline constexpr char kAccountCommand[] = "accounts (admin)";
inline constexpr char kCreateAccount[] = "create an account";
inline constexpr char kRevokeTokens[] = "end every session of an account";
inline constexpr char kPasswordStdinOption[] =
    "read the password from standard input (for scripts) instead of a prompt";
inline constexpr char kRoleOption[] =
    "role: admin, coordinator:ORG_ID, trainer:TRAINER_ID, participant or "
    "participant:PARTICIPANT_ID (repeat for several)";
inline constexpr char kPasswordPrompt[] = "Password: ";
inline constexpr char kNewPasswordPrompt[] = "Password for the new account: ";
inline constexpr char kRepeatPasswordPrompt[] = "Repeat the password: ";
inline constexpr char kPasswordsDiffer[] = "the passwords differ; nothing was changed";
inline constexpr char kBadRole[] =
    "--role {}: use admin, coordinator:ORG_ID, trainer:TRAINER_ID, participant or "
    "participant:PARTICIPANT_ID";
inline constexpr char kLoggedIn[] = "logged in as {} <{}> ({}); the token is valid until {}";
inline constexpr char kLoggedOut[] = "logged out";
inline constexpr char kCannotSaveToken[] = "cannot save the token to {}";
inline constexpr char kDemoDataBroken[] = "the built-in demo data is broken: {}";
inline constexpr char kDemoUnchanged[] =
    "the demo data is loaded already (by this account); nothing was changed";
inline constexpr char kDemoRecordGone[] =
    "a record of the demo was deleted since it was loaded ({}); demo load cannot repeat it (for a "
    "fresh demo, start with a new database)";
inline constexpr char kDemoLogins[] =
    "the demo's logins that this database holds (admins; exit 4 when it holds none)";
inline constexpr char kNoDemoHere[] = "this database holds none of the demo's logins";
inline constexpr char kDemoLoadedByOther[] =
    "the demo data is here already, loaded by another account; nothing was changed (demo load "
    "completes or repeats a load only for the account that started it)";
inline constexpr char kUnknownCommand[] = "{} has no command \"{}\"; see: {} --help";
inline constexpr char kUnknownCommandNear[] = "{} has no command \"{}\"; did you mean: {} {}?";
inline constexpr char kRevoked[] = "revoked {} token(s)";
inline constexpr char kAuditCommand[] =
    "the audit log (admins; coordinators for their organisation)";
inline constexpr char kAuditList[] = "who changed what, and refused calls, newest first";
inline constexpr char kAuditVerify[] =
    "admins: check that the audit log is unchanged (its hash chain); exit 3 when it was changed";
inline constexpr char kAuditIntact[] = "the audit log is intact: {} events, last hash {}";
inline constexpr char kAuditOpenRows[] =
    "  {} refusal row(s) of the last minute still count repeats; they join the chain when "
    "their minute ends";
inline constexpr char kAuditBroken[] = "the audit log was CHANGED: {}";
inline constexpr char kAdminCommand[] = "running the installation (admins only)";
inline constexpr char kAdminBackup[] =
    "a consistent copy of the whole database while the server runs, written to FILE "
    "(restore it with trainhubd --restore FILE --db PATH)";
inline constexpr char kBackupFileArg[] =
    "the file to write (\"-\": standard output); it holds every personal record";
inline constexpr char kBackupWritten[] = "wrote {} ({} bytes): a backup of the whole database";
inline constexpr char kColWhenLocal[] = "WHEN";
inline constexpr char kAccountGone[] = "account {} (deleted)";
inline constexpr char kUnknownCaller[] = "not signed in, from {}";
inline constexpr char kRepeatCount[] = " ×{}";
inline constexpr char kColAccount[] = "ACCOUNT";
inline constexpr char kColCall[] = "CALL";
inline constexpr char kColObject[] = "OBJECT";
inline constexpr char kColResult[] = "RESULT";
inline constexpr char kLabelRoles[] = "Roles";
inline constexpr char kColRoles[] = "ROLES";

// Commands
inline constexpr char kOrgCommand[] = "organisations (Träger and partners)";
inline constexpr char kTrainerCommand[] = "trainers and referents";
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
inline constexpr char kColTargetGroups[] = "TARGET GROUPS";
inline constexpr char kSeriesCommand[] = "training series";
inline constexpr char kModuleCommand[] = "modules of a series";
inline constexpr char kSessionCommand[] = "sessions of a module (dates, place, trainers)";
inline constexpr char kScheduleCommand[] = "schedules across series";
inline constexpr char kIcalCommand[] = "iCalendar export";
inline constexpr char kDemoCommand[] = "demo data";
inline constexpr char kCreate[] = "create";
inline constexpr char kList[] = "list";
inline constexpr char kShow[] = "show one";
inline constexpr char kUpdate[] = "change the given fields";
inline constexpr char kCancelSeries[] = "cancel a series (it stays visible)";
inline constexpr char kDeleteSeries[] =
    "delete a series (only while it has no modules, or with --force)";
inline constexpr char kAddModule[] = "add a module";
inline constexpr char kMoveModule[] = "move a module to another position";
inline constexpr char kRemoveModule[] = "remove a module (only without sessions, or with --force)";
inline constexpr char kAddSession[] = "add a session to a module";
inline constexpr char kDeleteSession[] = "delete a session";
inline constexpr char kBooking[] = "set a trainer's booking status for a session";
inline constexpr char kScheduleTrainer[] = "a trainer's sessions";
inline constexpr char kScheduleRange[] = "all sessions in a date range";
inline constexpr char kSchedulePending[] = "sessions still waiting for a trainer's confirmation";
inline constexpr char kIcalSeries[] = "calendar file of a series";
inline constexpr char kIcalTrainer[] = "calendar file of a trainer's sessions";
inline constexpr char kDemoLoad[] =
    "create the four demo series of the domain (IKOE, Interkultur im Ehrenamt, "
    "Gemeinsam verschieden, Vielfalts-Montag); a repeated load completes an interrupted one and "
    "changes nothing else";

// Options
inline constexpr char kIdArg[] = "id";
inline constexpr char kSeriesIdArg[] = "series id";
inline constexpr char kModuleIdArg[] = "module id";
inline constexpr char kSessionIdArg[] = "session id";
inline constexpr char kTrainerIdArg[] = "trainer id";
inline constexpr char kNameOption[] = "name";
inline constexpr char kOrgKindOption[] = "kind of organisation";
inline constexpr char kCityOption[] = "city";
inline constexpr char kWebsiteOption[] = "website";
inline constexpr char kRetentionOption[] =
    "years the records of its ended series are kept (what funders require), 0 to 30; 0: no such "
    "duty. Before that, only an admin can erase a person's data";
inline constexpr char kEmailOption[] = "e-mail address";
inline constexpr char kAffiliationOption[] = "affiliation, e.g. a university or \"freiberuflich\"";
inline constexpr char kTitleOption[] = "title";
inline constexpr char kSeriesKindOption[] = "kind of series";
inline constexpr char kDescriptionOption[] = "description";
inline constexpr char kOrgIdOption[] = "owning organisation id";
inline constexpr char kPartnerOption[] = "partner organisation id (repeat for several)";
inline constexpr char kTargetGroupOption[] = "target group (repeat for several)";
inline constexpr char kCapacityOption[] = "seats for participants";
inline constexpr char kPartnersMayPlanOption[] =
    "whether the partners' coordinators may plan this series too (true/false)";
inline constexpr char kStatusOption[] = "status";
inline constexpr char kReasonOption[] = "reason, shown to participants";
inline constexpr char kForceOption[] = "also delete what belongs to it";
inline constexpr char kTopicOption[] = "topic (repeat for several)";
inline constexpr char kOptionalOption[] = "attending this module is optional";
inline constexpr char kMandatoryOption[] = "whether attending is mandatory (true/false)";
inline constexpr char kUnitsOption[] = "teaching units (45 min each)";
inline constexpr char kPositionOption[] = "position, 1 = first (default: append)";
inline constexpr char kToPositionOption[] = "new position, 1 = first";
inline constexpr char kStartOption[] = "start";
inline constexpr char kDaysOption[] =
    "one session per day: FIRST..LAST (2020-05-14..2020-05-16 or 14.05.2020..16.05.2020), "
    "each at the --daily hours, instead of --start and --end";
inline constexpr char kDailyOption[] = "hours of each day with --days, e.g. 09:00-16:00";
inline constexpr char kBadDays[] =
    "--days: give FIRST..LAST as 2020-05-14..2020-05-16 or 14.05.2020..16.05.2020";
inline constexpr char kBadDaily[] = "--daily: give the hours as 09:00-16:00";
inline constexpr char kDaysOrTimes[] =
    "give --start and --end for one session, or --days and --daily for one session per day";
inline constexpr char kEndOption[] = "end";
inline constexpr char kPlaceOption[] = "place name";
inline constexpr char kAddressOption[] = "place address";
inline constexpr char kTrainerOption[] =
    "trainer id (repeat for several); with update it replaces the list";
inline constexpr char kNoTrainersOption[] = "remove all trainers";
inline constexpr char kNoPartnersOption[] = "remove all partner organisations";
inline constexpr char kNoTargetGroupsOption[] = "remove all target groups (open to everyone)";
inline constexpr char kNoTopicsOption[] = "remove all topics";
inline constexpr char kNoteOption[] = "note";
inline constexpr char kAllowOverlapOption[] =
    "book even if a trainer or the place is already booked at that time";
inline constexpr char kFromOption[] = "from (date or date and time)";
inline constexpr char kToOption[] = "until (exclusive)";
inline constexpr char kModuleFilterOption[] = "only this module";
inline constexpr char kOrgFilterOption[] = "only series of this organisation (owner or partner)";
inline constexpr char kTrainerFilterOption[] = "only this trainer";
inline constexpr char kOutFileOption[] = "write to this file instead of standard output";

// Tables and labels
inline constexpr char kColId[] = "ID";
inline constexpr char kColName[] = "NAME";
inline constexpr char kColKind[] = "KIND";
inline constexpr char kColCity[] = "CITY";
inline constexpr char kColEmail[] = "E-MAIL";
inline constexpr char kColAffiliation[] = "AFFILIATION";
inline constexpr char kColTitle[] = "TITLE";
inline constexpr char kColStatus[] = "STATUS";
inline constexpr char kColDates[] = "DATES";
inline constexpr char kColModules[] = "MOD";
inline constexpr char kColPosition[] = "#";
inline constexpr char kColUnits[] = "UE";
inline constexpr char kColSessions[] = "SESS";
inline constexpr char kColWhen[] = "WHEN (Europe/Berlin)";
inline constexpr char kColModule[] = "MODULE";
inline constexpr char kColSeries[] = "SERIES";
inline constexpr char kColPlace[] = "PLACE";
inline constexpr char kColTrainers[] = "TRAINERS";
inline constexpr char kLabelKind[] = "Kind";
inline constexpr char kLabelStatus[] = "Status";
inline constexpr char kLabelOrganisation[] = "Organisation";
inline constexpr char kLabelPartners[] = "Partners";
inline constexpr char kLabelTargetGroups[] = "Target groups";
inline constexpr char kLabelPartnersMayPlan[] = "Partners plan";
inline constexpr char kYes[] = "yes";
inline constexpr char kNo[] = "no (read only)";
inline constexpr char kLabelCapacity[] = "Capacity";
inline constexpr char kLabelDates[] = "Dates";
inline constexpr char kLabelCancelled[] = "Cancelled";
inline constexpr char kLabelDescription[] = "Description";
inline constexpr char kLabelModules[] = "Modules";
inline constexpr char kLabelSessions[] = "Sessions";
inline constexpr char kLabelTopics[] = "Topics";
inline constexpr char kLabelWhen[] = "When";
inline constexpr char kLabelPlace[] = "Place";
inline constexpr char kLabelTrainers[] = "Trainers";
inline constexpr char kLabelNote[] = "Note";
inline constexpr char kLabelEmail[] = "E-mail";
inline constexpr char kLabelAffiliation[] = "Affiliation";
inline constexpr char kLabelCity[] = "City";
inline constexpr char kLabelWebsite[] = "Website";
inline constexpr char kLabelRetention[] = "Records kept";
inline constexpr char kNoRetention[] = "no retention set";
inline constexpr char kRetentionYears[] = "{} years after a series ended";
inline constexpr char kLabelModule[] = "Module";
inline constexpr char kLabelSeries[] = "Series";
inline constexpr char kScheduleModuleLine[] = "    {} › {}. {}";
inline constexpr char kCancelledMark[] = " CANCELLED";
inline constexpr char kSchedulePlaceLine[] = "    {} · {}";
inline constexpr char kLocalTimeSuffix[] = "{} (Europe/Berlin)";
inline constexpr char kOptionalMark[] = " (optional)";
inline constexpr char kNone[] = "-";
inline constexpr char kNoItems[] = "(none)";
inline constexpr char kSeriesHeading[] = "Series {}: {}";
inline constexpr char kSessionHeading[] = "Session {}";
inline constexpr char kModuleLine[] = "module {} \"{}\"";
inline constexpr char kDone[] = "done";
inline constexpr char kDeletedSeries[] = "deleted series {}";
inline constexpr char kDeletedModule[] = "deleted module {}";
inline constexpr char kDeletedSession[] = "deleted session {}";
inline constexpr char kModuleCreated[] = "module {} \"{}\" (id {})";
inline constexpr char kWroteFile[] = "wrote {} ({} events)";
// Two lines: the command to log in, then the password and who it is.
inline constexpr char kDemoAccountLine[] =
    "  demo login: trainhub login --email {}\n    password: {} · {}";
inline constexpr char kDemoLoaded[] =
    "demo data loaded: {} organisations, {} trainers, {} series, {} modules, {} sessions, "
    "{} enrolments, {} attendance sheets, {} certificates";

// Enrolment rules of a series
inline constexpr char kRequiresApprovalOption[] =
    "participants' own requests wait for a coordinator's approval (true/false)";
inline constexpr char kRequiresConfirmationOption[] =
    "seat holders give a binding commitment, verbindliche Zusage (true/false)";
inline constexpr char kConfirmationDeadlineOption[] =
    "after this time unconfirmed seats can be released; \"none\" removes it";
inline constexpr char kEnrolmentDeadlineOption[] =
    "participants may request until this time; \"none\" removes it";
inline constexpr char kAwardsQualificationOption[] =
    "the qualification that completing this series gives";
inline constexpr char kRequiresQualificationOption[] =
    "a qualification participants must hold to enrol (\"\" for none)";
inline constexpr char kNoDeadline[] = "none";
inline constexpr char kLabelSeats[] = "Seats";
inline constexpr char kSeatsValue[] = "{} of {} taken, {} waiting";
inline constexpr char kLabelApproval[] = "Approval";
inline constexpr char kApprovalRequired[] = "coordinators approve participants' requests";
inline constexpr char kLabelConfirmation[] = "Confirmation";
inline constexpr char kConfirmationRequired[] = "binding, by {} (Europe/Berlin)";
inline constexpr char kConfirmationRequiredNoDeadline[] = "binding, no deadline";
inline constexpr char kLabelEnrolmentUntil[] = "Enrolment until";
inline constexpr char kLabelAwards[] = "Awards";
inline constexpr char kLabelRequires[] = "Requires";
inline constexpr char kNotRequired[] = "not required";

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
    "  correct them and import again, or pass --good-rows-only to import the other rows";
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

#include "clients/cli/messages_certificates.h"  // IWYU pragma: export
#include "clients/cli/messages_reports.h"       // IWYU pragma: export
#include "clients/cli/messages_usage.h"         // IWYU pragma: export

#endif  // TRAINHUB_CLIENTS_CLI_MESSAGES_H_
