#include "clients/desktop/reports_page.h"

#include <QButtonGroup>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

#include "clients/desktop/background.h"
#include "clients/desktop/error_text.h"
#include "clients/desktop/labels.h"
#include "clients/desktop/list_all.h"
#include "clients/desktop/server_call.h"
#include "clients/desktop/time_text.h"
#include "clients/desktop/widgets.h"

namespace trainhub::desktop {

namespace v1 = trainhub::v1;

namespace {

// The API's limit on the series of one report.
constexpr int kMaxSeries = 200;
constexpr char kDone[] = "#1b5e20";

struct Choices {
  std::vector<v1::Organization> organizations;
  std::vector<v1::Series> series;
};

FieldLabels ReportLabels() {
  return {{"year", ReportsPage::tr("Year")},
          {"first_day", ReportsPage::tr("From")},
          {"last_day", ReportsPage::tr("To")},
          {"period", ReportsPage::tr("Period")},
          {"organization_id", ReportsPage::tr("Organisation")},
          {"series_ids", ReportsPage::tr("Series")},
          {"min_persons", ReportsPage::tr("Smallest count shown")}};
}

QString CountText(const v1::ReportCount& count, int min_persons) {
  if (count.suppressed()) return ReportsPage::tr("fewer than %1").arg(min_persons);
  return QLocale().toString(static_cast<qlonglong>(count.value()));
}

QString BreakdownTitle(v1::ReportBreakdown breakdown) {
  switch (breakdown) {
    case v1::REPORT_BREAKDOWN_TARGET_GROUP:
      return ReportsPage::tr("By target group");
    case v1::REPORT_BREAKDOWN_ORGANIZATION:
      return ReportsPage::tr("By organisation");
    case v1::REPORT_BREAKDOWN_SERIES:
      return ReportsPage::tr("By series");
    case v1::REPORT_BREAKDOWN_TRAINING_YEAR:
      return ReportsPage::tr("Apprentices by training year");
    default:
      return ReportsPage::tr("Other");
  }
}

QString RowLabel(v1::ReportBreakdown breakdown, const v1::ReportRow& row) {
  switch (breakdown) {
    case v1::REPORT_BREAKDOWN_TARGET_GROUP:
      return row.target_group() == v1::TARGET_GROUP_UNSPECIFIED
                 ? ReportsPage::tr("not stated")
                 : Labels::TargetGroup(row.target_group());
    case v1::REPORT_BREAKDOWN_TRAINING_YEAR:
      return row.training_year() == 0
                 ? ReportsPage::tr("not stated")
                 : ReportsPage::tr("training year %1").arg(row.training_year());
    default:
      return QString::fromStdString(row.name());
  }
}

}  // namespace

ReportsPage::ReportsPage(std::shared_ptr<Connection> connection, const v1::Account& account,
                         QWidget* parent)
    : QWidget(parent),
      connection_(std::move(connection)),
      account_(account),
      choose_file_(FileDialogChooser()) {
  for (const auto& grant : account.roles()) admin_ |= grant.role() == v1::ROLE_ADMIN;
  CreatePeriodFields();
  CreateScopeFields();
  show_ = new QPushButton(tr("&Show report"));
  show_->setDefault(true);
  save_pdf_ = new QPushButton(tr("Save as &PDF…"));
  save_csv_ = new QPushButton(tr("Save as CS&V…"));
  auto* form = LayOutForm();
  CreateResultWidgets();
  LayOut(form);

  connect(by_year_, &QRadioButton::toggled, this, &ReportsPage::UpdateForm);
  connect(by_organization_, &QRadioButton::toggled, this, &ReportsPage::UpdateForm);
  connect(show_, &QPushButton::clicked, this, &ReportsPage::ShowReport);
  connect(save_pdf_, &QPushButton::clicked, this,
          [this]() { SaveReport(v1::REPORT_FILE_FORMAT_PDF); });
  connect(save_csv_, &QPushButton::clicked, this,
          [this]() { SaveReport(v1::REPORT_FILE_FORMAT_CSV); });
  UpdateForm();
}

void ReportsPage::CreatePeriodFields() {
  const QDate today = NowInBerlin().date();
  by_year_ = new QRadioButton(tr("Calendar &year"));
  by_year_->setChecked(true);
  year_ = new QSpinBox;
  year_->setAccessibleName(tr("Year"));
  year_->setRange(2000, 2099);
  year_->setValue(today.year());
  by_range_ = new QRadioButton(tr("&Days"));
  first_day_ = new QDateEdit(QDate(today.year(), 1, 1));
  first_day_->setAccessibleName(tr("First day"));
  first_day_->setCalendarPopup(true);
  first_day_->setDisplayFormat("dd.MM.yyyy");
  last_day_ = new QDateEdit(today);
  last_day_->setAccessibleName(tr("Last day"));
  last_day_->setCalendarPopup(true);
  last_day_->setDisplayFormat("dd.MM.yyyy");
  auto* period_group = new QButtonGroup(this);
  period_group->addButton(by_year_);
  period_group->addButton(by_range_);
  min_persons_ = new QSpinBox;
  min_persons_->setAccessibleName(tr("Smallest count shown"));
  min_persons_->setRange(2, 100);
  min_persons_->setValue(3);
  min_persons_->setSuffix(tr(" persons"));
}

void ReportsPage::CreateScopeFields() {
  by_organization_ = new QRadioButton(tr("Every series of an &organisation"));
  by_organization_->setChecked(true);
  organization_ = new QComboBox;
  organization_->setAccessibleName(tr("Organisation"));
  by_series_ = new QRadioButton(tr("&Chosen series"));
  series_ = new QListWidget;
  series_->setAccessibleName(tr("Series in the report"));
  // Long titles are cut in the middle (the whole title in the tooltip).
  series_->setTextElideMode(Qt::ElideMiddle);
  series_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  series_->setUniformItemSizes(true);
  series_->setMinimumHeight(90);
  series_->setMaximumHeight(140);
  auto* scope_group = new QButtonGroup(this);
  scope_group->addButton(by_organization_);
  scope_group->addButton(by_series_);
}

QLayout* ReportsPage::LayOutForm() {
  auto* period = new QGroupBox(tr("Period"));
  auto* period_layout = new QGridLayout(period);
  period_layout->addWidget(by_year_, 0, 0);
  period_layout->addWidget(year_, 0, 1);
  period_layout->addWidget(by_range_, 1, 0);
  auto* range = new QHBoxLayout;
  range->addWidget(first_day_);
  range->addWidget(new QLabel(QStringLiteral("–")));
  range->addWidget(last_day_);
  period_layout->addLayout(range, 1, 1);
  auto* small = new QLabel(tr("Counts of fewer persons are not shown (privacy):"));
  small->setWordWrap(true);
  period_layout->addWidget(small, 2, 0, 1, 2);
  period_layout->addWidget(min_persons_, 3, 1);
  period_layout->setRowStretch(4, 1);
  auto* scope = new QGroupBox(tr("Scope"));
  auto* scope_layout = new QGridLayout(scope);
  scope_layout->addWidget(by_organization_, 0, 0);
  scope_layout->addWidget(organization_, 0, 1);
  scope_layout->addWidget(by_series_, 1, 0, Qt::AlignTop);
  scope_layout->addWidget(series_, 1, 1);
  scope_layout->setColumnStretch(1, 1);
  auto* buttons = new QVBoxLayout;
  buttons->addWidget(show_);
  buttons->addWidget(save_pdf_);
  buttons->addWidget(save_csv_);
  buttons->addStretch();
  auto* form = new QHBoxLayout;
  form->addWidget(period);
  form->addWidget(scope, 1);
  form->addLayout(buttons);
  return form;
}

void ReportsPage::CreateResultWidgets() {
  heading_ = new QLabel;
  heading_->setWordWrap(true);
  heading_->setStyleSheet("font-size: 13pt; font-weight: bold");
  heading_->setTextFormat(Qt::PlainText);
  figures_ = NewReadOnlyTable({tr("Figure"), tr("Value")}, tr("Figures of the report"));
  breakdowns_ = new QTabWidget;
  notes_ = new QLabel;
  notes_->setWordWrap(true);
  notes_->setTextFormat(Qt::PlainText);
  notes_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  notes_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  message_ = new QLabel;
  message_->setObjectName("message");
  message_->setWordWrap(true);
  message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
}

void ReportsPage::LayOut(QLayout* form) {
  auto* notes_scroll = new QScrollArea;
  notes_scroll->setWidget(notes_);
  notes_scroll->setWidgetResizable(true);
  notes_scroll->setFrameShape(QFrame::NoFrame);
  auto* split = new QSplitter;
  split->addWidget(figures_);
  split->addWidget(breakdowns_);
  split->setChildrenCollapsible(false);
  split->setSizes({600, 600});
  notes_scroll->setMinimumHeight(90);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(message_);
  layout->addWidget(heading_);
  layout->addWidget(split, 3);
  layout->addWidget(notes_scroll, 1);
}

void ReportsPage::UpdateForm() {
  year_->setEnabled(by_year_->isChecked());
  first_day_->setEnabled(!by_year_->isChecked());
  last_day_->setEnabled(!by_year_->isChecked());
  organization_->setEnabled(by_organization_->isChecked());
  series_->setEnabled(!by_organization_->isChecked());
}

void ReportsPage::Reload() {
  auto connection = connection_;
  RunInBackground<Reply<Choices>>(
      this,
      [connection]() {
        Reply<Choices> reply;
        reply.status = ListAll<v1::OrganizationService::Stub>(
            *connection, connection->organizations(),
            &v1::OrganizationService::Stub::ListOrganizations, v1::ListOrganizationsRequest(),
            [&reply](const v1::ListOrganizationsResponse& page) {
              reply.value.organizations.insert(reply.value.organizations.end(),
                                               page.organizations().begin(),
                                               page.organizations().end());
            });
        if (!reply.ok()) return reply;
        reply.status = ListAll<v1::SeriesService::Stub>(
            *connection, connection->series(), &v1::SeriesService::Stub::ListSeries,
            v1::ListSeriesRequest(), [&reply](const v1::ListSeriesResponse& page) {
              reply.value.series.insert(reply.value.series.end(), page.series().begin(),
                                        page.series().end());
            });
        return reply;
      },
      [this](Reply<Choices> reply) {
        if (!reply.ok()) {
          message_->setStyleSheet(QStringLiteral("color: %1").arg(kErrorColour));
          message_->setText(DescribeError(reply.status).ToString());
          return;
        }
        const qint64 kept = organization_->currentData().toLongLong();
        organization_->clear();
        if (admin_) organization_->addItem(tr("All organisations"), QVariant::fromValue<qint64>(0));
        qint64 own = 0;
        for (const auto& grant : account_.roles()) {
          if (grant.role() == v1::ROLE_COORDINATOR && own == 0) own = grant.organization_id();
        }
        for (const auto& org : reply.value.organizations) {
          organization_->addItem(QString::fromStdString(org.name()),
                                 QVariant::fromValue<qint64>(org.id()));
        }
        const qint64 choose = kept != 0 ? kept : own;
        const int index = organization_->findData(QVariant::fromValue<qint64>(choose));
        if (index >= 0) organization_->setCurrentIndex(index);
        series_->clear();
        for (const auto& s : reply.value.series) {
          QString text = QString::fromStdString(s.title());
          if (s.has_first_session_start()) {
            text += QStringLiteral(" (%1)").arg(FormatDateTime(s.first_session_start()).left(10));
          }
          auto* item = new QListWidgetItem(text, series_);
          item->setToolTip(QString::fromStdString(s.title()));
          item->setData(Qt::UserRole, QVariant::fromValue<qint64>(s.id()));
          item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
          item->setCheckState(Qt::Unchecked);
        }
        emit choicesLoaded();
      });
}

std::optional<v1::GetFunderReportRequest> ReportsPage::Request() {
  v1::GetFunderReportRequest request;
  if (by_year_->isChecked()) {
    request.mutable_period()->set_year(year_->value());
  } else {
    request.mutable_period()->set_first_day(first_day_->date().toString(Qt::ISODate).toStdString());
    request.mutable_period()->set_last_day(last_day_->date().toString(Qt::ISODate).toStdString());
  }
  if (by_organization_->isChecked()) {
    request.set_organization_id(organization_->currentData().toLongLong());
  } else {
    for (int i = 0; i < series_->count(); ++i) {
      if (series_->item(i)->checkState() == Qt::Checked) {
        request.add_series_ids(series_->item(i)->data(Qt::UserRole).toLongLong());
      }
    }
    if (request.series_ids_size() == 0 || request.series_ids_size() > kMaxSeries) {
      message_->setStyleSheet(QStringLiteral("color: %1").arg(kErrorColour));
      message_->setText(tr("Tick between 1 and %1 series for the report.").arg(kMaxSeries));
      return std::nullopt;
    }
  }
  request.set_min_persons(min_persons_->value());
  return request;
}

void ReportsPage::ShowReport() {
  const std::optional<v1::GetFunderReportRequest> request = Request();
  if (!request) return;
  message_->setStyleSheet({});
  message_->setText(tr("Counting…"));
  CallInBackground(this, connection_, &Connection::reports,
                   &v1::ReportService::Stub::GetFunderReport, *request, std::chrono::seconds(120),
                   [this](Reply<v1::FunderReport> reply) {
                     if (!reply.ok()) {
                       message_->setStyleSheet(QStringLiteral("color: %1").arg(kErrorColour));
                       message_->setText(DescribeError(reply.status, ReportLabels()).ToString());
                       return;
                     }
                     message_->clear();
                     report_ = reply.value;
                     Render(*report_);
                     emit reportShown();
                   });
}

void ReportsPage::Render(const v1::FunderReport& r) {
  heading_->setText(tr("%1, %2 – %3")
                        .arg(QString::fromStdString(r.scope_name()),
                             QDate::fromString(QString::fromStdString(r.first_day()), Qt::ISODate)
                                 .toString("dd.MM.yyyy"),
                             QDate::fromString(QString::fromStdString(r.last_day()), Qt::ISODate)
                                 .toString("dd.MM.yyyy")));
  ShowFigures(r);
  while (breakdowns_->count() > 0) {
    QWidget* page = breakdowns_->widget(0);
    breakdowns_->removeTab(0);
    delete page;
  }
  for (const v1::ReportTable& t : r.tables()) {
    if (t.breakdown() == v1::REPORT_BREAKDOWN_TRAINING_YEAR && !t.total().suppressed() &&
        t.total().value() == 0) {
      continue;  // no apprentices
    }
    breakdowns_->addTab(NewBreakdownTable(t, r.min_persons()), BreakdownTitle(t.breakdown()));
  }
  QStringList notes;
  for (const auto& definition : r.definitions()) {
    notes << QStringLiteral("%1: %2").arg(QString::fromStdString(definition.figure()),
                                          QString::fromStdString(definition.text()));
  }
  if (!r.suppression_note().empty()) notes << QString::fromStdString(r.suppression_note());
  notes << tr("Checksum of the facts counted (kept in the audit log): %1")
               .arg(QString::fromStdString(r.inputs_hash()));
  notes_->setText(notes.join(QStringLiteral("\n\n")));
}

void ReportsPage::ShowFigures(const v1::FunderReport& r) {
  const int k = r.min_persons();
  QString attendance = QStringLiteral("–");
  if (r.attendance_suppressed()) {
    attendance = tr("not shown (too few persons)");
  } else if (r.statuses_recorded() > 0) {
    attendance = tr("%1 % (%2 of %3 statuses present or late)")
                     .arg(QLocale().toString(100.0 * static_cast<double>(r.statuses_attended()) /
                                                 static_cast<double>(r.statuses_recorded()),
                                             'f', 1),
                          QLocale().toString(static_cast<qlonglong>(r.statuses_attended())),
                          QLocale().toString(static_cast<qlonglong>(r.statuses_recorded())));
  }
  const QList<QPair<QString, QString>> figures = {
      {tr("Persons (each counted once)"), CountText(r.persons(), k)},
      {tr("Participations (persons per series)"), CountText(r.participations(), k)},
      {tr("Sessions held"), QLocale().toString(static_cast<qlonglong>(r.sessions_held()))},
      {tr("Teaching units (UE)"), QLocale().toString(r.teaching_units(), 'f', 1)},
      {tr("Attendance"), attendance},
      {QStringLiteral("Zertifikate"), CountText(r.certificates(), k)},
      {QStringLiteral("Teilnahmebestätigungen"), CountText(r.confirmations(), k)},
      {tr("Drop-outs"), CountText(r.dropouts(), k)}};
  figures_->setRowCount(0);
  for (const auto& [figure, value] : figures) {
    const int row = figures_->rowCount();
    figures_->insertRow(row);
    figures_->setItem(row, 0, new QTableWidgetItem(figure));
    auto* value_item = new QTableWidgetItem(value);
    value_item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    figures_->setItem(row, 1, value_item);
  }
  FitColumnsToWidth(figures_);
  // Every figure at once, without scrolling.
  int height = figures_->horizontalHeader()->sizeHint().height() + 2 * figures_->frameWidth();
  for (int row = 0; row < figures_->rowCount(); ++row) height += figures_->rowHeight(row);
  figures_->setMinimumHeight(height);
}

QTableWidget* ReportsPage::NewBreakdownTable(const v1::ReportTable& t, int min_persons) {
  auto* table = NewReadOnlyTable({QString(), tr("Persons")}, BreakdownTitle(t.breakdown()));
  table->setTextElideMode(Qt::ElideMiddle);
  auto add = [table](const QString& label, const QString& value, bool bold) {
    const int row = table->rowCount();
    table->insertRow(row);
    auto* label_item = new QTableWidgetItem(label);
    label_item->setToolTip(label);
    auto* value_item = new QTableWidgetItem(value);
    value_item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    if (bold) {
      QFont font = label_item->font();
      font.setBold(true);
      label_item->setFont(font);
      value_item->setFont(font);
    }
    table->setItem(row, 0, label_item);
    table->setItem(row, 1, value_item);
  };
  for (const v1::ReportRow& row : t.rows()) {
    add(RowLabel(t.breakdown(), row), CountText(row.persons(), min_persons), false);
  }
  add(tr("Total"), CountText(t.total(), min_persons), true);
  table->horizontalHeader()->setStretchLastSection(false);
  table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
  return table;
}

void ReportsPage::SaveReport(v1::ReportFileFormat format) {
  const std::optional<v1::GetFunderReportRequest> request = Request();
  if (!request) return;
  v1::ExportFunderReportRequest export_request;
  *export_request.mutable_report() = *request;
  export_request.set_format(format);
  message_->setStyleSheet({});
  message_->setText(tr("Making the file…"));
  CallInBackground(
      this, connection_, &Connection::reports, &v1::ReportService::Stub::ExportFunderReport,
      export_request, std::chrono::seconds(120), [this, format](Reply<v1::ReportFile> reply) {
        if (!reply.ok()) {
          message_->setStyleSheet(QStringLiteral("color: %1").arg(kErrorColour));
          message_->setText(DescribeError(reply.status, ReportLabels()).ToString());
          emit fileSaved({});
          return;
        }
        const QString path =
            choose_file_(this, QString::fromStdString(reply.value.file_name()),
                         format == v1::REPORT_FILE_FORMAT_PDF ? tr("PDF files (*.pdf)")
                                                              : tr("CSV files (*.csv)"));
        if (path.isEmpty()) {
          message_->clear();
          emit fileSaved({});
          return;
        }
        const QByteArray content = QByteArray::fromStdString(reply.value.content());
        QString error;
        if (!SaveWhole(path, content, false, &error)) {
          message_->setStyleSheet(QStringLiteral("color: %1").arg(kErrorColour));
          message_->setText(tr("%1 could not be written: %2").arg(path, error));
          emit fileSaved({});
          return;
        }
        message_->setStyleSheet(QStringLiteral("color: %1").arg(kDone));
        message_->setText(
            tr("Saved %1 (%2).").arg(path, QLocale().formattedDataSize(content.size())));
        emit fileSaved(path);
      });
}

}  // namespace trainhub::desktop
