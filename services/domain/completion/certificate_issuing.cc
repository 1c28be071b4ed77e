#include "domain/completion/certificate_issuing.h"

#include <sodium.h>

#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "domain/access.h"
#include "domain/audit_trail.h"
#include "domain/berlin_time.h"
#include "domain/completion/certificate_pdf.h"
#include "domain/completion/completion_access.h"
#include "domain/documents/canonical_json.h"
#include "domain/errors.h"
#include "domain/limits.h"
#include "domain/status_macros.h"
#include "domain/text.h"

namespace trainhub::domain {

namespace {

constexpr char kIssueMethod[] = "trainhub.v1.CertificateService/IssueCertificate";
constexpr char kIssueAllMethod[] = "trainhub.v1.CertificateService/IssueCertificates";
constexpr char kRevokeMethod[] = "trainhub.v1.CertificateService/RevokeCertificate";
constexpr char kReissueMethod[] = "trainhub.v1.CertificateService/ReissueCertificate";

std::string Sha256Hex(const std::string& bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return absl::BytesToHexString(std::string(reinterpret_cast<const char*>(digest), sizeof digest));
}

// A Zertifikat of a series that awards a qualification records it for the
// holder (with the series), which enrolment rules then accept; nothing when
// they hold it already (from another run, say).
absl::Status RecordQualification(UnitOfWork& w, AuditTrail& trail, const Series& series,
                                 const Certificate& c) {
  if (c.content.outcome != CompletionOutcome::kCertificate || series.awards_qualification.empty()) {
    return absl::OkStatus();
  }
  Qualification q;
  q.participant_id = c.participant_id;
  q.title = series.awards_qualification;
  q.series_id = series.id;
  q.note = absl::StrCat("Zertifikat ", c.content.serial);
  q.recorded_by = trail.context().who.account.id;
  q.record_time = trail.now();
  absl::StatusOr<Id> id = w.participants().InsertQualification(q);
  if (absl::IsAlreadyExists(id.status())) return absl::OkStatus();
  TH_RETURN_IF_ERROR(id.status());
  TH_ASSIGN_OR_RETURN(Participant holder, w.participants().Get(c.participant_id));
  return trail.Changed("participant", holder.id, holder.organization_id);
}

// Revoking a Zertifikat takes back the qualification it recorded.
absl::Status WithdrawQualification(UnitOfWork& w, AuditTrail& trail, const Certificate& c) {
  if (c.content.outcome != CompletionOutcome::kCertificate) return absl::OkStatus();
  TH_ASSIGN_OR_RETURN(std::vector<Qualification> held,
                      w.participants().ListQualifications(c.participant_id));
  for (const Qualification& q : held) {
    if (q.series_id != c.content.series_id) continue;
    TH_RETURN_IF_ERROR(w.participants().DeleteQualification(q.id));
    TH_ASSIGN_OR_RETURN(Participant holder, w.participants().Get(c.participant_id));
    TH_RETURN_IF_ERROR(trail.Changed("participant", holder.id, holder.organization_id));
  }
  return absl::OkStatus();
}

absl::Status CheckReasonText(std::string& reason) {
  reason = Trimmed(reason);
  if (std::optional<Message> p = TextProblem(reason, 1, kMaxReasonChars, true)) {
    return InvalidField("reason", *std::move(p));
  }
  return absl::OkStatus();
}

// The replay of a request that issued a certificate: the certificate it
// recorded, read into `out`.
auto ReplayInto(ReadView& r, Certificate& out) {
  return [&r, &out](const RequestRecord& earlier) -> absl::Status {
    TH_ASSIGN_OR_RETURN(out, r.certificates().Get(earlier.resource_id));
    return absl::OkStatus();
  };
}

}  // namespace

CertificateIssuing::CertificateIssuing(Store& store, const CertificateSigner& signer,
                                       CertificateVerifier& verifier, Clock clock)
    : store_(store), signer_(signer), verifier_(verifier), clock_(std::move(clock)) {}

absl::Status CertificateIssuing::RegisterIssuerKey() {
  return store_.Write([&](UnitOfWork& w) -> absl::Status {
    IssuerKey key;
    key.key_id = signer_.key_id();
    key.public_key = signer_.public_key();
    key.create_time = clock_();
    key.active = true;
    return w.certificates().PutActiveIssuerKey(key);
  });
}

absl::StatusOr<StatusBaseline> CertificateIssuing::SignStatusBaseline() {
  StatusBaseline baseline;
  TH_RETURN_IF_ERROR(store_.Write([&](UnitOfWork& w) -> absl::Status {
    TH_ASSIGN_OR_RETURN(baseline, domain::SignStatusBaseline(w, clock_(), signer_));
    return absl::OkStatus();
  }));
  return baseline;
}

absl::StatusOr<std::vector<CertificateDraft>> CertificateIssuing::Draft(
    const RequestContext& ctx, const DraftRequest& request, std::vector<IssuePlanEntry>* plan) {
  const absl::Time now = clock_();
  std::vector<CertificateDraft> drafts;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(drafts, DraftCertificates(r, ctx.who, request, now, plan));
    return absl::OkStatus();
  }));
  return drafts;
}

