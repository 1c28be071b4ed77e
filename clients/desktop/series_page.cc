#include "clients/desktop/series_page.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QMessageBox>
#include <QSplitter>
#include <QVBoxLayout>

#include "clients/desktop/attendance_panel.h"
#include "clients/desktop/background.h"
#include "clients/desktop/certificates_panel.h"
#include "clients/desktop/completion_panel.h"
#include "clients/desktop/enrolment_board.h"
#include "clients/desktop/error_text.h"
#include "clients/desktop/labels.h"
#include "clients/desktop/list_all.h"
#include "clients/desktop/planning_dialogs.h"
#include "clients/desktop/server_call.h"
#include "clients/desktop/session_dialog.h"
#include "clients/desktop/text_search.h"
#include "clients/desktop/time_text.h"
#include "clients/desktop/widgets.h"

namespace trainhub::desktop {

namespace v1 = trainhub::v1;

namespace {

struct SeriesData {
  std::vector<v1::Series> series;
  std::vector<v1::Organization> organizations;
};

struct ScheduleData {
  std::vector<v1::Module> modules;
  std::vector<v1::Session> sessions;
  std::vector<v1::Trainer> trainers;
};

// The modules and sessions of a series, and the trainers to choose from
// when `need_trainers` (blocking; run it in the background).
Reply<ScheduleData> FetchSchedule(Connection& connection, qint64 series_id, bool need_trainers) {
  Reply<ScheduleData> reply;
  v1::ListModulesRequest modules;
  modules.set_series_id(series_id);
  reply.status = ListAllInto(connection, connection.series(), &v1::SeriesService::Stub::ListModules,
                             modules, &v1::ListModulesResponse::modules, &reply.value.modules);
  if (!reply.ok()) return reply;
  v1::ListSessionsRequest sessions;
  sessions.set_series_id(series_id);
  reply.status =
      ListAllInto(connection, connection.series(), &v1::SeriesService::Stub::ListSessions, sessions,
                  &v1::ListSessionsResponse::sessions, &reply.value.sessions);
  if (reply.ok() && need_trainers) {
    ListAllInto(connection, connection.trainers(), &v1::TrainerService::Stub::ListTrainers,
                v1::ListTrainersRequest(), &v1::ListTrainersResponse::trainers,
                &reply.value.trainers);
  }
  return reply;
}

}  // namespace

SeriesPage::SeriesPage(std::shared_ptr<Connection> connection, QWidget* parent)
    : QWidget(parent), connection_(std::move(connection)) {
  CreateListWidgets();
  CreateDetailWidgets();
  LayOut();
  ConnectSignals();
}

void SeriesPage::CreateListWidgets() {
  status_ = new QComboBox;
  status_->setAccessibleName(tr("Status"));
  status_->addItem(tr("Any status"), 0);
  for (int s = v1::SERIES_STATUS_DRAFT; s <= v1::SERIES_STATUS_CANCELLED; ++s) {
    status_->addItem(Labels::SeriesStatus(static_cast<v1::SeriesStatus>(s)), s);
  }
  organization_ = new QComboBox;
  organization_->setAccessibleName(tr("Organisation"));
  organization_->addItem(tr("Any organisation"), QVariant::fromValue<qint64>(0));
  year_ = new QSpinBox;
  year_->setAccessibleName(tr("Year"));
  year_->setRange(1999, 2100);
  year_->setSpecialValueText(tr("Any year"));
  year_->setValue(1999);
  search_ = new QLineEdit;
  search_->setAccessibleName(tr("Search series by title"));
  search_->setPlaceholderText(tr("Search by title"));
  search_->setClearButtonEnabled(true);
  series_ = new QTableWidget(0, 4);
  series_->setAccessibleName(tr("Series"));
  series_->setHorizontalHeaderLabels({tr("Title"), tr("Status"), tr("Seats"), tr("Starts")});
  series_->setSelectionBehavior(QAbstractItemView::SelectRows);
  series_->setSelectionMode(QAbstractItemView::SingleSelection);
  series_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  series_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  series_->verticalHeader()->hide();
  // Titles often differ only at their end ("… Durchgang Frühjahr" /
  // "… Herbst"): cut in the middle, the whole title in the tooltip.
  series_->setWordWrap(false);
  series_->setTextElideMode(Qt::ElideMiddle);
  problem_ = NewProblemLabel();
}

void SeriesPage::CreateDetailWidgets() {
  heading_ = new QLabel;
  heading_->setWordWrap(true);
  heading_->setStyleSheet("font-size: 14pt; font-weight: bold");
  schedule_ = new QTreeWidget;
  schedule_->setAccessibleName(tr("Modules and sessions"));
  schedule_->setHeaderLabels({tr("Module / session"), tr("When"), tr("Place"), tr("Trainers")});
  plan_ = new QPushButton(tr("&Plan a session…"));
  edit_ = new QPushButton(tr("&Change session…"));
  delete_session_ = new QPushButton(tr("De&lete session…"));
  add_module_ = new QPushButton(tr("Add &module…"));
  edit_module_ = new QPushButton(tr("Change m&odule…"));
  settings_ = new QPushButton(tr("Series se&ttings…"));
  new_series_ = new QPushButton(tr("&New series…"));
  for (QPushButton* b : {plan_, edit_, delete_session_, add_module_, edit_module_, settings_}) {
    b->setEnabled(false);
  }
  board_ = new EnrolmentBoard(connection_);
  completion_ = new CompletionPanel(connection_);
  certificates_ = new CertificatesPanel(connection_);
  attendance_ = new AttendancePanel(connection_);

  auto* schedule_page = new QWidget;
  auto* schedule_buttons = new QHBoxLayout;
  schedule_buttons->addWidget(add_module_);
  schedule_buttons->addWidget(edit_module_);
  schedule_buttons->addWidget(plan_);
  schedule_buttons->addWidget(edit_);
  schedule_buttons->addWidget(delete_session_);
  schedule_buttons->addStretch();
  auto* schedule_layout = new QVBoxLayout(schedule_page);
  schedule_layout->addWidget(schedule_);
  schedule_layout->addLayout(schedule_buttons);
  details_ = new QTabWidget;
  details_->addTab(schedule_page, tr("&Schedule"));
  details_->addTab(board_, tr("&Enrolment"));
  details_->addTab(completion_, tr("C&ompletion"));
  details_->addTab(certificates_, tr("Cert&ificates"));
  details_->addTab(attendance_, tr("Atten&dance"));
}

void SeriesPage::LayOut() {
  auto* filters = new QHBoxLayout;
  filters->addWidget(status_);
  filters->addWidget(organization_);
  filters->addWidget(year_);
  auto* left = new QWidget;
  auto* left_layout = new QVBoxLayout(left);
  left_layout->addLayout(filters);
  left_layout->addWidget(search_);
  left_layout->addWidget(series_, 1);
  left_layout->addWidget(new_series_, 0, Qt::AlignLeft);
  left_layout->addWidget(problem_);
  auto* right = new QWidget;
  auto* right_layout = new QVBoxLayout(right);
  auto* heading_row = new QHBoxLayout;
  heading_row->addWidget(heading_, 1);
  heading_row->addWidget(settings_, 0, Qt::AlignTop);
  right_layout->addLayout(heading_row);
  right_layout->addWidget(details_, 1);
  auto* splitter = new QSplitter;
  splitter->addWidget(left);
  splitter->addWidget(right);
  splitter->setStretchFactor(1, 2);
  splitter->setSizes({520, 680});
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(splitter);
}

void SeriesPage::ConnectSignals() {
  connect(status_, &QComboBox::currentIndexChanged, this, &SeriesPage::Reload);
  connect(organization_, &QComboBox::currentIndexChanged, this, &SeriesPage::Reload);
  connect(year_, &QSpinBox::valueChanged, this, &SeriesPage::Reload);
  connect(search_, &QLineEdit::textChanged, this, &SeriesPage::ApplyFilter);
  connect(series_, &QTableWidget::itemSelectionChanged, this, &SeriesPage::ShowSelected);
  connect(plan_, &QPushButton::clicked, this, &SeriesPage::PlanSession);
  connect(edit_, &QPushButton::clicked, this, [this]() { EditSession(schedule_->currentItem()); });
  connect(schedule_, &QTreeWidget::itemActivated, this,
          [this](QTreeWidgetItem* item) { EditSession(item); });
  connect(schedule_, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
    const bool session = item != nullptr && item->data(0, Qt::UserRole + 1).toLongLong() != 0;
    edit_->setEnabled(session);
    delete_session_->setEnabled(session);
    edit_module_->setEnabled(item != nullptr);
  });
  connect(delete_session_, &QPushButton::clicked, this, &SeriesPage::DeleteSession);
  connect(add_module_, &QPushButton::clicked, this, [this]() { EditModule(true); });
  connect(edit_module_, &QPushButton::clicked, this, [this]() { EditModule(false); });
  connect(settings_, &QPushButton::clicked, this, &SeriesPage::EditSeries);
  connect(new_series_, &QPushButton::clicked, this, &SeriesPage::NewSeries);
  connect(completion_, &CompletionPanel::issued, certificates_, &CertificatesPanel::Reload);
  connect(certificates_, &CertificatesPanel::changed, completion_, &CompletionPanel::Reload);
  connect(board_, &EnrolmentBoard::loaded, this, [this]() {
    // The list's seat counts follow the board.
    for (auto& kept : all_series_) {
      if (kept.id() == board_->series().id()) kept = board_->series();
    }
    ApplyFilter();
  });
  connect(board_, &EnrolmentBoard::seriesChanged, this, [this]() {
    // Seats changed: the list's counts follow without losing the selection.
    const v1::Series* s = Selected();
    if (s != nullptr) completion_->ShowSeries(*s);
  });
}

