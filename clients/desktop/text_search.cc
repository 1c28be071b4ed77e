#include "clients/desktop/text_search.h"

namespace trainhub::desktop {

QString FoldForSearch(const QString& text) {
  const QString decomposed = text.normalized(QString::NormalizationForm_KD);
  QString out;
  out.reserve(decomposed.size());
  for (const QChar c : decomposed) {
    if (c.category() == QChar::Mark_NonSpacing) continue;
    out += c.toCaseFolded();
  }
  return out;
}

}  // namespace trainhub::desktop
