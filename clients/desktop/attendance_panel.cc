#include "clients/desktop/attendance_panel.h"

#include <google/protobuf/util/time_util.h>

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QSplitter>
#include <QVBoxLayout>
#include <algorithm>

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

constexpr v1::AttendanceStatus kStatuses[] = {
    v1::ATTENDANCE_STATUS_PRESENT, v1::ATTENDANCE_STATUS_LATE, v1::ATTENDANCE_STATUS_EXCUSED,
    v1::ATTENDANCE_STATUS_ABSENT};

bool CountsMinutes(v1::AttendanceStatus status) {
  return status == v1::ATTENDANCE_STATUS_PRESENT || status == v1::ATTENDANCE_STATUS_LATE;
}

// "Late (20 min missed)", "Present", "Not recorded".
QString StatusWithMinutes(v1::AttendanceStatus status, int minutes) {
  if (minutes > 0 && CountsMinutes(status)) {
    return AttendancePanel::tr("%1 (%n min missed)", "", minutes).arg(Labels::Attendance(status));
  }
  return Labels::Attendance(status);
}

FieldLabels CorrectionLabels() {
  return {{"reason", CorrectionDialog::tr("Reason")},
          {"minutes_missed", CorrectionDialog::tr("Minutes missed")},
          {"status", CorrectionDialog::tr("Status")},
          {"note", CorrectionDialog::tr("Note")}};
}

}  // namespace

CorrectionDialog::CorrectionDialog(std::shared_ptr<Connection> connection,
                                   const v1::AttendanceSheet& sheet,
                                   const v1::AttendanceSheet::Entry& entry, QWidget* parent)
    : QDialog(parent),
      connection_(std::move(connection)),
      session_id_(sheet.session_id()),
      participant_id_(entry.participant_id()),
      signed_off_(sheet.signed_off()),
      request_id_(NewRequestId()) {
  const QString person = QString::fromStdString(entry.participant_name());
  setWindowTitle(tr("Correct attendance: %1").arg(person));
  auto* intro = new QLabel(tr("%1 – %2\n%3\nNow: %4")
                               .arg(QString::fromStdString(sheet.module_title()),
                                    FormatRange(sheet.start_time(), sheet.end_time()), person,
                                    StatusWithMinutes(entry.status(), entry.minutes_missed())));
  intro->setTextFormat(Qt::PlainText);
  intro->setWordWrap(true);
  status_ = new QComboBox;
  status_->setAccessibleName(tr("New status"));
  for (v1::AttendanceStatus status : kStatuses) {
    status_->addItem(Labels::Attendance(status), static_cast<int>(status));
  }
  const int current = status_->findData(static_cast<int>(entry.status()));
  status_->setCurrentIndex(current >= 0 ? current : 0);
  minutes_ = new QSpinBox;
  minutes_->setAccessibleName(tr("Minutes missed"));
  minutes_->setRange(
      0, static_cast<int>((sheet.end_time().seconds() - sheet.start_time().seconds()) / 60));
  minutes_->setSuffix(tr(" min"));
  minutes_->setValue(entry.minutes_missed());
  note_ = new QLineEdit(QString::fromStdString(entry.note()));
  note_->setAccessibleName(tr("Note"));
  note_->setMaxLength(1000);
  reason_ = new QLineEdit;
  reason_->setObjectName("reason");
  reason_->setAccessibleName(tr("Reason for the change"));
  reason_->setMaxLength(1000);
  reason_->setMinimumWidth(380);
  reason_->setPlaceholderText(signed_off_ ? tr("required: the sheet is signed off")
                                          : tr("optional; kept in the history"));
  problem_ = NewProblemLabel();
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
  save_ = buttons->addButton(tr("Save the correction"), QDialogButtonBox::AcceptRole);
  auto* form = new QFormLayout;
  form->addRow(tr("&Status:"), status_);
  form->addRow(tr("&Minutes missed:"), minutes_);
  form->addRow(tr("N&ote:"), note_);
  form->addRow(tr("&Reason:"), reason_);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(intro);
  layout->addLayout(form);
  layout->addWidget(problem_);
  layout->addWidget(buttons);
  connect(status_, &QComboBox::currentIndexChanged, this, &CorrectionDialog::UpdateForm);
  connect(reason_, &QLineEdit::textChanged, this, &CorrectionDialog::UpdateForm);
  connect(buttons, &QDialogButtonBox::accepted, this, &CorrectionDialog::Save);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  UpdateForm();
}