void SeriesPage::Reload() {
  v1::ListSeriesRequest request;
  request.set_status(static_cast<v1::SeriesStatus>(status_->currentData().toInt()));
  request.set_organization_id(organization_->currentData().toLongLong());
  if (year_->value() != year_->minimum()) {
    *request.mutable_from() = ToTimestamp(QDateTime(QDate(year_->value(), 1, 1), {}, BerlinZone()));
    *request.mutable_to() =
        ToTimestamp(QDateTime(QDate(year_->value() + 1, 1, 1), {}, BerlinZone()));
  }
  const bool need_organizations = organization_->count() == 1;
  auto connection = connection_;
  RunInBackground<Reply<SeriesData>>(
      this,
      [connection, request, need_organizations]() {
        Reply<SeriesData> reply;
        reply.status = ListAll<v1::SeriesService::Stub>(
            *connection, connection->series(), &v1::SeriesService::Stub::ListSeries, request,
            [&reply](const v1::ListSeriesResponse& page) {
              reply.value.series.insert(reply.value.series.end(), page.series().begin(),
                                        page.series().end());
            });
        if (reply.ok() && need_organizations) {
          ListAllOrganizations(*connection, &reply.value.organizations);
        }
        return reply;
      },
      [this](Reply<SeriesData> reply) {
        if (!reply.ok()) {
          problem_->setText(DescribeError(reply.status).ToString());
          return;
        }
        problem_->clear();
        const QSignalBlocker blocker(organization_);
        if (!reply.value.organizations.empty()) organizations_ = reply.value.organizations;
        for (const auto& org : reply.value.organizations) {
          organization_->addItem(QString::fromStdString(org.name()),
                                 QVariant::fromValue<qint64>(org.id()));
        }
        all_series_ = std::move(reply.value.series);
        ApplyFilter();
        emit seriesLoaded();
      });
}

