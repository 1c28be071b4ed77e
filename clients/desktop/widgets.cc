#include "clients/desktop/widgets.h"

#include <QHeaderView>

namespace trainhub::desktop {

QTableWidget* NewReadOnlyTable(const QStringList& headers, const QString& accessible_name) {
  auto* table = new QTableWidget(0, headers.size());
  table->setAccessibleName(accessible_name);
  table->setHorizontalHeaderLabels(headers);
  table->setSelectionBehavior(QAbstractItemView::SelectRows);
  table->setSelectionMode(QAbstractItemView::SingleSelection);
  table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table->horizontalHeader()->setStretchLastSection(true);
  table->verticalHeader()->hide();
  return table;
}

QLabel* NewProblemLabel() {
  auto* label = new QLabel;
  label->setObjectName("problem");
  label->setWordWrap(true);
  label->setTextInteractionFlags(Qt::TextSelectableByMouse);
  label->setStyleSheet(QStringLiteral("color: %1").arg(kErrorColour));
  return label;
}

}  // namespace trainhub::desktop
