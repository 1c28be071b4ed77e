#include "domain/planning/trainers.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "domain/access.h"
#include "domain/audit_trail.h"
#include "domain/errors.h"
#include "domain/limits.h"
#include "domain/planning/planning_rules.h"
#include "domain/status_macros.h"
#include "domain/validation.h"

namespace trainhub::domain {
namespace {

const std::vector<MaskedField<Trainer>>& TrainerFields() {
  static const auto* fields = new std::vector<MaskedField<Trainer>>{
      Field("display_name", &Trainer::display_name), Field("email", &Trainer::email),
      Field("affiliation", &Trainer::affiliation)};
  return *fields;
}

absl::Status CheckEmailFree(ReadView& r, const Trainer& trainer) {
  TH_ASSIGN_OR_RETURN(std::optional<Trainer> other, r.trainers().FindByEmail(trainer.email));
  if (other && other->id != trainer.id) {
    return FieldError(absl::StatusCode::kAlreadyExists, "trainer.email",
                      Msg("trainer {trainer} already has this e-mail address",
                          {{"trainer", other->id}}));
  }
  return absl::OkStatus();
}

}  // namespace

Trainers::Trainers(Store& store, Clock clock) : store_(store), clock_(std::move(clock)) {}

absl::StatusOr<Trainer> Trainers::Create(const RequestContext& ctx, Trainer trainer,
                                         const RequestKey& key) {
  Violations v;
  ValidateTrainer(trainer, "trainer", v);
  TH_RETURN_IF_ERROR(v.ToStatus());
  trainer.create_time = trainer.update_time = clock_();
  return CreateOnce<Trainer>(
      store_, "CreateTrainer", key,
      [&](UnitOfWork& w) -> absl::StatusOr<Id> {
        TH_RETURN_IF_ERROR(CheckEmailFree(w, trainer));
        TH_ASSIGN_OR_RETURN(Id id, w.trainers().Insert(trainer));
        TH_RETURN_IF_ERROR(AuditTrail(w, ctx, trainer.create_time).Changed("trainer", id, 0));
        return id;
      },
      [](UnitOfWork& w, Id id) { return w.trainers().Get(id); });
}

absl::StatusOr<Trainer> Trainers::Get(const Principal& who, Id id) {
  TH_RETURN_IF_ERROR(CheckId(id, "id"));
  TH_RETURN_IF_ERROR(CheckTrainerScope(who, id));
  Trainer out;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    absl::StatusOr<Trainer> trainer = r.trainers().Get(id);
    if (!trainer.ok()) return NameField(trainer.status(), "id");
    out = *std::move(trainer);
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<Page<Trainer>> Trainers::List(const PageRequest& page) {
  Page<Trainer> out;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(out, r.trainers().List(page));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<Trainer> Trainers::Update(const RequestContext& ctx, const Trainer& patch,
                                         const UpdateMask& mask) {
  TH_RETURN_IF_ERROR(CheckId(patch.id, "trainer.id"));
  TH_RETURN_IF_ERROR(CheckMask(mask, TrainerFields()));
  Trainer out;
  TH_RETURN_IF_ERROR(store_.Write([&](UnitOfWork& w) -> absl::Status {
    absl::StatusOr<Trainer> current = w.trainers().Get(patch.id);
    if (!current.ok()) return NameField(current.status(), "trainer.id");
    Trainer trainer = *std::move(current);
    ApplyMask(trainer, patch, mask, TrainerFields());
    Violations v;
    ValidateTrainer(trainer, "trainer", v);
    TH_RETURN_IF_ERROR(v.ToStatus());
    TH_RETURN_IF_ERROR(CheckEmailFree(w, trainer));
    trainer.update_time = clock_();
    TH_RETURN_IF_ERROR(w.trainers().Update(trainer));
    TH_RETURN_IF_ERROR(AuditTrail(w, ctx, trainer.update_time).Changed("trainer", trainer.id, 0));
    TH_ASSIGN_OR_RETURN(out, w.trainers().Get(trainer.id));
    return absl::OkStatus();
  }));
  return out;
}

}  // namespace trainhub::domain