absl::StatusOr<Certificate> CertificateIssuing::Frozen(CertificateContent content,
                                                       Id participant_id, Id issued_by) {
  content.serial = NewSerial();
  content.key_id = signer_.key_id();
  Certificate c;
  TH_ASSIGN_OR_RETURN(c.document, CanonicalJson(DocumentOf(content)));
  c.signature = signer_.Sign(c.document);
  TH_ASSIGN_OR_RETURN(c.pdf,
                      RenderCertificatePdf(content, verifier_.VerificationUrl(content.serial)));
  c.pdf_sha256 = Sha256Hex(c.pdf);
  c.participant_id = participant_id;
  c.issued_by = issued_by;
  c.status = CertificateStatus::kValid;
  c.content = std::move(content);
  return c;
}

absl::StatusOr<Certificate> CertificateIssuing::Issue(const RequestContext& ctx, Id series_id,
                                                      Id participant_id, const RequestKey& key) {
  TH_RETURN_IF_ERROR(CheckId(series_id, "series_id"));
  TH_RETURN_IF_ERROR(CheckId(participant_id, "participant_id"));
  TH_RETURN_IF_ERROR(ValidateRequestId(key.request_id));
  TH_ASSIGN_OR_RETURN(
      std::optional<Certificate> answered, AnsweredBefore(kIssueMethod, key, [&](ReadView& r) {
        return AccessCompletion(r, ctx.who, series_id, CompletionRole::kPlanner).status();
      }));
  if (answered) return *std::move(answered);
  TH_ASSIGN_OR_RETURN(std::vector<CertificateDraft> prepared,
                      Draft(ctx, {series_id, participant_id, ""}));
  if (prepared.size() != 1) return absl::InternalError("no certificate was prepared");
  TH_ASSIGN_OR_RETURN(Certificate c, Frozen(std::move(prepared.front().content), participant_id,
                                            ctx.who.account.id));
  TH_RETURN_IF_ERROR(store_.Write([&](UnitOfWork& w) -> absl::Status {
    TH_ASSIGN_OR_RETURN(auto access,
                        AccessCompletion(w, ctx.who, series_id, CompletionRole::kPlanner));
    return OncePerRequest(w, kIssueMethod, key, ReplayInto(w, c), [&]() -> absl::StatusOr<Id> {
      TH_ASSIGN_OR_RETURN(std::optional<Certificate> existing,
                          w.certificates().FindValid(series_id, participant_id));
      if (existing) {
        return FieldError(
            absl::StatusCode::kAlreadyExists, "participant_id",
            Msg("participant {participant} holds certificate {serial} of this "
                "series already",
                {{"participant", participant_id}, {"serial", existing->content.serial}}));
      }
      TH_ASSIGN_OR_RETURN(c.id, w.certificates().Insert(c));
      TH_RETURN_IF_ERROR(SignIssuedStatus(w, c, signer_));
      AuditTrail trail(w, ctx, c.content.issue_time);
      TH_RETURN_IF_ERROR(trail.Changed("certificate", c.id, access.first.organization_id));
      TH_RETURN_IF_ERROR(RecordQualification(w, trail, access.first, c));
      return c.id;
    });
  }));
  verifier_.Remember(c);
  return c;
}

absl::StatusOr<std::optional<Certificate>> CertificateIssuing::AnsweredBefore(
    absl::string_view method, const RequestKey& key,
    const std::function<absl::Status(ReadView&)>& check_access) {
  std::optional<Certificate> answered;
  if (key.request_id.empty()) return answered;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_RETURN_IF_ERROR(check_access(r));
    TH_ASSIGN_OR_RETURN(std::optional<RequestRecord> earlier, AlreadyDone(r, method, key));
    if (!earlier) return absl::OkStatus();
    TH_ASSIGN_OR_RETURN(answered, r.certificates().Get(earlier->resource_id));
    return absl::OkStatus();
  }));
  return answered;
}

