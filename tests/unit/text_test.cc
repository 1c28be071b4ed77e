#include "domain/text.h"

#include <gtest/gtest.h>

namespace trainhub::domain {
namespace {

TEST(CountCodePointsTest, CountsCharactersNotBytes) {
  EXPECT_EQ(CountCodePoints(""), 0u);
  EXPECT_EQ(CountCodePoints("Köthen"), 6u);
  EXPECT_EQ(CountCodePoints("Ørjan Ødegård"), 13u);
  EXPECT_EQ(CountCodePoints("Алина Петрова"), 13u);
  EXPECT_EQ(CountCodePoints("محمد الأحمد"), 11u);
  EXPECT_EQ(CountCodePoints("😀"), 1u);
}

TEST(CountCodePointsTest, RejectsMalformedUtf8) {
  EXPECT_FALSE(CountCodePoints("\xff"));
  EXPECT_FALSE(CountCodePoints("abc\xc3"));           // truncated
  EXPECT_FALSE(CountCodePoints("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(CountCodePoints("\xed\xa0\x80"));      // surrogate U+D800
  EXPECT_FALSE(CountCodePoints("\xf4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(CountCodePoints("\x80"));              // lone continuation
}

TEST(TextProblemTest, NamesTheProblem) {
  EXPECT_EQ(TextProblem("Modul 1", 1, 200), std::nullopt);
  EXPECT_EQ(TextProblem("", 1, 200)->English(), "must not be empty");
  EXPECT_EQ(TextProblem("\xff", 0, 200)->English(), "is not valid UTF-8");
  EXPECT_EQ(TextProblem("a\nb", 0, 200)->English(), "must be a single line without control characters");
  EXPECT_EQ(TextProblem("a\nb", 0, 200, /*multiline=*/true), std::nullopt);
  EXPECT_EQ(TextProblem("a\x01", 0, 200, /*multiline=*/true)->English(),
            "must not contain control characters");
  EXPECT_EQ(TextProblem(std::string(201, 'x'), 1, 200)->English(),
            "must have at most 200 characters (has 201)");
  // 200 two-byte characters are 400 bytes but within the limit.
  std::string umlauts;
  for (int i = 0; i < 200; ++i) umlauts += "ü";
  EXPECT_EQ(TextProblem(umlauts, 1, 200), std::nullopt);
}

TEST(FoldedTest, FoldsCaseAndWhiteSpace) {
  EXPECT_EQ(Folded("  Rathaus   Dessau-Roßlau\t"), "rathaus dessau-rosslau");
  EXPECT_EQ(Folded("RATHAUS"), Folded("rathaus"));
  EXPECT_EQ(Folded("DESSAU-ROSSLAU"), Folded("Dessau-Roßlau"));
}

TEST(FoldedTest, FoldsUnicodeCaseAndNormalisation) {
  EXPECT_EQ(Folded("LEITUNG@BÜCHEREI-KÖTHEN.DE"), Folded("leitung@bücherei-köthen.de"));
  EXPECT_EQ(Folded("ОЛЕНА КОВАЛЬ"), Folded("олена коваль"));
  EXPECT_EQ(Folded("Zoe\u0308"), Folded("Zo\u00EB"));  // decomposed and composed
  EXPECT_NE(Folded("Zoe"), Folded("Zoë"));             // accents still count
}

TEST(SearchKeyTest, IgnoresCaseAndAccents) {
  EXPECT_EQ(SearchKey("Çelik"), "celik");
  EXPECT_EQ(SearchKey("ZOË  Müller"), "zoe muller");
  EXPECT_EQ(SearchKey("Mehmet Yılmaz"), "mehmet yilmaz");  // dotless i
  EXPECT_EQ(SearchKey("Ørjan Ødegård"), "orjan odegard");
  EXPECT_EQ(SearchKey("Paweł Wróbel"), "pawel wrobel");
  EXPECT_NE(SearchKey("Алина").find(SearchKey("алин")), std::string::npos);
}

TEST(NormalizedTest, ComposesAndTrims) {
  EXPECT_EQ(Normalized("  Zoe\u0308 "), "Zo\u00EB");
  EXPECT_EQ(Normalized("Jana"), "Jana");
  EXPECT_EQ(Normalized("bad \xff"), "bad \xff");  // malformed text is left to the validators
}

TEST(LooksLikeEmailTest, AcceptsPlainAddressesOnly) {
  EXPECT_TRUE(LooksLikeEmail("nuran.sahin@example.org"));
  EXPECT_TRUE(LooksLikeEmail("jürgen@müller.de"));
  EXPECT_FALSE(LooksLikeEmail("no-at-sign.org"));
  EXPECT_FALSE(LooksLikeEmail("@example.org"));
  EXPECT_FALSE(LooksLikeEmail("a@b@example.org"));
  EXPECT_FALSE(LooksLikeEmail("a@example"));
  EXPECT_FALSE(LooksLikeEmail("a@example."));
  EXPECT_FALSE(LooksLikeEmail("a b@example.org"));
  EXPECT_FALSE(LooksLikeEmail("a@example.org, b@example.org"));
  EXPECT_FALSE(LooksLikeEmail("a..b@example.org"));
  EXPECT_FALSE(LooksLikeEmail("a(b)@example.org"));
  EXPECT_FALSE(LooksLikeEmail("\"q\"@example.org"));
  EXPECT_FALSE(LooksLikeEmail(".a@example.org"));
  EXPECT_FALSE(LooksLikeEmail("a@-example.org"));
  EXPECT_FALSE(LooksLikeEmail(std::string(65, 'a') + "@example.org"));
}

}  // namespace
}  // namespace trainhub::domain