void CorrectionDialog::UpdateForm() {
  const auto status = static_cast<v1::AttendanceStatus>(status_->currentData().toInt());
  minutes_->setEnabled(CountsMinutes(status));
  save_->setEnabled(!signed_off_ || !reason_->text().trimmed().isEmpty());
}

void CorrectionDialog::Save() {
  const auto status = static_cast<v1::AttendanceStatus>(status_->currentData().toInt());
  v1::RecordAttendanceRequest request;
  request.set_session_id(session_id_);
  request.set_reason(reason_->text().trimmed().toStdString());
  request.set_request_id(request_id_);
  v1::AttendanceMark* mark = request.mutable_mark();
  mark->set_participant_id(participant_id_);
  mark->set_status(status);
  mark->set_minutes_missed(CountsMinutes(status) ? minutes_->value() : 0);
  mark->set_note(note_->text().trimmed().toStdString());
  *mark->mutable_client_time() = google::protobuf::util::TimeUtil::GetCurrentTime();
  save_->setEnabled(false);
  problem_->clear();
  CallInBackground(
      this, connection_, &Connection::attendance, &v1::AttendanceService::Stub::RecordAttendance,
      request, [this](Reply<v1::AttendanceRecord> reply) {
        if (!reply.ok()) {
          problem_->setText(DescribeError(reply.status, CorrectionLabels()).ToString());
          UpdateForm();
          return;
        }
        emit saved(reply.value);
        accept();
      });
}

AttendancePanel::AttendancePanel(std::shared_ptr<Connection> connection, QWidget* parent)
    : QWidget(parent), connection_(std::move(connection)) {
  sessions_ = new QComboBox;
  sessions_->setAccessibleName(tr("Session"));
  sessions_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  sessions_->setMinimumContentsLength(30);
  refresh_ = new QPushButton(tr("&Refresh"));
  state_ = new QLabel;
  state_->setObjectName("sheetState");
  state_->setWordWrap(true);
  table_ = NewReadOnlyTable({tr("Person"), tr("Status"), tr("Recorded"), tr("Note")},
                            tr("Attendance of the session"));
  history_ = NewReadOnlyTable({tr("When"), tr("Change"), tr("By"), tr("Reason")},
                              tr("History of the selected person"));
  correct_ = new QPushButton(tr("Co&rrect…"));
  correct_->setEnabled(false);
  auto* top = new QHBoxLayout;
  auto* session_label = new QLabel(tr("Sess&ion:"));
  session_label->setBuddy(sessions_);
  top->addWidget(session_label);
  top->addWidget(sessions_, 1);
  top->addWidget(refresh_);
  auto* history_label =
      new QLabel(tr("History of the selected person (who changed what, when and why):"));
  history_label->setWordWrap(true);
  auto* lower = new QWidget;
  auto* lower_layout = new QVBoxLayout(lower);
  lower_layout->setContentsMargins(0, 0, 0, 0);
  lower_layout->addWidget(history_label);
  lower_layout->addWidget(history_);
  auto* split = new QSplitter(Qt::Vertical);
  split->addWidget(table_);
  split->addWidget(lower);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  auto* buttons = new QHBoxLayout;
  buttons->addStretch();
  buttons->addWidget(correct_);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(top);
  layout->addWidget(state_);
  layout->addWidget(split, 1);
  layout->addLayout(buttons);
  connect(sessions_, &QComboBox::currentIndexChanged, this, &AttendancePanel::LoadSheet);
  connect(refresh_, &QPushButton::clicked, this, &AttendancePanel::LoadSheet);
  connect(table_, &QTableWidget::itemSelectionChanged, this, [this]() {
    correct_->setEnabled(SelectedPerson() != 0);
    LoadHistory();
  });
  connect(table_, &QTableWidget::itemActivated, this, &AttendancePanel::CorrectSelected);
  connect(correct_, &QPushButton::clicked, this, &AttendancePanel::CorrectSelected);
}