absl::StatusOr<IssueResult> CertificateIssuing::IssueAll(const RequestContext& ctx, Id series_id,
                                                         bool preview, const RequestKey& key) {
  TH_RETURN_IF_ERROR(CheckId(series_id, "series_id"));
  TH_RETURN_IF_ERROR(ValidateRequestId(key.request_id));
  IssueResult result;
  TH_ASSIGN_OR_RETURN(std::vector<CertificateDraft> prepared,
                      Draft(ctx, {series_id, 0, ""}, &result.plan));
  if (preview) return result;
  std::vector<Certificate> frozen;
  for (CertificateDraft& p : prepared) {
    TH_ASSIGN_OR_RETURN(Certificate c,
                        Frozen(std::move(p.content), p.participant_id, ctx.who.account.id));
    frozen.push_back(std::move(c));
  }
  TH_RETURN_IF_ERROR(store_.Write([&](UnitOfWork& w) -> absl::Status {
    TH_ASSIGN_OR_RETURN(auto access,
                        AccessCompletion(w, ctx.who, series_id, CompletionRole::kPlanner));
    auto replay = [&](const RequestRecord&) -> absl::Status {
      // A retry: what the series holds now stands for what was issued.
      frozen.clear();
      TH_ASSIGN_OR_RETURN(std::vector<Certificate> all, CertificatesOfSeries(w, series_id));
      for (Certificate& c : all) {
        if (c.status == CertificateStatus::kValid) result.issued.push_back(std::move(c));
      }
      return absl::OkStatus();
    };
    return OncePerRequest(w, kIssueAllMethod, key, replay, [&]() -> absl::StatusOr<Id> {
      AuditTrail trail(w, ctx, clock_());
      for (Certificate& c : frozen) {
        TH_ASSIGN_OR_RETURN(std::optional<Certificate> existing,
                            w.certificates().FindValid(series_id, c.participant_id));
        if (existing) continue;  // issued meanwhile
        TH_ASSIGN_OR_RETURN(c.id, w.certificates().Insert(c));
        TH_RETURN_IF_ERROR(SignIssuedStatus(w, c, signer_));
        TH_RETURN_IF_ERROR(trail.Changed("certificate", c.id, access.first.organization_id));
        TH_RETURN_IF_ERROR(RecordQualification(w, trail, access.first, c));
        c.pdf.clear();
        result.issued.push_back(std::move(c));
      }
      return series_id;
    });
  }));
  for (const Certificate& c : result.issued) verifier_.Remember(c);
  return result;
}

absl::StatusOr<Certificate> CertificateIssuing::Revoke(const RequestContext& ctx,
                                                       const std::string& serial,
                                                       std::string reason, const RequestKey& key) {
  TH_RETURN_IF_ERROR(CheckReasonText(reason));
  TH_RETURN_IF_ERROR(ValidateRequestId(key.request_id));
  const absl::Time now = clock_();
  Certificate c;
  TH_RETURN_IF_ERROR(store_.Write([&](UnitOfWork& w) -> absl::Status {
    TH_ASSIGN_OR_RETURN(auto access,
                        AccessCertificate(w, ctx.who, serial, CompletionRole::kPlanner));
    c = std::move(access.first);
    return OncePerRequest(w, kRevokeMethod, key, NothingToReplay, [&]() -> absl::StatusOr<Id> {
      if (c.status == CertificateStatus::kRevoked) {
        return FieldError(
            absl::StatusCode::kFailedPrecondition, "serial",
            Msg("certificate {serial} was revoked on {time} already",
                {{"serial", c.content.serial}, {"time", FormatLocal(*c.revoke_time)}}));
      }
      if (c.status == CertificateStatus::kSuperseded) {
        return FieldError(absl::StatusCode::kFailedPrecondition, "serial",
                          Msg("certificate {serial} was replaced by {successor}; revoke that one",
                              {{"serial", c.content.serial}, {"successor", c.superseded_by}}));
      }
      c.status = CertificateStatus::kRevoked;
      c.revoke_reason = reason;
      c.revoke_time = now;
      TH_RETURN_IF_ERROR(w.certificates().UpdateStatus(c));
      TH_RETURN_IF_ERROR(SignChangedStatus(w, c, now, signer_));
      TH_ASSIGN_OR_RETURN(Series series, w.series().GetStored(c.content.series_id));
      AuditTrail trail(w, ctx, now);
      TH_RETURN_IF_ERROR(trail.Changed("certificate", c.id, series.organization_id));
      TH_RETURN_IF_ERROR(WithdrawQualification(w, trail, c));
      return c.id;
    });
  }));
  return c;
}

