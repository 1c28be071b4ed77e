#include "clients/desktop/participant_page.h"

#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QStandardPaths>
#include <QUrl>
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

struct MyData {
  std::vector<v1::Enrolment> enrolments;
  std::vector<v1::Session> sessions;
  std::vector<v1::AttendanceSummary> attendance;
  std::vector<v1::Certificate> certificates;
};

void AddRow(QTableWidget* table, const QStringList& cells) {
  const int row = table->rowCount();
  table->insertRow(row);
  for (int c = 0; c < cells.size(); ++c) table->setItem(row, c, new QTableWidgetItem(cells[c]));
}

QGroupBox* Box(const QString& title, QWidget* content) {
  auto* box = new QGroupBox(title);
  auto* layout = new QVBoxLayout(box);
  layout->addWidget(content);
  return box;
}

bool HoldsSeat(const v1::Enrolment& e) {
  return e.state() == v1::ENROLMENT_STATE_ENROLLED || e.state() == v1::ENROLMENT_STATE_CONFIRMED;
}

// The sessions and the attendance of each series in which the signed-in
// participant holds a seat, appended to `data` (blocking).
grpc::Status FetchSeatSeries(Connection& connection, MyData& data) {
  for (const auto& e : data.enrolments) {
    if (!HoldsSeat(e)) continue;
    v1::ListSessionsRequest sessions;
    sessions.set_series_id(e.series_id());
    grpc::Status status =
        ListAllInto(connection, connection.series(), &v1::SeriesService::Stub::ListSessions,
                    sessions, &v1::ListSessionsResponse::sessions, &data.sessions);
    if (!status.ok()) return status;
    v1::GetAttendanceSummaryRequest summary;
    summary.set_series_id(e.series_id());
    v1::AttendanceSummary mine;
    status = connection.Call(connection.attendance(),
                             &v1::AttendanceService::Stub::GetAttendanceSummary, summary, &mine);
    if (!status.ok()) return status;
    data.attendance.push_back(std::move(mine));
  }
  return grpc::Status::OK;
}

// Everything the participant's page shows (blocking; run it in the
// background).
Reply<MyData> FetchMyData(Connection& connection) {
  Reply<MyData> reply;
  MyData& data = reply.value;
  reply.status = ListAllInto(
      connection, connection.enrolments(), &v1::EnrolmentService::Stub::ListEnrolments,
      v1::ListEnrolmentsRequest(), &v1::ListEnrolmentsResponse::enrolments, &data.enrolments);
  if (!reply.ok()) return reply;
  reply.status = FetchSeatSeries(connection, data);
  if (!reply.ok()) return reply;
  reply.status =
      ListAllInto(connection, connection.certificates(),
                  &v1::CertificateService::Stub::ListCertificates, v1::ListCertificatesRequest(),
                  &v1::ListCertificatesResponse::certificates, &data.certificates);
  std::sort(data.sessions.begin(), data.sessions.end(),
            [](const v1::Session& a, const v1::Session& b) {
              return a.start_time().seconds() < b.start_time().seconds();
            });
  return reply;
}

}  // namespace

