#include "clients/desktop/session_dialog.h"

#include <google/protobuf/field_mask.pb.h>

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QVBoxLayout>
#include <functional>

#include "clients/desktop/background.h"
#include "clients/desktop/error_text.h"
#include "clients/desktop/server_call.h"
#include "clients/desktop/time_text.h"

namespace trainhub::desktop {

namespace v1 = trainhub::v1;

namespace {

// What the server calls the fields, in the words of this form.
FieldLabels SessionLabels() {
  return {{"start_time", SessionDialog::tr("Day and From")},
          {"end_time", SessionDialog::tr("To")},
          {"first_day", SessionDialog::tr("Day")},
          {"last_day", SessionDialog::tr("Until")},
          {"daily_start", SessionDialog::tr("From")},
          {"daily_end", SessionDialog::tr("To")},
          {"place", SessionDialog::tr("Place")},
          {"name", SessionDialog::tr("Place")},
          {"address", SessionDialog::tr("Address")},
          {"trainers", SessionDialog::tr("Trainers")},
          {"trainer_id", SessionDialog::tr("Trainers")},
          {"note", SessionDialog::tr("Note")},
          {"module_id", SessionDialog::tr("Module")},
          {"allow_overlap", SessionDialog::tr("Save anyway")}};
}

v1::LocalDate ToLocalDate(const QDate& date) {
  v1::LocalDate out;
  out.set_year(date.year());
  out.set_month(date.month());
  out.set_day(date.day());
  return out;
}

v1::LocalTime ToLocalTime(const QTime& time) {
  v1::LocalTime out;
  out.set_hours(time.hour());
  out.set_minutes(time.minute());
  return out;
}

// A blocking call of `method` with `request` (run it in the background).
template <typename Request, typename Response>
std::function<grpc::Status()> SeriesCall(std::shared_ptr<Connection> connection,
                                         grpc::Status (v1::SeriesService::Stub::*method)(
                                             grpc::ClientContext*, const Request&, Response*),
                                         Request request) {
  return [connection = std::move(connection), method, request = std::move(request)]() {
    Response response;
    return connection->Call(connection->series(), method, request, &response);
  };
}

}  // namespace

SessionDialog::SessionDialog(std::shared_ptr<Connection> connection, qint64 series_id,
                             const std::vector<v1::Module>& modules,
                             const std::vector<v1::Trainer>& trainers, qint64 module_id,
                             std::optional<v1::Session> editing, QWidget* parent)
    : QDialog(parent),
      connection_(std::move(connection)),
      series_id_(series_id),
      editing_(std::move(editing)) {
  setWindowTitle(editing_ ? tr("Change session") : tr("Plan a session"));
  CreateFields(modules, trainers, module_id);
  if (editing_) ShowSession(*editing_);
  LayOut();
  ConnectSignals();
  resize(560, sizeHint().height());
}

void SessionDialog::CreateFields(const std::vector<v1::Module>& modules,
                                 const std::vector<v1::Trainer>& trainers, qint64 module_id) {
  module_ = new QComboBox;
  module_->setAccessibleName(tr("Module"));
  for (const auto& module : modules) {
    module_->addItem(
        QStringLiteral("%1. %2").arg(module.position()).arg(QString::fromStdString(module.title())),
        QVariant::fromValue<qint64>(module.id()));
    if (module.id() == module_id) module_->setCurrentIndex(module_->count() - 1);
  }
  module_->setEnabled(!editing_);
  CreateTimeFields();
  place_name_ = new QLineEdit;
  place_name_->setAccessibleName(tr("Place"));
  place_name_->setMaxLength(200);
  place_address_ = new QLineEdit;
  place_address_->setAccessibleName(tr("Address"));
  place_address_->setMaxLength(500);
  trainers_ = new QListWidget;
  trainers_->setAccessibleName(tr("Trainers"));
  trainers_->setMinimumHeight(140);
  for (const auto& trainer : trainers) {
    QString text = QString::fromStdString(trainer.display_name());
    if (!trainer.affiliation().empty()) {
      text += QStringLiteral(" (%1)").arg(QString::fromStdString(trainer.affiliation()));
    }
    auto* item = new QListWidgetItem(text, trainers_);
    item->setData(Qt::UserRole, QVariant::fromValue<qint64>(trainer.id()));
    item->setCheckState(Qt::Unchecked);
  }
  note_ = new QLineEdit;
  note_->setAccessibleName(tr("Note"));
  note_->setMaxLength(2000);
  problem_ = new QLabel;
  problem_->setObjectName("problem");
  problem_->setWordWrap(true);
  problem_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  problem_->setStyleSheet(
      "QLabel { background: #fff4e5; border: 1px solid #e8a33d; padding: 6px; color: #5c3c00 }");
  problem_->hide();
  allow_overlap_ = new QCheckBox(tr("Save anyway: the double booking is intended"));
  allow_overlap_->setAccessibleName(tr("Save anyway although a trainer or the place is booked"));
  allow_overlap_->hide();
}

void SessionDialog::CreateTimeFields() {
  const QDate today = NowInBerlin().date();
  day_ = new QDateEdit(today);
  day_->setCalendarPopup(true);
  day_->setDisplayFormat("dd.MM.yyyy");
  day_->setAccessibleName(tr("Day"));
  several_days_ = new QCheckBox(tr("Every day until"));
  several_days_->setAccessibleName(tr("One session every day until a last day"));
  several_days_->setEnabled(!editing_);
  last_day_ = new QDateEdit(today);
  last_day_->setCalendarPopup(true);
  last_day_->setDisplayFormat("dd.MM.yyyy");
  last_day_->setAccessibleName(tr("Last day"));
  last_day_->setEnabled(false);
  from_ = new QTimeEdit(QTime(9, 0));
  from_->setDisplayFormat("HH:mm");
  from_->setAccessibleName(tr("From"));
  to_ = new QTimeEdit(QTime(16, 0));
  to_->setDisplayFormat("HH:mm");
  to_->setAccessibleName(tr("To"));
}

void SessionDialog::ShowSession(const v1::Session& session) {
  const QDateTime start = ToBerlin(session.start_time());
  const QDateTime end = ToBerlin(session.end_time());
  day_->setDate(start.date());
  from_->setTime(start.time());
  to_->setTime(end.time());
  place_name_->setText(QString::fromStdString(session.place().name()));
  place_address_->setText(QString::fromStdString(session.place().address()));
  note_->setText(QString::fromStdString(session.note()));
  for (const auto& booking : session.trainers()) {
    for (int i = 0; i < trainers_->count(); ++i) {
      if (trainers_->item(i)->data(Qt::UserRole).toLongLong() == booking.trainer_id()) {
        trainers_->item(i)->setCheckState(Qt::Checked);
      }
    }
  }
}

void SessionDialog::LayOut() {
  auto* days = new QHBoxLayout;
  days->addWidget(day_);
  days->addWidget(several_days_);
  days->addWidget(last_day_);
  days->addStretch();
  auto* times = new QHBoxLayout;
  times->addWidget(from_);
  times->addWidget(new QLabel(tr("to")));
  times->addWidget(to_);
  times->addWidget(new QLabel(tr("(Europe/Berlin)")));
  times->addStretch();
  auto* form = new QFormLayout;
  form->addRow(tr("&Module:"), module_);
  auto* day_label = new QLabel(tr("&Day:"));
  day_label->setBuddy(day_);
  auto* time_label = new QLabel(tr("&Time:"));
  time_label->setBuddy(from_);
  form->addRow(day_label, days);
  form->addRow(time_label, times);
  form->addRow(tr("&Place:"), place_name_);
  form->addRow(tr("&Address:"), place_address_);
  form->addRow(tr("T&rainers:"), trainers_);
  form->addRow(tr("&Note:"), note_);
  buttons_ = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
  save_ = buttons_->button(QDialogButtonBox::Save);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(problem_);
  layout->addWidget(allow_overlap_);
  layout->addWidget(buttons_);
}

void SessionDialog::ConnectSignals() {
  connect(several_days_, &QCheckBox::toggled, last_day_, &QWidget::setEnabled);
  last_day_->setMinimumDate(day_->date());
  connect(day_, &QDateEdit::dateChanged, last_day_, &QDateEdit::setMinimumDate);
  // An override answers one conflict: any change of the form asks again.
  const auto changed = [this]() {
    allow_overlap_->setChecked(false);
    allow_overlap_->hide();
  };
  connect(day_, &QDateEdit::dateChanged, this, changed);
  connect(last_day_, &QDateEdit::dateChanged, this, changed);
  connect(several_days_, &QCheckBox::toggled, this, changed);
  connect(from_, &QTimeEdit::timeChanged, this, changed);
  connect(to_, &QTimeEdit::timeChanged, this, changed);
  connect(place_name_, &QLineEdit::textChanged, this, changed);
  connect(place_address_, &QLineEdit::textChanged, this, changed);
  connect(trainers_, &QListWidget::itemChanged, this, changed);
  connect(buttons_, &QDialogButtonBox::accepted, this, &SessionDialog::Save);
  connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

v1::Session SessionDialog::PlaceTrainersAndNote() const {
  v1::Session session;
  session.mutable_place()->set_name(place_name_->text().trimmed().toStdString());
  session.mutable_place()->set_address(place_address_->text().trimmed().toStdString());
  session.set_note(note_->text().toStdString());
  for (int i = 0; i < trainers_->count(); ++i) {
    if (trainers_->item(i)->checkState() == Qt::Checked) {
      session.add_trainers()->set_trainer_id(trainers_->item(i)->data(Qt::UserRole).toLongLong());
    }
  }
  return session;
}

void SessionDialog::SetTimesOn(const QDate& day, v1::Session* session) const {
  *session->mutable_start_time() = ToTimestamp(QDateTime(day, from_->time(), BerlinZone()));
  *session->mutable_end_time() = ToTimestamp(QDateTime(day, to_->time(), BerlinZone()));
}

v1::UpdateSessionRequest SessionDialog::UpdateRequest(const v1::Session& session,
                                                      bool allow_overlap) const {
  v1::UpdateSessionRequest request;
  *request.mutable_session() = session;
  request.mutable_session()->set_id(editing_->id());
  // Keep each kept trainer's booking state (the server does when unset).
  SetTimesOn(day_->date(), request.mutable_session());
  for (const char* path : {"start_time", "end_time", "place", "trainers", "note"}) {
    request.mutable_update_mask()->add_paths(path);
  }
  request.set_allow_overlap(allow_overlap);
  return request;
}

v1::CreateSessionDaysRequest SessionDialog::CreateDaysRequest(const v1::Session& session,
                                                              const QDate& last,
                                                              bool allow_overlap) const {
  v1::CreateSessionDaysRequest request;
  request.set_series_id(series_id_);
  request.set_module_id(module_->currentData().toLongLong());
  *request.mutable_first_day() = ToLocalDate(day_->date());
  *request.mutable_last_day() = ToLocalDate(last);
  *request.mutable_daily_start() = ToLocalTime(from_->time());
  *request.mutable_daily_end() = ToLocalTime(to_->time());
  *request.mutable_session() = session;
  request.set_allow_overlap(allow_overlap);
  request.set_request_id(NewRequestId());
  return request;
}

v1::CreateSessionRequest SessionDialog::CreateRequest(const v1::Session& session,
                                                      bool allow_overlap) const {
  v1::CreateSessionRequest request;
  request.set_series_id(series_id_);
  request.set_module_id(module_->currentData().toLongLong());
  *request.mutable_session() = session;
  SetTimesOn(day_->date(), request.mutable_session());
  request.set_allow_overlap(allow_overlap);
  request.set_request_id(NewRequestId());
  return request;
}

void SessionDialog::Save() {
  if (to_->time() <= from_->time()) {
    problem_->setText(tr("“To” must be later than “From”."));
    problem_->show();
    to_->setFocus();
    return;
  }
  const v1::Session session = PlaceTrainersAndNote();
  const bool allow_overlap = allow_overlap_->isVisible() && allow_overlap_->isChecked();
  const QDate first = day_->date();
  const QDate last = several_days_->isChecked() ? last_day_->date() : first;
  std::function<grpc::Status()> call;
  if (editing_) {
    call = SeriesCall(connection_, &v1::SeriesService::Stub::UpdateSession,
                      UpdateRequest(session, allow_overlap));
  } else if (last != first) {
    call = SeriesCall(connection_, &v1::SeriesService::Stub::CreateSessionDays,
                      CreateDaysRequest(session, last, allow_overlap));
  } else {
    call = SeriesCall(connection_, &v1::SeriesService::Stub::CreateSession,
                      CreateRequest(session, allow_overlap));
  }
  save_->setEnabled(false);
  RunInBackground<Reply<bool>>(
      this,
      [call]() {
        return Reply<bool>{call(), true};
      },
      [this](Reply<bool> reply) {
        save_->setEnabled(true);
        if (reply.ok()) {
          emit saved();
          accept();
          return;
        }
        const ErrorText error = DescribeError(reply.status, SessionLabels());
        if (error.double_booking) {
          ShowConflict(error.conflicting_session_id, error.ToString());
          return;
        }
        problem_->setText(error.ToString());
        problem_->show();
      });
}

void SessionDialog::ShowConflict(qint64 session_id, const QString& text) {
  problem_->setText(tr("Not saved: %1").arg(text));
  problem_->show();
  allow_overlap_->setChecked(false);
  allow_overlap_->show();
  allow_overlap_->setFocus();
  if (session_id == 0) return;  // another organisation's session: no details
  v1::GetSessionRequest request;
  request.set_id(session_id);
  CallInBackground(
      this, connection_, &Connection::series, &v1::SeriesService::Stub::GetSession, request,
      [this](Reply<v1::Session> reply) {
        if (!reply.ok()) return;  // the text above stays
        const v1::Session& other = reply.value;
        QStringList names;
        for (const auto& booking : other.trainers()) {
          names << QString::fromStdString(booking.trainer_name());
        }
        problem_->setText(tr("Not saved. Already booked then:\n%1 – %2\n%3, %4\nTrainers: %5\nTick "
                             "“Save anyway” to book all the same.")
                              .arg(QString::fromStdString(other.series_title()),
                                   QString::fromStdString(other.module_title()),
                                   FormatRange(other.start_time(), other.end_time()),
                                   QString::fromStdString(other.place().name()), names.join(", ")));
      });
}

}  // namespace trainhub::desktop
