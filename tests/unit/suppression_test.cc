#include "domain/reports/suppression.h"

#include <gtest/gtest.h>

#include <functional>
#include <random>
#include <set>

namespace trainhub::domain {
namespace {

// Every assignment of values >= 1 to the suppressed cells that satisfies
// the relations: a reader's possible worlds. Returns, per suppressed cell,
// the values it takes across them.
std::map<size_t, std::set<int64_t>> PossibleValues(const std::vector<SuppressionCell>& cells,
                                                   const std::vector<SumRelation>& relations,
                                                   int64_t max_value) {
  std::vector<size_t> hidden;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (cells[i].suppressed) hidden.push_back(i);
  }
  std::vector<int64_t> world(cells.size());
  for (size_t i = 0; i < cells.size(); ++i) world[i] = cells[i].value;
  std::map<size_t, std::set<int64_t>> seen;
  std::function<void(size_t)> assign = [&](size_t h) {
    if (h == hidden.size()) {
      for (const SumRelation& r : relations) {
        int64_t sum = 0;
        for (size_t p : r.parts) sum += world[p];
        if (sum != world[r.total]) return;
      }
      for (size_t i : hidden) seen[i].insert(world[i]);
      return;
    }
    for (int64_t v = 1; v <= max_value; ++v) {
      world[hidden[h]] = v;
      assign(h + 1);
    }
  };
  assign(0);
  return seen;
}

// A report's shape: a grand total broken down two ways (target groups and
// organisations), and one target group broken down again (training years).
struct Shape {
  std::vector<SuppressionCell> cells;
  std::vector<SumRelation> relations;
};

Shape RandomReport(std::mt19937& random, size_t groups, size_t orgs, size_t years) {
  std::uniform_int_distribution<int> small(0, 4);
  Shape s;
  auto add = [&](int64_t v, bool total = false) {
    s.cells.push_back({v, total});
    return s.cells.size() - 1;
  };
  std::vector<int64_t> group_values(groups);
  int64_t total = 0;
  for (auto& v : group_values) total += (v = small(random));
  const size_t grand = add(total, true);
  SumRelation by_group{{}, grand};
  for (int64_t v : group_values) by_group.parts.push_back(add(v));
  // Organisations: the same total split another way.
  SumRelation by_org{{}, grand};
  int64_t left = total;
  for (size_t i = 0; i + 1 < orgs; ++i) {
    const int64_t v = std::uniform_int_distribution<int64_t>(0, left)(random);
    by_org.parts.push_back(add(v));
    left -= v;
  }
  by_org.parts.push_back(add(left));
  // Training years of the first group.
  SumRelation by_year{{}, by_group.parts[0]};
  left = group_values[0];
  for (size_t i = 0; i + 1 < years; ++i) {
    const int64_t v = std::uniform_int_distribution<int64_t>(0, left)(random);
    by_year.parts.push_back(add(v));
    left -= v;
  }
  by_year.parts.push_back(add(left));
  s.relations = {by_group, by_org, by_year};
  return s;
}

TEST(SuppressionTest, PrimaryCellsAreTheNonZeroOnesBelowK) {
  std::vector<SuppressionCell> cells = {{9, true}, {0}, {2}, {7}};
  SuppressSmallCells(cells, {{{1, 2, 3}, 0}}, 3);
  EXPECT_FALSE(cells[1].suppressed);  // zero
  EXPECT_TRUE(cells[2].suppressed);
  EXPECT_TRUE(cells[2].primary);
  // 9 - 0 - 7 = 2: the 7 must go too, as the smallest other non-zero cell.
  EXPECT_TRUE(cells[3].suppressed);
  EXPECT_FALSE(cells[3].primary);
  EXPECT_FALSE(cells[0].suppressed);
}

TEST(SuppressionTest, TwoSmallCellsThatMustBothBeOneGetAThird) {
  // 5 = 3 + x + y with x, y >= 1 hidden: both could only be 1.
  std::vector<SuppressionCell> cells = {{5, true}, {3}, {1}, {1}};
  SuppressSmallCells(cells, {{{1, 2, 3}, 0}}, 3);
  EXPECT_TRUE(cells[1].suppressed);
  EXPECT_TRUE(DeterminedCells(cells, {{{1, 2, 3}, 0}}).empty());
}

TEST(SuppressionTest, DeterminedCellsSeesEliminationAcrossTables) {
  // Total 10 published; groups a (hidden) + 6; a broken into years 1 + 3,
  // the 1 hidden and the 3 published: a = 4 from the first table, then the
  // hidden year = 1 from the second.
  std::vector<SuppressionCell> cells = {{10, true}, {4}, {6}, {1}, {3}};
  cells[1].suppressed = true;
  cells[3].suppressed = true;
  const std::vector<SumRelation> relations = {{{1, 2}, 0}, {{3, 4}, 1}};
  EXPECT_EQ(DeterminedCells(cells, relations), (std::vector<size_t>{1, 3}));
}

TEST(SuppressionTest, NoSuppressedCellCanBeWorkedOutInRandomReports) {
  std::mt19937 random(20261202);
  int reports_with_suppression = 0;
  for (int trial = 0; trial < 300; ++trial) {
    Shape s = RandomReport(random, 4, 3, 2);
    SuppressSmallCells(s.cells, s.relations, 3);
    for (const SuppressionCell& c : s.cells) {
      if (c.value > 0 && c.value < 3) {
        EXPECT_TRUE(c.suppressed);
      }
      if (c.suppressed) {
        EXPECT_GT(c.value, 0) << "zeros are published";
      }
    }
    size_t hidden = 0;
    for (const SuppressionCell& c : s.cells) hidden += c.suppressed ? 1 : 0;
    if (hidden == 0) continue;
    ++reports_with_suppression;
    if (hidden > 6) continue;  // too many worlds to walk; the shape is rare
    // Worlds with values up to a little above the true total.
    const auto possible = PossibleValues(s.cells, s.relations, s.cells[0].value + 3);
    for (size_t i = 0; i < s.cells.size(); ++i) {
      if (!s.cells[i].suppressed) continue;
      ASSERT_TRUE(possible.count(i)) << "trial " << trial << ": the true values are a world";
      EXPECT_GE(possible.at(i).size(), 2u) << "trial " << trial << ": cell " << i << " ("
                                           << s.cells[i].value << ") can be worked out";
    }
    EXPECT_TRUE(DeterminedCells(s.cells, s.relations).empty());
  }
  EXPECT_GT(reports_with_suppression, 100);
}

TEST(SuppressionTest, NothingSmallMeansNothingSuppressed) {
  std::vector<SuppressionCell> cells = {{12, true}, {5}, {0}, {7}};
  SuppressSmallCells(cells, {{{1, 2, 3}, 0}}, 3);
  for (const SuppressionCell& c : cells) EXPECT_FALSE(c.suppressed);
}

TEST(SuppressionTest, ASmallTotalHidesItsTableWhereNeeded) {
  // Total 2 itself is small; its parts 2 and 0: hiding the part alone
  // would be undone by the published total, so both are hidden.
  std::vector<SuppressionCell> cells = {{2, true}, {2}, {0}};
  SuppressSmallCells(cells, {{{1, 2}, 0}}, 3);
  EXPECT_TRUE(cells[0].suppressed);
  EXPECT_TRUE(cells[1].suppressed);
  EXPECT_FALSE(cells[2].suppressed);
}

}  // namespace
}  // namespace trainhub::domain
