#include "clients/desktop/import_dialog.h"

#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QVBoxLayout>

#include "clients/desktop/background.h"
#include "clients/desktop/error_text.h"
#include "clients/desktop/labels.h"
#include "clients/desktop/server_call.h"

namespace trainhub::desktop {

namespace v1 = trainhub::v1;

namespace {

// The server's limit for one file (docs/import.md).
constexpr qint64 kMaxCsvBytes = 4128768;

}  // namespace

ImportDialog::ImportDialog(std::shared_ptr<Connection> connection,
                           const std::vector<v1::Organization>& organizations, qint64 series_id,
                           const QString& series_title, QWidget* parent)
    : QDialog(parent), connection_(std::move(connection)), series_id_(series_id) {
  setWindowTitle(tr("Import participants"));
  file_ = new QLineEdit;
  file_->setReadOnly(true);
  file_->setAccessibleName(tr("CSV file"));
  auto* browse = new QPushButton(tr("C&hoose…"));
  organization_ = new QComboBox;
  organization_->setAccessibleName(tr("Organisation the people belong to"));
  for (const auto& org : organizations) {
    organization_->addItem(QString::fromStdString(org.name()),
                           QVariant::fromValue<qint64>(org.id()));
  }
  target_group_ = new QComboBox;
  target_group_->setAccessibleName(tr("Target group for rows without one"));
  target_group_->addItem(tr("(the file names each row's group)"), 0);
  for (int g = v1::TARGET_GROUP_VOLUNTEERS; g <= v1::TARGET_GROUP_OTHER; ++g) {
    target_group_->addItem(Labels::TargetGroup(static_cast<v1::TargetGroup>(g)), g);
  }
  enrol_ = new QCheckBox(series_id > 0 ? tr("Enrol everyone in “%1”").arg(series_title)
                                       : tr("Enrol in a series (choose one first)"));
  enrol_->setEnabled(series_id > 0);
  good_rows_only_ = new QCheckBox(tr("Import the good rows and skip the rows with problems"));
  problems_ = new QTableWidget(0, 3);
  problems_->setAccessibleName(tr("Problems found"));
  problems_->setHorizontalHeaderLabels({tr("Line"), tr("Column"), tr("Problem")});
  problems_->horizontalHeader()->setStretchLastSection(true);
  problems_->verticalHeader()->hide();
  problems_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  summary_ = new QLabel(tr("Choose a file, then check it. Nothing is stored by the check."));
  summary_->setObjectName("summary");
  summary_->setWordWrap(true);
  check_ = new QPushButton(tr("&Check"));
  import_ = new QPushButton(tr("&Import"));
  import_->setEnabled(false);
  auto* close = new QPushButton(tr("Close"));

  auto* file_row = new QHBoxLayout;
  file_row->addWidget(file_);
  file_row->addWidget(browse);
  auto* form = new QFormLayout;
  auto* file_label = new QLabel(tr("&File:"));
  file_label->setBuddy(file_);
  form->addRow(file_label, file_row);
  form->addRow(tr("&Organisation:"), organization_);
  form->addRow(tr("&Target group:"), target_group_);
  form->addRow(QString(), enrol_);
  form->addRow(QString(), good_rows_only_);
  auto* buttons = new QHBoxLayout;
  buttons->addStretch();
  buttons->addWidget(check_);
  buttons->addWidget(import_);
  buttons->addWidget(close);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(problems_, 1);
  layout->addWidget(summary_);
  layout->addLayout(buttons);
  resize(720, 520);

  connect(browse, &QPushButton::clicked, this, [this]() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Participant list"), QString(),
                                                      tr("CSV files (*.csv *.txt);;All files (*)"));
    if (!path.isEmpty()) SetFile(path);
  });
  connect(check_, &QPushButton::clicked, this, &ImportDialog::Check);
  connect(import_, &QPushButton::clicked, this, &ImportDialog::Import);
  connect(close, &QPushButton::clicked, this, &QDialog::reject);
  // Any change of what would be imported needs a new check.
  for (QComboBox* box : {organization_, target_group_}) {
    connect(box, &QComboBox::currentIndexChanged, this, [this]() { import_->setEnabled(false); });
  }
  for (QCheckBox* box : {enrol_, good_rows_only_}) {
    connect(box, &QCheckBox::toggled, this, [this]() { import_->setEnabled(false); });
  }
}

