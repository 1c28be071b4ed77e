#ifndef TRAINHUB_SERVICES_DOMAIN_ACCOUNTS_AUDIT_CHAIN_H_
#define TRAINHUB_SERVICES_DOMAIN_ACCOUNTS_AUDIT_CHAIN_H_

// The audit log's hash chain. Every event is chained to the one before it
// by a BLAKE2b-256 hash over every stored field: its id and place in the
// chain, the previous hash, time, account, method, object, organisation,
// result, request id, repeat count, and the client's address through a
// salted digest. A refusal row joins the chain once its window is over and
// its repeat count final ("sealed"); until then it is open (chain_seq 0).
// Erasing a person (GDPR) blanks their addresses and their salts and keeps
// the digests, so the rows stay checkable and the digest cannot be matched
// against guessed addresses; an erased address needs the erasure of its
// account in the chain. Changing, inserting or deleting a chained event
// behind the server's back breaks the chain (or the stored head) from there
// on; recomputing every hash after a change gives another head hash.

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "domain/model.h"

namespace trainhub::domain {

std::string AuditGenesis();
// 16 random bytes for a row with a peer; "" for none.
std::string NewAuditPeerSalt(const std::string& peer);
// BLAKE2b-256 of the salt and the address.
std::string AuditPeerDigest(const std::string& salt, const std::string& peer);
// The hash of `e` at e.chain_seq after e.prev_hash.
std::string AuditEventHash(const AuditEvent& e);

// The result of checking the audit log.
struct AuditChainCheck {
  bool intact = true;
  int64_t event_count = 0;  // chained events
  std::string head_hash;    // hex of the last one's hash
  Id first_bad_event_id = 0;
  std::string problem;
  int64_t open_count = 0;  // refusal rows still counting (this minute's)
};

// Checks events fed in chain order, a page at a time, then the open rows
// and the stored head.
class AuditChainChecker {
 public:
  AuditChainChecker();
  // Checks the next event of the chain; false once a problem was found
  // (feed no more).
  bool Add(const AuditEvent& e);
  // `open`: the rows outside the chain; `counting`: the ids of refusal rows
  // whose window is still open (only those may be outside the chain).
  AuditChainCheck Finish(const AuditHead& stored_head, const std::vector<AuditEvent>& open,
                         const std::set<Id>& counting);

 private:
  void Fail(Id id, std::string problem);

  AuditChainCheck check_;
  std::string expected_prev_;
  std::set<Id> erased_accounts_;                  // erasures in the chain
  std::vector<std::pair<Id, Id>> needs_erasure_;  // event, account: erased peer
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_ACCOUNTS_AUDIT_CHAIN_H_
