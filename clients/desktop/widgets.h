#ifndef TRAINHUB_CLIENTS_DESKTOP_WIDGETS_H_
#define TRAINHUB_CLIENTS_DESKTOP_WIDGETS_H_

// Widgets made the same way on every page.

#include <QAbstractItemView>
#include <QLabel>
#include <QStringList>
#include <QTableWidget>

namespace trainhub::desktop {

// The colour of refusals and errors.
inline constexpr char kErrorColour[] = "#b00020";

// A read-only table of whole rows with these column headers, named for
// screen readers.
QTableWidget* NewReadOnlyTable(const QStringList& headers, const QString& accessible_name);

// A line for what went wrong: red, wrapped, selectable (to copy it).
QLabel* NewProblemLabel();

// Column widths that fit the view's width without a horizontal scroll bar:
// every column as wide as its contents when they all fit, else the widest
// ones cut to the same width (their text elided, the whole of it in the
// cell's tooltip, or on more lines in a table that wraps its text); the
// last column takes what is left. Wanted widths come
// from the contents; `keep_whole` columns (e.g. dates) are never cut.
// Sets the widths again whenever the view is resized; call again after the
// contents changed.
void FitColumnsToWidth(QAbstractItemView* view, const QList<int>& keep_whole = {});

// The widths `FitColumnsToWidth` gives columns that want `wanted` pixels
// within `available` pixels; `keep_whole` columns keep theirs.
QList<int> FittedWidths(const QList<int>& wanted, int available, const QList<int>& keep_whole = {});

}  // namespace trainhub::desktop

#endif  // TRAINHUB_CLIENTS_DESKTOP_WIDGETS_H_
