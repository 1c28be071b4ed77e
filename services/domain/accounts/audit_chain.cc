#include "domain/accounts/audit_chain.h"

#include <sodium.h>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "domain/documents/hash_fields.h"

namespace trainhub::domain {
namespace {

constexpr char kEncodingVersion[] = "trainhub-audit-v1";
constexpr size_t kHashBytes = 32;
constexpr size_t kSaltBytes = 16;
constexpr char kErasureMethodSuffix[] = "/ErasePersonalData";

// The account whose data an event of the erasure says was erased, or 0.
Id ErasedAccountOf(const AuditEvent& e) {
  if (!absl::EndsWith(e.method, kErasureMethodSuffix)) return 0;
  absl::string_view object = e.object;
  if (!absl::ConsumePrefix(&object, "account/")) return 0;
  Id id = 0;
  return absl::SimpleAtoi(object, &id) ? id : 0;
}

}  // namespace

std::string AuditGenesis() { return std::string(kHashBytes, '\0'); }

std::string NewAuditPeerSalt(const std::string& peer) {
  if (peer.empty()) return "";
  std::string salt(kSaltBytes, '\0');
  randombytes_buf(salt.data(), salt.size());
  return salt;
}

std::string AuditPeerDigest(const std::string& salt, const std::string& peer) {
  std::string encoded;
  AppendField(encoded, salt);
  AppendField(encoded, peer);
  return Blake2b256(encoded);
}

std::string AuditEventHash(const AuditEvent& e) {
  std::string out;
  out.reserve(256);
  AppendField(out, kEncodingVersion);
  AppendField(out, e.id);
  AppendField(out, e.chain_seq);
  AppendField(out, e.prev_hash);
  AppendField(out, absl::ToUnixMicros(e.time));
  AppendField(out, e.account_id);
  AppendField(out, e.method);
  AppendField(out, e.object);
  AppendField(out, e.organization_id);
  AppendField(out, e.result);
  AppendField(out, e.request_id);
  AppendField(out, e.peer_digest.empty() ? AuditPeerDigest(e.peer_salt, e.peer) : e.peer_digest);
  AppendField(out, e.repeat_count);
  return Blake2b256(out);
}

AuditChainChecker::AuditChainChecker() : expected_prev_(AuditGenesis()) {}

void AuditChainChecker::Fail(Id id, std::string problem) {
  check_.intact = false;
  check_.first_bad_event_id = id;
  check_.problem = std::move(problem);
}

bool AuditChainChecker::Add(const AuditEvent& e) {
  if (!check_.intact) return false;
  if (e.chain_seq != check_.event_count + 1) {
    Fail(e.id,
         absl::StrCat("event ", e.id, " is at place ", e.chain_seq, " of the chain, where ",
                      check_.event_count + 1, " was expected (an event was removed or inserted)"));
    return false;
  }
  if (e.prev_hash != expected_prev_) {
    Fail(e.id, absl::StrCat("event ", e.id,
                            " does not follow the event before it (an event was removed, "
                            "inserted or changed)"));
    return false;
  }
  if (!e.peer_digest.empty() &&
      (!e.peer.empty() || !e.peer_salt.empty() || e.peer_digest.size() != kHashBytes)) {
    Fail(e.id, absl::StrCat("event ", e.id,
                            " has a client address beside the digest of an erased one (an "
                            "address was written back)"));
    return false;
  }
  if (AuditEventHash(e) != e.hash) {
    Fail(e.id, absl::StrCat("event ", e.id, " was changed after it was recorded"));
    return false;
  }
  if (!e.peer_digest.empty()) needs_erasure_.emplace_back(e.id, e.account_id);
  if (Id erased = ErasedAccountOf(e); erased != 0) erased_accounts_.insert(erased);
  expected_prev_ = e.hash;
  ++check_.event_count;
  return true;
}

AuditChainCheck AuditChainChecker::Finish(const AuditHead& stored_head,
                                          const std::vector<AuditEvent>& open,
                                          const std::set<Id>& counting) {
  if (check_.intact) {
    for (const auto& [event, account] : needs_erasure_) {
      if (erased_accounts_.count(account) == 0) {
        Fail(event,
             absl::StrCat("event ", event, " lacks its client address, and no erasure of account ",
                          account, " is recorded (the address was removed)"));
        break;
      }
    }
  }
  if (check_.intact &&
      (stored_head.event_count != check_.event_count || stored_head.hash != expected_prev_)) {
    Fail(0, absl::StrCat("the audit log ends early: ", stored_head.event_count,
                         " events were chained, ", check_.event_count, " are left"));
  }
  for (const AuditEvent& e : open) {
    if (!check_.intact) break;
    if (counting.count(e.id) == 0 || !e.object.empty() || !e.hash.empty() || !e.prev_hash.empty()) {
      Fail(e.id, absl::StrCat("event ", e.id,
                              " is outside the chain and is no refusal row still counting (it "
                              "was added or changed behind the server's back)"));
      break;
    }
  }
  check_.open_count = static_cast<int64_t>(open.size());
  check_.head_hash = absl::BytesToHexString(expected_prev_);
  return check_;
}

}  // namespace trainhub::domain