ParticipantPage::ParticipantPage(std::shared_ptr<Connection> connection, QWidget* parent)
    : QWidget(parent), connection_(std::move(connection)) {
  open_pdf_with_ = [](const QString& path) {
    QDesktopServices::openUrl(QUrl::fromLocalFile(path));
  };
  series_ = NewReadOnlyTable({tr("Series"), tr("My place"), tr("Since")}, tr("My series"));
  schedule_ =
      NewReadOnlyTable({tr("When"), tr("Series"), tr("Module"), tr("Place")}, tr("My schedule"));
  // The counts add up to the sessions held, as in the CLI and the export.
  attendance_ =
      NewReadOnlyTable({tr("Series"), tr("Held"), tr("Present"), tr("Late"), tr("Excused"),
                        tr("Absent"), tr("Not recorded"), tr("Teaching units (UE)"), tr("Rate")},
                       tr("My attendance"));
  attendance_->horizontalHeaderItem(6)->setToolTip(
      tr("Sessions that took place without a status recorded yet. Sessions still to come are "
         "not counted here (\"offen\" in the export)."));
  certificates_ = NewReadOnlyTable(
      {tr("Number"), tr("Kind"), tr("Series"), tr("Issued"), tr("Status")}, tr("My certificates"));
  for (QTableWidget* table : {series_, schedule_, attendance_, certificates_}) {
    table->setMinimumHeight(120);  // a few rows at least, whatever the window's size
  }
  open_pdf_ = new QPushButton(tr("&Open PDF"));
  open_pdf_->setEnabled(false);
  message_ = new QLabel;
  message_->setObjectName("message");
  message_->setWordWrap(true);
  auto* certificate_part = new QWidget;
  auto* certificate_layout = new QVBoxLayout(certificate_part);
  certificate_layout->setContentsMargins(0, 0, 0, 0);
  certificate_layout->addWidget(certificates_);
  auto* row = new QHBoxLayout;
  row->addWidget(message_, 1);
  row->addWidget(open_pdf_);
  certificate_layout->addLayout(row);
  check_in_code_ = new QLineEdit;
  check_in_code_->setAccessibleName(tr("Check-in code"));
  check_in_code_->setPlaceholderText(tr("the six digits the trainer shows"));
  check_in_code_->setMaxLength(200);
  check_in_code_->setMinimumWidth(260);
  auto* check_in = new QPushButton(tr("&Check in"));
  check_in_result_ = new QLabel;
  check_in_result_->setWordWrap(true);
  auto* check_in_box = new QGroupBox(tr("Check in to a session"));
  auto* check_in_row = new QHBoxLayout(check_in_box);
  check_in_row->addWidget(check_in_code_);
  check_in_row->addWidget(check_in);
  check_in_row->addWidget(check_in_result_, 1);
  connect(check_in, &QPushButton::clicked, this, [this]() { CheckIn(check_in_code_->text()); });
  connect(check_in_code_, &QLineEdit::returnPressed, this,
          [this]() { CheckIn(check_in_code_->text()); });

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(check_in_box);
  layout->addWidget(Box(tr("My series"), series_), 1);
  layout->addWidget(Box(tr("My schedule"), schedule_), 1);
  auto* attendance_part = new QWidget;
  auto* attendance_layout = new QVBoxLayout(attendance_part);
  attendance_layout->setContentsMargins(0, 0, 0, 0);
  attendance_layout->addWidget(attendance_);
  auto* attendance_legend = new QLabel(
      tr("Present + late + excused + absent + not recorded = the sessions held. Held: held of "
         "the sessions you are expected at; the others are still to come."));
  attendance_legend->setWordWrap(true);
  attendance_layout->addWidget(attendance_legend);
  layout->addWidget(Box(tr("My attendance"), attendance_part), 1);
  layout->addWidget(Box(tr("My certificates"), certificate_part), 1);
  connect(certificates_, &QTableWidget::itemSelectionChanged, this,
          [this]() { open_pdf_->setEnabled(!certificates_->selectedItems().isEmpty()); });
  auto open_selected = [this]() {
    const auto rows = certificates_->selectionModel()->selectedRows();
    if (!rows.isEmpty()) OpenCertificate(certificates_->item(rows.first().row(), 0)->text());
  };
  connect(open_pdf_, &QPushButton::clicked, this, open_selected);
  connect(certificates_, &QTableWidget::itemActivated, this, open_selected);
}

void ParticipantPage::Reload() {
  auto connection = connection_;
  RunInBackground<Reply<MyData>>(
      this, [connection]() { return FetchMyData(*connection); },
      [this](Reply<MyData> reply) {
        for (QTableWidget* t : {series_, schedule_, attendance_, certificates_}) t->setRowCount(0);
        if (!reply.ok()) {
          message_->setText(DescribeError(reply.status).ToString());
          return;
        }
        const MyData& data = reply.value;
        ShowEnrolments(data.enrolments);
        ShowSchedule(data.sessions);
        ShowAttendance(data.attendance);
        ShowCertificates(data.certificates);
        for (QTableWidget* t : {series_, schedule_, attendance_, certificates_}) {
          t->resizeColumnsToContents();
        }
        message_->setText(data.certificates.empty() ? tr("No certificates yet.") : QString());
        emit loaded();
      });
}

void ParticipantPage::ShowEnrolments(const std::vector<v1::Enrolment>& enrolments) {
  for (const auto& e : enrolments) {
    QString place = Labels::Enrolment(e.state());
    if (e.state() == v1::ENROLMENT_STATE_WAITLISTED) {
      place = tr("Waiting list, position %1").arg(e.waitlist_position());
    }
    AddRow(series_,
           {QString::fromStdString(e.series_title()), place, FormatDateTime(e.request_time())});
  }
}

