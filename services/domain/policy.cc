#include "domain/policy.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "domain/errors.h"

namespace trainhub::domain {

const std::map<std::string, Callers, std::less<>>& RolePolicy() {
  static const auto* policy = new std::map<std::string, Callers, std::less<>>{
      {"trainhub.v1.AccountService/Login", Callers::kAnyone},
      {"trainhub.v1.AccountService/Logout", Callers::kSignedIn},
      {"trainhub.v1.AccountService/GetCurrentAccount", Callers::kSignedIn},
      {"trainhub.v1.AccountService/CreateAccount", Callers::kAdmin},
      {"trainhub.v1.AccountService/ListAccounts", Callers::kAdmin},
      {"trainhub.v1.AccountService/RevokeTokens", Callers::kAdmin},

      {"trainhub.v1.AuditService/ListAuditEvents", Callers::kPlanners},
      {"trainhub.v1.AuditService/VerifyAuditLog", Callers::kAdmin},

      {"trainhub.v1.ReportService/GetFunderReport", Callers::kPlanners},
      {"trainhub.v1.ReportService/ExportFunderReport", Callers::kPlanners},

      {"trainhub.v1.PrivacyService/ExportPersonalData", Callers::kSignedIn},
      {"trainhub.v1.PrivacyService/ErasePersonalData", Callers::kPlanners},
      {"trainhub.v1.PrivacyService/ListErasureDue", Callers::kPlanners},

      {"trainhub.v1.AdminService/BackupDatabase", Callers::kAdmin},

      {"trainhub.v1.OrganizationService/CreateOrganization", Callers::kAdmin},
      {"trainhub.v1.OrganizationService/GetOrganization", Callers::kSignedIn},
      {"trainhub.v1.OrganizationService/ListOrganizations", Callers::kSignedIn},
      {"trainhub.v1.OrganizationService/UpdateOrganization", Callers::kPlanners},

      {"trainhub.v1.ParticipantService/CreateParticipant", Callers::kPlanners},
      {"trainhub.v1.ParticipantService/GetParticipant", Callers::kSignedIn},
      {"trainhub.v1.ParticipantService/ListParticipants", Callers::kSignedIn},
      {"trainhub.v1.ParticipantService/UpdateParticipant", Callers::kPlanners},
      {"trainhub.v1.ParticipantService/ImportParticipants", Callers::kPlanners},
      {"trainhub.v1.ParticipantService/RecordQualification", Callers::kPlanners},
      {"trainhub.v1.ParticipantService/ListQualifications", Callers::kSignedIn},
      {"trainhub.v1.ParticipantService/DeleteQualification", Callers::kPlanners},

      // Participants act on their own enrolments; the object rules are in
      // domain/enrolment/enrolments.h.
      {"trainhub.v1.AttendanceService/GetAttendanceSheet", Callers::kSignedIn},
      {"trainhub.v1.AttendanceService/RecordAttendanceSheet", Callers::kStaff},
      {"trainhub.v1.AttendanceService/RecordAttendance", Callers::kStaff},
      {"trainhub.v1.AttendanceService/SignOffAttendanceSheet", Callers::kStaff},
      {"trainhub.v1.AttendanceService/ListAttendanceHistory", Callers::kSignedIn},
      {"trainhub.v1.AttendanceService/GetAttendanceSummary", Callers::kSignedIn},
      {"trainhub.v1.AttendanceService/GetAttendanceMatrix", Callers::kStaff},
      {"trainhub.v1.AttendanceService/ExportAttendance", Callers::kStaff},
      {"trainhub.v1.AttendanceService/RenderSignInSheet", Callers::kStaff},
      {"trainhub.v1.AttendanceService/OpenCheckIn", Callers::kStaff},
      {"trainhub.v1.AttendanceService/GetCheckInCode", Callers::kStaff},
      {"trainhub.v1.AttendanceService/CloseCheckIn", Callers::kStaff},
      {"trainhub.v1.AttendanceService/CheckIn", Callers::kSignedIn},
      {"trainhub.v1.AttendanceService/VerifyAttendanceLedger", Callers::kStaff},
      {"trainhub.v1.AttendanceService/ExportAttendanceLedger", Callers::kStaff},
      {"trainhub.v1.CertificateService/GetCompletionRule", Callers::kSignedIn},
      {"trainhub.v1.CertificateService/SetCompletionRule", Callers::kPlanners},
      {"trainhub.v1.CertificateService/EvaluateCompletion", Callers::kSignedIn},
      {"trainhub.v1.CertificateService/RecordCompletionDecision", Callers::kPlanners},
      {"trainhub.v1.CertificateService/ListCompletionDecisions", Callers::kPlanners},
      {"trainhub.v1.CertificateService/IssueCertificate", Callers::kPlanners},
      {"trainhub.v1.CertificateService/IssueCertificates", Callers::kPlanners},
      {"trainhub.v1.CertificateService/GetCertificate", Callers::kSignedIn},
      {"trainhub.v1.CertificateService/ListCertificates", Callers::kSignedIn},
      {"trainhub.v1.CertificateService/GetCertificatePdf", Callers::kSignedIn},
      {"trainhub.v1.CertificateService/GetCertificateBadge", Callers::kSignedIn},
      {"trainhub.v1.CertificateService/DownloadCertificates", Callers::kSignedIn},
      {"trainhub.v1.CertificateService/RevokeCertificate", Callers::kPlanners},
      {"trainhub.v1.CertificateService/ReissueCertificate", Callers::kPlanners},
      {"trainhub.v1.CertificateService/VerifyCertificate", Callers::kAnyone},
      {"trainhub.v1.CertificateService/ListIssuerKeys", Callers::kAnyone},
      {"trainhub.v1.EnrolmentService/RequestEnrolment", Callers::kSignedIn},
      {"trainhub.v1.EnrolmentService/EnrolCohort", Callers::kPlanners},
      {"trainhub.v1.EnrolmentService/GetEnrolment", Callers::kSignedIn},
      {"trainhub.v1.EnrolmentService/ListEnrolments", Callers::kSignedIn},
      {"trainhub.v1.EnrolmentService/ListEnrolmentHistory", Callers::kSignedIn},
      {"trainhub.v1.EnrolmentService/ApproveEnrolment", Callers::kPlanners},
      {"trainhub.v1.EnrolmentService/RejectEnrolment", Callers::kPlanners},
      {"trainhub.v1.EnrolmentService/ConfirmEnrolment", Callers::kSignedIn},
      {"trainhub.v1.EnrolmentService/WithdrawEnrolment", Callers::kSignedIn},
      {"trainhub.v1.EnrolmentService/ReleaseUnconfirmedSeats", Callers::kPlanners},

      {"trainhub.v1.TrainerService/CreateTrainer", Callers::kPlanners},
      {"trainhub.v1.TrainerService/GetTrainer", Callers::kStaff},
      {"trainhub.v1.TrainerService/ListTrainers", Callers::kPlanners},
      {"trainhub.v1.TrainerService/UpdateTrainer", Callers::kPlanners},

      {"trainhub.v1.SeriesService/CreateSeries", Callers::kPlanners},
      {"trainhub.v1.SeriesService/GetSeries", Callers::kSignedIn},
      {"trainhub.v1.SeriesService/ListSeries", Callers::kSignedIn},
      {"trainhub.v1.SeriesService/UpdateSeries", Callers::kPlanners},
      {"trainhub.v1.SeriesService/CancelSeries", Callers::kPlanners},
      {"trainhub.v1.SeriesService/DeleteSeries", Callers::kPlanners},
      {"trainhub.v1.SeriesService/CreateModule", Callers::kPlanners},
      {"trainhub.v1.SeriesService/ListModules", Callers::kSignedIn},
      {"trainhub.v1.SeriesService/UpdateModule", Callers::kPlanners},
      {"trainhub.v1.SeriesService/MoveModule", Callers::kPlanners},
      {"trainhub.v1.SeriesService/DeleteModule", Callers::kPlanners},
      {"trainhub.v1.SeriesService/CreateSession", Callers::kPlanners},
      {"trainhub.v1.SeriesService/CreateSessionDays", Callers::kPlanners},
      {"trainhub.v1.SeriesService/GetSession", Callers::kSignedIn},
      {"trainhub.v1.SeriesService/ListSessions", Callers::kSignedIn},
      {"trainhub.v1.SeriesService/UpdateSession", Callers::kPlanners},
      {"trainhub.v1.SeriesService/SetBookingStatus", Callers::kStaff},
      {"trainhub.v1.SeriesService/DeleteSession", Callers::kPlanners},

      {"trainhub.v1.ScheduleService/ListTrainerSessions", Callers::kStaff},
      {"trainhub.v1.ScheduleService/ListSessionsInRange", Callers::kStaff},
      {"trainhub.v1.ScheduleService/ListPendingBookings", Callers::kStaff},
      {"trainhub.v1.ScheduleService/ListMySessions", Callers::kSignedIn},
      {"trainhub.v1.ScheduleService/ExportCalendar", Callers::kSignedIn},
  };
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
