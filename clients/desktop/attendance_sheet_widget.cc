#include "clients/desktop/attendance_sheet_widget.h"

#include <QHBoxLayout>
#include <QMessageBox>
#include <QTimer>
#include <QVBoxLayout>
#include <chrono>

#include "clients/desktop/background.h"
#include "clients/desktop/check_in_dialog.h"
#include "clients/desktop/dialogs.h"
#include "clients/desktop/error_text.h"
#include "clients/desktop/labels.h"
#include "clients/desktop/server_call.h"
#include "clients/desktop/time_text.h"

namespace trainhub::desktop {

namespace v1 = trainhub::v1;

namespace {

struct StatusButton {
  v1::AttendanceStatus status;
  const char* letter;
  const char* colour;
};

// The sheet's buttons, in the order of the paper forms.
constexpr StatusButton kButtons[] = {
    {v1::ATTENDANCE_STATUS_PRESENT,
     QT_TRANSLATE_NOOP("trainhub::desktop::AttendanceSheetWidget", "P"), "#2e7d32"},
    {v1::ATTENDANCE_STATUS_LATE, QT_TRANSLATE_NOOP("trainhub::desktop::AttendanceSheetWidget", "L"),
     "#f9a825"},
    {v1::ATTENDANCE_STATUS_EXCUSED,
     QT_TRANSLATE_NOOP("trainhub::desktop::AttendanceSheetWidget", "E"), "#1565c0"},
    {v1::ATTENDANCE_STATUS_ABSENT,
     QT_TRANSLATE_NOOP("trainhub::desktop::AttendanceSheetWidget", "A"), "#c62828"},
};

}  // namespace

AttendanceSheetWidget::AttendanceSheetWidget(std::shared_ptr<Connection> connection,
                                             AttendanceSync& sync, QWidget* parent)
    : QWidget(parent), connection_(std::move(connection)), sync_(sync) {
  title_ = new QLabel;
  title_->setWordWrap(true);
  title_->setStyleSheet("font-size: 13pt; font-weight: bold");
  state_ = new QLabel;
  state_->setObjectName("sheetState");
  state_->setWordWrap(true);
  rows_ = new QWidget;
  grid_ = new QGridLayout(rows_);
  grid_->setColumnStretch(0, 1);
  auto* scroll = new QScrollArea;
  scroll->setWidget(rows_);
  scroll->setWidgetResizable(true);
  all_present_ = new QPushButton(tr("Mark all &present"));
  sign_off_ = new QPushButton(tr("&Sign off the sheet"));
  check_in_ = new QPushButton(tr("Show check-in &code"));
  for (QPushButton* b : {all_present_, sign_off_, check_in_}) {
    b->setMinimumHeight(44);
    b->setEnabled(false);
  }
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(all_present_);
  buttons->addWidget(check_in_);
  buttons->addStretch();
  buttons->addWidget(sign_off_);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(title_);
  layout->addWidget(state_);
  layout->addWidget(scroll, 1);
  layout->addLayout(buttons);
  connect(all_present_, &QPushButton::clicked, this, &AttendanceSheetWidget::MarkAllPresent);
  connect(sign_off_, &QPushButton::clicked, this, &AttendanceSheetWidget::SignOff);
  connect(check_in_, &QPushButton::clicked, this, &AttendanceSheetWidget::OpenCheckIn);
  connect(&sync_, &AttendanceSync::sheetUpdated, this, [this](const v1::AttendanceSheet& sheet) {
    if (sheet.session_id() != session_id_) return;
    ++sheets_from_sync_;
    Show(sheet, false);
  });
  connect(&sync_, &AttendanceSync::stateChanged, this, &AttendanceSheetWidget::Render);
  connect(&sync_, &AttendanceSync::refused, this, &AttendanceSheetWidget::Render);
}

void AttendanceSheetWidget::ShowSession(qint64 session_id) {
  session_id_ = session_id;
  v1::GetAttendanceSheetRequest request;
  request.set_session_id(session_id);
  // A short deadline: without network the remembered sheet shows sooner.
  CallInBackground(
      this, connection_, &Connection::attendance, &v1::AttendanceService::Stub::GetAttendanceSheet,
      request, std::chrono::seconds(5),
      [this, session_id, asked_after = sheets_from_sync_](Reply<v1::AttendanceSheet> reply) {
        if (session_id != session_id_) return;
        // The sheet the sender got back after storing marks is newer than
        // this answer, which may have been read before they were stored.
        if (sheets_from_sync_ != asked_after) return;
        const std::string& server = sync_.scope();
        if (reply.ok()) {
          sync_.queue().Remember(server, SheetKey(session_id), reply.value);
          Show(reply.value, false);
          return;
        }
        const ErrorText error = DescribeError(reply.status);
        v1::AttendanceSheet remembered;
        if (error.unreachable && sync_.queue().Recall(server, SheetKey(session_id), &remembered)) {
          Show(remembered, true);
          return;
        }
        sheet_.Clear();
        title_->clear();
        state_->setText(error.unreachable
                            ? tr("The server cannot be reached and this sheet was not opened "
                                 "before on this computer.")
                            : error.ToString());
        Render();
      });
}

void AttendanceSheetWidget::Show(const v1::AttendanceSheet& sheet, bool remembered) {
  sheet_ = sheet;
  remembered_ = remembered;
  title_->setText(QStringLiteral("%1 – %2\n%3")
                      .arg(QString::fromStdString(sheet.series_title()),
                           QString::fromStdString(sheet.module_title()),
                           FormatRange(sheet.start_time(), sheet.end_time())));
  // Rows are rebuilt for a new sheet; their buttons follow the statuses.
  while (QLayoutItem* item = grid_->takeAt(0)) {
    delete item->widget();
    delete item;
  }
  row_widgets_.clear();
  int row = 0;
  for (const auto& entry : sheet.entries()) {
    // The mark keeps the row left to right also when a name is Arabic.
    auto* name =
        new QLabel(QStringLiteral("\u200E<b>%1</b><br><small>%2</small>")
                       .arg(QString::fromStdString(entry.participant_name()).toHtmlEscaped(),
                            QString::fromStdString(entry.organization_name()).toHtmlEscaped()));
    grid_->addWidget(name, row, 0);
    auto* group = new QButtonGroup(rows_);
    group->setExclusive(true);
    int column = 1;
    for (const StatusButton& spec : kButtons) {
      auto* button = new QPushButton(tr(spec.letter));
      button->setCheckable(true);
      button->setMinimumSize(64, 48);
      button->setToolTip(Labels::Attendance(spec.status));
      button->setAccessibleName(QStringLiteral("%1: %2").arg(
          Labels::Attendance(spec.status), QString::fromStdString(entry.participant_name())));
      button->setStyleSheet(QStringLiteral("QPushButton { font-size: 16pt; font-weight: bold }"
                                           "QPushButton:checked { background: %1; color: white }")
                                .arg(spec.colour));
      group->addButton(button, spec.status);
      grid_->addWidget(button, row, column++);
      const qint64 participant_id = entry.participant_id();
      const v1::AttendanceStatus status = spec.status;
      connect(button, &QPushButton::clicked, this, [this, participant_id, status]() {
        if (status == v1::ATTENDANCE_STATUS_LATE) {
          AskLateMinutes(participant_id);
        } else {
          Mark(participant_id, status);
        }
      });
    }
    auto* note = new QLabel;
    note->setObjectName(QStringLiteral("note-%1").arg(entry.participant_id()));
    note->setWordWrap(true);
    grid_->addWidget(note, row, column);
    row_widgets_.push_back({entry.participant_id(), group, note});
    ++row;
  }
  grid_->setRowStretch(row, 1);
  Render();
  // The buttons open up when the session begins.
  const qint64 until_start =
      (qint64(sheet.start_time().seconds()) - QDateTime::currentSecsSinceEpoch()) * 1000;
  if (until_start > 0 && until_start < qint64(24) * 3600 * 1000) {
    const qint64 session = sheet.session_id();
    QTimer::singleShot(std::chrono::milliseconds(until_start + 500), this, [this, session]() {
      if (sheet_.session_id() == session) Render();
    });
  }
  emit sheetShown();
}

void AttendanceSheetWidget::Render() {
  const bool loaded = sheet_.session_id() != 0;
  // Until the session begins nobody can have been there: only excused.
  const bool future =
      loaded && QDateTime::currentSecsSinceEpoch() < qint64(sheet_.start_time().seconds());
  const bool editable = loaded && !sheet_.signed_off();
  std::map<qint64, OfflineQueue::Pending> waiting;
  for (auto& pending : sync_.Waiting(session_id_)) {
    waiting[pending.mark.participant_id()] = std::move(pending);
  }
  int index = 0;
  for (const Row& row : row_widgets_) {
    const auto& entry = sheet_.entries(index++);
    v1::AttendanceStatus shown = entry.status();
    int minutes = entry.minutes_missed();
    QStringList notes;
    if (auto it = waiting.find(row.participant_id); it != waiting.end()) {
      shown = it->second.mark.status();
      minutes = it->second.mark.minutes_missed();
      notes << (it->second.error.empty()
                    ? tr("waiting to be sent")
                    : tr("not accepted: %1").arg(QString::fromStdString(it->second.error)));
    } else if (entry.needs_review()) {
      notes << tr("check: two devices recorded different statuses");
    } else if (entry.source() == v1::ATTENDANCE_SOURCE_SELF_CHECK_IN) {
      notes << tr("checked in");
    }
    if (minutes > 0 &&
        (shown == v1::ATTENDANCE_STATUS_LATE || shown == v1::ATTENDANCE_STATUS_PRESENT)) {
      notes.prepend(tr("%n minute(s) missed", "", minutes));
    }
    row.note->setText(notes.join(QStringLiteral(" · ")));
    for (QAbstractButton* button : row.group->buttons()) {
      const int status = row.group->id(button);
      button->setChecked(status == shown);
      button->setEnabled(editable && (!future || status == v1::ATTENDANCE_STATUS_EXCUSED));
    }
  }
  all_present_->setEnabled(editable && !future);
  sign_off_->setEnabled(editable && !remembered_ && waiting.empty() && !future);
  check_in_->setEnabled(editable && !remembered_ && !future);
  if (!loaded) return;
  QStringList lines;
  lines << tr("%1 recorded, %2 still without a status.")
               .arg(sheet_.recorded_count())
               .arg(sheet_.unrecorded_count());
  if (sheet_.signed_off()) {
    lines << tr("Signed off by %1 on %2; only coordinators change it now.")
                 .arg(QString::fromStdString(sheet_.signed_off_by()),
                      FormatDateTime(sheet_.sign_off_time()));
  }
  if (future) {
    lines << tr("The session has not begun yet: until it begins only excused absences can be "
                "recorded.");
  }
  if (remembered_ || sync_.offline()) {
    lines << tr(
        "Offline: the sheet as last seen on this computer. Marks are kept here and sent "
        "when the server is back.");
  }
  if (!waiting.empty()) lines << tr("%n mark(s) waiting to be sent.", "", int(waiting.size()));
  state_->setText(lines.join('\n'));
}

QPushButton* AttendanceSheetWidget::ButtonFor(qint64 participant_id,
                                              v1::AttendanceStatus status) const {
  for (const Row& row : row_widgets_) {
    if (row.participant_id == participant_id) {
      return qobject_cast<QPushButton*>(row.group->button(status));
    }
  }
  return nullptr;
}

int AttendanceSheetWidget::SessionMinutes() const {
  return static_cast<int>((sheet_.end_time().seconds() - sheet_.start_time().seconds()) / 60);
}

void AttendanceSheetWidget::Mark(qint64 participant_id, v1::AttendanceStatus status,
                                 int minutes_missed) {
  v1::AttendanceMark mark;
  mark.set_participant_id(participant_id);
  mark.set_status(status);
  mark.set_minutes_missed(minutes_missed);
  sync_.Record(session_id_, mark);
  Render();
}

void AttendanceSheetWidget::AskLateMinutes(qint64 participant_id) {
  QString name;
  int known = -1;
  for (const auto& entry : sheet_.entries()) {
    if (entry.participant_id() != participant_id) continue;
    name = QString::fromStdString(entry.participant_name());
    if (entry.status() == v1::ATTENDANCE_STATUS_LATE) known = entry.minutes_missed();
  }
  for (const auto& pending : sync_.Waiting(session_id_)) {
    if (pending.mark.participant_id() == participant_id &&
        pending.mark.status() == v1::ATTENDANCE_STATUS_LATE) {
      known = pending.mark.minutes_missed();
    }
  }
  const int suggested =
      known >= 0 ? known
                 : MinutesLateNow(sheet_.start_time().seconds(), sheet_.end_time().seconds(),
                                  QDateTime::currentSecsSinceEpoch());
  auto* dialog = new LateMinutesDialog(name, SessionMinutes(), suggested, this);
  dialog->setObjectName("lateMinutesDialog");
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  const qint64 session_id = session_id_;
  connect(dialog, &QDialog::finished, this, [this, dialog, participant_id, session_id](int result) {
    if (result == QDialog::Accepted && session_id == session_id_) {
      Mark(participant_id, v1::ATTENDANCE_STATUS_LATE, dialog->minutes());
    } else {
      Render();  // the L button shows the status as it was
    }
  });
  dialog->open();
}

void AttendanceSheetWidget::MarkAllPresent() {
  std::vector<v1::AttendanceMark> marks;
  std::set<qint64> waiting;
  for (const auto& pending : sync_.Waiting(session_id_)) {
    waiting.insert(pending.mark.participant_id());
  }
  for (const auto& entry : sheet_.entries()) {
    if (entry.status() != v1::ATTENDANCE_STATUS_UNSPECIFIED) continue;
    if (waiting.count(entry.participant_id()) != 0) continue;
    v1::AttendanceMark mark;
    mark.set_participant_id(entry.participant_id());
    mark.set_status(v1::ATTENDANCE_STATUS_PRESENT);
    marks.push_back(mark);
  }
  if (!marks.empty()) sync_.Record(session_id_, marks);
  Render();
}

void AttendanceSheetWidget::SignOff() {
  if (QMessageBox::question(this, tr("Sign off"),
                            tr("Sign off this sheet? Afterwards only coordinators can change it, "
                               "each change with a reason.")) != QMessageBox::Yes) {
    return;
  }
  v1::SignOffAttendanceSheetRequest request;
  request.set_session_id(session_id_);
  request.set_request_id(NewRequestId());
  CallInBackground(this, connection_, &Connection::attendance,
                   &v1::AttendanceService::Stub::SignOffAttendanceSheet, request,
                   [this](Reply<v1::AttendanceSheet> reply) {
                     if (!reply.ok()) {
                       state_->setText(DescribeError(reply.status).ToString());
                       return;
                     }
                     Show(reply.value, false);
                   });
}

void AttendanceSheetWidget::OpenCheckIn() {
  auto* dialog = new CheckInDialog(connection_, session_id_, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &QDialog::finished, this, [this]() { ShowSession(session_id_); });
  dialog->showFullScreen();
}

}  // namespace trainhub::desktop
