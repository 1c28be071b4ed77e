#ifndef TRAINHUB_SERVICES_DOMAIN_REPORTS_SUPPRESSION_H_
#define TRAINHUB_SERVICES_DOMAIN_REPORTS_SUPPRESSION_H_

// Small-cell suppression of published counts of persons. A cell below k
// persons (and above zero: zeros are not sensitive) is suppressed (primary);
// then further cells are suppressed (secondary) until no suppressed cell can
// be worked out from the published cells and the relations between them
// (a table's cells add up to its total; a sub-table's to the cell it
// breaks down). "Worked out" covers both elimination over the relations
// (Gaussian elimination) and bounds: a reader knows every suppressed cell
// is at least 1, as zeros are always published.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace trainhub::domain {

struct SuppressionCell {
  int64_t value = 0;  // >= 0
  // A grand total: suppressed for secondary protection only when no other
  // cell can protect.
  bool is_total = false;
  bool suppressed = false;
  bool primary = false;  // below k; otherwise a secondary suppression
};

// The cells of `parts` add up to the cell `total`.
struct SumRelation {
  std::vector<size_t> parts;
  size_t total = 0;
};

// Marks the cells below `min_persons` (>= 2) as primary and adds secondary
// suppressions until DeterminedCells is empty; among the candidates it
// suppresses the smallest non-zero published cell that shares a relation
// with a cell still exposed. Cell indexes in `relations` must be valid.
void SuppressSmallCells(std::vector<SuppressionCell>& cells,
                        const std::vector<SumRelation>& relations, int64_t min_persons);

// The suppressed cells whose value a reader can derive from the published
// cells and `relations` (knowing that each suppressed cell is >= 1), in
// index order.
std::vector<size_t> DeterminedCells(const std::vector<SuppressionCell>& cells,
                                    const std::vector<SumRelation>& relations);

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_REPORTS_SUPPRESSION_H_