void ImportDialog::SetFile(const QString& path) {
  import_->setEnabled(false);
  problems_->setRowCount(0);
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    summary_->setText(tr("The file cannot be read: %1").arg(path));
    csv_.clear();
    return;
  }
  if (file.size() > kMaxCsvBytes) {
    summary_->setText(tr("The file is larger than 4 MB; split it into several files."));
    csv_.clear();
    return;
  }
  csv_ = file.readAll();
  file_->setText(path);
  request_id_ = NewRequestId();
  summary_->setText(tr("Now check the file."));
}

void ImportDialog::Check() { Run(true); }
void ImportDialog::Import() { Run(false); }

void ImportDialog::Run(bool dry_run) {
  if (csv_.isEmpty()) {
    summary_->setText(tr("Choose a file first."));
    return;
  }
  v1::ImportParticipantsRequest request;
  request.set_organization_id(organization_->currentData().toLongLong());
  request.set_csv(csv_.toStdString());
  if (target_group_->currentData().toInt() != 0) {
    request.add_default_target_groups(
        static_cast<v1::TargetGroup>(target_group_->currentData().toInt()));
  }
  if (enrol_->isChecked()) request.set_series_id(series_id_);
  request.set_accept_good_rows(good_rows_only_->isChecked());
  request.set_dry_run(dry_run);
  if (!dry_run) request.set_request_id(request_id_);
  check_->setEnabled(false);
  import_->setEnabled(false);
  CallInBackground(
      this, connection_, &Connection::participants,
      &v1::ParticipantService::Stub::ImportParticipants, request, std::chrono::seconds(120),
      [this, dry_run](Reply<v1::ImportParticipantsResponse> reply) {
        check_->setEnabled(true);
        if (!reply.ok()) {
          summary_->setText(
              DescribeError(reply.status, {{"csv", tr("File")},
                                           {"organization_id", tr("Organisation")},
                                           {"series_id", tr("Enrol in")},
                                           {"default_target_groups", tr("Target group")}})
                  .ToString());
          return;
        }
        const auto& result = reply.value;
        problems_->setRowCount(0);
        for (const auto& problem : result.problems()) {
          const int row = problems_->rowCount();
          problems_->insertRow(row);
          problems_->setItem(row, 0, new QTableWidgetItem(QString::number(problem.line())));
          problems_->setItem(row, 1,
                             new QTableWidgetItem(QString::fromStdString(problem.column())));
          const std::string& reason = problem.has_localized_reason()
                                          ? problem.localized_reason().message()
                                          : problem.reason();
          problems_->setItem(row, 2, new QTableWidgetItem(QString::fromStdString(reason)));
        }
        problems_->resizeColumnToContents(0);
        problems_->resizeColumnToContents(1);
        if (dry_run) {
          const bool importable = result.problems_size() == 0 ||
                                  (good_rows_only_->isChecked() && result.imported_size() > 0);
          summary_->setText(tr("%n row(s) in the file: ", "", result.rows()) +
                            tr("%n can be imported, ", "", result.imported_size()) +
                            tr("%n problem(s).", "", result.problems_size()) +
                            (result.problems_size() > 0 && !good_rows_only_->isChecked()
                                 ? tr(" Correct the file, or tick “Import the good rows”.")
                                 : QString()));
          import_->setEnabled(importable);
          emit checked();
          return;
        }
        summary_->setText(result.repeated()
                              ? tr("This file was imported before; nothing changed.")
                              : tr("%n row(s) imported.", "", result.imported_size()));
        request_id_ = NewRequestId();
        emit imported();
      });
}

}  // namespace trainhub::desktop
