// The CLI's tables (format.h): columns sized to their content and narrowed
// to the terminal's width, cells wrapped, nothing cut.

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "clients/cli/format.h"

namespace trainhub::cli {
namespace {

using Row = std::vector<std::string>;

// Per column, over the headings and every row: the widest line and the
// longest word (in display columns).
struct ColumnSizes {
  std::vector<size_t> widest_line, longest_word;
};

ColumnSizes Measure(const Row& headings, const std::vector<Row>& rows) {
  const size_t n = headings.size();
  ColumnSizes sizes{std::vector<size_t>(n, 0), std::vector<size_t>(n, 0)};
  auto measure = [&](const Row& row) {
    for (size_t c = 0; c < n; ++c) {
      for (absl::string_view line : absl::StrSplit(row[c], '\n')) {
        sizes.widest_line[c] = std::max(sizes.widest_line[c], DisplayWidth(std::string(line)));
      }
      for (absl::string_view word : absl::StrSplit(row[c], absl::ByAnyChar(" \n"))) {
        sizes.longest_word[c] = std::max(sizes.longest_word[c], DisplayWidth(std::string(word)));
      }
    }
  };
  measure(headings);
  for (const Row& row : rows) measure(row);
  return sizes;
}

// The width of each column and the gap between columns.
struct Layout {
  std::vector<size_t> widths;
  size_t gap = 2;
  size_t Total() const {
    size_t sum = gap * (widths.size() - 1);
    for (size_t w : widths) sum += w;
    return sum;
  }
};

// One round of narrowing: whether columns stay as wide as their longest
// word, whether the columns to keep are narrowed too, and the narrowest
// any column gets.
struct Pass {
  bool within_words, kept_too;
  size_t narrowest;
};

// Narrows the widest column that `pass` allows, one column at a time, until
// `layout` fits `width` or no column may be narrowed further.
void Narrow(Layout& layout, const ColumnSizes& sizes, const std::vector<size_t>& keep, size_t width,
            const Pass& pass) {
  const size_t n = layout.widths.size();
  std::vector<size_t>& widths = layout.widths;
  while (layout.Total() > width) {
    size_t widest = n;
    for (size_t c = 0; c < n; ++c) {
      if (!pass.kept_too && std::find(keep.begin(), keep.end(), c) != keep.end()) continue;
      const size_t floor =
          pass.within_words ? std::max(pass.narrowest, sizes.longest_word[c]) : pass.narrowest;
      if (widths[c] <= floor) continue;
      if (widest == n || widths[c] > widths[widest]) widest = c;
    }
    if (widest == n) return;
    --widths[widest];
  }
}

// Narrow the widest columns that may wrap; nothing is cut. First down to
// their longest word (lines then break between words), with two spaces
// between columns, else one; only then further; then, if it must be,
// columns meant to keep their width, and below the narrowest width: the
// table fits `width` whenever one column each can.
Layout Fit(const ColumnSizes& sizes, const std::vector<size_t>& keep, size_t width) {
  constexpr size_t kNarrowest = 6;
  Layout layout{sizes.widest_line, 2};
  Narrow(layout, sizes, keep, width, {true, false, kNarrowest});
  if (layout.Total() > width) {
    layout = Layout{sizes.widest_line, 1};
    Narrow(layout, sizes, keep, width, {true, false, kNarrowest});
  }
  for (const Pass pass :
       {Pass{false, false, kNarrowest}, Pass{false, true, kNarrowest}, Pass{false, true, 2}}) {
    Narrow(layout, sizes, keep, width, pass);
  }
  return layout;
}

void PrintRow(std::ostream& out, const Row& row, const Layout& layout) {
  const size_t n = layout.widths.size();
  std::vector<std::vector<std::string>> cells(n);
  size_t height = 1;
  for (size_t c = 0; c < n; ++c) {
    cells[c] = WrapText(row[c], layout.widths[c]);
    height = std::max(height, cells[c].size());
  }
  for (size_t i = 0; i < height; ++i) {
    std::string line;
    for (size_t c = 0; c < n; ++c) {
      const std::string cell = i < cells[c].size() ? cells[c][i] : "";
      line += cell;
      const size_t used = DisplayWidth(cell);
      const size_t room = layout.widths[c] > used ? layout.widths[c] - used : 0;
      if (c + 1 < n) line += std::string(room + layout.gap, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  }
}

}  // namespace

Table::Table(std::vector<std::string> headings) : headings_(std::move(headings)) {}

void Table::Add(std::vector<std::string> row) {
  row.resize(headings_.size());
  rows_.push_back(std::move(row));
}

void Table::Print(std::ostream& out, size_t width) const {
  const Layout layout = Fit(Measure(headings_, rows_), keep_, width);
  PrintRow(out, headings_, layout);
  for (const Row& row : rows_) PrintRow(out, row, layout);
}

}  // namespace trainhub::cli
