#include "clients/desktop/enrolment_board.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QVBoxLayout>
#include <algorithm>

#include "clients/desktop/background.h"
#include "clients/desktop/error_text.h"
#include "clients/desktop/labels.h"
#include "clients/desktop/list_all.h"
#include "clients/desktop/server_call.h"
#include "clients/desktop/time_text.h"

namespace trainhub::desktop {

namespace v1 = trainhub::v1;

namespace {

// Board order: seats, waiting list by position, awaiting approval, ended.
int Rank(const v1::Enrolment& e) {
  switch (e.state()) {
    case v1::ENROLMENT_STATE_CONFIRMED:
    case v1::ENROLMENT_STATE_ENROLLED:
      return 0;
    case v1::ENROLMENT_STATE_WAITLISTED:
      return 1;
    case v1::ENROLMENT_STATE_PENDING_APPROVAL:
      return 2;
    default:
      return 3;
  }
}

bool Ended(const v1::Enrolment& e) { return Rank(e) == 3; }

// The colours of the board's message line.
constexpr char kError[] = "#b00020";
constexpr char kNotice[] = "#8a5a00";
constexpr char kDone[] = "#1b5e20";

FieldLabels EnrolmentLabels() {
  return {{"reason", EnrolmentBoard::tr("Reason")},
          {"participant_id", EnrolmentBoard::tr("Person")},
          {"override_eligibility", EnrolmentBoard::tr("Outside the target groups")}};
}

}  // namespace

EnrolmentBoard::EnrolmentBoard(std::shared_ptr<Connection> connection, QWidget* parent)
    : QWidget(parent), connection_(std::move(connection)) {
  CreateBoard();
  CreateEnrolForm();
  LayOut();
  ConnectSignals();
}

void EnrolmentBoard::CreateBoard() {
  summary_ = new QLabel;
  summary_->setObjectName("summary");
  summary_->setStyleSheet("font-weight: bold");
  problem_ = new QLabel;
  problem_->setObjectName("problem");
  problem_->setWordWrap(true);
  problem_->setStyleSheet("color: #b00020");
  show_ended_ = new QCheckBox(tr("Show ended enrolments"));
  table_ = new QTableWidget(0, 5);
  table_->setAccessibleName(tr("Enrolments"));
  table_->setHorizontalHeaderLabels(
      {tr("Person"), tr("State"), tr("Waiting list"), tr("Requested"), tr("Note")});
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->horizontalHeader()->setStretchLastSection(true);
  // Notes and reasons wrap in the last column instead of widening the board.
  table_->horizontalHeader()->setSectionResizeMode(4, QHeaderView::Stretch);
  table_->setWordWrap(true);
  table_->verticalHeader()->hide();
  approve_ = new QPushButton(tr("&Approve"));
  reject_ = new QPushButton(tr("Re&ject…"));
  withdraw_ = new QPushButton(tr("&Withdraw…"));
  release_ = new QPushButton(tr("Release &unconfirmed seats…"));
  for (QPushButton* button : {approve_, reject_, withdraw_, release_}) button->setEnabled(false);
}

void EnrolmentBoard::CreateEnrolForm() {
  search_ = new QLineEdit;
  search_->setPlaceholderText(tr("Name (part of it is enough)"));
  search_->setAccessibleName(tr("Find a person by name"));
  search_->setMaxLength(200);
  find_ = new QPushButton(tr("&Find"));
  found_ = new QTableWidget(0, 2);
  found_->setAccessibleName(tr("People found"));
  found_->setHorizontalHeaderLabels({tr("Person"), tr("E-mail")});
  found_->setSelectionBehavior(QAbstractItemView::SelectRows);
  found_->setSelectionMode(QAbstractItemView::SingleSelection);
  found_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  found_->horizontalHeader()->setStretchLastSection(true);
  found_->verticalHeader()->hide();
  found_->setMaximumHeight(140);
  override_ = new QCheckBox(tr("Enrol although outside the target groups"));
  enrol_ = new QPushButton(tr("&Enrol"));
  enrol_->setEnabled(false);
}

void EnrolmentBoard::LayOut() {
  auto* actions = new QHBoxLayout;
  for (QPushButton* button : {approve_, reject_, withdraw_, release_}) actions->addWidget(button);
  actions->addStretch();
  actions->addWidget(show_ended_);
  auto* find_row = new QHBoxLayout;
  find_row->addWidget(search_);
  find_row->addWidget(find_);
  auto* enrol_row = new QHBoxLayout;
  enrol_row->addWidget(override_);
  enrol_row->addStretch();
  enrol_row->addWidget(enrol_);
  auto* enrol_box = new QGroupBox(tr("Enrol a person"));
  auto* enrol_layout = new QVBoxLayout(enrol_box);
  enrol_layout->addLayout(find_row);
  enrol_layout->addWidget(found_);
  enrol_layout->addLayout(enrol_row);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(summary_);
  layout->addWidget(table_, 1);
  layout->addLayout(actions);
  layout->addWidget(problem_);
  layout->addWidget(enrol_box);
}

void EnrolmentBoard::ConnectSignals() {
  connect(show_ended_, &QCheckBox::toggled, this, &EnrolmentBoard::Render);
  connect(table_, &QTableWidget::itemSelectionChanged, this, [this]() {
    const v1::Enrolment* e = Selected();
    approve_->setEnabled(e && e->state() == v1::ENROLMENT_STATE_PENDING_APPROVAL);
    reject_->setEnabled(e && e->state() == v1::ENROLMENT_STATE_PENDING_APPROVAL);
    withdraw_->setEnabled(e && !Ended(*e));
  });
  connect(approve_, &QPushButton::clicked, this, [this]() { Act(Action::kApprove); });
  connect(reject_, &QPushButton::clicked, this, [this]() { Act(Action::kReject); });
  connect(withdraw_, &QPushButton::clicked, this, [this]() { Act(Action::kWithdraw); });
  connect(release_, &QPushButton::clicked, this, [this]() { Act(Action::kRelease); });
  connect(find_, &QPushButton::clicked, this, &EnrolmentBoard::FindPeople);
  connect(search_, &QLineEdit::returnPressed, this, &EnrolmentBoard::FindPeople);
  connect(found_, &QTableWidget::itemSelectionChanged, this,
          [this]() { enrol_->setEnabled(!found_->selectedItems().isEmpty()); });
  connect(enrol_, &QPushButton::clicked, this, [this]() {
    const auto rows = found_->selectionModel()->selectedRows();
    if (rows.isEmpty()) return;
    Enrol(found_->item(rows.first().row(), 0)->data(Qt::UserRole).toLongLong(),
          override_->isChecked());
  });
}

void EnrolmentBoard::ShowSeries(const v1::Series& series) {
  series_ = series;
  release_->setEnabled(series.requires_confirmation());
  Reload();
}

void EnrolmentBoard::Reload() {
  auto connection = connection_;
  const qint64 series_id = series_.id();
  RunInBackground<Reply<std::pair<v1::Series, std::vector<v1::Enrolment>>>>(
      this,
      [connection, series_id]() {
        Reply<std::pair<v1::Series, std::vector<v1::Enrolment>>> reply;
        v1::GetSeriesRequest get;
        get.set_id(series_id);
        reply.status = connection->Call(connection->series(), &v1::SeriesService::Stub::GetSeries,
                                        get, &reply.value.first);
        if (!reply.ok()) return reply;
        v1::ListEnrolmentsRequest list;
        list.set_series_id(series_id);
        reply.status = ListAll<v1::EnrolmentService::Stub>(
            *connection, connection->enrolments(), &v1::EnrolmentService::Stub::ListEnrolments,
            list, [&reply](const v1::ListEnrolmentsResponse& page) {
              reply.value.second.insert(reply.value.second.end(), page.enrolments().begin(),
                                        page.enrolments().end());
            });
        return reply;
      },
      [this](Reply<std::pair<v1::Series, std::vector<v1::Enrolment>>> reply) {
        if (!reply.ok()) {
          Say(DescribeError(reply.status).ToString(), kError);
          return;
        }
        series_ = reply.value.first;
        enrolments_ = std::move(reply.value.second);
        std::stable_sort(enrolments_.begin(), enrolments_.end(),
                         [](const v1::Enrolment& a, const v1::Enrolment& b) {
                           if (Rank(a) != Rank(b)) return Rank(a) < Rank(b);
                           if (a.state() == v1::ENROLMENT_STATE_WAITLISTED) {
                             return a.waitlist_position() < b.waitlist_position();
                           }
                           return a.queue_number() < b.queue_number();
                         });
        Render();
        emit loaded();
      });
}

void EnrolmentBoard::Render() {
  int pending = 0;
  int unconfirmed = 0;
  int requirement_unmet = 0;
  for (const auto& e : enrolments_) {
    pending += e.state() == v1::ENROLMENT_STATE_PENDING_APPROVAL;
    unconfirmed += e.state() == v1::ENROLMENT_STATE_ENROLLED && series_.requires_confirmation();
    requirement_unmet += !e.requirement_unmet().empty();
  }
  QString text = tr("Seats taken: %1 of %2 · waiting list: %3")
                     .arg(series_.seats_taken())
                     .arg(series_.capacity())
                     .arg(series_.waitlist_length());
  if (pending > 0) text += tr(" · awaiting approval: %1").arg(pending);
  if (unconfirmed > 0) text += tr(" · seats not confirmed: %1").arg(unconfirmed);
  if (requirement_unmet > 0) {
    text += tr(" · ⚠ requirement no longer met: %1").arg(requirement_unmet);
  }
  summary_->setText(text);
  table_->setRowCount(0);
  for (const auto& e : enrolments_) {
    if (Ended(e) && !show_ended_->isChecked()) continue;
    const int row = table_->rowCount();
    table_->insertRow(row);
    auto* name = new QTableWidgetItem(QString::fromStdString(e.participant_name()));
    name->setData(Qt::UserRole, QVariant::fromValue<qint64>(e.id()));
    table_->setItem(row, 0, name);
    QString state = Labels::Enrolment(e.state());
    if (e.state() == v1::ENROLMENT_STATE_ENROLLED && series_.requires_confirmation()) {
      state = tr("Seat (not confirmed yet)");
    }
    // The person lacks a qualification the series requires (a revoked
    // Zertifikat, say): marked with the reason; the coordinator decides.
    const QString unmet = QString::fromStdString(e.requirement_unmet());
    QString note = QString::fromStdString(e.note());
    if (!unmet.isEmpty()) {
      state = QStringLiteral("⚠ %1").arg(state);
      const QString marker = tr("Requirement no longer met: %1").arg(unmet);
      note = note.isEmpty() ? marker : marker + QStringLiteral(" · ") + note;
    }
    table_->setItem(row, 1, new QTableWidgetItem(state));
    table_->setItem(
        row, 2,
        new QTableWidgetItem(e.waitlist_position() > 0 ? QString::number(e.waitlist_position())
                                                       : QString()));
    table_->setItem(row, 3, new QTableWidgetItem(FormatDateTime(e.request_time())));
    table_->setItem(row, 4, new QTableWidgetItem(note));
    if (!unmet.isEmpty()) {
      for (int c = 0; c < 5; ++c) {
        table_->item(row, c)->setBackground(QColor("#fdecea"));
        table_->item(row, c)->setToolTip(note);
      }
    } else if (e.state() == v1::ENROLMENT_STATE_WAITLISTED) {
      for (int c = 0; c < 5; ++c) table_->item(row, c)->setBackground(QColor("#fff8e1"));
    } else if (e.state() == v1::ENROLMENT_STATE_PENDING_APPROVAL) {
      for (int c = 0; c < 5; ++c) table_->item(row, c)->setBackground(QColor("#e3f2fd"));
    }
  }
  for (int c = 0; c < 4; ++c) table_->resizeColumnToContents(c);  // the note column stretches
  table_->resizeRowsToContents();
}

void EnrolmentBoard::Say(const QString& text, const char* colour) {
  problem_->setStyleSheet(QStringLiteral("color: %1; font-weight: bold").arg(colour));
  problem_->setText(text);
}

const v1::Enrolment* EnrolmentBoard::Selected() const {
  const auto rows = table_->selectionModel()->selectedRows();
  if (rows.isEmpty()) return nullptr;
  const qint64 id = table_->item(rows.first().row(), 0)->data(Qt::UserRole).toLongLong();
  for (const auto& e : enrolments_) {
    if (e.id() == id) return &e;
  }
  return nullptr;
}

void EnrolmentBoard::FindPeople() {
  v1::ListParticipantsRequest request;
  request.set_name(search_->text().trimmed().toStdString());
  request.set_page_size(50);
  CallInBackground(
      this, connection_, &Connection::participants, &v1::ParticipantService::Stub::ListParticipants,
      request, [this](Reply<v1::ListParticipantsResponse> reply) {
        found_->setRowCount(0);
        if (!reply.ok()) {
          Say(DescribeError(reply.status, {{"name", tr("Name")}}).ToString(), kError);
          return;
        }
        Say({}, kDone);
        for (const auto& person : reply.value.participants()) {
          const int row = found_->rowCount();
          found_->insertRow(row);
          auto* name = new QTableWidgetItem(QString::fromStdString(person.display_name()));
          name->setData(Qt::UserRole, QVariant::fromValue<qint64>(person.id()));
          found_->setItem(row, 0, name);
          found_->setItem(row, 1, new QTableWidgetItem(QString::fromStdString(person.email())));
        }
        if (reply.value.participants_size() == 0) Say(tr("Nobody found."), kNotice);
      });
}

void EnrolmentBoard::Enrol(qint64 participant_id, bool override_eligibility) {
  v1::RequestEnrolmentRequest request;
  request.set_series_id(series_.id());
  request.set_participant_id(participant_id);
  request.set_override_eligibility(override_eligibility);
  request.set_request_id(NewRequestId());
  CallInBackground(this, connection_, &Connection::enrolments,
                   &v1::EnrolmentService::Stub::RequestEnrolment, request,
                   [this](Reply<v1::Enrolment> reply) {
                     if (!reply.ok()) {
                       Say(DescribeError(reply.status, EnrolmentLabels()).ToString(), kError);
                       return;
                     }
                     const v1::Enrolment& e = reply.value;
                     Say(e.state() == v1::ENROLMENT_STATE_WAITLISTED
                             ? tr("%1 is on the waiting list at position %2: the series is full.")
                                   .arg(QString::fromStdString(e.participant_name()))
                                   .arg(e.waitlist_position())
                             : tr("%1: %2.").arg(QString::fromStdString(e.participant_name()),
                                                 Labels::Enrolment(e.state())),
                         e.state() == v1::ENROLMENT_STATE_WAITLISTED ? kNotice : kDone);
                     Reload();
                     emit seriesChanged();
                   });
}

void EnrolmentBoard::Act(Action action) {
  const v1::Enrolment* selected = Selected();
  if (action != Action::kRelease && selected == nullptr) return;
  QString reason;
  if (action != Action::kApprove) {
    bool ok = false;
    const QString prompt = action == Action::kRelease
                               ? tr("Reason (empty: no binding confirmation by the deadline):")
                               : tr("Reason (kept in the history):");
    reason = QInputDialog::getText(this, tr("Reason"), prompt, QLineEdit::Normal, QString(), &ok);
    if (!ok) return;
  }
  const qint64 id = selected ? selected->id() : 0;
  const qint64 series_id = series_.id();
  const std::string why = reason.trimmed().toStdString();
  auto connection = connection_;
  RunInBackground<Reply<bool>>(
      this,
      [connection, action, id, series_id, why]() {
        Reply<bool> reply;
        auto& stub = connection->enrolments();
        using Stub = v1::EnrolmentService::Stub;
        if (action == Action::kApprove) {
          v1::ApproveEnrolmentRequest request;
          request.set_id(id);
          request.set_request_id(NewRequestId());
          v1::Enrolment response;
          reply.status = connection->Call(stub, &Stub::ApproveEnrolment, request, &response);
        } else if (action == Action::kReject) {
          v1::RejectEnrolmentRequest request;
          request.set_id(id);
          request.set_reason(why);
          request.set_request_id(NewRequestId());
          v1::Enrolment response;
          reply.status = connection->Call(stub, &Stub::RejectEnrolment, request, &response);
        } else if (action == Action::kWithdraw) {
          v1::WithdrawEnrolmentRequest request;
          request.set_id(id);
          request.set_reason(why);
          request.set_request_id(NewRequestId());
          v1::Enrolment response;
          reply.status = connection->Call(stub, &Stub::WithdrawEnrolment, request, &response);
        } else {
          v1::ReleaseUnconfirmedSeatsRequest request;
          request.set_series_id(series_id);
          request.set_reason(why);
          request.set_request_id(NewRequestId());
          v1::ReleaseUnconfirmedSeatsResponse response;
          reply.status = connection->Call(stub, &Stub::ReleaseUnconfirmedSeats, request, &response);
        }
        return reply;
      },
      [this](Reply<bool> reply) {
        Say(reply.ok() ? QString() : DescribeError(reply.status, EnrolmentLabels()).ToString(),
            kError);
        Reload();
        emit seriesChanged();
      });
}

}  // namespace trainhub::desktop