void AttendancePanel::ShowSeries(const v1::Series& series) {
  series_id_ = series.id();
  v1::ListSessionsRequest request;
  request.set_series_id(series_id_);
  auto connection = connection_;
  RunInBackground<Reply<std::vector<v1::Session>>>(
      this,
      [connection, request]() {
        Reply<std::vector<v1::Session>> reply;
        reply.status = ListAll<v1::SeriesService::Stub>(
            *connection, connection->series(), &v1::SeriesService::Stub::ListSessions, request,
            [&reply](const v1::ListSessionsResponse& page) {
              reply.value.insert(reply.value.end(), page.sessions().begin(), page.sessions().end());
            });
        return reply;
      },
      [this, series_id = series_id_](Reply<std::vector<v1::Session>> reply) {
        if (series_id != series_id_) return;
        {
          const QSignalBlocker blocker(sessions_);
          sessions_->clear();
          table_->setRowCount(0);
          history_->setRowCount(0);
          sheet_.Clear();
          if (!reply.ok()) {
            state_->setText(DescribeError(reply.status).ToString());
            return;
          }
          std::sort(reply.value.begin(), reply.value.end(),
                    [](const v1::Session& a, const v1::Session& b) {
                      return a.start_time().seconds() < b.start_time().seconds();
                    });
          const qint64 now = QDateTime::currentSecsSinceEpoch();
          int begun = -1;
          for (const auto& session : reply.value) {
            sessions_->addItem(QStringLiteral("%1. %2 – %3")
                                   .arg(session.module_position())
                                   .arg(QString::fromStdString(session.module_title()),
                                        FormatRange(session.start_time(), session.end_time())),
                               QVariant::fromValue<qint64>(session.id()));
            if (session.start_time().seconds() <= now) begun = sessions_->count() - 1;
          }
          sessions_->setCurrentIndex(begun >= 0 ? begun : 0);
        }
        state_->setText(reply.value.empty() ? tr("This series has no sessions yet.") : QString());
        emit sessionsLoaded();
        LoadSheet();
      });
}

bool AttendancePanel::SelectSession(qint64 session_id) {
  const int index = sessions_->findData(QVariant::fromValue<qint64>(session_id));
  if (index < 0) return false;
  if (index == sessions_->currentIndex()) {
    LoadSheet();
  } else {
    sessions_->setCurrentIndex(index);
  }
  return true;
}

qint64 AttendancePanel::SelectedPerson() const {
  const auto rows = table_->selectionModel()->selectedRows();
  if (rows.isEmpty()) return 0;
  return table_->item(rows.first().row(), 0)->data(Qt::UserRole).toLongLong();
}

void AttendancePanel::LoadSheet() {
  const qint64 session_id = sessions_->currentData().toLongLong();
  if (session_id == 0) return;
  v1::GetAttendanceSheetRequest request;
  request.set_session_id(session_id);
  CallInBackground(
      this, connection_, &Connection::attendance, &v1::AttendanceService::Stub::GetAttendanceSheet,
      request, [this, session_id](Reply<v1::AttendanceSheet> reply) {
        if (session_id != sessions_->currentData().toLongLong()) return;
        const qint64 keep = SelectedPerson();
        const QSignalBlocker blocker(table_);
        table_->setRowCount(0);
        history_->setRowCount(0);
        if (!reply.ok()) {
          sheet_.Clear();
          state_->setText(DescribeError(reply.status).ToString());
          correct_->setEnabled(false);
          return;
        }
        sheet_ = std::move(reply.value);
        for (const auto& entry : sheet_.entries()) {
          const int row = table_->rowCount();
          table_->insertRow(row);
          auto* name = new QTableWidgetItem(QString::fromStdString(entry.participant_name()));
          name->setData(Qt::UserRole, QVariant::fromValue<qint64>(entry.participant_id()));
          table_->setItem(row, 0, name);
          table_->setItem(
              row, 1,
              new QTableWidgetItem(StatusWithMinutes(entry.status(), entry.minutes_missed())));
          QString recorded = FormatDateTime(entry.record_time());
          if (entry.source() == v1::ATTENDANCE_SOURCE_SELF_CHECK_IN) {
            recorded = tr("%1, checked in").arg(recorded);
          }
          table_->setItem(row, 2, new QTableWidgetItem(recorded));
          QString note = QString::fromStdString(entry.note());
          if (entry.needs_review()) {
            note = tr("check: two devices recorded different statuses") +
                   (note.isEmpty() ? QString() : QStringLiteral(" · ") + note);
          }
          auto* note_item = new QTableWidgetItem(note);
          note_item->setToolTip(note);
          table_->setItem(row, 3, note_item);
          if (entry.needs_review()) {
            for (int c = 0; c < table_->columnCount(); ++c) {
              table_->item(row, c)->setBackground(QColor("#fde0dc"));
            }
          }
          if (entry.participant_id() == keep) table_->selectRow(row);
        }
        FitColumnsToWidth(table_);
        QStringList lines;
        lines << tr("%1 recorded, %2 still without a status.")
                     .arg(sheet_.recorded_count())
                     .arg(sheet_.unrecorded_count());
        if (sheet_.signed_off()) {
          lines << tr("Signed off by %1 on %2. Each correction needs a reason, which the history "
                      "keeps.")
                       .arg(QString::fromStdString(sheet_.signed_off_by()),
                            FormatDateTime(sheet_.sign_off_time()));
        } else {
          lines << tr("Not signed off yet.");
        }
        state_->setText(lines.join('\n'));
        correct_->setEnabled(SelectedPerson() != 0);
        emit sheetLoaded();
        LoadHistory();
      });
}

