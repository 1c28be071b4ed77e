#include "clients/desktop/widgets.h"

#include <QEvent>
#include <QHeaderView>
#include <QTreeView>
#include <algorithm>

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

QList<int> FittedWidths(const QList<int>& wanted, int available, const QList<int>& keep_whole) {
  QList<int> widths = wanted;
  int fixed = 0;
  QList<int> cut;  // the columns that may be cut
  for (int c = 0; c < wanted.size(); ++c) {
    if (keep_whole.contains(c)) {
      fixed += wanted[c];
    } else {
      cut << c;
    }
  }
  int total = fixed;
  for (int c : cut) total += wanted[c];
  if (total <= available || cut.isEmpty()) return widths;
  // The largest cap with sum(min(wanted, cap)) within what is left.
  const int left = std::max(0, available - fixed);
  QList<int> sorted;
  for (int c : cut) sorted << wanted[c];
  std::sort(sorted.begin(), sorted.end());
  int below = 0;  // the sum of the columns narrower than the cap
  int cap = left / static_cast<int>(sorted.size());
  for (int i = 0; i < sorted.size(); ++i) {
    const int rest = static_cast<int>(sorted.size()) - i;
    const int candidate = (left - below) / rest;
    if (sorted[i] > candidate) {
      cap = candidate;
      break;
    }
    below += sorted[i];
  }
  for (int c : cut) widths[c] = std::min(wanted[c], std::max(cap, 24));
  return widths;
}

namespace {

// Fits a view's columns again whenever its viewport changes size.
class ColumnFitter : public QObject {
 public:
  static constexpr char kName[] = "trainhub-column-fitter";

  ColumnFitter(QAbstractItemView* view, QList<int> keep_whole)
      : QObject(view), view_(view), keep_whole_(std::move(keep_whole)) {
    setObjectName(kName);
    view->viewport()->installEventFilter(this);
  }

  void Fit() {
    QHeaderView* header = nullptr;
    if (auto* table = qobject_cast<QTableView*>(view_)) header = table->horizontalHeader();
    if (auto* tree = qobject_cast<QTreeView*>(view_)) header = tree->header();
    if (header == nullptr || header->count() == 0) return;
    QList<int> wanted;
    for (int c = 0; c < header->count(); ++c) {
      header->setSectionResizeMode(c, QHeaderView::Interactive);
      // A little room for the cell's margins.
      wanted << std::max(view_->sizeHintForColumn(c) + 8, header->sectionSizeHint(c));
    }
    const QList<int> widths = FittedWidths(wanted, view_->viewport()->width(), keep_whole_);
    fitting_ = true;
    for (int c = 0; c < header->count(); ++c) header->resizeSection(c, widths[c]);
    header->setStretchLastSection(true);
    // Tables that wrap their text show cut cells whole, on more lines.
    if (auto* table = qobject_cast<QTableView*>(view_); table != nullptr && table->wordWrap()) {
      table->resizeRowsToContents();
    }
    fitting_ = false;
  }

  bool eventFilter(QObject* watched, QEvent* event) override {
    if (event->type() == QEvent::Resize && !fitting_) Fit();
    return QObject::eventFilter(watched, event);
  }

 private:
  QAbstractItemView* view_;
  QList<int> keep_whole_;
  bool fitting_ = false;
};

}  // namespace

void FitColumnsToWidth(QAbstractItemView* view, const QList<int>& keep_whole) {
  auto* fitter = static_cast<ColumnFitter*>(
      view->findChild<QObject*>(ColumnFitter::kName, Qt::FindDirectChildrenOnly));
  if (fitter == nullptr) fitter = new ColumnFitter(view, keep_whole);
  fitter->Fit();
}

}  // namespace trainhub::desktop