void ParticipantPage::ShowSchedule(const std::vector<v1::Session>& sessions) {
  const qint64 now = QDateTime::currentSecsSinceEpoch();
  for (const auto& s : sessions) {
    if (s.end_time().seconds() < now) continue;  // past sessions are in "attendance"
    AddRow(schedule_,
           {FormatRange(s.start_time(), s.end_time()), QString::fromStdString(s.series_title()),
            QString::fromStdString(s.module_title()), QString::fromStdString(s.place().name())});
  }
}

void ParticipantPage::ShowAttendance(const std::vector<v1::AttendanceSummary>& attendance) {
  for (const auto& summary : attendance) {
    for (const auto& p : summary.people()) {
      AddRow(attendance_,
             {QString::fromStdString(summary.series_title()),
              QStringLiteral("%1/%2").arg(p.sessions_held()).arg(p.sessions_expected()),
              QString::number(p.present_only()), QString::number(p.late()),
              QString::number(p.excused()), QString::number(p.absent()),
              QString::number(p.unrecorded()),
              QStringLiteral("%1/%2")
                  .arg(p.teaching_units_attended(), 0, 'f', 1)
                  .arg(p.teaching_units_held(), 0, 'f', 1),
              p.present() + p.excused() + p.absent() == 0
                  ? QStringLiteral("–")
                  : QStringLiteral("%1 %").arg(qRound(p.attendance_rate() * 100))});
    }
  }
}

void ParticipantPage::ShowCertificates(const std::vector<v1::Certificate>& certificates) {
  for (const auto& c : certificates) {
    AddRow(certificates_,
           {QString::fromStdString(c.serial()), Labels::Outcome(c.outcome()),
            QString::fromStdString(c.series_title()), FormatDateTime(c.issue_time()).left(10),
            Labels::CertificateStatus(c.status())});
  }
}

void ParticipantPage::CheckIn(const QString& code) {
  const QString trimmed = code.trimmed();
  if (trimmed.isEmpty()) {
    check_in_result_->setText(tr("Enter the code the trainer shows."));
    return;
  }
  v1::CheckInRequest request;
  request.set_code(trimmed.toStdString());
  request.set_request_id(NewRequestId());
  auto connection = connection_;
  RunInBackground<Reply<v1::AttendanceRecord>>(
      this,
      [connection, request]() {
        Reply<v1::AttendanceRecord> reply;
        reply.status = connection->Call(
            connection->attendance(), &v1::AttendanceService::Stub::CheckIn, request, &reply.value);
        return reply;
      },
      [this](Reply<v1::AttendanceRecord> reply) {
        if (!reply.ok()) {
          check_in_result_->setStyleSheet("color: #b00020");
          check_in_result_->setText(
              DescribeError(reply.status, {{"code", tr("Check-in code")}}).ToString());
          return;
        }
        check_in_result_->setStyleSheet("color: #1b5e20; font-weight: bold");
        check_in_result_->setText(tr("Checked in: you are marked present."));
        check_in_code_->clear();
        Reload();
      });
}

void ParticipantPage::OpenCertificate(const QString& serial) {
  v1::GetCertificatePdfRequest request;
  request.set_serial(serial.toStdString());
  message_->setText(tr("Fetching the PDF…"));
  CallInBackground(
      this, connection_, &Connection::certificates,
      &v1::CertificateService::Stub::GetCertificatePdf, request, std::chrono::seconds(60),
      [this](Reply<v1::CertificateFile> reply) {
        if (!reply.ok()) {
          message_->setText(DescribeError(reply.status).ToString());
          return;
        }
        // A folder of this user's only: the PDF carries their name.
        const QString folder =
            QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) +
            QStringLiteral("/certificates");
        QDir().mkpath(folder);
        QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QString name = QFileInfo(QString::fromStdString(reply.value.file_name())).fileName();
        if (name.isEmpty() || name.startsWith(QLatin1Char('.'))) {
          name = QStringLiteral("certificate.pdf");
        }
        const QString path = folder + QLatin1Char('/') + name;
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
          message_->setText(tr("The PDF cannot be saved to %1.").arg(path));
          return;
        }
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
        file.write(reply.value.content().data(), static_cast<qint64>(reply.value.content().size()));
        file.close();
        message_->setText(tr("Saved to %1").arg(path));
        emit pdfSaved(path);
        open_pdf_with_(path);
      });
}

}  // namespace trainhub::desktop
