// The issued certificates for their readers (domain/completion/certificate_archive.h);
// a series' PDFs as one ZIP archive (libzip), each PDF read from the store
// only while the archive writes it.

#include "domain/completion/certificate_archive.h"

#include <zip.h>

#include <cstring>
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "domain/access.h"
#include "domain/completion/certificate_badge.h"
#include "domain/completion/certificate_status.h"
#include "domain/completion/completion_access.h"
#include "domain/documents/credential_proof.h"
#include "domain/errors.h"
#include "domain/status_macros.h"
#include "domain/work_gate.h"

namespace trainhub::domain {
namespace {

// Archives are disk and store work: at most two at once, four waiting.
WorkGate& ArchiveGate() {
  static WorkGate* gate = new WorkGate(2, 4, absl::Seconds(20));
  return *gate;
}

// One PDF of the archive, loaded when libzip opens it and dropped when it
// closes it.
struct LazyPdf {
  Store* store = nullptr;
  Id certificate_id = 0;
  std::string bytes;
  size_t offset = 0;
  zip_error_t error;
};

zip_int64_t ReadLazyPdf(void* state, void* data, zip_uint64_t length, zip_source_cmd_t command) {
  auto* pdf = static_cast<LazyPdf*>(state);
  switch (command) {
    case ZIP_SOURCE_OPEN: {
      absl::Status read = pdf->store->Read([&](ReadView& r) -> absl::Status {
        TH_ASSIGN_OR_RETURN(Certificate c, r.certificates().Get(pdf->certificate_id));
        pdf->bytes = std::move(c.pdf);
        return absl::OkStatus();
      });
      if (!read.ok()) {
        zip_error_set(&pdf->error, ZIP_ER_READ, EIO);
        return -1;
      }
      pdf->offset = 0;
      return 0;
    }
    case ZIP_SOURCE_READ: {
      const size_t n = std::min<size_t>(length, pdf->bytes.size() - pdf->offset);
      std::memcpy(data, pdf->bytes.data() + pdf->offset, n);
      pdf->offset += n;
      return static_cast<zip_int64_t>(n);
    }
    case ZIP_SOURCE_CLOSE:
      std::string().swap(pdf->bytes);
      return 0;
    case ZIP_SOURCE_STAT: {
      auto* st = static_cast<zip_stat_t*>(data);
      zip_stat_init(st);
      return sizeof(zip_stat_t);
    }
    case ZIP_SOURCE_ERROR:
      return zip_error_to_data(&pdf->error, data, length);
    case ZIP_SOURCE_FREE:
      zip_error_fini(&pdf->error);
      delete pdf;
      return 0;
    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
                                            ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
    default:
      zip_error_set(&pdf->error, ZIP_ER_OPNOTSUPP, 0);
      return -1;
  }
}

// "Zertifikat Amira Haddad 7K3M-Q9ZD-X2RT-4HNB.pdf": no path separators or
// control characters from the name.
std::string EntryName(const Certificate& c) {
  std::string holder;
  for (const char ch : c.content.holder_name) {
    const auto u = static_cast<unsigned char>(ch);
    holder.push_back(u < 0x20 || ch == '/' || ch == '\\' || ch == 0x7f ? '_' : ch);
  }
  std::string name =
      absl::StrCat(c.content.outcome == CompletionOutcome::kCertificate ? "Zertifikat "
                                                                        : "Teilnahmebestätigung ",
                   holder, " ", c.content.serial);
  if (c.status == CertificateStatus::kRevoked) absl::StrAppend(&name, " (widerrufen)");
  if (c.status == CertificateStatus::kSuperseded) absl::StrAppend(&name, " (ersetzt)");
  return absl::StrCat(name, ".pdf");
}

}  // namespace

CertificateArchive::CertificateArchive(Store& store, const CertificateSigner& signer,
                                       CertificateVerifier& verifier, Clock clock)
    : store_(store), signer_(signer), verifier_(verifier), clock_(std::move(clock)) {}

absl::StatusOr<Certificate> CertificateArchive::Get(const Principal& who,
                                                    const std::string& serial) {
  Certificate c;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(auto access,
                        AccessCertificate(r, who, serial, CompletionRole::kParticipant));
    c = std::move(access.first);
    return absl::OkStatus();
  }));
  return c;
}

absl::StatusOr<Certificate> CertificateArchive::GetWithPdf(const Principal& who,
                                                           const std::string& serial) {
  TH_ASSIGN_OR_RETURN(Certificate c, Get(who, serial));
  if (!c.content.holder_name_hash.empty()) {
    return FieldError(absl::StatusCode::kFailedPrecondition, "serial",
                      Msg("the holder's data was erased; certificate {serial} can be verified, but "
                          "its PDF is no longer kept",
                          {{"serial", c.content.serial}}));
  }
  return c;
}

