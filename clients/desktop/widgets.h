#ifndef TRAINHUB_CLIENTS_DESKTOP_WIDGETS_H_
#define TRAINHUB_CLIENTS_DESKTOP_WIDGETS_H_

// Widgets made the same way on every page.

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

}  // namespace trainhub::desktop

#endif  // TRAINHUB_CLIENTS_DESKTOP_WIDGETS_H_
