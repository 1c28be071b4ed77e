#include "domain/reports/suppression.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

namespace trainhub::domain {
namespace {

// One linear equation over the suppressed cells: sum of coef * x = rhs.
struct Equation {
  std::map<size_t, double> coef;  // by position among the unknowns
  double rhs = 0;
};

constexpr double kEpsilon = 1e-9;

// The relations with the published cells moved to the right-hand side.
std::vector<Equation> EquationsOver(const std::vector<SuppressionCell>& cells,
                                    const std::vector<SumRelation>& relations,
                                    const std::map<size_t, size_t>& unknown_of) {
  std::vector<Equation> equations;
  for (const SumRelation& r : relations) {
    Equation e;
    auto add = [&](size_t cell, double sign) {
      auto it = unknown_of.find(cell);
      if (it == unknown_of.end()) {
        e.rhs -= sign * static_cast<double>(cells[cell].value);
      } else {
        e.coef[it->second] += sign;
        if (std::abs(e.coef[it->second]) < kEpsilon) e.coef.erase(it->second);
      }
    };
    for (size_t p : r.parts) add(p, 1.0);
    add(r.total, -1.0);
    if (!e.coef.empty()) equations.push_back(std::move(e));
  }
  return equations;
}

// Reduced row echelon form of `equations` (dense), over `n` unknowns.
std::vector<Equation> Reduced(const std::vector<Equation>& equations, size_t n) {
  std::vector<std::vector<double>> rows;
  for (const Equation& e : equations) {
    std::vector<double> row(n + 1, 0.0);
    for (const auto& [i, c] : e.coef) row[i] = c;
    row[n] = e.rhs;
    rows.push_back(std::move(row));
  }
  size_t lead = 0;
  for (size_t col = 0; col < n && lead < rows.size(); ++col) {
    size_t pivot = lead;
    for (size_t r = lead; r < rows.size(); ++r) {
      if (std::abs(rows[r][col]) > std::abs(rows[pivot][col])) pivot = r;
    }
    if (std::abs(rows[pivot][col]) < kEpsilon) continue;
    std::swap(rows[pivot], rows[lead]);
    const double p = rows[lead][col];
    for (double& v : rows[lead]) v /= p;
    for (size_t r = 0; r < rows.size(); ++r) {
      if (r == lead || std::abs(rows[r][col]) < kEpsilon) continue;
      const double f = rows[r][col];
      for (size_t c = 0; c <= n; ++c) rows[r][c] -= f * rows[lead][c];
    }
    ++lead;
  }
  std::vector<Equation> out;
  for (const auto& row : rows) {
    Equation e;
    for (size_t c = 0; c < n; ++c) {
      if (std::abs(row[c]) > kEpsilon) e.coef[c] = row[c];
    }
    e.rhs = row[n];
    if (!e.coef.empty()) out.push_back(std::move(e));
  }
  return out;
}

// Tightens integer bounds [lo, hi] of the unknowns from `equations` until
// nothing changes (or a generous round limit).
void PropagateBounds(const std::vector<Equation>& equations, std::vector<double>& lo,
                     std::vector<double>& hi) {
  const double inf = std::numeric_limits<double>::infinity();
  for (int round = 0; round < 200; ++round) {
    bool changed = false;
    for (const Equation& e : equations) {
      for (const auto& [j, a] : e.coef) {
        // a * x_j = rhs - sum over the others of c * x_i
        double rest_min = 0, rest_max = 0;
        for (const auto& [i, c] : e.coef) {
          if (i == j) continue;
          rest_min += c > 0 ? c * lo[i] : c * hi[i];
          rest_max += c > 0 ? c * hi[i] : c * lo[i];
        }
        double from = (e.rhs - rest_max) / a;
        double to = (e.rhs - rest_min) / a;
        if (a < 0) std::swap(from, to);
        if (std::isnan(from)) from = -inf;
        if (std::isnan(to)) to = inf;
        if (from > -inf) from = std::ceil(from - kEpsilon);
        if (to < inf) to = std::floor(to + kEpsilon);
        if (from > lo[j] + 0.5) {
          lo[j] = from;
          changed = true;
        }
        if (to < hi[j] - 0.5) {
          hi[j] = to;
          changed = true;
        }
      }
    }
    if (!changed) return;
  }
}

}  // namespace

std::vector<size_t> DeterminedCells(const std::vector<SuppressionCell>& cells,
                                    const std::vector<SumRelation>& relations) {
  std::map<size_t, size_t> unknown_of;
  std::vector<size_t> unknowns;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (cells[i].suppressed) {
      unknown_of[i] = unknowns.size();
      unknowns.push_back(i);
    }
  }
  if (unknowns.empty()) return {};
  const std::vector<Equation> equations = EquationsOver(cells, relations, unknown_of);
  const std::vector<Equation> reduced = Reduced(equations, unknowns.size());
  std::set<size_t> determined;
  for (const Equation& e : reduced) {
    if (e.coef.size() == 1) determined.insert(unknowns[e.coef.begin()->first]);
  }
  std::vector<double> lo(unknowns.size(), 1.0);
  std::vector<double> hi(unknowns.size(), std::numeric_limits<double>::infinity());
  std::vector<Equation> all = equations;
  all.insert(all.end(), reduced.begin(), reduced.end());
  PropagateBounds(all, lo, hi);
  for (size_t u = 0; u < unknowns.size(); ++u) {
    if (hi[u] - lo[u] < 0.5) determined.insert(unknowns[u]);
  }
  return {determined.begin(), determined.end()};
}

void SuppressSmallCells(std::vector<SuppressionCell>& cells,
                        const std::vector<SumRelation>& relations, int64_t min_persons) {
  for (SuppressionCell& c : cells) {
    c.suppressed = c.value > 0 && c.value < min_persons;
    c.primary = c.suppressed;
  }
  // Each round suppresses one more cell, so this ends after at most
  // cells.size() rounds.
  for (size_t round = 0; round <= cells.size(); ++round) {
    const std::vector<size_t> exposed = DeterminedCells(cells, relations);
    if (exposed.empty()) return;
    // Relations reached from the first exposed cell, widening through the
    // suppressed cells they hold until one offers a candidate.
    std::set<size_t> reached_cells = {exposed.front()};
    std::set<size_t> used_relations;
    size_t best = cells.size();
    for (bool allow_totals : {false, true}) {
      for (size_t widen = 0; widen <= relations.size() && best == cells.size(); ++widen) {
        std::set<size_t> next = reached_cells;
        for (size_t r = 0; r < relations.size(); ++r) {
          std::vector<size_t> members = relations[r].parts;
          members.push_back(relations[r].total);
          bool touches = false;
          for (size_t m : members) touches = touches || reached_cells.count(m) > 0;
          if (!touches) continue;
          used_relations.insert(r);
          for (size_t m : members) {
            const SuppressionCell& c = cells[m];
            if (c.suppressed) {
              next.insert(m);
              continue;
            }
            if (c.value <= 0 || (c.is_total && !allow_totals)) continue;
            if (best == cells.size() || c.value < cells[best].value ||
                (c.value == cells[best].value && m < best)) {
              best = m;
            }
          }
        }
        if (next == reached_cells) break;
        reached_cells = std::move(next);
      }
      if (best != cells.size()) break;
    }
    if (best == cells.size()) return;  // everything that could hide it is hidden
    cells[best].suppressed = true;
  }
}

}  // namespace trainhub::domain