void SeriesPage::ApplyFilter() {
  const qint64 keep = Selected() ? Selected()->id() : 0;
  const QString wanted = FoldForSearch(search_->text().trimmed());
  const QSignalBlocker blocker(series_);
  series_->setRowCount(0);
  for (const auto& s : all_series_) {
    const QString title = QString::fromStdString(s.title());
    if (!wanted.isEmpty() && !FoldForSearch(title).contains(wanted)) continue;
    const int row = series_->rowCount();
    series_->insertRow(row);
    auto* title_item = new QTableWidgetItem(title);
    title_item->setData(Qt::UserRole, QVariant::fromValue<qint64>(s.id()));
    title_item->setToolTip(QStringLiteral("%1\n%2").arg(title, Labels::SeriesKind(s.kind())));
    series_->setItem(row, 0, title_item);
    series_->setItem(row, 1, new QTableWidgetItem(Labels::SeriesStatus(s.status())));
    QString seats = QStringLiteral("%1/%2").arg(s.seats_taken()).arg(s.capacity());
    if (s.waitlist_length() > 0) seats += tr(" +%1 waiting").arg(s.waitlist_length());
    series_->setItem(row, 2, new QTableWidgetItem(seats));
    series_->setItem(row, 3,
                     new QTableWidgetItem(FormatDateTime(s.first_session_start()).left(10)));
  }
  for (int column = 1; column < series_->columnCount(); ++column) {
    series_->resizeColumnToContents(column);
  }
  if (keep != 0) SelectSeries(keep);
}

