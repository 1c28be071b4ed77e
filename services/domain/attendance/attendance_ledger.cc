#include "domain/attendance/attendance_ledger.h"

#include <sodium.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "domain/documents/canonical_json.h"
#include "domain/documents/hash_fields.h"

namespace trainhub::domain {
namespace {

// The export's format, and the first field of a version-1 encoding.
constexpr char kEncodingVersion[] = "trainhub-attendance-ledger-v1";
constexpr char kEncodingVersion2[] = "trainhub-attendance-ledger-v2";
constexpr char kEncodingVersion3[] = "trainhub-attendance-ledger-v3";
constexpr char kErasedDigestName[] = "trainhub-attendance-erasure-v1";

// Versions 1 and 2, byte for byte as earlier builds hashed them.
std::string EncodingV1V2(const AttendanceEntry& e) {
  const bool v2 = e.hash_version >= 2;
  std::string out;
  out.reserve(512);
  AppendField(out, v2 ? kEncodingVersion2 : kEncodingVersion);
  AppendField(out, e.prev_hash);
  AppendField(out, e.series_id);
  AppendField(out, e.session_id);
  AppendField(out, static_cast<int64_t>(e.kind));
  AppendField(out, e.participant_id);
  AppendField(out, static_cast<int64_t>(e.status));
  AppendField(out, e.minutes_missed);
  if (v2) {
    AppendField(out, e.text_digest.empty() ? LedgerTextDigest(e.note, e.reason) : e.text_digest);
  } else {
    AppendField(out, e.note);
  }
  AppendField(out, static_cast<int64_t>(e.source));
  AppendField(out, absl::ToUnixMicros(e.client_time));
  AppendField(out, e.client_nonce);
  AppendField(out, e.device_id);
  AppendField(out, e.account_id);
  AppendField(out, absl::ToUnixMicros(e.record_time));
  if (!v2) AppendField(out, e.reason);
  AppendField(out, e.conflicting_record_id);
  return out;
}

// Every stored field but the hash, after the version's own name (so that a
// version changed in the database changes what is hashed).
std::string EncodingV3(const AttendanceEntry& e) {
  std::string out;
  out.reserve(512);
  AppendField(out, kEncodingVersion3);
  AppendField(out, e.id);
  AppendField(out, e.prev_hash);
  AppendField(out, e.series_id);
  AppendField(out, e.session_id);
  AppendField(out, static_cast<int64_t>(e.kind));
  AppendField(out, e.participant_id);
  AppendField(out, static_cast<int64_t>(e.status));
  AppendField(out, e.minutes_missed);
  AppendField(out, e.text_digest.empty() ? LedgerTextDigest(e.note, e.reason) : e.text_digest);
  AppendField(out, static_cast<int64_t>(e.source));
  AppendField(out, absl::ToUnixMicros(e.client_time));
  AppendField(out, e.client_nonce);
  AppendField(out, e.device_id);
  AppendField(out, e.account_id);
  AppendField(out, absl::ToUnixMicros(e.record_time));
  AppendField(out, e.conflicting_record_id);
  return out;
}

// An erased record as an erasure entry commits to it: every stored field
// but the (empty) texts.
void AppendErasedForm(std::string& out, const AttendanceEntry& e) {
  AppendField(out, e.id);
  AppendField(out, e.series_id);
  AppendField(out, e.session_id);
  AppendField(out, static_cast<int64_t>(e.kind));
  AppendField(out, e.participant_id);
  AppendField(out, static_cast<int64_t>(e.status));
  AppendField(out, e.minutes_missed);
  AppendField(out, static_cast<int64_t>(e.source));
  AppendField(out, absl::ToUnixMicros(e.client_time));
  AppendField(out, e.client_nonce);
  AppendField(out, e.device_id);
  AppendField(out, e.account_id);
  AppendField(out, absl::ToUnixMicros(e.record_time));
  AppendField(out, e.conflicting_record_id);
  AppendField(out, e.prev_hash);
  AppendField(out, e.hash);
  AppendField(out, e.hash_version);
  AppendField(out, e.text_digest);
}

bool Erased(const AttendanceEntry& e) {
  return e.kind == LedgerEntryKind::kRecord && !e.text_digest.empty();
}

// Why `e` cannot stand where it does (after entries of version up to
// `max_version`), or "".
std::string ShapeProblem(const AttendanceEntry& e, int max_version, LedgerId series_id) {
  if (e.series_id != series_id) {
    return absl::StrCat("entry ", e.id, " names series ", e.series_id, " in the ledger of series ",
                        series_id);
  }
  if (e.hash_version < 1 || e.hash_version > kLedgerHashVersion) {
    return absl::StrCat("entry ", e.id, " has hash version ", e.hash_version,
                        ", which no trainhub wrote");
  }
  if (e.hash_version < max_version) {
    return absl::StrCat("entry ", e.id, " has hash version ", e.hash_version,
                        " after entries of version ", max_version,
                        " (versions never go down: it was set back)");
  }
  switch (e.kind) {
    case LedgerEntryKind::kRecord:
      if (Erased(e) && (!e.note.empty() || !e.reason.empty())) {
        return absl::StrCat("entry ", e.id,
                            " has a note or reason beside the digest of erased ones (a text was "
                            "written back)");
      }
      if (Erased(e) && e.text_digest.size() != kLedgerHashBytes) {
        return absl::StrCat("entry ", e.id, " has a text digest of the wrong length");
      }
      return "";
    case LedgerEntryKind::kSignOff:
      if (!e.text_digest.empty()) {
        return absl::StrCat("entry ", e.id, " is a sign-off with erased texts, which none has");
      }
      return "";
    case LedgerEntryKind::kErasure:
      if (e.hash_version < 3 || e.participant_id == 0 ||
          e.status != AttendanceStatus::kUnspecified || !e.note.empty() || !e.reason.empty() ||
          e.text_digest.size() != kLedgerHashBytes) {
        return absl::StrCat("entry ", e.id, " is not a well-formed erasure entry");
      }
      return "";
  }
  return absl::StrCat("entry ", e.id, " is of an unknown kind (", static_cast<int>(e.kind), ")");
}

}  // namespace

bool IsKnown(AttendanceStatus value) {
  return value >= AttendanceStatus::kPresent && value <= AttendanceStatus::kAbsent;
}

const char* ToString(AttendanceStatus value) {
  switch (value) {
    case AttendanceStatus::kPresent:
      return "present";
    case AttendanceStatus::kLate:
      return "late";
    case AttendanceStatus::kExcused:
      return "excused";
    case AttendanceStatus::kAbsent:
      return "absent";
    case AttendanceStatus::kUnspecified:
      break;
  }
  return "";
}

std::string LedgerHash(const AttendanceEntry& e) {
  return Blake2b256(e.hash_version >= 3 ? EncodingV3(e) : EncodingV1V2(e));
}

std::string LedgerErasedDigest(const std::vector<AttendanceEntry>& erased) {
  std::string encoded;
  AppendField(encoded, kErasedDigestName);
  for (const AttendanceEntry& e : erased) {
    std::string form;
    AppendErasedForm(form, e);
    AppendField(encoded, form);
  }
  return Blake2b256(encoded);
}

std::string LedgerTextDigest(const std::string& note, const std::string& reason) {
  std::string encoded;
  AppendField(encoded, note);
  AppendField(encoded, reason);
  return Blake2b256(encoded);
}

std::string LedgerGenesis() { return std::string(kLedgerHashBytes, '\0'); }

std::string HexOf(const std::string& bytes) { return absl::BytesToHexString(bytes); }

LedgerCheck CheckLedger(const std::vector<AttendanceEntry>& entries) {
  LedgerCheck check;
  auto fail = [&check](LedgerId id, std::string problem) {
    check.intact = false;
    check.first_bad_entry_id = id;
    check.problem = std::move(problem);
  };
  std::string expected_prev = LedgerGenesis();
  int max_version = 1;
  // Erased records by person and session, in id order, and those no
  // erasure entry has named yet.
  std::map<std::pair<LedgerId, LedgerId>, std::vector<AttendanceEntry>> erased;
  std::map<LedgerId, std::pair<LedgerId, LedgerId>> unrecorded;
  for (const AttendanceEntry& e : entries) {
    if (std::string problem = ShapeProblem(e, max_version, entries.front().series_id);
        !problem.empty()) {
      fail(e.id, std::move(problem));
      break;
    }
    if (e.prev_hash != expected_prev) {
      fail(e.id, absl::StrCat("entry ", e.id,
                              " does not follow the entry before it (an entry was removed, "
                              "inserted or changed)"));
      break;
    }
    if (e.hash_version == 1 && Erased(e)) {
      ++check.content_unchecked_count;  // its hash covered the erased texts
    } else if (LedgerHash(e) != e.hash) {
      fail(e.id, absl::StrCat("entry ", e.id, " was changed after it was recorded"));
      break;
    }
    const std::pair<LedgerId, LedgerId> person{e.session_id, e.participant_id};
    if (Erased(e)) {
      erased[person].push_back(e);
      unrecorded[e.id] = person;
    } else if (e.kind == LedgerEntryKind::kErasure) {
      if (LedgerErasedDigest(erased[person]) != e.text_digest) {
        fail(e.id, absl::StrCat("entry ", e.id,
                                " records an erasure of other entries than those whose texts "
                                "are missing (an entry was changed, or its texts removed)"));
        break;
      }
      for (const AttendanceEntry& done : erased[person]) unrecorded.erase(done.id);
    }
    max_version = std::max(max_version, e.hash_version);
    expected_prev = e.hash;
    ++check.entry_count;
  }
  if (check.intact && !unrecorded.empty()) {
    const LedgerId id = unrecorded.begin()->first;
    fail(id, absl::StrCat("entry ", id,
                          " lacks its note and reason, and no erasure of them is recorded (they "
                          "were removed or the entry was changed)"));
  }
  check.head_hash = HexOf(expected_prev);
  if (!check.intact) check.entry_count = static_cast<int64_t>(entries.size());
  return check;
}

std::string LedgerToJson(LedgerId series_id, const std::vector<AttendanceEntry>& entries) {
  nlohmann::ordered_json doc;
  doc["format"] = kEncodingVersion;
  doc["series_id"] = series_id;
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const AttendanceEntry& e : entries) {
    nlohmann::ordered_json j;
    j["id"] = e.id;
    j["series_id"] = e.series_id;
    j["session_id"] = e.session_id;
    j["kind"] = static_cast<int>(e.kind);
    j["participant_id"] = e.participant_id;
    j["status"] = static_cast<int>(e.status);
    j["minutes_missed"] = e.minutes_missed;
    j["note"] = e.note;
    j["source"] = static_cast<int>(e.source);
    j["client_time_us"] = absl::ToUnixMicros(e.client_time);
    j["client_nonce"] = e.client_nonce;
    j["device_id"] = e.device_id;
    j["account_id"] = e.account_id;
    j["record_time_us"] = absl::ToUnixMicros(e.record_time);
    j["reason"] = e.reason;
    j["conflicting_record_id"] = e.conflicting_record_id;
    j["prev_hash"] = HexOf(e.prev_hash);
    j["hash"] = HexOf(e.hash);
    j["hash_version"] = e.hash_version;
    if (!e.text_digest.empty()) j["text_digest"] = HexOf(e.text_digest);
    list.push_back(std::move(j));
  }
  doc["entries"] = std::move(list);
  return doc.dump(1);
}