absl::StatusOr<std::string> CertificateArchive::Badge(const Principal& who,
                                                      const std::string& serial) {
  TH_ASSIGN_OR_RETURN(Certificate c, GetWithPdf(who, serial));
  std::optional<CertificateStatusRecord> record;
  StatusCheck status;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(status, verifier_.CheckStatus(r, c));
    TH_ASSIGN_OR_RETURN(record, r.certificates().GetStatusRecord(c.id));
    return absl::OkStatus();
  }));
  if (!status.confirmed) {
    return FieldError(absl::StatusCode::kFailedPrecondition, "serial",
                      Msg("the status of certificate {serial} cannot be confirmed: {problem}",
                          {{"serial", c.content.serial}, {"problem", status.problem}}));
  }
  if (c.status != CertificateStatus::kValid) {
    return FieldError(absl::StatusCode::kFailedPrecondition, "serial",
                      c.status == CertificateStatus::kRevoked
                          ? Msg("certificate {serial} is revoked", {{"serial", c.content.serial}})
                          : Msg("certificate {serial} is superseded by {successor}",
                                {{"serial", c.content.serial}, {"successor", c.superseded_by}}));
  }
  const std::string did = DidKeyOf(signer_.public_key());
  const std::string method = absl::StrCat(did, "#", did.substr(did.rfind(':') + 1));
  nlohmann::json credential =
      OpenBadgeCredentialOf(c.content, verifier_.VerificationUrl(c.content.serial), did);
  // Offline checks learn a later revocation from the published list.
  credential["credentialStatus"] =
      BitstringStatusListEntryOf(record->status_index, verifier_.StatusListUrl());
  TH_ASSIGN_OR_RETURN(
      nlohmann::json badge,
      AddEddsaJcsProof(std::move(credential), method,
                       absl::FromUnixSeconds(absl::ToUnixSeconds(clock_())),
                       [this](const std::string& message) { return signer_.Sign(message); }));
  return badge.dump(2);
}

absl::StatusOr<Page<Certificate>> CertificateArchive::List(const Principal& who, Id series_id,
                                                           Id participant_id,
                                                           const PageRequest& page) {
  if (series_id < 0) return InvalidField("series_id", Msg("must be a positive id"));
  if (participant_id < 0) return InvalidField("participant_id", Msg("must be a positive id"));
  Page<Certificate> out;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    CertificateFilter filter;
    filter.series_id = series_id;
    filter.participant_id = participant_id;
    if (series_id != 0) {
      TH_ASSIGN_OR_RETURN(auto access,
                          AccessCompletion(r, who, series_id, CompletionRole::kParticipant));
      if (access.second == CompletionRole::kParticipant) {
        if (participant_id != 0 && participant_id != who.ParticipantId()) {
          return Denied(
              Msg("your account may not see the certificates of participant {participant}",
                  {{"participant", participant_id}}));
        }
        filter.participant_id = who.ParticipantId();
      }
    } else if (!who.IsAdmin()) {
      for (const RoleGrant& g : who.account.roles) {
        if (g.role == Role::kCoordinator) filter.organization_ids.push_back(g.organization_id);
      }
      if (filter.organization_ids.empty()) {
        if (participant_id != 0 && participant_id != who.ParticipantId()) {
          return Denied(
              Msg("your account may not see the certificates of participant {participant}",
                  {{"participant", participant_id}}));
        }
        // Trainers, and accounts without a participant record: none to see.
        if (who.ParticipantId() == 0) return absl::OkStatus();
        filter.participant_id = who.ParticipantId();
      }
    }
    TH_ASSIGN_OR_RETURN(out, r.certificates().List(filter, page));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<int> CertificateArchive::WritePdfArchive(const Principal& who, Id series_id,
                                                        bool include_invalid,
                                                        const std::string& path) {
  if (series_id <= 0) return InvalidField("series_id", Msg("must be a positive id"));
  std::vector<Certificate> listed;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_RETURN_IF_ERROR(AccessCompletion(r, who, series_id, CompletionRole::kReader).status());
    TH_ASSIGN_OR_RETURN(std::vector<Certificate> all, CertificatesOfSeries(r, series_id));
    for (Certificate& c : all) {
      // An erased holder's PDF is not kept.
      if (!c.content.holder_name_hash.empty()) continue;
      if (include_invalid || c.status == CertificateStatus::kValid) {
        listed.push_back(std::move(c));
      }
    }
    return absl::OkStatus();
  }));
  if (listed.empty()) {
    return FieldError(absl::StatusCode::kFailedPrecondition, "series_id",
                      include_invalid ? Msg("the series has no certificates")
                                      : Msg("the series has no valid certificates"));
  }
  WorkGate::Pass pass = ArchiveGate().Enter();
  if (!pass.ok()) {
    return Refusal(absl::StatusCode::kResourceExhausted,
                   Msg("too many archives are being made; try again shortly"));
  }
  int error_code = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error_code);
  if (archive == nullptr) return absl::InternalError("cannot create the ZIP file");
  for (const Certificate& c : listed) {
    auto* pdf = new LazyPdf{&store_, c.id, {}, 0, {}};
    zip_error_init(&pdf->error);
    zip_source_t* source = zip_source_function(archive, ReadLazyPdf, pdf);
    if (source == nullptr) {
      delete pdf;
      zip_discard(archive);
      return absl::InternalError("cannot add to the ZIP file");
    }
    const zip_int64_t index =
        zip_file_add(archive, EntryName(c).c_str(), source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
    if (index < 0) {
      zip_source_free(source);
      zip_discard(archive);
      return absl::InternalError("cannot add to the ZIP file");
    }
    // PDFs are compressed already.
    zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
    zip_file_set_mtime(archive, static_cast<zip_uint64_t>(index),
                       static_cast<time_t>(absl::ToUnixSeconds(c.content.issue_time)), 0);
  }
  if (zip_close(archive) != 0) {
    const std::string why = zip_strerror(archive);
    zip_discard(archive);
    return absl::InternalError(absl::StrCat("cannot write the ZIP file: ", why));
  }
  return static_cast<int>(listed.size());
}

}  // namespace trainhub::domain