bool SeriesPage::SelectSeries(qint64 series_id) {
  for (int row = 0; row < series_->rowCount(); ++row) {
    if (series_->item(row, 0)->data(Qt::UserRole).toLongLong() == series_id) {
      series_->selectRow(row);
      return true;
    }
  }
  return false;
}

const v1::Series* SeriesPage::Selected() const {
  const auto rows = series_->selectionModel()->selectedRows();
  if (rows.isEmpty()) return nullptr;
  const qint64 id = series_->item(rows.first().row(), 0)->data(Qt::UserRole).toLongLong();
  for (const auto& s : all_series_) {
    if (s.id() == id) return &s;
  }
  return nullptr;
}

void SeriesPage::ShowSelected() {
  const v1::Series* s = Selected();
  for (QPushButton* b : {plan_, add_module_, settings_}) b->setEnabled(s != nullptr);
  if (s == nullptr) return;
  heading_->setText(QStringLiteral("%1<br><small>%2 · %3</small>")
                        .arg(QString::fromStdString(s->title()).toHtmlEscaped(),
                             Labels::SeriesKind(s->kind()), Labels::SeriesStatus(s->status())));
  LoadSchedule();
  board_->ShowSeries(*s);
  completion_->ShowSeries(*s);
  certificates_->ShowSeries(*s);
  attendance_->ShowSeries(*s);
}

void SeriesPage::LoadSchedule() {
  const v1::Series* s = Selected();
  if (s == nullptr) return;
  const qint64 series_id = s->id();
  const bool need_trainers = trainers_.empty();
  auto connection = connection_;
  RunInBackground<Reply<ScheduleData>>(
      this,
      [connection, series_id, need_trainers]() {
        return FetchSchedule(*connection, series_id, need_trainers);
      },
      [this, series_id](Reply<ScheduleData> reply) {
        const v1::Series* s = Selected();
        if (s == nullptr || s->id() != series_id) return;  // another series was chosen meanwhile
        if (!reply.ok()) {
          problem_->setText(DescribeError(reply.status).ToString());
          return;
        }
        modules_ = std::move(reply.value.modules);
        sessions_ = std::move(reply.value.sessions);
        if (!reply.value.trainers.empty()) trainers_ = std::move(reply.value.trainers);
        ShowSchedule();
        emit scheduleLoaded();
      });
}

void SeriesPage::ShowSchedule() {
  schedule_->clear();
  for (const auto& module : modules_) {
    auto* module_item = new QTreeWidgetItem(schedule_);
    module_item->setText(0, QStringLiteral("%1. %2")
                                .arg(module.position())
                                .arg(QString::fromStdString(module.title())));
    module_item->setToolTip(0, module_item->text(0));
    // A module's row has only its title: it runs across the columns.
    module_item->setFirstColumnSpanned(true);
    module_item->setData(0, Qt::UserRole, QVariant::fromValue<qint64>(module.id()));
    QFont bold = module_item->font(0);
    bold.setBold(true);
    module_item->setFont(0, bold);
    for (const auto& session : sessions_) {
      if (session.module_id() == module.id()) AddSessionItem(module_item, session);
    }
    module_item->setExpanded(true);
  }
  // Dates stay whole; titles, places and trainers share the rest.
  FitColumnsToWidth(schedule_, {1});
}

