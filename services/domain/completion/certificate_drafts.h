#ifndef TRAINHUB_SERVICES_DOMAIN_COMPLETION_CERTIFICATE_DRAFTS_H_
#define TRAINHUB_SERVICES_DOMAIN_COMPLETION_CERTIFICATE_DRAFTS_H_

// What each person's certificate of a series says, drafted from the
// completion's evaluation, the series, its modules and organisations and
// who issues it: the content a certificate freezes when it is issued
// (domain/completion/certificate_issuing.h), and the plan that issuing a
// whole series previews.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "domain/completion/certificate_document.h"
#include "domain/completion/completion_rules.h"
#include "domain/model.h"
#include "domain/ports/unit_of_work.h"
#include "domain/principal.h"

namespace trainhub::domain {

struct IssuePlanEntry {
  Id participant_id = 0;
  std::string participant_name;
  CompletionOutcome outcome = CompletionOutcome::kUnspecified;
  bool decided = false;
  std::string existing_serial;  // holds a valid certificate of the series already
};

// A person's certificate before it is frozen (serial, key, signature, PDF).
struct CertificateDraft {
  Id participant_id = 0;
  CertificateContent content;
};

struct DraftRequest {
  Id series_id = 0;
  Id only_participant = 0;  // 0: everyone
  std::string supersedes;   // the serial a reissue replaces ("" for an issue)
};

// The drafts of `request` as `who` issues them at `now`: PERMISSION_DENIED
// unless `who` plans the series; FAILED_PRECONDITION "series_id" while one
// of its sessions has not ended. For everyone, each person whose outcome
// is a document and who holds no valid certificate of the series (unless
// reissuing); `plan` (optional) also gets those who hold one. For one
// participant: NOT_FOUND "participant_id" when they held no seat,
// FAILED_PRECONDITION when their outcome is nothing, ALREADY_EXISTS when
// they hold a valid certificate (unless reissuing).
absl::StatusOr<std::vector<CertificateDraft>> DraftCertificates(ReadView& r, const Principal& who,
                                                                const DraftRequest& request,
                                                                absl::Time now,
                                                                std::vector<IssuePlanEntry>* plan);

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_COMPLETION_CERTIFICATE_DRAFTS_H_
