// Fuzz target: importing a participant list (docs/import.md). The input is
// the file's bytes: it is parsed, and then checked as a dry run of an
// import into an organisation that enrols every row in a series (an
// in-memory database, the same for every input; a dry run writes nothing).
// Properties: nothing crashes or leaks; the parser's rows have the header's
// width and rising lines; a dry run either refuses the file naming "csv"
// lines or reports each row once, as stored or as a problem, and changes
// nothing.

#include <cstdint>
#include <memory>
#include <string>

#include "domain/documents/csv_table.h"
#include "domain/errors.h"
#include "domain/planning/organizations.h"
#include "domain/enrolment/participant_import.h"
#include "domain/ports/unit_of_work.h"
#include "domain/planning/series_planning.h"
#include "fuzz/fuzz_check.h"
#include "store/sqlite_store.h"

namespace {

namespace domain = ::trainhub::domain;

struct Importing {
  std::unique_ptr<trainhub::store::SqliteStore> store;
  std::unique_ptr<domain::ParticipantImport> import;
  domain::ImportOptions options;
};

Importing& World() {
  static Importing* world = [] {
    auto* w = new Importing;
    auto store = trainhub::store::SqliteStore::Open(":memory:");
    FUZZ_CHECK(store.ok());
    w->store = *std::move(store);
    const domain::Principal system = domain::Principal::System();
    domain::Organization org;
    org.name = "Landkreis Harz";
    org.kind = domain::OrganizationKind::kMunicipality;
    auto created = domain::Organizations(*w->store).Create(system, org, {});
    FUZZ_CHECK(created.ok());
    domain::Series series;
    series.organization_id = created->id;
    series.title = "Interkultur im Ehrenamt";
    series.kind = domain::SeriesKind::kVolunteerCourse;
    series.capacity = 3;
    series.target_groups = {domain::TargetGroup::kVolunteers};
    auto planned = domain::SeriesPlanning(*w->store).CreateSeries(system, series, {});
    FUZZ_CHECK(planned.ok());
    w->import = std::make_unique<domain::ParticipantImport>(*w->store);
    w->options.organization_id = created->id;
    w->options.series_id = planned->id;
    w->options.dry_run = true;
    w->options.accept_good_rows = true;
    return w;
  }();
  return *world;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string csv(reinterpret_cast<const char*>(data), size);
  auto table = domain::ParseCsv(csv, "csv");
  if (table.ok()) {
    int line = table->header.line;
    for (const domain::CsvRow& row : table->rows) {
      FUZZ_CHECK(row.fields.size() == table->header.fields.size());
      FUZZ_CHECK(row.line > line);
      line = row.line;
    }
  } else {
    FUZZ_CHECK(table.status().code() == absl::StatusCode::kInvalidArgument);
  }
  Importing& world = World();
  auto report = world.import->Import(domain::Principal::System(), csv, world.options, {});
  if (!report.ok()) {
    FUZZ_CHECK(report.status().code() == absl::StatusCode::kInvalidArgument);
    for (const domain::FieldViolation& v : domain::GetFieldViolations(report.status())) {
      FUZZ_CHECK(v.field.rfind("csv", 0) == 0);
    }
    return 0;
  }
  FUZZ_CHECK(!report->applied);
  FUZZ_CHECK(report->rows >= 0);
  FUZZ_CHECK(report->imported.size() <= static_cast<size_t>(report->rows));
  for (const domain::ImportedRow& row : report->imported) FUZZ_CHECK(row.enrolment_id == 0);
  const absl::Status read = world.store->Read([](domain::ReadView& r) -> absl::Status {
    auto stored = r.participants().List({}, {.limit = 1});
    FUZZ_CHECK(stored.ok() && stored->items.empty());
    return absl::OkStatus();
  });
  FUZZ_CHECK(read.ok());
  return 0;
}