void SeriesPage::AddSessionItem(QTreeWidgetItem* module_item, const v1::Session& session) {
  auto* item = new QTreeWidgetItem(module_item);
  item->setText(0, tr("Session %1").arg(session.id()));
  item->setData(0, Qt::UserRole, QVariant::fromValue<qint64>(session.module_id()));
  item->setData(0, Qt::UserRole + 1, QVariant::fromValue<qint64>(session.id()));
  item->setText(1, FormatRange(session.start_time(), session.end_time()));
  item->setText(2, QString::fromStdString(session.place().name()));
  QStringList trainers;
  bool requested = false;
  for (const auto& booking : session.trainers()) {
    // The mark keeps the booking after a right-to-left name.
    trainers << QStringLiteral("%1\u200E (%2)")
                    .arg(QString::fromStdString(booking.trainer_name()),
                         Labels::Booking(booking.status()));
    requested |= booking.status() == v1::BOOKING_STATUS_REQUESTED;
  }
  item->setText(3, trainers.join(", "));
  for (int column : {2, 3}) item->setToolTip(column, item->text(column));
  if (requested) item->setForeground(3, QColor("#8a5a00"));
}

void SeriesPage::PlanSession() {
  const v1::Series* s = Selected();
  if (s == nullptr) return;
  QTreeWidgetItem* current = schedule_->currentItem();
  const qint64 module_id = current ? current->data(0, Qt::UserRole).toLongLong() : 0;
  OpenSessionDialog(*s, module_id, std::nullopt);
}

void SeriesPage::EditSession(QTreeWidgetItem* item) {
  const v1::Series* s = Selected();
  if (s == nullptr || item == nullptr) return;
  const qint64 session_id = item->data(0, Qt::UserRole + 1).toLongLong();
  for (const auto& session : sessions_) {
    if (session.id() != session_id) continue;
    OpenSessionDialog(*s, session.module_id(), session);
    return;
  }
}

void SeriesPage::OpenSessionDialog(const v1::Series& series, qint64 module_id,
                                   std::optional<v1::Session> editing) {
  auto* dialog = new SessionDialog(connection_, series.id(), modules_, trainers_, module_id,
                                   std::move(editing), this);
  dialog->setObjectName("sessionDialog");
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &SessionDialog::saved, this, &SeriesPage::LoadSchedule);
  dialog->open();
}

void SeriesPage::NewSeries() {
  auto* dialog = new SeriesDialog(connection_, organizations_, std::nullopt, this);
  dialog->setObjectName("seriesDialog");
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &SeriesDialog::saved, this, [this](const v1::Series& series) {
    all_series_.push_back(series);
    ApplyFilter();
    SelectSeries(series.id());
    Reload();
  });
  dialog->open();
}

void SeriesPage::EditSeries() {
  const v1::Series* s = Selected();
  if (s == nullptr) return;
  auto* dialog = new SeriesDialog(connection_, organizations_, *s, this);
  dialog->setObjectName("seriesDialog");
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &SeriesDialog::saved, this, [this](const v1::Series& series) {
    for (auto& kept : all_series_) {
      if (kept.id() == series.id()) kept = series;
    }
    ApplyFilter();
    ShowSelected();
  });
  dialog->open();
}

void SeriesPage::EditModule(bool new_module) {
  const v1::Series* s = Selected();
  if (s == nullptr) return;
  std::optional<v1::Module> editing;
  if (!new_module) {
    QTreeWidgetItem* item = schedule_->currentItem();
    if (item == nullptr) return;
    const qint64 module_id = item->data(0, Qt::UserRole).toLongLong();
    for (const auto& module : modules_) {
      if (module.id() == module_id) editing = module;
    }
    if (!editing) return;
  }
  auto* dialog = new ModuleDialog(connection_, s->id(), editing, this);
  dialog->setObjectName("moduleDialog");
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &ModuleDialog::saved, this, &SeriesPage::LoadSchedule);
  dialog->open();
}

void SeriesPage::DeleteSession() {
  QTreeWidgetItem* item = schedule_->currentItem();
  if (item == nullptr) return;
  const qint64 session_id = item->data(0, Qt::UserRole + 1).toLongLong();
  if (session_id == 0) return;
  if (QMessageBox::question(this, tr("Delete session"),
                            tr("Delete %1 (%2)? Its trainers' bookings go with it.")
                                .arg(item->text(0), item->text(1))) != QMessageBox::Yes) {
    return;
  }
  v1::DeleteSessionRequest request;
  request.set_id(session_id);
  CallInBackground(
      this, connection_, &Connection::series, &v1::SeriesService::Stub::DeleteSession, request,
      [this](Reply<v1::DeleteSessionResponse> reply) {
        problem_->setText(reply.ok() ? QString() : DescribeError(reply.status).ToString());
        LoadSchedule();
      });
}

}  // namespace trainhub::desktop
