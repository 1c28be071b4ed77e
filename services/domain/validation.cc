#include "domain/validation.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "domain/limits.h"
#include "domain/text.h"

namespace trainhub::domain {
namespace {

std::string Path(absl::string_view prefix, absl::string_view field) {
  return prefix.empty() ? std::string(field) : absl::StrCat(prefix, ".", field);
}

// Trims and normalises `value` (NFC) and records a violation when it breaks
// the text rules.
void CheckText(std::string& value, absl::string_view prefix, absl::string_view field,
               size_t min_chars, size_t max_chars, Violations& v, bool multiline = false) {
  value = Normalized(value);
  if (std::optional<Message> problem = TextProblem(value, min_chars, max_chars, multiline)) {
    v.Add(Path(prefix, field), *std::move(problem));
  }
}

// An e-mail address: text rules, then the address syntax when not empty.
void CheckEmail(std::string& value, absl::string_view prefix, size_t min_chars, Violations& v) {
  CheckText(value, prefix, "email", min_chars, kMaxEmailChars, v);
  if (!value.empty() && CountCodePoints(value) && !LooksLikeEmail(value)) {
    v.Add(Path(prefix, "email"), Msg("is not an e-mail address"));
  }
}

// Known target groups, each once (duplicates are dropped).
void CheckTargetGroups(std::vector<TargetGroup>& groups, absl::string_view prefix, Violations& v) {
  std::vector<TargetGroup> unique;
  for (size_t i = 0; i < groups.size(); ++i) {
    if (!IsKnown(groups[i])) {
      v.Add(absl::StrCat(Path(prefix, "target_groups"), "[", i, "]"),
            UnknownValue(static_cast<int>(groups[i])));
    } else if (std::find(unique.begin(), unique.end(), groups[i]) == unique.end()) {
      unique.push_back(groups[i]);
    }
  }
  groups = std::move(unique);
}

Message OutsideTimeRange() { return Msg("must be between 2000-01-01 and 2099-12-31 (UTC)"); }

}  // namespace

Message UnknownValue(int value) { return Msg("unknown value {value}", {{"value", value}}); }

void ValidateOrganization(Organization& org, absl::string_view prefix, Violations& v) {
  CheckText(org.name, prefix, "name", 1, kMaxNameChars, v);
  if (!IsKnown(org.kind)) {
    v.Add(Path(prefix, "kind"), org.kind == OrganizationKind::kUnspecified
                                    ? Msg("is required")
                                    : UnknownValue(static_cast<int>(org.kind)));
  }
  CheckText(org.city, prefix, "city", 0, kMaxCityChars, v);
  CheckText(org.website, prefix, "website", 0, kMaxWebsiteChars, v);
  CheckText(org.signatory_name, prefix, "signatory_name", 0, kMaxNameChars, v);
  CheckText(org.signatory_role, prefix, "signatory_role", 0, kMaxNameChars, v);
  if (org.signatory_name.empty() && !org.signatory_role.empty()) {
    v.Add(Path(prefix, "signatory_name"), Msg("is required with a signatory role"));
  }
  if (org.record_retention_years < 0 || org.record_retention_years > kMaxRetentionYears) {
    v.Add(Path(prefix, "record_retention_years"),
          Msg("must be between 0 and {max} years", {{"max", kMaxRetentionYears}}));
  }
}

void ValidateTrainer(Trainer& trainer, absl::string_view prefix, Violations& v) {
  CheckText(trainer.display_name, prefix, "display_name", 1, kMaxNameChars, v);
  CheckEmail(trainer.email, prefix, 1, v);
  CheckText(trainer.affiliation, prefix, "affiliation", 0, kMaxAffiliationChars, v);
}

void ValidateParticipant(Participant& p, absl::string_view prefix, Violations& v) {
  CheckText(p.display_name, prefix, "display_name", 1, kMaxNameChars, v);
  CheckEmail(p.email, prefix, 0, v);
  if (p.organization_id <= 0) v.Add(Path(prefix, "organization_id"), Msg("is required"));
  CheckTargetGroups(p.target_groups, prefix, v);
  if (p.target_groups.empty()) v.Add(Path(prefix, "target_groups"), Msg("give at least one"));
  const bool apprentice = std::find(p.target_groups.begin(), p.target_groups.end(),
                                    TargetGroup::kApprentices) != p.target_groups.end();
  if (apprentice && !p.training_start) {
    v.Add(Path(prefix, "training_start"),
          Msg("apprentices need the start of their training (e.g. 2024-08-01)"));
  } else if (!apprentice && p.training_start) {
    v.Add(Path(prefix, "training_start"), Msg("only apprentices have a start of training"));
  } else if (p.training_start &&
             (p.training_start->year() < 2000 || p.training_start->year() > 2099)) {
    v.Add(Path(prefix, "training_start"), Msg("must lie within the years 2000 to 2099"));
  }
}

void ValidateQualification(Qualification& qualification, absl::string_view prefix, Violations& v) {
  CheckText(qualification.title, prefix, "title", 1, kMaxNameChars, v);
  CheckText(qualification.note, prefix, "note", 0, kMaxNoteChars, v, /*multiline=*/true);
}

void ValidateSeries(Series& series, absl::string_view prefix, Violations& v) {
  CheckText(series.title, prefix, "title", 1, kMaxNameChars, v);
  CheckText(series.description, prefix, "description", 0, kMaxDescriptionChars, v,
            /*multiline=*/true);
  if (!IsKnown(series.kind)) {
    v.Add(Path(prefix, "kind"),
          series.kind == SeriesKind::kUnspecified ? Msg("is required")
                                                  : UnknownValue(static_cast<int>(series.kind)));
  }
  if (series.organization_id <= 0) {
    v.Add(Path(prefix, "organization_id"), Msg("is required"));
  }
  if (series.capacity < kMinCapacity || series.capacity > kMaxCapacity) {
    v.Add(Path(prefix, "capacity"),
          Msg("must be between {min} and {max} (is {value})",
              {{"min", kMinCapacity}, {"max", kMaxCapacity}, {"value", series.capacity}}));
  }
  if (series.partner_organization_ids.size() > kMaxPartnersPerSeries) {
    v.Add(Path(prefix, "partner_organization_ids"),
          Msg("at most {max} partners", {{"max", static_cast<int64_t>(kMaxPartnersPerSeries)}}));
  }
  std::set<Id> partners;
  for (size_t i = 0; i < series.partner_organization_ids.size(); ++i) {
    const Id id = series.partner_organization_ids[i];
    const std::string field = absl::StrCat(Path(prefix, "partner_organization_ids"), "[", i, "]");
    if (id <= 0) {
      v.Add(field, Msg("must be a positive id"));
    } else if (id == series.organization_id) {
      v.Add(field, Msg("is the owning organisation"));
    } else if (!partners.insert(id).second) {
      v.Add(field, Msg("organisation {organization} is listed twice", {{"organization", id}}));
    }
  }
  CheckTargetGroups(series.target_groups, prefix, v);
  CheckText(series.awards_qualification, prefix, "awards_qualification", 0, kMaxNameChars, v);
  CheckText(series.required_qualification, prefix, "required_qualification", 0, kMaxNameChars, v);
  if (!series.required_qualification.empty() &&
      Folded(series.required_qualification) == Folded(series.awards_qualification)) {
    v.Add(Path(prefix, "required_qualification"), Msg("is what this series itself awards"));
  }
  for (const auto& [deadline, field] :
       {std::pair{series.confirmation_deadline, "confirmation_deadline"},
        std::pair{series.enrolment_deadline, "enrolment_deadline"}}) {
    if (deadline && (*deadline < EarliestSessionTime() || *deadline >= LatestSessionTime())) {
      v.Add(Path(prefix, field), OutsideTimeRange());
    }
  }
  if (series.confirmation_deadline && !series.requires_confirmation) {
    v.Add(Path(prefix, "confirmation_deadline"),
          Msg("needs requires_confirmation; without it seats need no binding commitment"));
  }
  if (!IsKnown(series.issued_documents)) {
    v.Add(Path(prefix, "issued_documents"),
          series.issued_documents == IssuedDocuments::kUnspecified
              ? Msg("is required (CERTIFICATE_AND_CONFIRMATION or CONFIRMATION_ONLY)")
              : UnknownValue(static_cast<int>(series.issued_documents)));
  } else if (series.issued_documents == IssuedDocuments::kConfirmationOnly &&
             !series.awards_qualification.empty()) {
    v.Add(Path(prefix, "issued_documents"),
          Msg("a series that issues only Teilnahmebestätigungen awards no qualification, but this "
              "one awards \"{qualification}\" (remove that qualification first)",
              {{"qualification", series.awards_qualification}}));
  }
  if (series.status != SeriesStatus::kUnspecified && !IsKnown(series.status)) {
    v.Add(Path(prefix, "status"), UnknownValue(static_cast<int>(series.status)));
  }
}

void ValidateModule(Module& module, absl::string_view prefix, Violations& v) {
  CheckText(module.title, prefix, "title", 1, kMaxNameChars, v);
  if (module.topics.size() > kMaxTopicsPerModule) {
    v.Add(Path(prefix, "topics"),
          Msg("at most {max} topics", {{"max", static_cast<int64_t>(kMaxTopicsPerModule)}}));
  }
  for (size_t i = 0; i < module.topics.size(); ++i) {
    CheckText(module.topics[i], prefix, absl::StrCat("topics[", i, "]"), 1, kMaxTopicChars, v);
  }
  if (module.teaching_units < 0 || module.teaching_units > kMaxTeachingUnits) {
    v.Add(Path(prefix, "teaching_units"),
          Msg("must be between 0 and {max}", {{"max", kMaxTeachingUnits}}));
  }
}

void ValidateSession(Session& session, absl::string_view prefix, Violations& v) {
  const absl::Time earliest = EarliestSessionTime();
  const absl::Time latest = LatestSessionTime();
  bool times_ok = true;
  for (auto [field, t] : {std::pair<const char*, absl::Time>{"start_time", session.start},
                          {"end_time", session.end}}) {
    if (t == absl::UnixEpoch()) {
      v.Add(Path(prefix, field), Msg("is required"));
      times_ok = false;
    } else if (t < earliest || t >= latest) {
      v.Add(Path(prefix, field), OutsideTimeRange());
      times_ok = false;
    }
  }
  if (times_ok) {
    if (session.end <= session.start) {
      v.Add(Path(prefix, "end_time"), Msg("must be after start_time"));
    } else if (session.end - session.start > kMaxSessionLength) {
      v.Add(Path(prefix, "end_time"),
            Msg("a session may last at most 14 days; split longer blocks into several sessions"));
    }
  }
  CheckText(session.place.name, prefix, "place.name", 0, kMaxPlaceNameChars, v);
  CheckText(session.place.address, prefix, "place.address", 0, kMaxPlaceAddressChars, v,
            /*multiline=*/true);
  CheckText(session.note, prefix, "note", 0, kMaxNoteChars, v,
            /*multiline=*/true);
  if (session.trainers.size() > kMaxTrainersPerSession) {
    v.Add(Path(prefix, "trainers"),
          Msg("at most {max} trainers", {{"max", static_cast<int64_t>(kMaxTrainersPerSession)}}));
  }
  std::set<Id> seen;
  for (size_t i = 0; i < session.trainers.size(); ++i) {
    TrainerBooking& booking = session.trainers[i];
    const std::string at = absl::StrCat(Path(prefix, "trainers"), "[", i, "]");
    if (booking.trainer_id <= 0) {
      v.Add(at + ".trainer_id", Msg("must be a positive id"));
    } else if (!seen.insert(booking.trainer_id).second) {
      v.Add(at + ".trainer_id",
            Msg("trainer {trainer} is listed twice", {{"trainer", booking.trainer_id}}));
    }
    if (booking.status == BookingStatus::kUnspecified) {
      booking.status = BookingStatus::kRequested;
    } else if (!IsKnown(booking.status)) {
      v.Add(at + ".status", UnknownValue(static_cast<int>(booking.status)));
    }
  }
}

absl::Status ValidateRequestId(absl::string_view request_id) {
  if (request_id.size() > kMaxRequestIdChars) {
    return InvalidField("request_id",
                        Msg("must have at most {max} characters",
                            {{"max", static_cast<int64_t>(kMaxRequestIdChars)}}));
  }
  for (unsigned char c : request_id) {
    if (c < 0x21 || c > 0x7E) {
      return InvalidField("request_id", Msg("may contain only printable ASCII characters"));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckStatusTransition(SeriesStatus from, SeriesStatus to) {
  using S = SeriesStatus;
  if (from == to) return absl::OkStatus();
  if (to == S::kCancelled) {
    return FieldError(absl::StatusCode::kFailedPrecondition, "series.status",
                      Msg("use CancelSeries to cancel a series"));
  }
  const bool allowed = (from == S::kDraft && (to == S::kPlanned || to == S::kOpenForEnrolment)) ||
                       (from == S::kPlanned && (to == S::kDraft || to == S::kOpenForEnrolment)) ||
                       (from == S::kOpenForEnrolment && (to == S::kPlanned || to == S::kRunning)) ||
                       (from == S::kRunning && to == S::kCompleted);
  if (allowed) return absl::OkStatus();
  return FieldError(absl::StatusCode::kFailedPrecondition, "series.status",
                    Msg("a series cannot go from {from, select, draft {draft} planned {planned} "
                        "open_for_enrolment {open for enrolment} running {running} completed "
                        "{completed} cancelled {cancelled} other {unspecified}} to {to, select, "
                        "draft {draft} planned {planned} open_for_enrolment {open for enrolment} "
                        "running {running} completed {completed} cancelled {cancelled} other "
                        "{unspecified}}",
                        {{"from", SelectKey(ToString(from))}, {"to", SelectKey(ToString(to))}}));
}

std::string PlaceKey(const Place& place) {
  if (Trimmed(place.name).empty() && Trimmed(place.address).empty()) return "";
  return absl::StrCat(Folded(place.name), "|", Folded(place.address));
}

}  // namespace trainhub::domain
