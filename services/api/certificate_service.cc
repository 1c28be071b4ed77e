#include "api/convert_completion.h"
#include "api/certificate_service.h"

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "api/file_stream.h"
#include "api/handler_util.h"
#include "domain/errors.h"

namespace trainhub::api {
namespace {

constexpr auto kService = v1::CertificateService::service_full_name;

}  // namespace

grpc::Status CertificateServiceImpl::GetCompletionRule(grpc::ServerContext* context,
                                                       const v1::GetCompletionRuleRequest* request,
                                                       v1::CompletionRule* response) {
  TH_ADMIT(call, *context, request, kService(), "GetCompletionRule");
  return Reply(completion_.Rule(call.who, request->series_id()), response);
}

grpc::Status CertificateServiceImpl::SetCompletionRule(grpc::ServerContext* context,
                                                       const v1::SetCompletionRuleRequest* request,
                                                       v1::CompletionRule* response) {
  TH_ADMIT(call, *context, request, kService(), "SetCompletionRule");
  if (!request->has_rule()) return ToGrpcStatus(domain::InvalidField("rule", domain::Msg("is required")));
  return Reply(completion_.SetRule(call, RuleFromProto(request->rule())), response);
}

grpc::Status CertificateServiceImpl::EvaluateCompletion(
    grpc::ServerContext* context, const v1::EvaluateCompletionRequest* request,
    v1::CompletionReport* response) {
  TH_ADMIT(call, *context, request, kService(), "EvaluateCompletion");
  std::set<domain::CompletionProgress> only;
  for (int i = 0; i < request->progress_size(); ++i) {
    const int value = request->progress(i);
    if (value <= 0 || !v1::CompletionProgress_IsValid(value)) {
      return ToGrpcStatus(
          domain::InvalidField(absl::StrCat("progress[", i, "]"),
                               domain::Msg("is not a known progress value")));
    }
    only.insert(ConvertEnum<domain::CompletionProgress>(value));
  }
  return Reply(
      completion_.Evaluate(call.who, request->series_id(), request->participant_id(), only),
      response);
}

grpc::Status CertificateServiceImpl::RecordCompletionDecision(
    grpc::ServerContext* context, const v1::RecordCompletionDecisionRequest* request,
    v1::PersonCompletion* response) {
  TH_ADMIT(call, *context, request, kService(), "RecordCompletionDecision");
  const bool has_outcome = request->outcome() != v1::COMPLETION_OUTCOME_UNSPECIFIED;
  if (!v1::CompletionOutcome_IsValid(request->outcome())) {
    return ToGrpcStatus(domain::InvalidField("outcome", domain::Msg("is not a known outcome")));
  }
  if (has_outcome == request->automatic()) {
    return ToGrpcStatus(domain::InvalidField(
        "outcome", has_outcome
                       ? domain::Msg("give either an outcome or automatic, not both")
                       : domain::Msg("give an outcome, or automatic to let the rule decide")));
  }
  domain::CompletionDecision decision;
  decision.series_id = request->series_id();
  decision.participant_id = request->participant_id();
  decision.outcome = ConvertEnum<domain::CompletionOutcome>(request->outcome());
  decision.reason = request->reason();
  return Reply(completion_.Decide(call, std::move(decision), KeyOf(call.who, *request)), response);
}

grpc::Status CertificateServiceImpl::ListCompletionDecisions(
    grpc::ServerContext* context, const v1::ListCompletionDecisionsRequest* request,
    v1::ListCompletionDecisionsResponse* response) {
  TH_ADMIT(call, *context, request, kService(), "ListCompletionDecisions");
  auto page = ReadPage(*request, request->page_size(), request->page_token());
  if (!page.ok()) return ToGrpcStatus(page.status());
  return ReplyPage(
      *request,
      completion_.Decisions(call.who, request->series_id(), request->participant_id(), *page),
      response, [](auto* r) { return r->add_decisions(); });
}

grpc::Status CertificateServiceImpl::ReplyCertificate(
    const absl::StatusOr<domain::Certificate>& result, v1::Certificate* out) const {
  if (!result.ok()) return ToGrpcStatus(result.status());
  ToProto(*result, verifier_.VerificationUrl(result->content.serial), out);
  return grpc::Status::OK;
}

grpc::Status CertificateServiceImpl::IssueCertificate(grpc::ServerContext* context,
                                                      const v1::IssueCertificateRequest* request,
                                                      v1::Certificate* response) {
  TH_ADMIT(call, *context, request, kService(), "IssueCertificate");
  return ReplyCertificate(issuing_.Issue(call, request->series_id(), request->participant_id(),
                                         KeyOf(call.who, *request)),
                          response);
}

grpc::Status CertificateServiceImpl::IssueCertificates(grpc::ServerContext* context,
                                                       const v1::IssueCertificatesRequest* request,
                                                       v1::IssueCertificatesResponse* response) {
  TH_ADMIT(call, *context, request, kService(), "IssueCertificates");
  auto result =
      issuing_.IssueAll(call, request->series_id(), request->preview(), KeyOf(call.who, *request));
  if (!result.ok()) return ToGrpcStatus(result.status());
  for (const domain::IssuePlanEntry& e : result->plan) {
    v1::IssuePlanEntry* entry = response->add_plan();
    entry->set_participant_id(e.participant_id);
    entry->set_participant_name(e.participant_name);
    entry->set_outcome(ConvertEnum<v1::CompletionOutcome>(e.outcome));
    entry->set_decided(e.decided);
    entry->set_existing_serial(e.existing_serial);
  }
  for (const domain::Certificate& c : result->issued) {
    v1::Certificate* out = response->add_issued();
    ToProto(c, verifier_.VerificationUrl(c.content.serial), out);
    out->clear_document();
    out->clear_signature();
  }
  return grpc::Status::OK;
}

grpc::Status CertificateServiceImpl::GetCertificate(grpc::ServerContext* context,
                                                    const v1::GetCertificateRequest* request,
                                                    v1::Certificate* response) {
  TH_ADMIT(call, *context, request, kService(), "GetCertificate");
  return ReplyCertificate(archive_.Get(call.who, request->serial()), response);
}

grpc::Status CertificateServiceImpl::ListCertificates(grpc::ServerContext* context,
                                                      const v1::ListCertificatesRequest* request,
                                                      v1::ListCertificatesResponse* response) {
  TH_ADMIT(call, *context, request, kService(), "ListCertificates");
  auto page = ReadPage(*request, request->page_size(), request->page_token());
  if (!page.ok()) return ToGrpcStatus(page.status());
  auto result = archive_.List(call.who, request->series_id(), request->participant_id(), *page);
  if (!result.ok()) return ToGrpcStatus(result.status());
  for (const domain::Certificate& c : result->items) {
    v1::Certificate* out = response->add_certificates();
    ToProto(c, verifier_.VerificationUrl(c.content.serial), out);
    out->clear_document();
    out->clear_signature();
  }
  response->set_next_page_token(NextPageToken(*request, result->next));
  return grpc::Status::OK;
}

grpc::Status CertificateServiceImpl::GetCertificatePdf(grpc::ServerContext* context,
                                                       const v1::GetCertificatePdfRequest* request,
                                                       v1::CertificateFile* response) {
  TH_ADMIT(call, *context, request, kService(), "GetCertificatePdf");
  auto result = archive_.GetWithPdf(call.who, request->serial());
  if (!result.ok()) return ToGrpcStatus(result.status());
  const bool full = result->content.outcome == domain::CompletionOutcome::kCertificate;
  response->set_file_name(absl::StrCat(full ? "zertifikat-" : "teilnahmebestaetigung-",
                                       result->content.serial, ".pdf"));
  response->set_content_type("application/pdf");
  response->set_content(result->pdf);
  return grpc::Status::OK;
}

grpc::Status CertificateServiceImpl::GetCertificateBadge(
    grpc::ServerContext* context, const v1::GetCertificateBadgeRequest* request,
    v1::CertificateFile* response) {
  TH_ADMIT(call, *context, request, kService(), "GetCertificateBadge");
  auto badge = archive_.Badge(call.who, request->serial());
  if (!badge.ok()) return ToGrpcStatus(badge.status());
  auto serial = domain::NormalizeSerial(request->serial());
  response->set_file_name(absl::StrCat("badge-", serial.value_or("certificate"), ".json"));
  response->set_content_type("application/vc+ld+json");
  response->set_content(*std::move(badge));
  return grpc::Status::OK;
}

grpc::Status CertificateServiceImpl::DownloadCertificates(
    grpc::ServerContext* context, const v1::DownloadCertificatesRequest* request,
    grpc::ServerWriter<v1::FileChunk>* writer) {
  TH_ADMIT(call, *context, request, kService(), "DownloadCertificates");
  // The archive is made in a directory of its own that only this process
  // can read, and removed before the first part is sent.
  std::ifstream archive;
  {
    absl::StatusOr<PrivateTempDir> directory = PrivateTempDir::Make("trainhub-zip");
    if (!directory.ok()) return ToGrpcStatus(directory.status());
    const std::filesystem::path path = directory->path() / "certificates.zip";
    absl::StatusOr<int> written = archive_.WritePdfArchive(
        call.who, request->series_id(), request->include_invalid(), path.string());
    if (!written.ok()) return ToGrpcStatus(written.status());
    archive.open(path, std::ios::binary);  // the open stream keeps the data
    if (!archive) return ToGrpcStatus(absl::InternalError("cannot read the ZIP file written"));
  }
  return SendFileChunks(*context, *writer, archive,
                        absl::StrCat("bescheinigungen-reihe-", request->series_id(), ".zip"),
                        "application/zip");
}

grpc::Status CertificateServiceImpl::RevokeCertificate(grpc::ServerContext* context,
                                                       const v1::RevokeCertificateRequest* request,
                                                       v1::Certificate* response) {
  TH_ADMIT(call, *context, request, kService(), "RevokeCertificate");
  return ReplyCertificate(
      issuing_.Revoke(call, request->serial(), request->reason(), KeyOf(call.who, *request)),
      response);
}

grpc::Status CertificateServiceImpl::ReissueCertificate(
    grpc::ServerContext* context, const v1::ReissueCertificateRequest* request,
    v1::Certificate* response) {
  TH_ADMIT(call, *context, request, kService(), "ReissueCertificate");
  return ReplyCertificate(
      issuing_.Reissue(call, request->serial(), request->reason(), KeyOf(call.who, *request)),
      response);
}

grpc::Status CertificateServiceImpl::VerifyCertificate(grpc::ServerContext* context,
                                                       const v1::VerifyCertificateRequest* request,
                                                       v1::CertificateVerification* response) {
  TH_ADMIT(call, *context, request, kService(), "VerifyCertificate");
  return Reply(verifier_.Verify(request->serial(), request->holder_name(), call.peer), response);
}

grpc::Status CertificateServiceImpl::ListIssuerKeys(grpc::ServerContext* context,
                                                    const v1::ListIssuerKeysRequest* request,
                                                    v1::ListIssuerKeysResponse* response) {
  TH_ADMIT(call, *context, request, kService(), "ListIssuerKeys");
  auto keys = verifier_.IssuerKeys();
  if (!keys.ok()) return ToGrpcStatus(keys.status());
  for (const domain::IssuerKey& k : *keys) {
    v1::IssuerKey* key = response->add_keys();
    key->set_key_id(k.key_id);
    key->set_public_key(absl::WebSafeBase64Escape(k.public_key));
    TimeToProto(k.create_time, key->mutable_create_time());
    key->set_active(k.active);
    key->set_did(domain::DidKeyOf(k.public_key));
  }
  return grpc::Status::OK;
}

}  // namespace trainhub::api
