#ifndef TRAINHUB_CLIENTS_CLI_MESSAGES_PLANNING_H_
#define TRAINHUB_CLIENTS_CLI_MESSAGES_PLANNING_H_

// The CLI's texts of organisations, trainers, series, modules, sessions
// and schedules, with the option, column and label words other commands
// share; part of messages.h, which includes it (include messages.h).

namespace trainhub::cli::msg {

// Commands
inline constexpr char kOrgCommand[] = "organisations (Träger and partners)";
inline constexpr char kTrainerCommand[] = "trainers and referents";
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

}  // namespace trainhub::cli::msg

#endif  // TRAINHUB_CLIENTS_CLI_MESSAGES_PLANNING_H_
