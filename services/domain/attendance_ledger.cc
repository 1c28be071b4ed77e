#include "domain/attendance_ledger.h"

#include <sodium.h>

#include <nlohmann/json.hpp>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace trainhub::domain {
namespace {

// The export's format, and the first field of a version-1 encoding.
constexpr char kEncodingVersion[] = "trainhub-attendance-ledger-v1";
constexpr char kEncodingVersion2[] = "trainhub-attendance-ledger-v2";

// Appends `value` as its length (8 bytes, little endian) and its bytes, so
// that no two different entries encode alike.
void AppendField(std::string& out, absl::string_view value) {
  const uint64_t n = value.size();
  char length[8];
  for (int i = 0; i < 8; ++i) length[i] = static_cast<char>((n >> (8 * i)) & 0xff);
  out.append(length, sizeof length);
  out.append(value.data(), value.size());
}
// A number as its decimal digits.
void AppendField(std::string& out, int64_t value) {
  AppendField(out, absl::AlphaNum(value).Piece());
}

std::string Blake2b256(const std::string& bytes) {
  std::string hash(kLedgerHashBytes, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(hash.data()), hash.size(),
                     reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), nullptr,
                     0);
  return hash;
}

std::string Encoding(const AttendanceEntry& e) {
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

std::string LedgerHash(const AttendanceEntry& e) { return Blake2b256(Encoding(e)); }

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
  std::string expected_prev = LedgerGenesis();
  for (const AttendanceEntry& e : entries) {
    if (e.prev_hash != expected_prev) {
      check.intact = false;
      check.first_bad_entry_id = e.id;
      check.problem = absl::StrCat("entry ", e.id,
                                   " does not follow the entry before it (an entry was removed, "
                                   "inserted or changed)");
      break;
    }
    if (e.hash_version < 2 && !e.text_digest.empty()) {
      ++check.content_unchecked_count;  // its hash covered the erased texts
    } else if (LedgerHash(e) != e.hash) {
      check.intact = false;
      check.first_bad_entry_id = e.id;
      check.problem = absl::StrCat("entry ", e.id, " was changed after it was recorded");
      break;
    }
    expected_prev = e.hash;
    ++check.entry_count;
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
  const nlohmann::json doc = nlohmann::json::parse(json, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    return absl::InvalidArgumentError("the file is not JSON");
  }
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
