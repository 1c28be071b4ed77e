#ifndef TRAINHUB_SERVICES_DOMAIN_REPORTS_FUNDER_REPORT_H_
#define TRAINHUB_SERVICES_DOMAIN_REPORTS_FUNDER_REPORT_H_

// A funder report's content (EU AMIF, the state) and its files: for a
// period and a scope of series, unique persons and participations by target
// group, organisation, series and training year; sessions held, teaching
// units (UE) and the attendance rate; Zertifikate, Teilnahmebestätigungen
// and drop-outs, with small counts of persons suppressed. Built by
// FunderReports (domain/reports/funder_reports.h).

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "domain/model.h"

namespace trainhub::domain {

inline constexpr int kDefaultMinPersons = 3;
inline constexpr int kMaxMinPersons = 100;
inline constexpr int kMaxReportYears = 10;
inline constexpr size_t kMaxReportSeries = 200;

// What to count. The period is a calendar year or a range of days
// (inclusive, German calendar days); the scope one organisation's series,
// the listed series (a programme, or one series), or - admins only -
// everything (neither given).
struct FunderReportQuery {
  int year = 0;
  std::string first_day;  // "YYYY-MM-DD"
  std::string last_day;
  Id organization_id = 0;
  std::vector<Id> series_ids;
  int min_persons = 0;  // k; 0: kDefaultMinPersons
  // Put before the field names of errors (e.g. "report." when the query
  // is part of a larger request).
  std::string field_prefix;
};

// A published count: the value, or suppressed (value 0, never the true one).
struct ReportCount {
  int64_t value = 0;
  bool suppressed = false;
  bool secondary = false;  // suppressed to protect another cell
};

enum class ReportBreakdown {
  kUnspecified = 0,
  kTargetGroup = 1,   // by the first target group on the person's record
  kOrganization = 2,  // by the person's organisation
  kSeries = 3,        // persons per series (= participations)
  kTrainingYear = 4,  // apprentices by training year (0: not stated)
};

struct ReportRow {
  Id id = 0;  // organisation or series id
  std::string name;
  TargetGroup target_group = TargetGroup::kUnspecified;
  int training_year = 0;
  ReportCount persons;
};

struct ReportTable {
  ReportBreakdown breakdown = ReportBreakdown::kUnspecified;
  std::vector<ReportRow> rows;
  ReportCount total;  // what the rows add up to
};

struct FunderReport {
  absl::CivilDay first_day;
  absl::CivilDay last_day;
  Id organization_id = 0;      // 0 for a list of series or everything
  std::string scope_name;      // organisation name, series titles, or "alle Träger"
  std::vector<Id> series_ids;  // the series in scope
  int min_persons = kDefaultMinPersons;
  ReportCount persons;
  ReportCount participations;
  std::vector<ReportTable> tables;  // target group, organisation, series, training year
  int64_t sessions_held = 0;
  double teaching_units = 0;
  // Of the persons' recorded statuses at the period's sessions, the share
  // present or late; suppressed with the persons total.
  int64_t statuses_recorded = 0;
  int64_t statuses_attended = 0;
  bool attendance_suppressed = false;
  ReportCount certificates;
  ReportCount confirmations;
  ReportCount dropouts;
  std::string inputs_hash;  // "blake2b-256:" + hex
  absl::Time create_time;
};

// The report's figures explained (German, as printed), in report order.
struct ReportDefinition {
  std::string figure;
  std::string text;
};
const std::vector<ReportDefinition>& FunderReportDefinitions();
// The note on suppression printed with a report of `min_persons`.
std::string SuppressionNote(int min_persons);

enum class ReportFormat { kCsv, kJson, kPdf };

struct ReportFile {
  std::string file_name;
  std::string content_type;
  std::string content;
};

// The files of a built report: CSV (semicolon, UTF-8 with BOM), JSON, PDF.
std::string FunderReportCsv(const FunderReport& report);
std::string FunderReportJson(const FunderReport& report);
absl::StatusOr<std::string> FunderReportPdf(const FunderReport& report);

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_REPORTS_FUNDER_REPORT_H_