absl::StatusOr<Certificate> CertificateIssuing::Reissue(const RequestContext& ctx,
                                                        const std::string& serial,
                                                        std::string reason, const RequestKey& key) {
  TH_RETURN_IF_ERROR(CheckReasonText(reason));
  TH_RETURN_IF_ERROR(ValidateRequestId(key.request_id));
  TH_ASSIGN_OR_RETURN(
      std::optional<Certificate> answered, AnsweredBefore(kReissueMethod, key, [&](ReadView& r) {
        return AccessCertificate(r, ctx.who, serial, CompletionRole::kPlanner).status();
      }));
  if (answered) return *std::move(answered);
  Certificate old;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(auto access,
                        AccessCertificate(r, ctx.who, serial, CompletionRole::kPlanner));
    old = std::move(access.first);
    return absl::OkStatus();
  }));
  auto check_valid = [](const Certificate& c) -> absl::Status {
    if (c.status == CertificateStatus::kRevoked) {
      return FieldError(absl::StatusCode::kFailedPrecondition, "serial",
                        Msg("certificate {serial} is revoked; issue a new one instead",
                            {{"serial", c.content.serial}}));
    }
    if (c.status == CertificateStatus::kSuperseded) {
      return FieldError(absl::StatusCode::kFailedPrecondition, "serial",
                        Msg("certificate {serial} was replaced by {successor} already",
                            {{"serial", c.content.serial}, {"successor", c.superseded_by}}));
    }
    return absl::OkStatus();
  };
  TH_RETURN_IF_ERROR(check_valid(old));
  TH_ASSIGN_OR_RETURN(std::vector<CertificateDraft> prepared,
                      Draft(ctx, {old.content.series_id, old.participant_id, old.content.serial}));
  if (prepared.size() != 1) return absl::InternalError("no certificate was prepared");
  TH_ASSIGN_OR_RETURN(Certificate fresh, Frozen(std::move(prepared.front().content),
                                                old.participant_id, ctx.who.account.id));
  TH_RETURN_IF_ERROR(store_.Write([&](UnitOfWork& w) -> absl::Status {
    TH_ASSIGN_OR_RETURN(auto access,
                        AccessCertificate(w, ctx.who, serial, CompletionRole::kPlanner));
    return OncePerRequest(
        w, kReissueMethod, key, ReplayInto(w, fresh), [&]() -> absl::StatusOr<Id> {
          Certificate current = std::move(access.first);
          TH_RETURN_IF_ERROR(check_valid(current));
          TH_ASSIGN_OR_RETURN(fresh.id, w.certificates().Insert(fresh));
          TH_RETURN_IF_ERROR(SignIssuedStatus(w, fresh, signer_));
          current.status = CertificateStatus::kSuperseded;
          current.superseded_by = fresh.content.serial;
          current.revoke_reason = reason;
          TH_RETURN_IF_ERROR(w.certificates().UpdateStatus(current));
          TH_RETURN_IF_ERROR(SignChangedStatus(w, current, fresh.content.issue_time, signer_));
          TH_ASSIGN_OR_RETURN(Series series, w.series().GetStored(current.content.series_id));
          AuditTrail trail(w, ctx, fresh.content.issue_time);
          TH_RETURN_IF_ERROR(trail.Changed("certificate", current.id, series.organization_id));
          TH_RETURN_IF_ERROR(trail.Changed("certificate", fresh.id, series.organization_id));
          if (fresh.content.outcome != CompletionOutcome::kCertificate) {
            TH_RETURN_IF_ERROR(WithdrawQualification(w, trail, current));
          }
          TH_RETURN_IF_ERROR(RecordQualification(w, trail, series, fresh));
          return fresh.id;
        });
  }));
  verifier_.Remember(fresh);
  return fresh;
}

}  // namespace trainhub::domain
