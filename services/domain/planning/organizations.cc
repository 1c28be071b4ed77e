#include "domain/planning/organizations.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "domain/access.h"
#include "domain/audit_trail.h"
#include "domain/errors.h"
#include "domain/limits.h"
#include "domain/status_macros.h"
#include "domain/validation.h"

namespace trainhub::domain {
namespace {

const std::vector<MaskedField<Organization>>& OrganizationFields() {
  static const auto* fields = new std::vector<MaskedField<Organization>>{
      Field("name", &Organization::name),
      Field("kind", &Organization::kind),
      Field("city", &Organization::city),
      Field("website", &Organization::website),
      Field("record_retention_years", &Organization::record_retention_years),
      Field("signatory_name", &Organization::signatory_name),
      Field("signatory_role", &Organization::signatory_role)};
  return *fields;
}

// ALREADY_EXISTS on "<prefix>name" when another organisation has the same
// name, ignoring case and repeated white space.
absl::Status CheckNameFree(ReadView& r, const Organization& org, absl::string_view prefix) {
  TH_ASSIGN_OR_RETURN(std::optional<Organization> same, r.organizations().FindByName(org.name));
  if (same && same->id != org.id) {
    return FieldError(
        absl::StatusCode::kAlreadyExists, absl::StrCat(prefix, "name"),
        Msg("organisation {organization} is already called \"{name}\"",
            {{"organization", same->id}, {"name", same->name}}));
  }
  return absl::OkStatus();
}

}  // namespace

Organizations::Organizations(Store& store, Clock clock) : store_(store), clock_(std::move(clock)) {}

absl::StatusOr<Organization> Organizations::Create(const RequestContext& ctx, Organization org,
                                                   const RequestKey& key) {
  Violations v;
  ValidateOrganization(org, "organization", v);
  TH_RETURN_IF_ERROR(v.ToStatus());
  org.create_time = org.update_time = clock_();
  return CreateOnce<Organization>(
      store_, "CreateOrganization", key,
      [&](UnitOfWork& w) -> absl::StatusOr<Id> {
        TH_RETURN_IF_ERROR(CheckNameFree(w, org, "organization."));
        TH_ASSIGN_OR_RETURN(Id id, w.organizations().Insert(org));
        TH_RETURN_IF_ERROR(AuditTrail(w, ctx, org.create_time).Changed("organization", id, id));
        return id;
      },
      [](UnitOfWork& w, Id id) { return w.organizations().Get(id); });
}

absl::StatusOr<Organization> Organizations::Get(Id id) {
  TH_RETURN_IF_ERROR(CheckId(id, "id"));
  Organization out;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    absl::StatusOr<Organization> org = r.organizations().Get(id);
    if (!org.ok()) return NameField(org.status(), "id");
    out = *std::move(org);
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<Page<Organization>> Organizations::List(const PageRequest& page) {
  Page<Organization> out;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(out, r.organizations().List(page));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<Organization> Organizations::Update(const RequestContext& ctx,
                                                   const Organization& patch,
                                                   const UpdateMask& mask) {
  TH_RETURN_IF_ERROR(CheckId(patch.id, "organization.id"));
  TH_RETURN_IF_ERROR(CheckMask(mask, OrganizationFields()));
  Organization out;
  TH_RETURN_IF_ERROR(store_.Write([&](UnitOfWork& w) -> absl::Status {
    // Coordinators keep their own organisation's record (also its
    // retention of records); asking about others reveals nothing.
    if (!ctx.who.IsAdmin() && !ctx.who.Coordinates(patch.id)) {
      return Denied(Msg("your account may not change organisation {organization}",
                        {{"organization", patch.id}}));
    }
    absl::StatusOr<Organization> current = w.organizations().Get(patch.id);
    if (!current.ok()) return NameField(current.status(), "organization.id");
    Organization org = *std::move(current);
    ApplyMask(org, patch, mask, OrganizationFields());
    Violations v;
    ValidateOrganization(org, "organization", v);
    TH_RETURN_IF_ERROR(v.ToStatus());
    TH_RETURN_IF_ERROR(CheckNameFree(w, org, "organization."));
    org.update_time = clock_();
    TH_RETURN_IF_ERROR(w.organizations().Update(org));
    TH_RETURN_IF_ERROR(AuditTrail(w, ctx, org.update_time).Changed("organization", org.id, org.id));
    TH_ASSIGN_OR_RETURN(out, w.organizations().Get(org.id));
    return absl::OkStatus();
  }));
  return out;
}

}  // namespace trainhub::domain
