#include "clients/desktop/planning_dialogs.h"

#include <google/protobuf/field_mask.pb.h>

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QVBoxLayout>

#include "clients/desktop/background.h"
#include "clients/desktop/error_text.h"
#include "clients/desktop/labels.h"
#include "clients/desktop/widgets.h"

namespace trainhub::desktop {

namespace v1 = trainhub::v1;

namespace {

FieldLabels SeriesLabels() {
  return {{"title", SeriesDialog::tr("Title")},
          {"kind", SeriesDialog::tr("Kind")},
          {"organization_id", SeriesDialog::tr("Organisation")},
          {"description", SeriesDialog::tr("Description")},
          {"capacity", SeriesDialog::tr("Seats")},
          {"target_groups", SeriesDialog::tr("Target groups")},
          {"status", SeriesDialog::tr("Status")},
          {"requires_approval", SeriesDialog::tr("Requests need approval")},
          {"requires_confirmation", SeriesDialog::tr("Binding confirmation")},
          {"awards_qualification", SeriesDialog::tr("Awards")},
          {"issued_documents", SeriesDialog::tr("Certificates")},
          {"required_qualification", SeriesDialog::tr("Requires")}};
}

FieldLabels ModuleLabels() {
  return {{"title", ModuleDialog::tr("Title")},
          {"topics", ModuleDialog::tr("Topics")},
          {"teaching_units", ModuleDialog::tr("Teaching units (UE)")}};
}

}  // namespace

SeriesDialog::SeriesDialog(std::shared_ptr<Connection> connection,
                           const std::vector<v1::Organization>& organizations,
                           std::optional<v1::Series> editing, QWidget* parent)
    : QDialog(parent), connection_(std::move(connection)), editing_(std::move(editing)) {
  setWindowTitle(editing_ ? tr("Series settings") : tr("New series"));
  CreateFields(organizations);
  if (editing_) {
    ShowSeries(*editing_);
  } else {
    status_->setEnabled(false);  // a new series starts as a draft
  }
  LayOut();
  resize(620, sizeHint().height());
}

void SeriesDialog::CreateFields(const std::vector<v1::Organization>& organizations) {
  title_ = new QLineEdit;
  title_->setAccessibleName(tr("Title"));
  title_->setMaxLength(200);
  kind_ = new QComboBox;
  kind_->setAccessibleName(tr("Kind"));
  for (int k = v1::SERIES_KIND_TRAINER_QUALIFICATION; k <= v1::SERIES_KIND_OTHER; ++k) {
    kind_->addItem(Labels::SeriesKind(static_cast<v1::SeriesKind>(k)), k);
  }
  organization_ = new QComboBox;
  organization_->setAccessibleName(tr("Organisation"));
  for (const auto& org : organizations) {
    organization_->addItem(QString::fromStdString(org.name()),
                           QVariant::fromValue<qint64>(org.id()));
  }
  description_ = new QPlainTextEdit;
  description_->setAccessibleName(tr("Description"));
  description_->setTabChangesFocus(true);
  description_->setMaximumHeight(90);
  capacity_ = new QSpinBox;
  capacity_->setAccessibleName(tr("Seats"));
  capacity_->setRange(1, 10000);
  capacity_->setValue(16);
  target_groups_ = new QListWidget;
  target_groups_->setAccessibleName(tr("Target groups"));
  target_groups_->setMaximumHeight(130);
  for (int g = v1::TARGET_GROUP_VOLUNTEERS; g <= v1::TARGET_GROUP_OTHER; ++g) {
    auto* item =
        new QListWidgetItem(Labels::TargetGroup(static_cast<v1::TargetGroup>(g)), target_groups_);
    item->setData(Qt::UserRole, g);
    item->setCheckState(Qt::Unchecked);
  }
  status_ = new QComboBox;
  status_->setAccessibleName(tr("Status"));
  for (int s = v1::SERIES_STATUS_DRAFT; s <= v1::SERIES_STATUS_COMPLETED; ++s) {
    status_->addItem(Labels::SeriesStatus(static_cast<v1::SeriesStatus>(s)), s);
  }
  requires_approval_ =
      new QCheckBox(tr("Participants' own requests need a coordinator's approval"));
  requires_confirmation_ = new QCheckBox(tr("Seat holders give a binding confirmation (Zusage)"));
  awards_ = new QLineEdit;
  awards_->setAccessibleName(tr("Qualification awarded on completion"));
  awards_->setMaxLength(200);
  requires_ = new QLineEdit;
  requires_->setAccessibleName(tr("Qualification required to enrol"));
  requires_->setMaxLength(200);
  documents_ = new QComboBox;
  documents_->setAccessibleName(tr("What completing the series earns"));
  documents_->addItem(tr("Zertifikat, or Teilnahmebestätigung for partial attendance"),
                      static_cast<int>(v1::ISSUED_DOCUMENTS_CERTIFICATE_AND_CONFIRMATION));
  documents_->addItem(tr("Teilnahmebestätigung only (one-day event, workshop)"),
                      static_cast<int>(v1::ISSUED_DOCUMENTS_CONFIRMATION_ONLY));
  problem_ = NewProblemLabel();
}

void SeriesDialog::ShowSeries(const v1::Series& series) {
  title_->setText(QString::fromStdString(series.title()));
  kind_->setCurrentIndex(kind_->findData(static_cast<int>(series.kind())));
  organization_->setCurrentIndex(
      organization_->findData(QVariant::fromValue<qint64>(series.organization_id())));
  organization_->setEnabled(false);
  description_->setPlainText(QString::fromStdString(series.description()));
  capacity_->setValue(series.capacity());
  for (int i = 0; i < target_groups_->count(); ++i) {
    const int g = target_groups_->item(i)->data(Qt::UserRole).toInt();
    for (int have : series.target_groups()) {
      if (have == g) target_groups_->item(i)->setCheckState(Qt::Checked);
    }
  }
  status_->setCurrentIndex(status_->findData(static_cast<int>(series.status())));
  requires_approval_->setChecked(series.requires_approval());
  requires_confirmation_->setChecked(series.requires_confirmation());
  awards_->setText(QString::fromStdString(series.awards_qualification()));
  requires_->setText(QString::fromStdString(series.required_qualification()));
  const int documents = documents_->findData(static_cast<int>(series.issued_documents()));
  if (documents >= 0) documents_->setCurrentIndex(documents);
}

void SeriesDialog::LayOut() {
  auto* form = new QFormLayout;
  form->addRow(tr("&Title:"), title_);
  form->addRow(tr("&Kind:"), kind_);
  form->addRow(tr("&Organisation:"), organization_);
  form->addRow(tr("&Description:"), description_);
  form->addRow(tr("S&eats:"), capacity_);
  form->addRow(tr("Target &groups:"), target_groups_);
  form->addRow(tr("&Status:"), status_);
  form->addRow(QString(), requires_approval_);
  form->addRow(QString(), requires_confirmation_);
  form->addRow(tr("&Awards:"), awards_);
  form->addRow(tr("&Requires:"), requires_);
  form->addRow(tr("&Certificates:"), documents_);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
  save_ = buttons->button(QDialogButtonBox::Save);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(problem_);
  layout->addWidget(buttons);
  connect(buttons, &QDialogButtonBox::accepted, this, &SeriesDialog::Save);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

v1::Series SeriesDialog::FromForm() const {
  v1::Series series;
  series.set_title(title_->text().trimmed().toStdString());
  series.set_kind(static_cast<v1::SeriesKind>(kind_->currentData().toInt()));
  series.set_organization_id(organization_->currentData().toLongLong());
  series.set_description(description_->toPlainText().toStdString());
  series.set_capacity(capacity_->value());
  for (int i = 0; i < target_groups_->count(); ++i) {
    if (target_groups_->item(i)->checkState() == Qt::Checked) {
      series.add_target_groups(
          static_cast<v1::TargetGroup>(target_groups_->item(i)->data(Qt::UserRole).toInt()));
    }
  }
  series.set_status(static_cast<v1::SeriesStatus>(status_->currentData().toInt()));
  series.set_requires_approval(requires_approval_->isChecked());
  series.set_requires_confirmation(requires_confirmation_->isChecked());
  series.set_awards_qualification(awards_->text().trimmed().toStdString());
  series.set_required_qualification(requires_->text().trimmed().toStdString());
  series.set_issued_documents(static_cast<v1::IssuedDocuments>(documents_->currentData().toInt()));
  return series;
}

void SeriesDialog::Save() {
  const v1::Series form = FromForm();
  auto connection = connection_;
  std::function<Reply<v1::Series>()> call;
  if (editing_) {
    v1::UpdateSeriesRequest request;
    *request.mutable_series() = form;
    request.mutable_series()->set_id(editing_->id());
    // Only what changed: a partner may be allowed to change some fields only.
    const v1::Series& was = *editing_;
    auto* mask = request.mutable_update_mask();
    if (form.title() != was.title()) mask->add_paths("title");
    if (form.kind() != was.kind()) mask->add_paths("kind");
    if (form.description() != was.description()) mask->add_paths("description");
    if (form.capacity() != was.capacity()) mask->add_paths("capacity");
    if (!std::equal(form.target_groups().begin(), form.target_groups().end(),
                    was.target_groups().begin(), was.target_groups().end())) {
      mask->add_paths("target_groups");
    }
    if (form.status() != was.status()) mask->add_paths("status");
    if (form.requires_approval() != was.requires_approval()) mask->add_paths("requires_approval");
    if (form.requires_confirmation() != was.requires_confirmation()) {
      mask->add_paths("requires_confirmation");
    }
    if (form.awards_qualification() != was.awards_qualification()) {
      mask->add_paths("awards_qualification");
    }
    if (form.required_qualification() != was.required_qualification()) {
      mask->add_paths("required_qualification");
    }
    if (form.issued_documents() != was.issued_documents()) mask->add_paths("issued_documents");
    if (mask->paths_size() == 0) {
      accept();
      return;
    }
    call = [connection, request]() {
      Reply<v1::Series> reply;
      reply.status = connection->Call(connection->series(), &v1::SeriesService::Stub::UpdateSeries,
                                      request, &reply.value);
      return reply;
    };
  } else {
    v1::CreateSeriesRequest request;
    *request.mutable_series() = form;
    request.mutable_series()->clear_status();
    request.set_request_id(NewRequestId());
    call = [connection, request]() {
      Reply<v1::Series> reply;
      reply.status = connection->Call(connection->series(), &v1::SeriesService::Stub::CreateSeries,
                                      request, &reply.value);
      return reply;
    };
  }
  save_->setEnabled(false);
  RunInBackground<Reply<v1::Series>>(this, call, [this](Reply<v1::Series> reply) {
    save_->setEnabled(true);
    if (!reply.ok()) {
      problem_->setText(DescribeError(reply.status, SeriesLabels()).ToString());
      return;
    }
    emit saved(reply.value);
    accept();
  });
}

ModuleDialog::ModuleDialog(std::shared_ptr<Connection> connection, qint64 series_id,
                           std::optional<v1::Module> editing, QWidget* parent)
    : QDialog(parent),
      connection_(std::move(connection)),
      series_id_(series_id),
      editing_(std::move(editing)) {
  setWindowTitle(editing_ ? tr("Change module") : tr("New module"));
  title_ = new QLineEdit;
  title_->setAccessibleName(tr("Title"));
  title_->setMaxLength(200);
  topics_ = new QPlainTextEdit;
  topics_->setAccessibleName(tr("Topics, one per line"));
  topics_->setTabChangesFocus(true);
  mandatory_ = new QCheckBox(tr("Mandatory for completion"));
  teaching_units_ = new QSpinBox;
  teaching_units_->setAccessibleName(tr("Teaching units (UE)"));
  teaching_units_->setRange(0, 1000);
  teaching_units_->setSpecialValueText(tr("from the sessions' length"));
  problem_ = NewProblemLabel();
  if (editing_) {
    title_->setText(QString::fromStdString(editing_->title()));
    QStringList topics;
    for (const auto& topic : editing_->topics()) topics << QString::fromStdString(topic);
    topics_->setPlainText(topics.join('\n'));
    mandatory_->setChecked(editing_->mandatory());
    teaching_units_->setValue(editing_->teaching_units());
  }
  auto* form = new QFormLayout;
  form->addRow(tr("&Title:"), title_);
  form->addRow(tr("T&opics (one per line):"), topics_);
  form->addRow(QString(), mandatory_);
  form->addRow(tr("Teaching &units (UE):"), teaching_units_);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
  save_ = buttons->button(QDialogButtonBox::Save);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(problem_);
  layout->addWidget(buttons);
  connect(buttons, &QDialogButtonBox::accepted, this, &ModuleDialog::Save);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  resize(560, sizeHint().height());
}

void ModuleDialog::Save() {
  v1::Module module;
  module.set_title(title_->text().trimmed().toStdString());
  for (const QString& line : topics_->toPlainText().split('\n')) {
    if (!line.trimmed().isEmpty()) module.add_topics(line.trimmed().toStdString());
  }
  module.set_mandatory(mandatory_->isChecked());
  module.set_teaching_units(teaching_units_->value());
  auto connection = connection_;
  std::function<grpc::Status()> call;
  if (editing_) {
    v1::UpdateModuleRequest request;
    request.set_series_id(series_id_);
    *request.mutable_module() = module;
    request.mutable_module()->set_id(editing_->id());
    for (const char* path : {"title", "topics", "mandatory", "teaching_units"}) {
      request.mutable_update_mask()->add_paths(path);
    }
    call = [connection, request]() {
      v1::Module response;
      return connection->Call(connection->series(), &v1::SeriesService::Stub::UpdateModule, request,
                              &response);
    };
  } else {
    v1::CreateModuleRequest request;
    request.set_series_id(series_id_);
    *request.mutable_module() = module;
    request.set_request_id(NewRequestId());
    call = [connection, request]() {
      v1::Module response;
      return connection->Call(connection->series(), &v1::SeriesService::Stub::CreateModule, request,
                              &response);
    };
  }
  save_->setEnabled(false);
  RunInBackground<Reply<bool>>(
      this,
      [call]() {
        return Reply<bool>{call(), true};
      },
      [this](Reply<bool> reply) {
        save_->setEnabled(true);
        if (!reply.ok()) {
          problem_->setText(DescribeError(reply.status, ModuleLabels()).ToString());
          return;
        }
        emit saved();
        accept();
      });
}

}  // namespace trainhub::desktop
