#ifndef TRAINHUB_SERVICES_DOMAIN_PORTS_UNIT_OF_WORK_H_
#define TRAINHUB_SERVICES_DOMAIN_PORTS_UNIT_OF_WORK_H_

// How the domain reaches storage: a Store runs units of work; a read sees
// one consistent snapshot through a ReadView, a write goes through a
// UnitOfWork whose ports see the unit's own earlier writes. Each aggregate
// has its port (domain/ports/<aggregate>.h); services/store implements them
// for SQLite.

#include <functional>

#include "absl/status/status.h"
#include "domain/ports/accounts.h"
#include "domain/ports/attendance.h"
#include "domain/ports/audit.h"
#include "domain/ports/certificates.h"
#include "domain/ports/completion.h"
#include "domain/ports/enrolments.h"
#include "domain/ports/notifications.h"
#include "domain/ports/organizations.h"
#include "domain/ports/page.h"
#include "domain/ports/participants.h"
#include "domain/ports/privacy.h"
#include "domain/ports/reports.h"
#include "domain/ports/requests.h"
#include "domain/ports/series.h"
#include "domain/ports/sessions.h"
#include "domain/ports/trainers.h"

namespace trainhub::domain {

// The readers of one snapshot. Valid only inside the Read or Write call
// that handed it out.
class ReadView {
 public:
  virtual ~ReadView() = default;
  virtual OrganizationReader& organizations() = 0;
  virtual TrainerReader& trainers() = 0;
  virtual SeriesReader& series() = 0;
  virtual SessionReader& sessions() = 0;
  virtual ParticipantReader& participants() = 0;
  virtual EnrolmentReader& enrolments() = 0;
  virtual AccountReader& accounts() = 0;
  virtual AuditReader& audit() = 0;
  virtual RequestReader& requests() = 0;
  virtual InstallationReader& installation() = 0;
  virtual AttendanceReader& attendance() = 0;
  virtual CompletionReader& completion() = 0;
  virtual CertificateReader& certificates() = 0;
  virtual ReportReader& reports() = 0;
  virtual PrivacyReader& privacy() = 0;
  virtual NotificationReader& notifications() = 0;
};

// The writers of one atomic write. Valid only inside the Write call that
// handed it out.
class UnitOfWork : public ReadView {
 public:
  OrganizationWriter& organizations() override = 0;
  TrainerWriter& trainers() override = 0;
  SeriesWriter& series() override = 0;
  SessionWriter& sessions() override = 0;
  ParticipantWriter& participants() override = 0;
  EnrolmentWriter& enrolments() override = 0;
  AccountWriter& accounts() override = 0;
  AuditWriter& audit() override = 0;
  RequestWriter& requests() override = 0;
  AttendanceWriter& attendance() override = 0;
  CompletionWriter& completion() override = 0;
  CertificateWriter& certificates() override = 0;
  PrivacyWriter& privacy() override = 0;
  NotificationWriter& notifications() override = 0;
};

// Runs units of work. Write units are serialized and atomic: when `work`
// returns an error, nothing it wrote is kept. Both return `work`'s status,
// or UNAVAILABLE/INTERNAL when storage itself fails.
class Store {
 public:
  virtual ~Store() = default;
  virtual absl::Status Read(const std::function<absl::Status(ReadView&)>& work) = 0;
  virtual absl::Status Write(std::function<absl::Status(UnitOfWork&)> work) = 0;
  // Writes a consistent copy of all data, as of one moment, to a new
  // database file at `path` (which must not exist) while reads and writes go
  // on. UNIMPLEMENTED for stores that cannot (in-memory ones).
  virtual absl::Status CopyTo(const std::string& path) {
    (void)path;
    return absl::UnimplementedError("this database cannot be copied");
  }
  // After an erasure: moves every committed change into the database file
  // and empties its write-ahead log, so that what the erasure overwrote is
  // left in no file (freed space is zeroed as it is freed). Never waits for
  // another process that reads the file: while its read transaction keeps
  // the log, the purge stays pending (PurgePending()) and the store
  // finishes it as soon as that reader is gone. OK when there is nothing to
  // do (in-memory stores) and when the purge is pending.
  virtual absl::Status DropOverwrittenData() { return absl::OkStatus(); }
  // Whether data an erasure overwrote may still be in the database's files
  // because another process's read transaction kept the write-ahead log.
  virtual bool PurgePending() const { return false; }
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_PORTS_UNIT_OF_WORK_H_
