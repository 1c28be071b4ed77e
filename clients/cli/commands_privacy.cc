// trainhub privacy export|erase|due: a person's data rights (GDPR) and the
// retention of records.

#include <fmt/core.h>

#include "clients/cli/commands.h"
#include "clients/cli/format.h"
#include "clients/cli/messages.h"
#include "trainhub/v1/privacy.grpc.pb.h"

namespace trainhub::cli {
namespace {

namespace v1 = ::trainhub::v1;
using Stub = v1::PrivacyService::StubInterface;

void AddExport(CLI::App* privacy, Context& ctx) {
  auto* cmd = privacy->add_subcommand("export", msg::kPrivacyExportHelp);
  struct Options {
    int64_t participant = 0;
    std::string file;
    std::string format;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("participant", o->participant, msg::kParticipantIdArg);
  cmd->add_option("-o,--out", o->file, msg::kPrivacyOutOption);
  cmd->add_option("--format", o->format, msg::kPrivacyFormatOption)
      ->check(CLI::IsMember({"json", "zip"}));
  cmd->callback([&ctx, o] {
    std::string format = o->format;
    if (format.empty() && o->file.size() > 4 &&
        o->file.compare(o->file.size() - 4, 4, ".zip") == 0) {
      format = "zip";
    }
    v1::ExportPersonalDataRequest request;
    request.set_participant_id(o->participant);
    request.set_format(format == "zip" ? v1::PERSONAL_DATA_FORMAT_ZIP
                                       : v1::PERSONAL_DATA_FORMAT_JSON);
    std::string path = o->file;
    auto& c = ctx.client();
    const std::optional<size_t> written = ReceiveFile(ctx, path, [&](const auto& sink) {
      return c.Receive(c.stub<v1::PrivacyService>(), &Stub::ExportPersonalData, request, sink);
    });
    if (!written) return;
    if (path != "-") ctx.err() << fmt::format(msg::kWroteBytes, path, *written) << "\n";
  });
}

void PrintErasure(Context& ctx, const v1::ErasePersonalDataResponse& r) {
  const v1::Participant& p = r.participant();
  PrintWrapped(ctx.out(), fmt::format(msg::kErasedHeading, p.id(), p.display_name()));
  std::vector<std::pair<std::string, std::string>> fields = {
      {msg::kErasedAccounts, std::to_string(r.accounts_erased())},
      {msg::kErasedTexts, std::to_string(r.texts_erased())},
      {msg::kErasedAttendance, std::to_string(r.attendance_records_erased())},
      {msg::kErasedCertificates, std::to_string(r.certificates_redacted())},
      {msg::kErasedAddresses, std::to_string(r.audit_addresses_erased())}};
  if (p.erasure().retention_overridden()) {
    fields.push_back({msg::kErasedRetention, msg::kErasedRetentionOverridden});
  }
  fields.push_back(
      {msg::kErasedPurge, r.purge_pending() ? msg::kErasedPurgePending : msg::kErasedPurgeDone});
  PrintFields(ctx.out(), fields);
  if (r.purge_pending()) ctx.out() << msg::kPurgePendingNote << "\n";
  if (r.certificates_redacted() > 0) ctx.out() << msg::kErasedCertificateNote << "\n";
}

// Erases one person; false (with the error reported) when refused.
bool Erase(Context& ctx, int64_t participant, const std::string& reason, bool override_retention,
           const std::string& request_id) {
  v1::ErasePersonalDataRequest request;
  request.set_participant_id(participant);
  request.set_reason(reason);
  request.set_override_retention(override_retention);
  request.set_request_id(request_id.empty() ? NewRequestId() : request_id);
  v1::ErasePersonalDataResponse response;
  auto& c = ctx.client();
  if (!Check(ctx,
             c.Call(c.stub<v1::PrivacyService>(), &Stub::ErasePersonalData, request, &response)))
    return false;
  if (c.json()) {
    c.PrintJson(response);
  } else {
    PrintErasure(ctx, response);
  }
  return true;
}

void AddErase(CLI::App* privacy, Context& ctx) {
  auto* cmd = privacy->add_subcommand("erase", msg::kPrivacyEraseHelp);
  struct Options {
    int64_t participant = 0;
    std::string reason, request_id;
    bool override_retention = false;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("participant", o->participant, msg::kParticipantIdArg)->required();
  cmd->add_option("--reason", o->reason, msg::kEraseReasonOption)->required();
  cmd->add_flag("--override-retention", o->override_retention, msg::kOverrideRetentionOption);
  cmd->add_option("--request-id", o->request_id, msg::kRequestIdOption);
  cmd->callback(
      [&ctx, o] { Erase(ctx, o->participant, o->reason, o->override_retention, o->request_id); });
}

void AddDue(CLI::App* privacy, Context& ctx) {
  auto* cmd = privacy->add_subcommand("due", msg::kPrivacyDueHelp);
  struct Options {
    int64_t organization = 0;
    bool erase = false;
    std::string reason;
    Paging paging;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("--org", o->organization, msg::kDueOrgOption);
  auto* erase = cmd->add_flag("--erase", o->erase, msg::kDueEraseOption);
  cmd->add_option("--reason", o->reason, msg::kEraseReasonOption)->needs(erase);
  o->paging.AddTo(cmd);
  cmd->callback([&ctx, o] {
    if (o->erase && o->reason.empty()) return UsageError(ctx, msg::kDueEraseNeedsReason);
    v1::ListErasureDueRequest request;
    request.set_organization_id(o->organization);
    v1::ListErasureDueResponse due;
    auto& c = ctx.client();
    if (!Check(ctx, ListAll(c, c.stub<v1::PrivacyService>(), &Stub::ListErasureDue, request,
                            o->paging, &due))) {
      return;
    }
    if (c.json() && !o->erase) return c.PrintJson(due);
    if (due.purge_pending()) ctx.out() << msg::kDuePurgePending << "\n";
    if (due.people().empty()) {
      ctx.out() << msg::kNothingDue << "\n";
      return;
    }
    if (!o->erase) {
      Table table({msg::kColId, msg::kColName, msg::kColKeptUntil, msg::kColSeries});
      for (const v1::ErasureDue& d : due.people()) {
        table.Add({std::to_string(d.participant_id()), d.display_name(),
                   fmt::format(msg::kKeptUntilCell, d.kept_until(), d.retention_years()),
                   fmt::format("{} {}", d.series_id(), d.series_title())});
      }
      table.Print(ctx.out());
      PrintWrapped(ctx.out(), fmt::format(msg::kDueHint, due.people_size()));
      return;
    }
    int erased = 0;
    for (const v1::ErasureDue& d : due.people()) {
      if (Erase(ctx, d.participant_id(), o->reason, false, "")) ++erased;
    }
    ctx.err() << fmt::format(msg::kDueErased, erased, due.people_size()) << "\n";
  });
}

}  // namespace

void AddPrivacyCommands(CLI::App& app, Context& ctx) {
  auto* privacy = app.add_subcommand("privacy", msg::kPrivacyHelp);
  privacy->require_subcommand(1);
  AddExport(privacy, ctx);
  AddErase(privacy, ctx);
  AddDue(privacy, ctx);
}

}  // namespace trainhub::cli
