// trainhub certificate issue|issue-all|list|show|pdf|badge|zip|revoke|reissue|verify|keys:
// Zertifikate and Teilnahmebestätigungen.

#include <fcntl.h>
#include <fmt/core.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <sstream>

#include "clients/cli/attendance_views.h"
#include "clients/cli/badge_check.h"
#include "clients/cli/commands.h"
#include "clients/cli/format.h"
#include "clients/cli/messages.h"
#include "clients/cli/series_views.h"
#include "trainhub/v1/certificate.grpc.pb.h"

namespace trainhub::cli {
namespace {

namespace v1 = ::trainhub::v1;
using Stub = v1::CertificateService::StubInterface;

std::string KindOf(v1::CompletionOutcome outcome) {
  return outcome == v1::COMPLETION_OUTCOME_CERTIFICATE ? msg::kOutcomeCertificate
                                                       : msg::kOutcomeConfirmation;
}

std::string StatusOf(v1::CertificateStatus status) {
  switch (status) {
    case v1::CERTIFICATE_STATUS_VALID:
      return msg::kCertificateValid;
    case v1::CERTIFICATE_STATUS_REVOKED:
      return msg::kCertificateRevoked;
    case v1::CERTIFICATE_STATUS_SUPERSEDED:
      return msg::kCertificateSuperseded;
    case v1::CERTIFICATE_STATUS_UNCONFIRMED:
      return msg::kCertificateUnconfirmed;
    default:
      return msg::kCertificateUnknown;
  }
}

void PrintCertificate(Context& ctx, const v1::Certificate& c) {
  // Lines with titles and names wrap to the terminal's 80 columns.
  std::ostringstream out;
  struct Flush {
    Context& ctx;
    std::ostringstream& lines;
    ~Flush() { PrintWrappedLines(ctx.out(), lines.str()); }
  } flush{ctx, out};
  out << fmt::format(msg::kCertificateHeading, KindOf(c.outcome()), c.serial(),
                     StatusOf(c.status()))
      << "\n";
  out << fmt::format(msg::kCertificateHolder, c.holder_name(), c.participant_id()) << "\n";
  out << fmt::format(msg::kCertificateSeries, c.series_title(), c.series_id()) << "\n";
  out << fmt::format(msg::kCertificateIssuer, c.organization_name()) << "\n";
  out << fmt::format(msg::kCertificateIssued, FormatLocal(c.issue_time()),
                     c.teaching_units_attended())
      << "\n";
  if (!c.signatory_name().empty()) {
    std::vector<std::string> signed_by = {c.signatory_name()};
    if (!c.signatory_role().empty()) signed_by.push_back(c.signatory_role());
    if (!c.place().empty()) signed_by.push_back(c.place());
    out << fmt::format(msg::kCertificateSignatory, JoinWords(signed_by)) << "\n";
  }
  for (const auto& m : c.modules()) {
    out << fmt::format(msg::kCertificateModuleLine, m.position(), m.title(), m.dates(),
                       m.attended()
                           ? m.teaching_units()
                           : fmt::format("{}/{}", m.teaching_units_attended(), m.teaching_units()))
        << "\n";
    if (m.topics_size() > 0) {
      std::string topics;
      for (const std::string& t : m.topics()) topics += (topics.empty() ? "" : "; ") + t;
      // Indented under the module, within 80 columns.
      for (const std::string& line : WrapText(topics, 72)) {
        out << fmt::format(msg::kCertificateTopicsLine, line) << "\n";
      }
    }
  }
  if (!c.supersedes().empty()) {
    out << fmt::format(msg::kCertificateSupersedes, c.supersedes()) << "\n";
  }
  if (c.status() == v1::CERTIFICATE_STATUS_REVOKED) {
    out << fmt::format(msg::kCertificateRevokedLine, FormatLocal(c.revoke_time()),
                       c.revoke_reason())
        << "\n";
  }
  if (!c.superseded_by().empty()) {
    out << fmt::format(msg::kCertificateSupersededLine, c.superseded_by(), c.revoke_reason())
        << "\n";
  }
  if (!c.pdf_sha256().empty()) out << fmt::format(msg::kCertificateSha, c.pdf_sha256()) << "\n";
  if (!c.verification_url().empty()) {
    out << fmt::format(msg::kCertificateUrl, c.verification_url()) << "\n";
  }
}

void AddIssue(CLI::App* certificate, Context& ctx) {
  auto* cmd = certificate->add_subcommand("issue", msg::kCertificateIssueHelp);
  struct Options {
    int64_t series = 0, participant = 0;
    std::string request_id;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("series", o->series, msg::kSeriesIdArg)->required();
  cmd->add_option("participant", o->participant, msg::kDecideParticipantArg)->required();
  cmd->add_option("--request-id", o->request_id, msg::kRequestIdOption);
  cmd->callback([&ctx, o] {
    v1::IssueCertificateRequest request;
    request.set_series_id(o->series);
    request.set_participant_id(o->participant);
    request.set_request_id(o->request_id.empty() ? NewRequestId() : o->request_id);
    v1::Certificate issued;
    auto& c = ctx.client();
    if (!Check(ctx,
               c.Call(c.stub<v1::CertificateService>(), &Stub::IssueCertificate, request, &issued)))
      return;
    if (c.json()) return c.PrintJson(issued);
    PrintCertificate(ctx, issued);
  });
}

void AddIssueAll(CLI::App* certificate, Context& ctx) {
  auto* cmd = certificate->add_subcommand("issue-all", msg::kCertificateIssueAllHelp);
  struct Options {
    int64_t series = 0;
    bool preview = false;
    std::string request_id;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("series", o->series, msg::kSeriesIdArg)->required();
  cmd->add_flag("--preview", o->preview, msg::kPreviewOption);
  cmd->add_option("--request-id", o->request_id, msg::kRequestIdOption);
  cmd->callback([&ctx, o] {
    v1::IssueCertificatesRequest request;
    request.set_series_id(o->series);
    request.set_preview(o->preview);
    request.set_request_id(o->request_id.empty() ? NewRequestId() : o->request_id);
    v1::IssueCertificatesResponse response;
    auto& c = ctx.client();
    if (!Check(ctx, c.Call(c.stub<v1::CertificateService>(), &Stub::IssueCertificates, request,
                           &response))) {
      return;
    }
    if (c.json()) return c.PrintJson(response);
    if (response.plan().empty()) {
      ctx.out() << msg::kNobodyCompleted << "\n";
      return;
    }
    std::map<int64_t, std::string> issued;
    for (const auto& cert : response.issued()) issued[cert.participant_id()] = cert.serial();
    Table table({msg::kColId, msg::kColName, msg::kColOutcome, msg::kColSerial});
    for (const auto& e : response.plan()) {
      std::string serial = e.existing_serial().empty() ? "" : e.existing_serial() + msg::kHeldMark;
      if (issued.count(e.participant_id())) serial = issued[e.participant_id()];
      table.Add({std::to_string(e.participant_id()), e.participant_name(),
                 KindOf(e.outcome()) + (e.decided() ? msg::kDecidedMark : ""), serial});
    }
    table.Print(ctx.out());
    ctx.out() << (o->preview ? std::string(msg::kPreviewNote)
                             : fmt::format(msg::kIssuedCount, response.issued_size()))
              << "\n";
  });
}

void AddList(CLI::App* certificate, Context& ctx) {
  auto* cmd = certificate->add_subcommand("list", msg::kCertificateListHelp);
  auto series = std::make_shared<int64_t>();
  auto participant = std::make_shared<int64_t>();
  auto paging = std::make_shared<Paging>();
  cmd->add_option("--series", *series, msg::kCertificateSeriesOption);
  cmd->add_option("--participant", *participant, msg::kSummaryParticipantOption);
  paging->AddTo(cmd);
  cmd->callback([&ctx, series, participant, paging] {
    v1::ListCertificatesRequest request;
    request.set_series_id(*series);
    request.set_participant_id(*participant);
    v1::ListCertificatesResponse all;
    auto& c = ctx.client();
    if (!Check(ctx, ListAll(c, c.stub<v1::CertificateService>(), &Stub::ListCertificates, request,
                            *paging, &all))) {
      return;
    }
    if (c.json()) return c.PrintJson(all);
    if (all.certificates().empty()) {
      ctx.out() << msg::kNoCertificates << "\n";
      return;
    }
    Table table({msg::kColSerial, msg::kColOutcome, msg::kColName, msg::kColSeries, msg::kColIssued,
                 msg::kColStatus});
    for (const auto& cert : all.certificates()) {
      table.Add({cert.serial(), KindOf(cert.outcome()), cert.holder_name(), cert.series_title(),
                 FormatLocal(cert.issue_time()).substr(0, 10), StatusOf(cert.status())});
    }
    table.Print(ctx.out());
  });
}

void AddShow(CLI::App* certificate, Context& ctx) {
  auto* cmd = certificate->add_subcommand("show", msg::kCertificateShowHelp);
  auto serial = std::make_shared<std::string>();
  cmd->add_option("serial", *serial, msg::kSerialArg)->required();
  cmd->callback([&ctx, serial] {
    v1::GetCertificateRequest request;
    request.set_serial(*serial);
    NameTypedArgument(ctx, "serial", *serial);
    v1::Certificate cert;
    auto& c = ctx.client();
    if (!Check(ctx,
               c.Call(c.stub<v1::CertificateService>(), &Stub::GetCertificate, request, &cert)))
      return;
    if (c.json()) return c.PrintJson(cert);
    PrintCertificate(ctx, cert);
  });
}

void AddPdf(CLI::App* certificate, Context& ctx) {
  auto* cmd = certificate->add_subcommand("pdf", msg::kCertificatePdfHelp);
  auto serial = std::make_shared<std::string>();
  auto file = std::make_shared<std::string>();
  cmd->add_option("serial", *serial, msg::kSerialArg)->required();
  cmd->add_option("-o,--out", *file, msg::kOutFileOption);
  cmd->callback([&ctx, serial, file] {
    v1::GetCertificatePdfRequest request;
    request.set_serial(*serial);
    NameTypedArgument(ctx, "serial", *serial);
    v1::CertificateFile pdf;
    auto& c = ctx.client();
    if (!Check(ctx,
               c.Call(c.stub<v1::CertificateService>(), &Stub::GetCertificatePdf, request, &pdf)))
      return;
    WriteDownload(ctx, file->empty() ? pdf.file_name() : *file, pdf.content());
  });
}

void AddBadge(CLI::App* certificate, Context& ctx) {
  auto* cmd = certificate->add_subcommand("badge", msg::kCertificateBadgeHelp);
  auto serial = std::make_shared<std::string>();
  auto file = std::make_shared<std::string>();
  cmd->add_option("serial", *serial, msg::kSerialArg)->required();
  cmd->add_option("-o,--out", *file, msg::kOutFileOption);
  cmd->callback([&ctx, serial, file] {
    v1::GetCertificateBadgeRequest request;
    request.set_serial(*serial);
    NameTypedArgument(ctx, "serial", *serial);
    v1::CertificateFile badge;
    auto& c = ctx.client();
    if (!Check(ctx, c.Call(c.stub<v1::CertificateService>(), &Stub::GetCertificateBadge, request,
                           &badge))) {
      return;
    }
    WriteDownload(ctx, *file, badge.content());
  });
}

// Receives the series' ZIP into `path` + ".part" and renames it when
// complete, so that a broken download leaves no file that looks whole.
void AddZip(CLI::App* certificate, Context& ctx) {
  auto* cmd = certificate->add_subcommand("zip", msg::kCertificateZipHelp);
  struct Options {
    int64_t series = 0;
    bool all = false;
    std::string file;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("series", o->series, msg::kSeriesIdArg)->required();
  cmd->add_flag("--all", o->all, msg::kZipAllOption);
  cmd->add_option("-o,--out", o->file, msg::kZipOutOption);
  cmd->callback([&ctx, o] {
    v1::DownloadCertificatesRequest request;
    request.set_series_id(o->series);
    request.set_include_invalid(o->all);
    std::string path = o->file;
    auto& c = ctx.client();
    const std::optional<size_t> written = ReceiveFile(ctx, path, [&](const auto& sink) {
      return c.Receive(c.stub<v1::CertificateService>(), &Stub::DownloadCertificates, request,
                       sink);
    });
    if (!written) return;
    if (path != "-") ctx.err() << fmt::format(msg::kZipWritten, path, *written) << "\n";
  });
}

// revoke and reissue: a serial and a reason.
template <typename Request, typename Method>
void AddChange(CLI::App* certificate, Context& ctx, const char* name, const char* help,
               Method method) {
  auto* cmd = certificate->add_subcommand(name, help);
  struct Options {
    std::string serial, reason, request_id;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("serial", o->serial, msg::kSerialArg)->required();
  cmd->add_option("--reason", o->reason, msg::kCertificateReasonOption)->required();
  cmd->add_option("--request-id", o->request_id, msg::kRequestIdOption);
  cmd->callback([&ctx, o, method] {
    Request request;
    request.set_serial(o->serial);
    NameTypedArgument(ctx, "serial", o->serial);
    request.set_reason(o->reason);
    request.set_request_id(o->request_id.empty() ? NewRequestId() : o->request_id);
    v1::Certificate cert;
    auto& c = ctx.client();
    if (!Check(ctx, c.Call(c.stub<v1::CertificateService>(), method, request, &cert))) return;
    if (c.json()) return c.PrintJson(cert);
    PrintCertificate(ctx, cert);
  });
}

// What `certificate verify` prints of a known certificate `v`, the holder
// name typed being `name` ("" for none), as lines to be wrapped.
std::string VerificationText(const v1::CertificateVerification& v, const std::string& name) {
  std::ostringstream out;
  out << fmt::format(msg::kCertificateHeading, KindOf(v.outcome()), v.serial(),
                     StatusOf(v.status()))
      << "\n";
  out << fmt::format(msg::kVerifyHolder,
                     v.holder_erased() ? std::string(msg::kVerifyHolderErased) : v.holder_name())
      << "\n";
  if (v.holder_name_check() != v1::HOLDER_NAME_CHECK_UNSPECIFIED) {
    const bool matches = v.holder_name_check() == v1::HOLDER_NAME_CHECK_MATCHES;
    out << (!matches                         ? fmt::format(msg::kVerifyNameDiffers, name)
            : v.holder_name_transliterated() ? fmt::format(msg::kVerifyNameTransliterated, name)
                                             : fmt::format(msg::kVerifyNameMatches, name))
        << "\n";
  }
  out << fmt::format(msg::kVerifySeries, v.series_title(), v.organization_name()) << "\n";
  out << fmt::format(msg::kCertificateIssued, FormatLocal(v.issue_time()),
                     v.teaching_units_attended())
      << "\n";
  if (v.status() == v1::CERTIFICATE_STATUS_REVOKED) {
    out << fmt::format(msg::kCertificateRevokedLine, FormatLocal(v.revoke_time()),
                       v.revoke_reason())
        << "\n";
  }
  if (!v.superseded_by().empty()) {
    out << fmt::format(msg::kVerifySupersededBy, v.superseded_by()) << "\n";
  }
  if (v.status() == v1::CERTIFICATE_STATUS_UNCONFIRMED) {
    out << fmt::format(msg::kVerifyStatusProblem, v.status_problem()) << "\n";
  }
  if (v.status() == v1::CERTIFICATE_STATUS_SUPERSEDED && !v.replacement_serial().empty()) {
    if (v.replacement_serial() != v.superseded_by()) {
      out << fmt::format(msg::kVerifyLastReplacedBy, v.replacement_serial(), v.replacement_count())
          << "\n";
    }
    if (v.replacement_status() == v1::CERTIFICATE_STATUS_VALID) {
      out << fmt::format(msg::kVerifyReplacementValid, v.replacement_serial()) << "\n";
    } else if (v.replacement_status() == v1::CERTIFICATE_STATUS_REVOKED) {
      out << fmt::format(msg::kVerifyReplacementRevoked, v.replacement_serial(),
                         FormatLocal(v.replacement_revoke_time()))
          << "\n";
    }
  }
  out << fmt::format(msg::kCertificateSha, v.pdf_sha256()) << "\n";
  out << (v.signature_valid() ? fmt::format(msg::kSignatureGood, v.key_id())
                              : std::string(msg::kSignatureBad))
      << "\n";
  return out.str();
}

void AddVerify(CLI::App* certificate, Context& ctx) {
  auto* cmd = certificate->add_subcommand("verify", msg::kCertificateVerifyHelp);
  auto serial = std::make_shared<std::string>();
  auto trusted = std::make_shared<std::vector<std::string>>();
  auto name = std::make_shared<std::string>();
  cmd->add_option("serial-or-file", *serial, msg::kVerifyTargetArg)->required();
  cmd->add_option("--issuer-key", *trusted, msg::kIssuerKeyOption);
  cmd->add_option("--name", *name, msg::kVerifyNameOption);
  cmd->callback([&ctx, serial, trusted, name] {
    if (LooksLikeBadgeFile(*serial)) return VerifyBadgeFile(ctx, *serial, *trusted);
    if (!trusted->empty()) return UsageError(ctx, msg::kIssuerKeyOnlyForFiles);
    v1::VerifyCertificateRequest request;
    request.set_serial(*serial);
    NameTypedArgument(ctx, "serial", *serial);
    request.set_holder_name(*name);
    v1::CertificateVerification v;
    auto& c = ctx.client();
    if (!Check(ctx,
               c.Call(c.stub<v1::CertificateService>(), &Stub::VerifyCertificate, request, &v)))
      return;
    if (c.json()) return c.PrintJson(v);
    if (v.status() == v1::CERTIFICATE_STATUS_UNSPECIFIED) {
      PrintWrappedLines(ctx.out(), fmt::format(msg::kVerifyUnknown, *serial) + "\n");
      ctx.exit_code = kExitNotFound;
      return;
    }
    PrintWrappedLines(ctx.out(), VerificationText(v, *name));
    if (v.status() != v1::CERTIFICATE_STATUS_VALID || !v.signature_valid() ||
        v.holder_name_check() == v1::HOLDER_NAME_CHECK_DIFFERS) {
      ctx.exit_code = kExitRejected;
    }
  });
}

void AddKeys(CLI::App* certificate, Context& ctx) {
  auto* cmd = certificate->add_subcommand("keys", msg::kCertificateKeysHelp);
  cmd->callback([&ctx] {
    v1::ListIssuerKeysRequest request;
    v1::ListIssuerKeysResponse keys;
    auto& c = ctx.client();
    if (!Check(ctx,
               c.Call(c.stub<v1::CertificateService>(), &Stub::ListIssuerKeys, request, &keys)))
      return;
    if (c.json()) return c.PrintJson(keys);
    Table table({msg::kColKeyId, msg::kColSince, msg::kColStatus});
    for (const auto& k : keys.keys()) {
      table.Add({k.key_id(), FormatLocal(k.create_time()),
                 k.active() ? msg::kKeyActive : msg::kKeyRetired});
    }
    table.Print(ctx.out());
    // A did:key is one word of 56 characters, to be copied whole: the DIDs
    // get a table of their own, beside their key only.
    ctx.out() << "\n";
    Table dids({msg::kColKeyId, msg::kColDid});
    for (const auto& k : keys.keys()) dids.Add({k.key_id(), k.did()});
    dids.Print(ctx.out());
  });
}

}  // namespace

void AddCertificateCommands(CLI::App& app, Context& ctx) {
  auto* certificate = app.add_subcommand("certificate", msg::kCertificateHelp);
  certificate->require_subcommand(1);
  AddIssue(certificate, ctx);
  AddIssueAll(certificate, ctx);
  AddList(certificate, ctx);
  AddShow(certificate, ctx);
  AddPdf(certificate, ctx);
  AddBadge(certificate, ctx);
  AddZip(certificate, ctx);
  AddChange<v1::RevokeCertificateRequest>(certificate, ctx, "revoke", msg::kCertificateRevokeHelp,
                                          &Stub::RevokeCertificate);
  AddChange<v1::ReissueCertificateRequest>(certificate, ctx, "reissue",
                                           msg::kCertificateReissueHelp, &Stub::ReissueCertificate);
  AddVerify(certificate, ctx);
  AddKeys(certificate, ctx);
}

}  // namespace trainhub::cli
