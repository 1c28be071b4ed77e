#include "api/auth.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace trainhub::api {

const std::map<std::string, Callers, std::less<>>& Policy() {
  static const auto* policy = new std::map<std::string, Callers, std::less<>>{
      {"trainhub.v1.AccountService/Login", Callers::kAnyone},
      {"trainhub.v1.AccountService/Logout", Callers::kSignedIn},
      {"trainhub.v1.AccountService/GetCurrentAccount", Callers::kSignedIn},
      {"trainhub.v1.AccountService/CreateAccount", Callers::kAdmin},
      {"trainhub.v1.AccountService/ListAccounts", Callers::kAdmin},
      {"trainhub.v1.AccountService/RevokeTokens", Callers::kAdmin},

      {"trainhub.v1.AuditService/ListAuditEvents", Callers::kPlanners},

      {"trainhub.v1.OrganizationService/CreateOrganization", Callers::kAdmin},
      {"trainhub.v1.OrganizationService/GetOrganization", Callers::kSignedIn},
      {"trainhub.v1.OrganizationService/ListOrganizations", Callers::kSignedIn},
      {"trainhub.v1.OrganizationService/UpdateOrganization", Callers::kAdmin},

      {"trainhub.v1.ParticipantService/CreateParticipant", Callers::kPlanners},
      {"trainhub.v1.ParticipantService/GetParticipant", Callers::kSignedIn},
      {"trainhub.v1.ParticipantService/ListParticipants", Callers::kSignedIn},
      {"trainhub.v1.ParticipantService/UpdateParticipant", Callers::kPlanners},
      {"trainhub.v1.ParticipantService/ImportParticipants", Callers::kPlanners},
      {"trainhub.v1.ParticipantService/RecordQualification", Callers::kPlanners},
      {"trainhub.v1.ParticipantService/ListQualifications", Callers::kSignedIn},
      {"trainhub.v1.ParticipantService/DeleteQualification", Callers::kPlanners},

      // Participants act on their own enrolments; the object rules are in
      // domain/enrolments.h.
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
      {"trainhub.v1.SeriesService/GetSession", Callers::kSignedIn},
      {"trainhub.v1.SeriesService/ListSessions", Callers::kSignedIn},
      {"trainhub.v1.SeriesService/UpdateSession", Callers::kPlanners},
      {"trainhub.v1.SeriesService/SetBookingStatus", Callers::kStaff},
      {"trainhub.v1.SeriesService/DeleteSession", Callers::kPlanners},

      {"trainhub.v1.ScheduleService/ListTrainerSessions", Callers::kStaff},
      {"trainhub.v1.ScheduleService/ListSessionsInRange", Callers::kStaff},
      {"trainhub.v1.ScheduleService/ListPendingBookings", Callers::kStaff},
      {"trainhub.v1.ScheduleService/ExportCalendar", Callers::kSignedIn},
  };
  return *policy;
}

absl::StatusOr<std::string> Authenticator::BearerToken(const grpc::ServerContext& context) {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find("authorization");
  if (it == metadata.end()) {
    return absl::UnauthenticatedError(
        "this call needs a login: send \"authorization: Bearer <token>\" (trainhub login)");
  }
  const std::string value(it->second.data(), it->second.size());
  constexpr absl::string_view kScheme = "Bearer ";
  if (value.size() <= kScheme.size() || !absl::StartsWithIgnoreCase(value, kScheme)) {
    return absl::UnauthenticatedError("the authorization metadata must read \"Bearer <token>\"");
  }
  return value.substr(kScheme.size());
}

absl::StatusOr<domain::Principal> Authenticator::Admit(const grpc::ServerContext& context,
                                                       absl::string_view service,
                                                       absl::string_view method) {
  if (refusing_) return absl::UnavailableError("trainhubd is stopping; try again in a moment");
  const std::string key = absl::StrCat(service, "/", method);
  auto rule = Policy().find(key);
  if (rule == Policy().end()) {
    return absl::PermissionDeniedError(absl::StrCat(key, " has no access rule"));
  }
  if (rule->second == Callers::kAnyone) return domain::Principal{};
  absl::StatusOr<std::string> token = BearerToken(context);
  if (!token.ok()) return token.status();
  absl::StatusOr<domain::Principal> principal = accounts_.Authenticate(*token);
  if (!principal.ok()) return principal.status();
  using domain::Role;
  bool allowed = false;
  const char* needs = "";
  switch (rule->second) {
    case Callers::kAnyone:
    case Callers::kSignedIn:
      allowed = true;
      break;
    case Callers::kAdmin:
      allowed = principal->Has(Role::kAdmin);
      needs = "an admin";
      break;
    case Callers::kPlanners:
      allowed = principal->Has(Role::kAdmin) || principal->Has(Role::kCoordinator);
      needs = "an admin or a coordinator";
      break;
    case Callers::kStaff:
      allowed = principal->Has(Role::kAdmin) || principal->Has(Role::kCoordinator) ||
                principal->Has(Role::kTrainer);
      needs = "an admin, a coordinator or a trainer";
      break;
  }
  if (!allowed) {
    return absl::PermissionDeniedError(
        absl::StrCat(method, " is for ", needs, "; your account may not call it"));
  }
  return principal;
}

std::string ClientAddress(absl::string_view peer) {
  absl::string_view address = peer;
  if (absl::StartsWith(address, "ipv4:") || absl::StartsWith(address, "ipv6:")) {
    const size_t colon = address.rfind(':');
    const size_t bracket = address.rfind(']');
    if (colon != absl::string_view::npos && colon > 4 &&
        (bracket == absl::string_view::npos || colon > bracket)) {
      address = address.substr(0, colon);
    }
  }
  return std::string(address.substr(0, 128));
}

}  // namespace trainhub::api
