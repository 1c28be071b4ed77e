#ifndef TRAINHUB_SERVICES_DOMAIN_ATTENDANCE_ATTENDANCE_LEDGER_H_
#define TRAINHUB_SERVICES_DOMAIN_ATTENDANCE_ATTENDANCE_LEDGER_H_

// The attendance ledger: every attendance record and sign-off of a series,
// append-only, each entry chained to the one before it in the same series
// by a BLAKE2b-256 hash over the previous hash and the entry's content.
// Since hash version 2 the content holds a digest of the free texts (note
// and reason) instead of the texts, so that erasing them under the GDPR
// keeps the entry checkable: the digest stays. Version 3 (entries recorded
// now) also hashes the entry's id and its version, and the erasure of texts
// is itself an entry of the chain (kErasure) that commits to every entry it
// emptied, so that texts missing without such an entry are found, and so is
// an entry set back to an older version.
// Changing, inserting or deleting an entry behind the server's back breaks
// the chain from there on. Shared by the server and the CLI, which verifies
// an exported ledger offline; this file needs libsodium and nothing else of
// the domain but its entities (domain/model.h, headers only).

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "domain/model.h"

namespace trainhub::domain {

// Ids in the ledger (the entity is AttendanceEntry, domain/model.h).
using LedgerId = Id;

// Present or late: took part.
inline bool Attended(AttendanceStatus s) {
  return s == AttendanceStatus::kPresent || s == AttendanceStatus::kLate;
}

inline constexpr size_t kLedgerHashBytes = 32;

// The hash of `e` chained to `e.prev_hash`: BLAKE2b-256 over a versioned,
// length-prefixed encoding of every stored field but hash (versions 1 and
// 2 leave out the id too; since version 2 note and reason count through
// their digest: text_digest when erased, else computed from the texts).
std::string LedgerHash(const AttendanceEntry& e);
// BLAKE2b-256 of `note` and `reason`, length-prefixed.
std::string LedgerTextDigest(const std::string& note, const std::string& reason);
// What an erasure entry commits to: BLAKE2b-256 over every stored field
// (hash, version and text digest included) of `erased`, the records of one
// person and session whose texts were erased, in id order, as stored after
// the erasure.
std::string LedgerErasedDigest(const std::vector<AttendanceEntry>& erased);
// The prev_hash of a series' first entry.
std::string LedgerGenesis();

// The result of checking a chain.
struct LedgerCheck {
  bool intact = true;
  int64_t entry_count = 0;
  std::string head_hash;  // hash of the last entry; the genesis for none
  LedgerId first_bad_entry_id = 0;
  std::string problem;
  // Version-1 entries whose texts were erased: their own hash covered the
  // texts, so their content is checked only against the erasure entry that
  // recorded them as they were at the erasure.
  int64_t content_unchecked_count = 0;
  // Set by the server's verification: where the status each person counts
  // with (what reports count from) differs from the ledger, one sentence
  // each, at most kMaxListedMismatches, and how many there are in all.
  std::vector<std::string> current_status_mismatches;
  int64_t current_status_mismatch_count = 0;
};
inline constexpr size_t kMaxListedMismatches = 20;
// Checks that `entries` (one series, in id order) link up from the genesis,
// that each hash matches its content, that versions never go down along the
// chain, and that every record whose texts are missing is named by a later
// erasure entry of its person and session (and nothing else is missing).
LedgerCheck CheckLedger(const std::vector<AttendanceEntry>& entries);

// The ledger of one series as a JSON document (hashes in hex), and back.
std::string LedgerToJson(LedgerId series_id, const std::vector<AttendanceEntry>& entries);
// INVALID_ARGUMENT when `json` is not such a document.
absl::StatusOr<std::vector<AttendanceEntry>> LedgerFromJson(const std::string& json);

std::string HexOf(const std::string& bytes);

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_ATTENDANCE_ATTENDANCE_LEDGER_H_