void AttendancePanel::LoadHistory() {
  const qint64 session_id = sheet_.session_id();
  const qint64 person = SelectedPerson();
  history_->setRowCount(0);
  if (session_id == 0 || person == 0) return;
  v1::ListAttendanceHistoryRequest request;
  request.set_session_id(session_id);
  request.set_participant_id(person);
  auto connection = connection_;
  RunInBackground<Reply<std::vector<v1::AttendanceRecord>>>(
      this,
      [connection, request]() {
        Reply<std::vector<v1::AttendanceRecord>> reply;
        reply.status = ListAll<v1::AttendanceService::Stub>(
            *connection, connection->attendance(),
            &v1::AttendanceService::Stub::ListAttendanceHistory, request,
            [&reply](const v1::ListAttendanceHistoryResponse& page) {
              reply.value.insert(reply.value.end(), page.records().begin(), page.records().end());
            });
        return reply;
      },
      [this, session_id, person](Reply<std::vector<v1::AttendanceRecord>> reply) {
        if (session_id != sheet_.session_id() || person != SelectedPerson()) return;
        history_->setRowCount(0);
        if (!reply.ok()) {
          state_->setText(DescribeError(reply.status).ToString());
          return;
        }
        for (const auto& record : reply.value) {
          const int row = history_->rowCount();
          history_->insertRow(row);
          history_->setItem(row, 0, new QTableWidgetItem(FormatDateTime(record.record_time())));
          QString change = StatusWithMinutes(record.status(), record.minutes_missed());
          if (record.previous_status() != v1::ATTENDANCE_STATUS_UNSPECIFIED) {
            change =
                QStringLiteral("%1 → %2").arg(Labels::Attendance(record.previous_status()), change);
          }
          history_->setItem(row, 1, new QTableWidgetItem(change));
          QString by = record.source() == v1::ATTENDANCE_SOURCE_SELF_CHECK_IN
                           ? tr("self check-in")
                           : QString::fromStdString(record.account_name());
          if (!record.device_id().empty()) {
            by += QStringLiteral(" (%1)").arg(QString::fromStdString(record.device_id()));
          }
          history_->setItem(row, 2, new QTableWidgetItem(by));
          QString why = QString::fromStdString(record.reason());
          if (!record.note().empty()) {
            why += (why.isEmpty() ? QString() : QStringLiteral("; ")) +
                   QString::fromStdString(record.note());
          }
          auto* why_item = new QTableWidgetItem(why);
          why_item->setToolTip(why);
          history_->setItem(row, 3, why_item);
        }
        FitColumnsToWidth(history_);
        emit historyLoaded();
      });
}

void AttendancePanel::CorrectSelected() {
  const qint64 person = SelectedPerson();
  for (const auto& entry : sheet_.entries()) {
    if (entry.participant_id() != person) continue;
    auto* dialog = new CorrectionDialog(connection_, sheet_, entry, this);
    dialog->setObjectName("correctionDialog");
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CorrectionDialog::saved, this, &AttendancePanel::LoadSheet);
    dialog->open();
    return;
  }
}

}  // namespace trainhub::desktop
