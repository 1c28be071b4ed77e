#include "domain/policy.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "domain/errors.h"

namespace trainhub::domain {

namespace {

// One service's rows of the role table: each RPC by its name in the
// service, and who may call it.
struct ServiceRows {
  absl::string_view service;  // e.g. "AccountService", in package trainhub.v1
  std::vector<std::pair<absl::string_view, Callers>> methods;
};

// Signing in is open to anyone; managing accounts and tokens is for admins.
ServiceRows AccountRows() {
  return {"AccountService",
          {{"Login", Callers::kAnyone},
           {"Logout", Callers::kSignedIn},
           {"GetCurrentAccount", Callers::kSignedIn},
           {"CreateAccount", Callers::kAdmin},
           {"ListAccounts", Callers::kAdmin},
           {"RevokeTokens", Callers::kAdmin}}};
}

// Planners list the audit log; admins verify its chain.
ServiceRows AuditRows() {
  return {"AuditService",
          {{"ListAuditEvents", Callers::kPlanners}, {"VerifyAuditLog", Callers::kAdmin}}};
}

// Funder reports are for planners.
ServiceRows ReportRows() {
  return {"ReportService",
          {{"GetFunderReport", Callers::kPlanners}, {"ExportFunderReport", Callers::kPlanners}}};
}

// Anyone signed in exports personal data (the object rules decide whose);
// planners erase and list who is due.
ServiceRows PrivacyRows() {
  return {"PrivacyService",
          {{"ExportPersonalData", Callers::kSignedIn},
           {"ErasePersonalData", Callers::kPlanners},
           {"ListErasureDue", Callers::kPlanners}}};
}

// Backups are for admins.
ServiceRows AdminRows() { return {"AdminService", {{"BackupDatabase", Callers::kAdmin}}}; }

// Admins create organisations, planners update them, anyone signed in
// reads them.
ServiceRows OrganizationRows() {
  return {"OrganizationService",
          {{"CreateOrganization", Callers::kAdmin},
           {"GetOrganization", Callers::kSignedIn},
           {"ListOrganizations", Callers::kSignedIn},
           {"UpdateOrganization", Callers::kPlanners}}};
}

// Planners keep participants and their qualifications; anyone signed in
// reads them (the object rules decide which).
ServiceRows ParticipantRows() {
  return {"ParticipantService",
          {{"CreateParticipant", Callers::kPlanners},
           {"GetParticipant", Callers::kSignedIn},
           {"ListParticipants", Callers::kSignedIn},
           {"UpdateParticipant", Callers::kPlanners},
           {"ImportParticipants", Callers::kPlanners},
           {"RecordQualification", Callers::kPlanners},
           {"ListQualifications", Callers::kSignedIn},
           {"DeleteQualification", Callers::kPlanners}}};
}

// Staff record, sign off and report attendance and run the check-in; anyone
// signed in reads sheets, histories and summaries (the object rules decide
// which) and checks in.
ServiceRows AttendanceRows() {
  return {"AttendanceService",
          {{"GetAttendanceSheet", Callers::kSignedIn},
           {"RecordAttendanceSheet", Callers::kStaff},
           {"RecordAttendance", Callers::kStaff},
           {"SignOffAttendanceSheet", Callers::kStaff},
           {"ListAttendanceHistory", Callers::kSignedIn},
           {"GetAttendanceSummary", Callers::kSignedIn},
           {"GetAttendanceMatrix", Callers::kStaff},
           {"ExportAttendance", Callers::kStaff},
           {"RenderSignInSheet", Callers::kStaff},
           {"OpenCheckIn", Callers::kStaff},
           {"GetCheckInCode", Callers::kStaff},
           {"CloseCheckIn", Callers::kStaff},
           {"CheckIn", Callers::kSignedIn},
           {"VerifyAttendanceLedger", Callers::kStaff},
           {"ExportAttendanceLedger", Callers::kStaff}}};
}

// Planners set rules, decide and issue, revoke and reissue; anyone signed in
// reads rules, evaluations and certificates (the object rules decide which);
// anyone verifies.
ServiceRows CertificateRows() {
  return {"CertificateService",
          {{"GetCompletionRule", Callers::kSignedIn},
           {"SetCompletionRule", Callers::kPlanners},
           {"EvaluateCompletion", Callers::kSignedIn},
           {"RecordCompletionDecision", Callers::kPlanners},
           {"ListCompletionDecisions", Callers::kPlanners},
           {"IssueCertificate", Callers::kPlanners},
           {"IssueCertificates", Callers::kPlanners},
           {"GetCertificate", Callers::kSignedIn},
           {"ListCertificates", Callers::kSignedIn},
           {"GetCertificatePdf", Callers::kSignedIn},
           {"GetCertificateBadge", Callers::kSignedIn},
           {"DownloadCertificates", Callers::kSignedIn},
           {"RevokeCertificate", Callers::kPlanners},
           {"ReissueCertificate", Callers::kPlanners},
           {"VerifyCertificate", Callers::kAnyone},
           {"ListIssuerKeys", Callers::kAnyone}}};
}

// Participants act on their own enrolments (the object rules are in
// domain/enrolment/enrolments.h); planners on their series' cohorts.
ServiceRows EnrolmentRows() {
  return {"EnrolmentService",
          {{"RequestEnrolment", Callers::kSignedIn},
           {"EnrolCohort", Callers::kPlanners},
           {"GetEnrolment", Callers::kSignedIn},
           {"ListEnrolments", Callers::kSignedIn},
           {"ListEnrolmentHistory", Callers::kSignedIn},
           {"ApproveEnrolment", Callers::kPlanners},
           {"RejectEnrolment", Callers::kPlanners},
           {"ConfirmEnrolment", Callers::kSignedIn},
           {"WithdrawEnrolment", Callers::kSignedIn},
           {"ReleaseUnconfirmedSeats", Callers::kPlanners}}};
}

// Planners keep trainers; staff read one.
ServiceRows TrainerRows() {
  return {"TrainerService",
          {{"CreateTrainer", Callers::kPlanners},
           {"GetTrainer", Callers::kStaff},
           {"ListTrainers", Callers::kPlanners},
           {"UpdateTrainer", Callers::kPlanners}}};
}

// Planners plan series, modules and sessions; staff set a booking's
// status; anyone signed in reads them (the object rules decide which).
ServiceRows SeriesRows() {
  return {"SeriesService",
          {{"CreateSeries", Callers::kPlanners},
           {"GetSeries", Callers::kSignedIn},
           {"ListSeries", Callers::kSignedIn},
           {"UpdateSeries", Callers::kPlanners},
           {"CancelSeries", Callers::kPlanners},
           {"DeleteSeries", Callers::kPlanners},
           {"CreateModule", Callers::kPlanners},
           {"ListModules", Callers::kSignedIn},
           {"UpdateModule", Callers::kPlanners},
           {"MoveModule", Callers::kPlanners},
           {"DeleteModule", Callers::kPlanners},
           {"CreateSession", Callers::kPlanners},
           {"CreateSessionDays", Callers::kPlanners},
           {"GetSession", Callers::kSignedIn},
           {"ListSessions", Callers::kSignedIn},
           {"UpdateSession", Callers::kPlanners},
           {"SetBookingStatus", Callers::kStaff},
           {"DeleteSession", Callers::kPlanners}}};
}

// Staff list sessions across series; anyone signed in lists their own and
// exports the calendar.
ServiceRows ScheduleRows() {
  return {"ScheduleService",
          {{"ListTrainerSessions", Callers::kStaff},
           {"ListSessionsInRange", Callers::kStaff},
           {"ListPendingBookings", Callers::kStaff},
           {"ListMySessions", Callers::kSignedIn},
           {"ExportCalendar", Callers::kSignedIn}}};
}

}  // namespace

const std::map<std::string, Callers, std::less<>>& RolePolicy() {
  static const auto* policy = [] {
    auto* rows = new std::map<std::string, Callers, std::less<>>;
    for (const ServiceRows& s :
         {AccountRows(), AuditRows(), ReportRows(), PrivacyRows(), AdminRows(), OrganizationRows(),
          ParticipantRows(), AttendanceRows(), CertificateRows(), EnrolmentRows(), TrainerRows(),
          SeriesRows(), ScheduleRows()}) {
      for (const auto& [method, callers] : s.methods) {
        rows->emplace(absl::StrCat("trainhub.v1.", s.service, "/", method), callers);
      }
    }
    return rows;
  }();
  return *policy;
}

absl::Status CheckCallers(Callers rule, const Principal& who, absl::string_view method) {
  bool allowed = false;
  const char* needs = "";
  switch (rule) {
    case Callers::kAnyone:
    case Callers::kSignedIn:
      allowed = true;
      break;
    case Callers::kAdmin:
      allowed = who.Has(Role::kAdmin);
      needs = "admin";
      break;
    case Callers::kPlanners:
      allowed = who.Has(Role::kAdmin) || who.Has(Role::kCoordinator);
      needs = "planners";
      break;
    case Callers::kStaff:
      allowed = who.Has(Role::kAdmin) || who.Has(Role::kCoordinator) || who.Has(Role::kTrainer);
      needs = "staff";
      break;
  }
  if (allowed) return absl::OkStatus();
  return Refusal(absl::StatusCode::kPermissionDenied,
                 Msg("{method} is for {needs, select, admin {an admin} planners {an admin or a "
                     "coordinator} other {an admin, a coordinator or a trainer}}; your account may "
                     "not call it",
                     {{"method", method}, {"needs", needs}}));
}

Visibility VisibilityOf(const Principal& who) {
  Visibility v;
  v.everything = who.IsAdmin();
  for (const RoleGrant& g : who.account.roles) {
    if (g.role == Role::kCoordinator) v.organizations.push_back(g.organization_id);
  }
  v.trainer_id = who.TrainerId();
  v.open_series = who.Has(Role::kParticipant);
  v.enrolled_participant_id = who.ParticipantId();
  return v;
}

bool CoordinatesSeries(const Principal& who, const Series& series) {
  if (who.Coordinates(series.organization_id)) return true;
  return std::any_of(series.partner_organization_ids.begin(), series.partner_organization_ids.end(),
                     [&](Id partner) { return who.Coordinates(partner); });
}

bool CanSeeSeries(const Principal& who, const Series& series, SeriesTies ties) {
  if (who.IsAdmin() || CoordinatesSeries(who, series)) return true;
  if (ties.teaches && who.TrainerId() != 0) return true;
  if (ties.enrolled && who.ParticipantId() != 0) return true;
  return who.Has(Role::kParticipant) && series.status == SeriesStatus::kOpenForEnrolment;
}

bool CanPlanSeries(const Principal& who, const Series& series) {
  if (who.IsAdmin() || who.Coordinates(series.organization_id)) return true;
  return series.partners_may_plan && CoordinatesSeries(who, series);
}

namespace {

bool BookedOn(const Principal& who, const Session& session) {
  const Id trainer = who.TrainerId();
  return trainer != 0 &&
         std::any_of(session.trainers.begin(), session.trainers.end(),
                     [&](const TrainerBooking& b) { return b.trainer_id == trainer; });
}

}  // namespace

bool CanSeeSession(const Principal& who, const Series& series, const Session& session,
                   bool enrolled) {
  if (who.IsAdmin() || CoordinatesSeries(who, series) || BookedOn(who, session)) return true;
  if (enrolled && who.ParticipantId() != 0) return true;
  return who.Has(Role::kParticipant) && series.status == SeriesStatus::kOpenForEnrolment;
}

bool SeesSessionInternals(const Principal& who, const Series& series, const Session& session) {
  return CanPlanSeries(who, series) || BookedOn(who, session);
}

void StripInternals(Session& session) {
  session.note.clear();
  std::erase_if(session.trainers,
                [](const TrainerBooking& b) { return b.status != BookingStatus::kConfirmed; });
}

}  // namespace trainhub::domain
