#ifndef TRAINHUB_SERVICES_STORE_SQLITE_UNIT_H_
#define TRAINHUB_SERVICES_STORE_SQLITE_UNIT_H_

// domain::UnitOfWork over one SQLite connection: one store per aggregate,
// sharing the connection's statement cache. Which transaction its work runs
// in is the caller's (SqliteStore's) business. Not thread-safe.

#include <SQLiteCpp/Database.h>

#include "domain/ports/unit_of_work.h"
#include "store/request_key.h"
#include "store/sql_support.h"
#include "store/sqlite_account_store.h"
#include "store/sqlite_attendance_store.h"
#include "store/sqlite_audit_store.h"
#include "store/sqlite_certificate_store.h"
#include "store/sqlite_completion_store.h"
#include "store/sqlite_enrolment_store.h"
#include "store/sqlite_installation_store.h"
#include "store/sqlite_notification_store.h"
#include "store/sqlite_organization_store.h"
#include "store/sqlite_participant_store.h"
#include "store/sqlite_privacy_store.h"
#include "store/sqlite_report_store.h"
#include "store/sqlite_request_store.h"
#include "store/sqlite_series_store.h"
#include "store/sqlite_session_store.h"
#include "store/sqlite_trainer_store.h"

namespace trainhub::store {

class SqliteUnit : public domain::UnitOfWork {
 public:
  // `db` must outlive this object. `request_key` keys the fingerprints of
  // client requests (store/request_key.h); by default a random one, which
  // only this unit knows.
  explicit SqliteUnit(SQLite::Database& db, std::string request_key = RandomRequestKey());

  // The connection and statement cache the stores share.
  Sql& sql() { return sql_; }

  SqliteOrganizationStore& organizations() override { return organizations_; }
  SqliteTrainerStore& trainers() override { return trainers_; }
  SqliteSeriesStore& series() override { return series_; }
  SqliteSessionStore& sessions() override { return sessions_; }
  SqliteParticipantStore& participants() override { return participants_; }
  SqliteEnrolmentStore& enrolments() override { return enrolments_; }
  SqliteAccountStore& accounts() override { return accounts_; }
  SqliteAuditStore& audit() override { return audit_; }
  SqliteRequestStore& requests() override { return requests_; }
  SqliteInstallationStore& installation() override { return installation_; }
  SqliteAttendanceStore& attendance() override { return attendance_; }
  SqliteCompletionStore& completion() override { return completion_; }
  SqliteCertificateStore& certificates() override { return certificates_; }
  SqliteReportStore& reports() override { return reports_; }
  SqlitePrivacyStore& privacy() override { return privacy_; }
  SqliteNotificationStore& notifications() override { return notifications_; }

 private:
  Sql sql_;
  SqliteOrganizationStore organizations_;
  SqliteTrainerStore trainers_;
  SqliteSeriesStore series_;
  SqliteSessionStore sessions_;
  SqliteParticipantStore participants_;
  SqliteEnrolmentStore enrolments_;
  SqliteAccountStore accounts_;
  SqliteAuditStore audit_;
  SqliteRequestStore requests_;
  SqliteInstallationStore installation_;
  SqliteAttendanceStore attendance_;
  SqliteCompletionStore completion_;
  SqliteCertificateStore certificates_;
  SqliteReportStore reports_;
  SqlitePrivacyStore privacy_;
  SqliteNotificationStore notifications_;
};

}  // namespace trainhub::store

#endif  // TRAINHUB_SERVICES_STORE_SQLITE_UNIT_H_
