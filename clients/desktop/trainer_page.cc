#include "clients/desktop/trainer_page.h"

#include <QSplitter>
#include <QVBoxLayout>

#include "clients/desktop/background.h"
#include "clients/desktop/error_text.h"
#include "clients/desktop/labels.h"
#include "clients/desktop/list_all.h"
#include "clients/desktop/time_text.h"

namespace trainhub::desktop {

namespace v1 = trainhub::v1;

namespace {

// Sessions this far back stay in the list: sheets are often filled in later.
constexpr int kDaysBack = 14;

std::string SessionsKey(qint64 trainer_id) {
  return "trainer-sessions/" + std::to_string(trainer_id);
}

}  // namespace

TrainerPage::TrainerPage(std::shared_ptr<Connection> connection, AttendanceSync& sync,
                         qint64 trainer_id, QWidget* parent)
    : QWidget(parent), connection_(std::move(connection)), sync_(sync), trainer_id_(trainer_id) {
  state_ = new QLabel;
  state_->setWordWrap(true);
  sessions_ = new QListWidget;
  sessions_->setAccessibleName(tr("My sessions"));
  sessions_->setMinimumWidth(300);
  sessions_->setWordWrap(true);
  sessions_->setSpacing(2);
  sheet_ = new AttendanceSheetWidget(connection_, sync_);
  auto* left = new QWidget;
  auto* left_layout = new QVBoxLayout(left);
  auto* heading = new QLabel(tr("My sessions"));
  heading->setStyleSheet("font-weight: bold");
  left_layout->addWidget(heading);
  left_layout->addWidget(sessions_, 1);
  left_layout->addWidget(state_);
  auto* splitter = new QSplitter;
  splitter->addWidget(left);
  splitter->addWidget(sheet_);
  splitter->setStretchFactor(1, 2);
  splitter->setSizes({380, 820});
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(splitter);
  connect(sessions_, &QListWidget::currentItemChanged, this, [this](QListWidgetItem* item) {
    if (item != nullptr) sheet_->ShowSession(item->data(Qt::UserRole).toLongLong());
  });
}

void TrainerPage::Reload() {
  v1::ListTrainerSessionsRequest request;
  request.set_trainer_id(trainer_id_);
  *request.mutable_from() = ToTimestamp(NowInBerlin().addDays(-kDaysBack));
  auto connection = connection_;
  RunInBackground<Reply<v1::ListScheduleResponse>>(
      this,
      [connection, request]() {
        Reply<v1::ListScheduleResponse> reply;
        reply.status = ListAll<v1::ScheduleService::Stub>(
            *connection, connection->schedule(), &v1::ScheduleService::Stub::ListTrainerSessions,
            request, [&reply](const v1::ListScheduleResponse& page) {
              reply.value.mutable_sessions()->MergeFrom(page.sessions());
            });
        return reply;
      },
      [this](Reply<v1::ListScheduleResponse> reply) {
        const std::string& server = sync_.scope();
        if (reply.ok()) {
          sync_.queue().Remember(server, SessionsKey(trainer_id_), reply.value);
          Show(reply.value, false);
          return;
        }
        const ErrorText error = DescribeError(reply.status);
        v1::ListScheduleResponse remembered;
        if (error.unreachable &&
            sync_.queue().Recall(server, SessionsKey(trainer_id_), &remembered)) {
          Show(remembered, true);
          return;
        }
        state_->setText(error.ToString());
      });
}

void TrainerPage::Show(const v1::ListScheduleResponse& schedule, bool remembered) {
  const qint64 keep =
      sessions_->currentItem() ? sessions_->currentItem()->data(Qt::UserRole).toLongLong() : 0;
  QSignalBlocker blocker(sessions_);
  sessions_->clear();
  const QDate today = NowInBerlin().date();
  for (const auto& session : schedule.sessions()) {
    if (session.series_status() == v1::SERIES_STATUS_CANCELLED) continue;
    QString booking;
    for (const auto& b : session.trainers()) {
      if (b.trainer_id() == trainer_id_) booking = Labels::Booking(b.status());
    }
    auto* item =
        new QListWidgetItem(QStringLiteral("%1\n%2 – %3\n%4 (%5)")
                                .arg(FormatRange(session.start_time(), session.end_time()),
                                     QString::fromStdString(session.series_title()),
                                     QString::fromStdString(session.module_title()),
                                     QString::fromStdString(session.place().name()), booking),
                            sessions_);
    item->setData(Qt::UserRole, QVariant::fromValue<qint64>(session.id()));
    if (ToBerlin(session.start_time()).date() == today) {
      QFont font = item->font();
      font.setBold(true);
      item->setFont(font);
    }
  }
  state_->setText(remembered ? tr("Offline: the list as last seen on this computer.") : QString());
  if (keep != 0) {
    OpenSession(keep);
  } else {
    // The session running today or the next one: what a trainer opens first.
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    for (const auto& session : schedule.sessions()) {
      if (session.series_status() == v1::SERIES_STATUS_CANCELLED) continue;
      if (session.end_time().seconds() >= now || ToBerlin(session.start_time()).date() == today) {
        blocker.unblock();
        OpenSession(session.id());
        break;
      }
    }
  }
  emit sessionsLoaded();
}

bool TrainerPage::OpenSession(qint64 session_id) {
  for (int i = 0; i < sessions_->count(); ++i) {
    if (sessions_->item(i)->data(Qt::UserRole).toLongLong() == session_id) {
      sessions_->setCurrentRow(i);
      return true;
    }
  }
  return false;
}

}  // namespace trainhub::desktop