absl::StatusOr<std::vector<AttendanceEntry>> LedgerFromJson(const std::string& json) {
  // Only the CLI reads exports (offline, in its own English words). A
  // member named twice is refused: readers keeping the first or the last
  // would verify different ledgers.
  absl::StatusOr<nlohmann::json> parsed = ParseIJson(json);
  if (!parsed.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("the file is not JSON as exported: ",
                                                   parsed.status().message()));
  }
  const nlohmann::json doc = *std::move(parsed);
  if (!doc.is_object()) return absl::InvalidArgumentError("the file is not JSON as exported");
  if (doc.value("format", "") != kEncodingVersion || !doc.contains("entries") ||
      !doc["entries"].is_array()) {
    return absl::InvalidArgumentError("the file is not an attendance ledger export");
  }
  std::vector<AttendanceEntry> out;
  try {
    for (const nlohmann::json& j : doc["entries"]) {
      AttendanceEntry e;
      e.id = j.at("id").get<int64_t>();
      e.series_id = j.at("series_id").get<int64_t>();
      e.session_id = j.at("session_id").get<int64_t>();
      e.kind = static_cast<LedgerEntryKind>(j.at("kind").get<int>());
      e.participant_id = j.at("participant_id").get<int64_t>();
      e.status = static_cast<AttendanceStatus>(j.at("status").get<int>());
      e.minutes_missed = j.at("minutes_missed").get<int>();
      e.note = j.at("note").get<std::string>();
      e.source = static_cast<AttendanceSource>(j.at("source").get<int>());
      e.client_time = absl::FromUnixMicros(j.at("client_time_us").get<int64_t>());
      e.client_nonce = j.at("client_nonce").get<std::string>();
      e.device_id = j.at("device_id").get<std::string>();
      e.account_id = j.at("account_id").get<int64_t>();
      e.record_time = absl::FromUnixMicros(j.at("record_time_us").get<int64_t>());
      e.reason = j.at("reason").get<std::string>();
      e.conflicting_record_id = j.at("conflicting_record_id").get<int64_t>();
      e.prev_hash = absl::HexStringToBytes(j.at("prev_hash").get<std::string>());
      e.hash = absl::HexStringToBytes(j.at("hash").get<std::string>());
      // Exports made before version 2 carry no version.
      e.hash_version = j.value("hash_version", 1);
      if (j.contains("text_digest")) {
        e.text_digest = absl::HexStringToBytes(j.at("text_digest").get<std::string>());
      }
      out.push_back(std::move(e));
    }
  } catch (const nlohmann::json::exception& e) {
    return absl::InvalidArgumentError(absl::StrCat("an entry is incomplete: ", e.what()));
  }
  return out;
}

}  // namespace trainhub::domain
