#ifndef TRAINHUB_CLIENTS_DESKTOP_TEXT_SEARCH_H_
#define TRAINHUB_CLIENTS_DESKTOP_TEXT_SEARCH_H_

#include <QString>

namespace trainhub::desktop {

// `text` folded for searching: lower case, accents removed ("Çelik" and
// "celik" match), as the server's name search does.
QString FoldForSearch(const QString& text);

}  // namespace trainhub::desktop

#endif  // TRAINHUB_CLIENTS_DESKTOP_TEXT_SEARCH_H_
