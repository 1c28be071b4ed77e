#include "store/sqlite_certificate_store.h"

#include "absl/strings/str_cat.h"
#include "domain/completion/certificate_document.h"
#include "domain/errors.h"
#include "domain/status_macros.h"
#include "store/stored_numbers.h"

namespace trainhub::store {

using domain::Certificate;
using domain::Id;

namespace {

// Without the PDF (column 14 is its placeholder); column 15 the key id.
constexpr char kListColumns[] =
    "c.id, c.participant_id, c.document, c.signature, c.pdf_sha256, c.status, c.revoke_reason,"
    " c.revoke_time, c.superseded_by, c.issued_by, c.series_id, c.serial, c.outcome,"
    " c.issue_time, '', c.key_id";
constexpr char kGetColumns[] =
    "c.id, c.participant_id, c.document, c.signature, c.pdf_sha256, c.status, c.revoke_reason,"
    " c.revoke_time, c.superseded_by, c.issued_by, c.series_id, c.serial, c.outcome,"
    " c.issue_time, p.pdf, c.key_id";
// The tables kGetColumns reads (the PDFs are kept apart, see migration 10).
constexpr char kFromWithPdf[] =
    " FROM certificate c JOIN certificate_pdf p ON p.certificate_id = c.id";

std::string Blob(SQLite::Column column) {
  return std::string(static_cast<const char*>(column.getBlob()), column.getBytes());
}

absl::StatusOr<Certificate> ReadCertificate(SQLite::Statement& q, bool parse = true) {
  Certificate c;
  c.id = q.getColumn(0).getInt64();
  c.participant_id = q.getColumn(1).getInt64();
  c.document = q.getColumn(2).getString();
  c.signature = Blob(q.getColumn(3));
  c.pdf_sha256 = q.getColumn(4).getString();
  c.status = static_cast<domain::CertificateStatus>(q.getColumn(5).getInt());
  c.revoke_reason = q.getColumn(6).getString();
  if (!q.getColumn(7).isNull()) c.revoke_time = absl::FromUnixMicros(q.getColumn(7).getInt64());
  c.superseded_by = q.getColumn(8).getString();
  c.issued_by = q.getColumn(9).getInt64();
  c.pdf = Blob(q.getColumn(14));
  if (!parse) {
    c.content.series_id = q.getColumn(10).getInt64();
    c.content.serial = q.getColumn(11).getString();
    c.content.outcome = static_cast<domain::CompletionOutcome>(q.getColumn(12).getInt());
    c.content.issue_time = absl::FromUnixMicros(q.getColumn(13).getInt64());
    c.content.key_id = q.getColumn(15).getString();
    return c;
  }
  absl::StatusOr<domain::CertificateContent> content = domain::ContentOf(c.document);
  if (!content.ok()) {
    return absl::InternalError(
        absl::StrCat("certificate ", q.getColumn(11).getString(), " has an unreadable document"));
  }
  c.content = *std::move(content);
  return c;
}

// ReadCertificate for ListById, which takes a plain reader: an unreadable
// document leaves the content empty but for the serial.
Certificate ReadListed(SQLite::Statement& q) {
  absl::StatusOr<Certificate> c = ReadCertificate(q);
  if (c.ok()) return *std::move(c);
  Certificate broken;
  broken.id = q.getColumn(0).getInt64();
  broken.content.serial = q.getColumn(11).getString();
  return broken;
}

}  // namespace

absl::StatusOr<Certificate> SqliteCertificateStore::Get(Id id) {
  return Guarded("GetCertificate", [&]() -> absl::StatusOr<Certificate> {
    auto& q = sql_.Prepare(absl::StrCat("SELECT ", kGetColumns, kFromWithPdf, " WHERE c.id = ?"));
    q.bind(1, id);
    if (!q.executeStep()) return NotFound("certificate", id);
    return ReadCertificate(q);
  });
}

absl::StatusOr<Certificate> SqliteCertificateStore::GetBySerial(const std::string& serial,
                                                                domain::CertificateParts parts) {
  return Guarded("GetCertificate", [&]() -> absl::StatusOr<Certificate> {
    const bool with_pdf = parts == domain::CertificateParts::kAll;
    auto& q = sql_.Prepare(absl::StrCat("SELECT ", with_pdf ? kGetColumns : kListColumns,
                                        with_pdf ? kFromWithPdf : " FROM certificate c",
                                        " WHERE c.serial = ?"));
    q.bind(1, serial);
    if (!q.executeStep()) {
      return domain::Refusal(absl::StatusCode::kNotFound,
                             domain::Msg("no certificate {serial}", {{"serial", serial}}));
    }
    return ReadCertificate(q, parts != domain::CertificateParts::kUnparsed);
  });
}

absl::StatusOr<std::optional<Certificate>> SqliteCertificateStore::FindValid(Id series_id,
                                                                             Id participant_id) {
  return Guarded("FindValidCertificate", [&]() -> absl::StatusOr<std::optional<Certificate>> {
    auto& q = sql_.Prepare(absl::StrCat(
        "SELECT ", kListColumns,
        " FROM certificate c WHERE c.series_id = ? AND c.participant_id = ? AND c.status = ",
        static_cast<int>(domain::CertificateStatus::kValid)));
    q.bind(1, series_id);
    q.bind(2, participant_id);
    if (!q.executeStep()) return std::optional<Certificate>();
    TH_ASSIGN_OR_RETURN(Certificate c, ReadCertificate(q));
    return std::optional<Certificate>(std::move(c));
  });
}

absl::StatusOr<domain::Page<Certificate>> SqliteCertificateStore::List(
    const domain::CertificateFilter& filter, const domain::PageRequest& page) {
  std::string select = absl::StrCat("SELECT ", kListColumns, " FROM certificate c WHERE 1");
  if (filter.series_id != 0) absl::StrAppend(&select, " AND c.series_id = :series");
  if (filter.participant_id != 0) absl::StrAppend(&select, " AND c.participant_id = :participant");
  if (!filter.organization_ids.empty()) {
    absl::StrAppend(&select,
                    " AND c.series_id IN (SELECT s.id FROM series s WHERE s.organization_id IN"
                    " (SELECT value FROM json_each(:orgs)) UNION SELECT p.series_id FROM"
                    " series_partner p WHERE p.organization_id IN (SELECT value FROM"
                    " json_each(:orgs)))");
  }
  return ListById<Certificate>(sql_, "ListCertificates", select, page, ReadListed,
                               [&](SQLite::Statement& q) {
                                 if (filter.series_id != 0) q.bind(":series", filter.series_id);
                                 if (filter.participant_id != 0) {
                                   q.bind(":participant", filter.participant_id);
                                 }
                                 if (!filter.organization_ids.empty()) {
                                   q.bind(":orgs", IdList(filter.organization_ids));
                                 }
                               });
}

absl::StatusOr<std::vector<domain::IssuerKey>> SqliteCertificateStore::ListIssuerKeys() {
  return Guarded("ListIssuerKeys", [&]() -> absl::StatusOr<std::vector<domain::IssuerKey>> {
    auto& q = sql_.Prepare(
        "SELECT key_id, public_key, create_time, active FROM issuer_key ORDER BY create_time,"
        " key_id");
    std::vector<domain::IssuerKey> keys;
    while (q.executeStep()) {
      domain::IssuerKey k;
      k.key_id = q.getColumn(0).getString();
      k.public_key = Blob(q.getColumn(1));
      k.create_time = absl::FromUnixMicros(q.getColumn(2).getInt64());
      k.active = q.getColumn(3).getInt() != 0;
      keys.push_back(std::move(k));
    }
    return keys;
  });
}

absl::StatusOr<Id> SqliteCertificateStore::Insert(const Certificate& c) {
  return Guarded("InsertCertificate", [&]() -> absl::StatusOr<Id> {
    auto& q = sql_.Prepare(
        "INSERT INTO certificate (serial, series_id, participant_id, outcome, document,"
        " signature, key_id, pdf_sha256, issue_time, issued_by, status, revoke_reason,"
        " revoke_time, superseded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)");
    q.bind(1, c.content.serial);
    q.bind(2, c.content.series_id);
    q.bind(3, c.participant_id);
    q.bind(4, static_cast<int>(c.content.outcome));
    q.bind(5, c.document);
    q.bind(6, c.signature.data(), static_cast<int>(c.signature.size()));
    q.bind(7, c.content.key_id);
    q.bind(8, c.pdf_sha256);
    q.bind(9, Micros(c.content.issue_time));
    q.bind(10, c.issued_by);
    q.bind(11, static_cast<int>(c.status));
    q.bind(12, c.revoke_reason);
    q.bind(13, c.superseded_by);
    q.exec();
    const Id id = sql_.db().getLastInsertRowid();
    auto& pdf = sql_.Prepare("INSERT INTO certificate_pdf (certificate_id, pdf) VALUES (?, ?)");
    pdf.bind(1, id);
    pdf.bind(2, c.pdf.data(), static_cast<int>(c.pdf.size()));
    pdf.exec();
    return id;
  });
}

absl::Status SqliteCertificateStore::UpdateStatus(const Certificate& c) {
  return Guarded("UpdateCertificateStatus", [&]() -> absl::Status {
    auto& q = sql_.Prepare(
        "UPDATE certificate SET status = ?, revoke_reason = ?, revoke_time = ?,"
        " superseded_by = ? WHERE id = ?");
    q.bind(1, static_cast<int>(c.status));
    q.bind(2, c.revoke_reason);
    BindOptionalTime(q, 3, c.revoke_time);
    q.bind(4, c.superseded_by);
    q.bind(5, c.id);
    q.exec();
    return CheckChanged(sql_.db(), "certificate", c.id);
  });
}

absl::StatusOr<std::optional<domain::CertificateStatusRecord>>
SqliteCertificateStore::GetStatusRecord(Id certificate_id) {
  using Out = std::optional<domain::CertificateStatusRecord>;
  return Guarded("GetCertificateStatus", [&]() -> absl::StatusOr<Out> {
    auto& q = sql_.Prepare(
        "SELECT status_index, list_version, key_id, signature FROM certificate_status"
        " WHERE certificate_id = ?");
    q.bind(1, certificate_id);
    if (!q.executeStep()) return Out();
    domain::CertificateStatusRecord r;
    r.status_index = q.getColumn(0).getInt64();
    r.list_version = q.getColumn(1).getInt64();
    r.key_id = q.getColumn(2).getString();
    r.signature = Blob(q.getColumn(3));
    return Out(std::move(r));
  });
}

absl::StatusOr<std::optional<domain::CertificateStatusList>>
SqliteCertificateStore::GetStatusList() {
  using Out = std::optional<domain::CertificateStatusList>;
  return Guarded("GetCertificateStatusList", [&]() -> absl::StatusOr<Out> {
    auto& q = sql_.Prepare(
        "SELECT version, bits, update_time, key_id, signature FROM certificate_status_list"
        " WHERE id = 1");
    if (!q.executeStep()) return Out();
    domain::CertificateStatusList list;
    list.version = q.getColumn(0).getInt64();
    list.bits = Blob(q.getColumn(1));
    list.update_time = absl::FromUnixMicros(q.getColumn(2).getInt64());
    list.key_id = q.getColumn(3).getString();
    list.signature = Blob(q.getColumn(4));
    return Out(std::move(list));
  });
}

absl::Status SqliteCertificateStore::PutStatusRecord(Id certificate_id,
                                                     const domain::CertificateStatusRecord& r) {
  return Guarded("PutCertificateStatus", [&]() -> absl::Status {
    auto& q = sql_.Prepare(
        "INSERT INTO certificate_status (certificate_id, status_index, list_version, key_id,"
        " signature) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (certificate_id) DO UPDATE SET"
        " list_version = ?3, key_id = ?4, signature = ?5");
    q.bind(1, certificate_id);
    q.bind(2, r.status_index);
    q.bind(3, r.list_version);
    q.bind(4, r.key_id);
    q.bind(5, r.signature.data(), static_cast<int>(r.signature.size()));
    q.exec();
    return absl::OkStatus();
  });
}

absl::Status SqliteCertificateStore::PutStatusList(const domain::CertificateStatusList& list) {
  return Guarded("PutCertificateStatusList", [&]() -> absl::Status {
    auto& q = sql_.Prepare(
        "INSERT INTO certificate_status_list (id, version, bits, update_time, key_id, signature)"
        " VALUES (1, ?1, ?2, ?3, ?4, ?5) ON CONFLICT (id) DO UPDATE SET version = ?1,"
        " bits = ?2, update_time = ?3, key_id = ?4, signature = ?5");
    q.bind(1, list.version);
    q.bind(2, list.bits.data(), static_cast<int>(list.bits.size()));
    q.bind(3, Micros(list.update_time));
    q.bind(4, list.key_id);
    q.bind(5, list.signature.data(), static_cast<int>(list.signature.size()));
    q.exec();
    return absl::OkStatus();
  });
}

absl::Status SqliteCertificateStore::PutActiveIssuerKey(const domain::IssuerKey& key) {
  return Guarded("PutIssuerKey", [&]() -> absl::Status {
    auto& retire = sql_.Prepare("UPDATE issuer_key SET active = 0 WHERE key_id <> ?");
    retire.bind(1, key.key_id);
    retire.exec();
    auto& put = sql_.Prepare(
        "INSERT INTO issuer_key (key_id, public_key, create_time, active) VALUES (?, ?, ?, 1)"
        " ON CONFLICT (key_id) DO UPDATE SET active = 1");
    put.bind(1, key.key_id);
    put.bind(2, key.public_key.data(), static_cast<int>(key.public_key.size()));
    put.bind(3, Micros(key.create_time));
    put.exec();
    return absl::OkStatus();
  });
}

}  // namespace trainhub::store
