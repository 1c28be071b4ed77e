#include "clients/desktop/privacy_page.h"

#include <QDate>
#include <QHBoxLayout>
#include <QVBoxLayout>

#include "clients/desktop/background.h"
#include "clients/desktop/dialogs.h"
#include "clients/desktop/error_text.h"
#include "clients/desktop/list_all.h"
#include "clients/desktop/server_call.h"
#include "clients/desktop/widgets.h"

namespace trainhub::desktop {

namespace v1 = trainhub::v1;

namespace {

constexpr char kDone[] = "#1b5e20";

FieldLabels PrivacyLabels() {
  return {{"reason", PrivacyPage::tr("Reason")},
          {"participant_id", PrivacyPage::tr("Person")},
          {"organization_id", PrivacyPage::tr("Organisation")}};
}

QString GermanDate(const std::string& iso) {
  const QDate date = QDate::fromString(QString::fromStdString(iso), Qt::ISODate);
  return date.isValid() ? date.toString("dd.MM.yyyy") : QString::fromStdString(iso);
}

}  // namespace

PrivacyPage::PrivacyPage(std::shared_ptr<Connection> connection, const v1::Account& account,
                         QWidget* parent)
    : QWidget(parent), connection_(std::move(connection)) {
  for (const auto& grant : account.roles()) {
    admin_ |= grant.role() == v1::ROLE_ADMIN;
    if (grant.role() == v1::ROLE_COORDINATOR && own_organization_ == 0) {
      own_organization_ = grant.organization_id();
    }
  }
  auto* intro = new QLabel(
      tr("People whose records need not be kept any longer: in no running series, and every "
         "series they have attendance or a certificate of ended longer ago than its "
         "organisation keeps records. Erase their personal data, or keep it with a reason of "
         "your own (nothing is erased by itself)."));
  intro->setWordWrap(true);
  organization_ = new QComboBox;
  organization_->setAccessibleName(tr("Organisation"));
  refresh_ = new QPushButton(tr("&Refresh"));
  table_ = NewReadOnlyTable({tr("Person"), tr("Kept until"), tr("Last series"), tr("Keeping time")},
                            tr("People whose records are due for erasure"));
  table_->setTextElideMode(Qt::ElideMiddle);
  message_ = new QLabel;
  message_->setObjectName("message");
  message_->setWordWrap(true);
  message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  erase_ = new QPushButton(tr("&Erase personal data…"));
  erase_->setEnabled(false);
  auto* top = new QHBoxLayout;
  auto* org_label = new QLabel(tr("&Organisation:"));
  org_label->setBuddy(organization_);
  top->addWidget(org_label);
  top->addWidget(organization_, 1);
  top->addWidget(refresh_);
  auto* buttons = new QHBoxLayout;
  buttons->addStretch();
  buttons->addWidget(erase_);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(intro);
  layout->addLayout(top);
  layout->addWidget(table_, 1);
  layout->addWidget(message_);
  layout->addLayout(buttons);
  connect(refresh_, &QPushButton::clicked, this, &PrivacyPage::LoadDue);
  connect(organization_, &QComboBox::currentIndexChanged, this, &PrivacyPage::LoadDue);
  connect(erase_, &QPushButton::clicked, this, &PrivacyPage::EraseSelected);
  connect(table_, &QTableWidget::itemSelectionChanged, this,
          [this]() { erase_->setEnabled(!table_->selectionModel()->selectedRows().isEmpty()); });
}

void PrivacyPage::Reload() {
  auto connection = connection_;
  RunInBackground<Reply<std::vector<v1::Organization>>>(
      this,
      [connection]() {
        Reply<std::vector<v1::Organization>> reply;
        reply.status = ListAll<v1::OrganizationService::Stub>(
            *connection, connection->organizations(),
            &v1::OrganizationService::Stub::ListOrganizations, v1::ListOrganizationsRequest(),
            [&reply](const v1::ListOrganizationsResponse& page) {
              reply.value.insert(reply.value.end(), page.organizations().begin(),
                                 page.organizations().end());
            });
        return reply;
      },
      [this](Reply<std::vector<v1::Organization>> reply) {
        if (!reply.ok()) {
          message_->setStyleSheet(QStringLiteral("color: %1").arg(kErrorColour));
          message_->setText(DescribeError(reply.status).ToString());
          return;
        }
        {
          const QSignalBlocker blocker(organization_);
          const qint64 kept = organization_->currentData().toLongLong();
          organization_->clear();
          if (admin_) {
            organization_->addItem(tr("All organisations"), QVariant::fromValue<qint64>(0));
          }
          for (const auto& org : reply.value) {
            // Coordinators see the due list of their own organisation only.
            if (!admin_ && org.id() != own_organization_) continue;
            organization_->addItem(QString::fromStdString(org.name()),
                                   QVariant::fromValue<qint64>(org.id()));
          }
          const int index = organization_->findData(
              QVariant::fromValue<qint64>(kept != 0 ? kept : own_organization_));
          if (index >= 0) organization_->setCurrentIndex(index);
        }
        LoadDue();
      });
}

void PrivacyPage::LoadDue() {
  v1::ListErasureDueRequest request;
  request.set_organization_id(organization_->currentData().toLongLong());
  auto connection = connection_;
  RunInBackground<Reply<std::vector<v1::ErasureDue>>>(
      this,
      [connection, request]() {
        Reply<std::vector<v1::ErasureDue>> reply;
        reply.status = ListAll<v1::PrivacyService::Stub>(
            *connection, connection->privacy(), &v1::PrivacyService::Stub::ListErasureDue, request,
            [&reply](const v1::ListErasureDueResponse& page) {
              reply.value.insert(reply.value.end(), page.people().begin(), page.people().end());
            });
        return reply;
      },
      [this, organization = request.organization_id()](Reply<std::vector<v1::ErasureDue>> reply) {
        if (organization != organization_->currentData().toLongLong()) return;
        const QSignalBlocker blocker(table_);
        table_->setRowCount(0);
        erase_->setEnabled(false);
        if (!reply.ok()) {
          due_.clear();
          message_->setStyleSheet(QStringLiteral("color: %1").arg(kErrorColour));
          message_->setText(DescribeError(reply.status, PrivacyLabels()).ToString());
          return;
        }
        due_ = std::move(reply.value);
        for (const auto& d : due_) {
          const int row = table_->rowCount();
          table_->insertRow(row);
          // The mark keeps "(id)" after the name also when the name is Arabic
          // (a number right after a right-to-left name would join it).
          auto* person = new QTableWidgetItem(QStringLiteral("%1\u200E (%2)")
                                                  .arg(QString::fromStdString(d.display_name()),
                                                       QString::number(d.participant_id())));
          person->setData(Qt::UserRole, QVariant::fromValue<qint64>(d.participant_id()));
          table_->setItem(row, 0, person);
          table_->setItem(row, 1, new QTableWidgetItem(GermanDate(d.kept_until())));
          auto* series = new QTableWidgetItem(QString::fromStdString(d.series_title()));
          series->setToolTip(series->text());
          table_->setItem(row, 2, series);
          table_->setItem(row, 3, new QTableWidgetItem(tr("%n year(s)", "", d.retention_years())));
        }
        FitColumnsToWidth(table_, {1});
        if (message_->styleSheet().contains(kErrorColour)) message_->clear();
        if (due_.empty() && message_->text().isEmpty()) {
          message_->setStyleSheet({});
          message_->setText(tr("Nobody is due for erasure."));
        }
        emit dueLoaded();
      });
}

bool PrivacyPage::SelectPerson(qint64 participant_id) {
  for (int row = 0; row < table_->rowCount(); ++row) {
    if (table_->item(row, 0)->data(Qt::UserRole).toLongLong() == participant_id) {
      table_->selectRow(row);
      return true;
    }
  }
  return false;
}

void PrivacyPage::EraseSelected() {
  const auto rows = table_->selectionModel()->selectedRows();
  if (rows.isEmpty()) return;
  const qint64 participant_id =
      table_->item(rows.first().row(), 0)->data(Qt::UserRole).toLongLong();
  const QString person = table_->item(rows.first().row(), 0)->text();
  ReasonDialog ask(
      tr("Erase personal data"),
      tr("Erase the personal data of %1?\n\n"
         "This cannot be undone. Erased are the name (the record shows \"Person #%2\" from now "
         "on), the e-mail address, the notes and reasons about the person, their accounts (which "
         "can no longer sign in) and the addresses they called from in the audit log.\n\n"
         "Kept are target groups, training year, statuses and dates, so that funder reports "
         "still count right; certificates stay verifiable by the holder's name.\n\n"
         "The reason is kept on the record: it must not name the person (e.g. \"keeping time "
         "ended\").")
          .arg(person)
          .arg(participant_id),
      tr("Erase for good"), this);
  ask.setObjectName("eraseDialog");
  if (ask.exec() != QDialog::Accepted) return;
  v1::ErasePersonalDataRequest request;
  request.set_participant_id(participant_id);
  request.set_reason(ask.reason().toStdString());
  request.set_request_id(NewRequestId());
  message_->setStyleSheet({});
  message_->setText(tr("Erasing…"));
  erase_->setEnabled(false);
  CallInBackground(
      this, connection_, &Connection::privacy, &v1::PrivacyService::Stub::ErasePersonalData,
      request, std::chrono::seconds(300), [this](Reply<v1::ErasePersonalDataResponse> reply) {
        if (!reply.ok()) {
          message_->setStyleSheet(QStringLiteral("color: %1").arg(kErrorColour));
          message_->setText(DescribeError(reply.status, PrivacyLabels()).ToString());
          erase_->setEnabled(!table_->selectionModel()->selectedRows().isEmpty());
          emit erased();
          return;
        }
        const auto& r = reply.value;
        QStringList parts;
        parts << tr("%n account(s)", "", static_cast<int>(r.accounts_erased()))
              << tr("%n note(s) and reason(s)", "", static_cast<int>(r.texts_erased()))
              << tr("%n attendance record(s)", "", static_cast<int>(r.attendance_records_erased()))
              << tr("%n certificate(s) signed anew without the name", "",
                    static_cast<int>(r.certificates_redacted()))
              << tr("%n address(es) in the audit log", "",
                    static_cast<int>(r.audit_addresses_erased()));
        message_->setStyleSheet(QStringLiteral("color: %1").arg(kDone));
        message_->setText(tr("Erased: now \"%1\". Cleared: %2.")
                              .arg(QString::fromStdString(r.participant().display_name()),
                                   parts.join(QStringLiteral(", "))));
        LoadDue();
        emit erased();
      });
}

}  // namespace trainhub::desktop
