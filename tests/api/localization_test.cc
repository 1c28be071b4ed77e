// The server's refusals in the caller's language: the catalogues hold every
// pattern the code says (and nothing else), the language comes from
// `accept-language`, and a refused call carries its localized message.

#include "api/localization.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "api/api_fixture.h"
#include "api/errors.h"
#include "domain/errors.h"
#include "domain/message.h"
#include "domain/validation.h"

namespace trainhub::api {
namespace {

namespace v1 = ::trainhub::v1;

// Every Msg("...") pattern in the server's sources, with the places it is
// used; `problems` gets the places whose pattern is not one string literal
// (or adjacent literals), which the catalogues could not be checked for.
std::map<std::string, std::vector<std::string>> PatternsInSources(
    std::vector<std::string>* problems) {
  std::map<std::string, std::vector<std::string>> out;
  const std::filesystem::path root = std::filesystem::path(TRAINHUB_SOURCE_DIR) / "services";
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    const std::string ext = entry.path().extension().string();
    if (ext != ".cc" && ext != ".h") continue;
    if (entry.path().filename() == "message.h" || entry.path().filename() == "message.cc") {
      continue;  // the definition of Msg itself
    }
    std::ifstream in(entry.path());
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    for (size_t at = text.find("Msg("); at != std::string::npos; at = text.find("Msg(", at + 4)) {
      if (at > 0 &&
          (std::isalnum(static_cast<unsigned char>(text[at - 1])) || text[at - 1] == '_')) {
        continue;  // another name ending in Msg
      }
      const std::string place =
          entry.path().filename().string() + ":" +
          std::to_string(std::count(text.begin(), text.begin() + at, '\n') + 1);
      size_t i = at + 4;
      std::string pattern;
      bool literal = false;
      while (true) {
        while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
        if (i >= text.size() || text[i] != '"') break;
        literal = true;
        for (++i; i < text.size() && text[i] != '"'; ++i) {
          if (text[i] == '\\' && i + 1 < text.size()) {
            ++i;
            pattern += text[i] == 'n' ? '\n' : text[i];
          } else {
            pattern += text[i];
          }
        }
        ++i;  // the closing quote
      }
      if (!literal) {
        problems->push_back(place);
        continue;
      }
      out[pattern].push_back(place);
    }
  }
  return out;
}

TEST(LocalizationTest, EveryLanguageSaysEveryPatternWithTheSameArguments) {
  std::vector<std::string> problems;
  const auto patterns = PatternsInSources(&problems);
  EXPECT_TRUE(problems.empty()) << "Msg without a literal pattern at " << problems.front();
  ASSERT_GE(patterns.size(), 3u);
  ASSERT_GE(Languages().size(), 2u);
  for (const auto& [pattern, places] : patterns) {
    const auto english = domain::ArgumentNames(pattern);
    EXPECT_TRUE(english.has_value()) << "ICU cannot read the pattern at " << places.front();
    for (const std::string& language : Languages()) {
      if (language == "en") continue;
      const std::optional<std::string> translated = Translation(language, pattern);
      if (!translated) {
        ADD_FAILURE() << language << " has no translation of \"" << pattern << "\" ("
                      << places.front() << ")";
        continue;
      }
      EXPECT_EQ(domain::ArgumentNames(*translated), english)
          << language << " translation of \"" << pattern << "\" uses other arguments";
    }
  }
  for (const std::string& language : Languages()) {
    for (const std::string& pattern : CatalogueConflicts(language)) {
      ADD_FAILURE() << language << " files translate \"" << pattern << "\" differently";
    }
    for (const std::string& pattern : CataloguePatterns(language)) {
      EXPECT_TRUE(patterns.count(pattern))
          << language << " translates \"" << pattern << "\", which no code says any more";
    }
  }
}

TEST(LocalizationTest, AcceptLanguagePicksTheBestLanguageSpoken) {
  EXPECT_EQ(PickLanguage("de"), "de");
  EXPECT_EQ(PickLanguage("de-DE,de;q=0.9,en;q=0.8"), "de");
  EXPECT_EQ(PickLanguage("en-GB,en;q=0.9,de;q=0.8"), "en");
  EXPECT_EQ(PickLanguage("fr-FR, de;q=0.5"), "de");
  EXPECT_EQ(PickLanguage("fr"), "en");
  EXPECT_EQ(PickLanguage("de;q=0, en"), "en");
  EXPECT_EQ(PickLanguage("DE_de"), "de");
  EXPECT_EQ(PickLanguage(""), "en");
  EXPECT_EQ(PickLanguage(";;;,,q=,de;q=abc"), "en");
}

TEST(LocalizationTest, PluralsFollowEachLanguagesRules) {
  domain::Violations many;
  for (int i = 0; i < 22; ++i) many.Add("ids[" + std::to_string(i) + "]", domain::Msg("must be a positive id"));
  grpc::Status status = ToGrpcStatus(many.ToStatus());
  trainhub::v1::ErrorDetails details;
  ASSERT_TRUE(details.ParseFromString(status.error_details()));
  Localize(details, status.error_message(), "de", 4096);
  ASSERT_EQ(details.field_violations_size(), 21);
  EXPECT_EQ(details.field_violations(20).description(),
            "and 2 more problems in this request (the first 20 are listed)");
  EXPECT_EQ(details.field_violations(20).localized_description().locale(), "de");
  EXPECT_EQ(details.field_violations(20).localized_description().message(),
            "und 2 weitere Probleme in dieser Anfrage (die ersten 20 sind aufgeführt)");
  EXPECT_TRUE(details.internal_message().empty());
  EXPECT_TRUE(details.field_violations(20).internal_message().empty());

  domain::Violations one_more;
  for (int i = 0; i < 21; ++i) {
    one_more.Add("ids[" + std::to_string(i) + "]", domain::Msg("must be a positive id"));
  }
  status = ToGrpcStatus(one_more.ToStatus());
  ASSERT_TRUE(details.ParseFromString(status.error_details()));
  Localize(details, status.error_message(), "de", 4096);
  EXPECT_EQ(details.field_violations(20).localized_description().message(),
            "und ein weiteres Problem in dieser Anfrage (die ersten 20 sind aufgeführt)");
  EXPECT_EQ(details.field_violations(20).description(),
            "and 1 more problem in this request (the first 20 are listed)");
}

TEST(LocalizationTest, ArgumentsKeepTheirTextAndIdsHaveNoGrouping) {
  const domain::Message m =
      domain::Msg("participant {id} is {name}", {{"id", int64_t{987654}}, {"name", "O'Brien {x}"}});
  EXPECT_EQ(m.English(), "participant 987654 is O'Brien {x}");
  const auto decoded = domain::Message::Decode(m.Encode());
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(*decoded, m);
  EXPECT_EQ(m.FormatAs("Teilnehmer:in {id} heißt {name}", "de"),
            "Teilnehmer:in 987654 heißt O'Brien {x}");
  // A text that is no pattern stays as it is and has no translation.
  const domain::Message verbatim(std::string("50% of {x}"));
  EXPECT_EQ(verbatim.English(), "50% of {x}");
  EXPECT_FALSE(verbatim.translatable());
}

// The domain's refusals are patterns with German translations: a field's
// description, an enum word chosen by `select` and a whole sentence.
TEST(LocalizationTest, DomainRefusalsAreSaidInGerman) {
  domain::Series series;
  series.title = std::string(201, 'x');
  series.kind = domain::SeriesKind::kUnspecified;
  series.organization_id = 1;
  series.capacity = 0;
  domain::Violations v;
  domain::ValidateSeries(series, "series", v);
  grpc::Status status = ToGrpcStatus(v.ToStatus());
  trainhub::v1::ErrorDetails details;
  ASSERT_TRUE(details.ParseFromString(status.error_details()));
  Localize(details, status.error_message(), "de", 4096);
  std::map<std::string, std::pair<std::string, std::string>> said;
  for (const auto& f : details.field_violations()) {
    said[f.field()] = {f.description(), f.localized_description().message()};
  }
  EXPECT_EQ(said["series.title"].first, "must have at most 200 characters (has 201)");
  EXPECT_EQ(said["series.title"].second, "darf höchstens 200 Zeichen lang sein (hat 201)");
  EXPECT_EQ(said["series.kind"].second, "ist erforderlich");
  EXPECT_EQ(said["series.capacity"].first, "must be between 1 and 10000 (is 0)");
  EXPECT_EQ(said["series.capacity"].second, "muss zwischen 1 und 10000 liegen (ist 0)");

  status = ToGrpcStatus(domain::CheckStatusTransition(domain::SeriesStatus::kDraft,
                                                      domain::SeriesStatus::kCompleted));
  ASSERT_TRUE(details.ParseFromString(status.error_details()));
  Localize(details, status.error_message(), "de", 4096);
  EXPECT_EQ(status.error_message(), "series.status: a series cannot go from draft to completed");
  EXPECT_EQ(details.localized_message().message(),
            "series.status: eine Reihe kann nicht vom Status „Entwurf“ in den Status "
            "„abgeschlossen“ wechseln");

  const domain::Message refusal = domain::Msg(
      "your account may not {act, select, see {see} other {change}} enrolment {enrolment}",
      {{"act", "change"}, {"enrolment", int64_t{12345}}});
  EXPECT_EQ(refusal.English(), "your account may not change enrolment 12345");
  EXPECT_EQ(refusal.FormatAs(*Translation("de", refusal.pattern()), "de"),
            "Ihr Konto darf Anmeldung 12345 nicht ändern");
}

// Words a sentence quotes from elsewhere (target groups, the unmet
// requirements of a rule) are messages of their own, said in the language
// of the sentence; they survive the status payload's encoding.
TEST(LocalizationTest, ListItemsAreSaidInTheLanguageOfTheirSentence) {
  const domain::Message refusal = domain::Msg(
      "participant {participant} ({name}) belongs to {groups}; series {series} is for "
      "{series_groups}; {by, select, planner {set override_eligibility to enrol them anyway} "
      "other {a coordinator can enrol you anyway}}",
      {{"participant", int64_t{7}},
       {"name", "Dr. Weber"},
       domain::MessageArg::List("groups", {domain::Msg("managers"), domain::Msg("trainers")}),
       {"series", int64_t{3}},
       domain::MessageArg::List("series_groups", {domain::Msg("volunteers")}),
       {"by", "participant"}});
  EXPECT_EQ(refusal.English(),
            "participant 7 (Dr. Weber) belongs to managers, trainers; series 3 is for volunteers; "
            "a coordinator can enrol you anyway");
  const auto decoded = domain::Message::Decode(refusal.Encode());
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(*decoded, refusal);

  grpc::Status status =
      ToGrpcStatus(domain::Refusal(absl::StatusCode::kFailedPrecondition, refusal));
  trainhub::v1::ErrorDetails details;
  ASSERT_TRUE(details.ParseFromString(status.error_details()));
  Localize(details, status.error_message(), "de", 4096);
  EXPECT_EQ(details.localized_message().message(),
            "Teilnehmer:in 7 (Dr. Weber) gehört zu Führungskräfte, Trainer:innen; Reihe 3 ist für "
            "Ehrenamtliche; eine Koordinator:in kann Sie trotzdem anmelden");

  // An item the catalogue lacks keeps its English; a malformed item list
  // is no message.
  const domain::Message unknown =
      domain::Msg("at most {max} excused absences: {excused}", {{"max", 1}, {"excused", 2}});
  const domain::Message with_unknown = domain::Msg(
      "{name} has not completed the series and attended too little for a "
      "Teilnahmebestätigung ({unmet}); a coordinator may decide otherwise with a reason",
      {{"name", "Jana"},
       domain::MessageArg::List("unmet", {unknown, domain::Message(std::string("x{y}"))}, "; ")});
  status = ToGrpcStatus(domain::Refusal(absl::StatusCode::kFailedPrecondition, with_unknown));
  ASSERT_TRUE(details.ParseFromString(status.error_details()));
  Localize(details, status.error_message(), "de", 4096);
  EXPECT_NE(
      details.localized_message().message().find("(höchstens 1 entschuldigte Fehlzeiten: 2; x{y})"),
      std::string::npos)
      << details.localized_message().message();
  EXPECT_FALSE(
      domain::Message::Decode(R"({"e":"x","p":"{a}","a":[{"n":"a","t":"x","i":[1],"s":", "}]})")
          .has_value());
}

class LocalizedRefusalTest : public api_test::ApiTest {};

// A call that asks for German gets the refusal in German beside the English
// status message; one that asks for nothing gets no internal patterns.
TEST_F(LocalizedRefusalTest, ARefusedCallCarriesItsMessageInTheCallersLanguage) {
  auto call = [&](const std::string& token, const char* language) {
    grpc::ClientContext context;
    if (!token.empty()) context.AddMetadata("authorization", "Bearer " + token);
    if (language != nullptr) context.AddMetadata("accept-language", language);
    auto stub = v1::OrganizationService::NewStub(channel_);
    v1::CreateOrganizationRequest request;
    request.mutable_organization()->set_name("Verein");
    v1::Organization out;
    return stub->CreateOrganization(&context, request, &out);
  };
  grpc::Status german = call("not-a-token", "de-DE,de;q=0.9");
  ASSERT_EQ(german.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(german.error_message(), "the token is unknown, expired or revoked; log in again");
  trainhub::v1::ErrorDetails details;
  ASSERT_TRUE(details.ParseFromString(german.error_details()));
  EXPECT_EQ(details.localized_message().locale(), "de");
  EXPECT_EQ(details.localized_message().message(),
            "Ihre Sitzung ist unbekannt, abgelaufen oder wurde beendet; bitte melden Sie sich "
            "erneut an");
  EXPECT_TRUE(details.internal_message().empty());

  grpc::Status plain = call("not-a-token", nullptr);
  ASSERT_TRUE(details.ParseFromString(plain.error_details()));
  EXPECT_FALSE(details.has_localized_message());
  EXPECT_TRUE(details.internal_message().empty());

  grpc::Status french = call("not-a-token", "fr");
  ASSERT_TRUE(details.ParseFromString(french.error_details()));
  EXPECT_EQ(details.localized_message().locale(), "en");
  EXPECT_EQ(details.localized_message().message(), french.error_message());
}

// The eligibility refusal names the groups in the caller's language, as
// the English status message names them by the API's values.
TEST_F(LocalizedRefusalTest, TargetGroupsInARefusalAreSaidInGerman) {
  const int64_t org = CreateOrganization("Landkreis Harz");
  const v1::Series series = CreateSeries(org, "Interkultur im Ehrenamt");
  v1::CreateParticipantRequest person;
  person.mutable_participant()->set_display_name("Dr. Weber");
  person.mutable_participant()->set_organization_id(org);
  person.mutable_participant()->add_target_groups(v1::TARGET_GROUP_MANAGERS);
  person.mutable_participant()->add_target_groups(v1::TARGET_GROUP_ADMINISTRATION_STAFF);
  v1::Participant manager;
  ASSERT_TRUE(
      Call(*people_, &v1::ParticipantService::Stub::CreateParticipant, person, &manager).ok());
  grpc::ClientContext context;
  context.AddMetadata("authorization", "Bearer " + token_);
  context.AddMetadata("accept-language", "de");
  v1::RequestEnrolmentRequest enrol;
  enrol.set_series_id(series.id());
  enrol.set_participant_id(manager.id());
  v1::Enrolment out;
  const grpc::Status refused = enrolments_->RequestEnrolment(&context, enrol, &out);
  ASSERT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << refused.error_message();
  EXPECT_NE(refused.error_message().find("belongs to managers, administration-staff"),
            std::string::npos)
      << refused.error_message();
  trainhub::v1::ErrorDetails details;
  ASSERT_TRUE(details.ParseFromString(refused.error_details()));
  const std::string german = details.localized_message().message();
  EXPECT_NE(german.find("gehört zu Führungskräfte, Verwaltungsmitarbeitende"), std::string::npos)
      << german;
  EXPECT_NE(german.find("ist für Ehrenamtliche"), std::string::npos) << german;
  EXPECT_EQ(german.find("volunteers"), std::string::npos) << german;
}

// A dry run's problems are data, English in `reason`, and in the caller's
// language beside it.
TEST_F(LocalizedRefusalTest, AnImportsProblemsComeInTheCallersLanguageToo) {
  const int64_t org = CreateOrganization("Landkreis Harz");
  auto dry_run = [&](const char* language) {
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + token_);
    if (language != nullptr) context.AddMetadata("accept-language", language);
    v1::ImportParticipantsRequest request;
    request.set_organization_id(org);
    request.set_dry_run(true);
    request.set_csv("Name;Zielgruppe;Ausbildungsjahr\nJana Beispiel;Astronauten;\n"
                    "Ali Yilmaz;Auszubildende;zwei\n");
    v1::ImportParticipantsResponse response;
    const grpc::Status status = people_->ImportParticipants(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  };
  const v1::ImportParticipantsResponse german = dry_run("de");
  ASSERT_EQ(german.problems_size(), 2);
  EXPECT_EQ(german.problems(0).localized_reason().locale(), "de");
  EXPECT_NE(german.problems(0).localized_reason().message().find(
                "unbekannte Zielgruppe „Astronauten“"),
            std::string::npos)
      << german.problems(0).localized_reason().message();
  EXPECT_NE(german.problems(0).reason().find("unknown target group \"Astronauten\""),
            std::string::npos);
  EXPECT_EQ(german.problems(1).localized_reason().message(), "„zwei“ ist keine Zahl");
  EXPECT_EQ(german.problems(1).reason(), "\"zwei\" is not a number");

  const v1::ImportParticipantsResponse plain = dry_run(nullptr);
  ASSERT_EQ(plain.problems_size(), 2);
  EXPECT_FALSE(plain.problems(0).has_localized_reason());
}

}  // namespace
}  // namespace trainhub::api
