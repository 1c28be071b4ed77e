#ifndef TRAINHUB_SERVICES_DOMAIN_MESSAGE_H_
#define TRAINHUB_SERVICES_DOMAIN_MESSAGE_H_

// What the server says to people, above all its refusals, in a form that
// can be said in their language: an English ICU MessageFormat pattern with
// named arguments. The pattern is also the key of the message's
// translations (services/api/messages/<language>.json), as gettext keys by
// the English source text. Write a translatable text as Msg("literal
// pattern", {args}) where it is used: a test finds every Msg pattern in the
// sources and checks that each language has it. Logs, scripts and the gRPC
// status message get the English; clients that send `accept-language` get
// their language too (api/localization.h).

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"

namespace trainhub::domain {

class Message;

// One named argument: a text ({series}: a name, a title, an id, a time
// already formatted) or a count ({n, plural, one {# seat} other {# seats}}).
struct MessageArg {
  // The constructors are out of line: `items` holds Messages, which are
  // incomplete here.
  MessageArg(std::string name, absl::string_view text);
  MessageArg(std::string name, const char* text);
  MessageArg(std::string name, const std::string& text);
  // An id or number, written as plain digits (no grouping) wherever it is used.
  MessageArg(std::string name, int64_t number);
  MessageArg(std::string name, int number);
  MessageArg(std::string name, uint64_t number);
  // A count that plural and number formats work on.
  static MessageArg Count(std::string name, int64_t n);
  // Words that are messages of their own (target groups, the unmet
  // requirements of a rule), each said in the language of the whole and
  // joined by `separator` ({groups}: "volunteers, apprentices").
  static MessageArg List(std::string name, std::vector<Message> items,
                         std::string separator = ", ");

  std::string name;
  std::string text;              // English; for a list, its items' English joined
  std::optional<int64_t> count;  // set for counts
  std::vector<Message> items;    // set for lists
  std::string separator;         // between the items of a list
  bool operator==(const MessageArg&) const = default;
};

class Message {
 public:
  Message() = default;
  // A text that is not a pattern and has no translation (a library's words,
  // text assembled elsewhere): shown as it is in every language.
  Message(std::string text) : text_(std::move(text)) {}  // NOLINT: implicit
  // A literal is words of ours: write it as Msg("...") so that it is
  // translated (the compiler finds a literal given where a Message is due).
  Message(const char* text) = delete;

  // English text; empty for a verbatim message.
  const std::string& pattern() const { return pattern_; }
  const std::vector<MessageArg>& args() const { return args_; }
  bool translatable() const { return !pattern_.empty(); }

  // The message in English, as logs and the gRPC status message carry it.
  const std::string& English() const { return text_; }
  // Says a list argument's item in the language asked for.
  using SayItem = std::function<std::string(const Message& item)>;
  // The message formatted from `translated`, its pattern in `language`
  // ("de"), with this message's arguments, the items of list arguments said
  // by `say_item` (their English when it is empty). nullopt when
  // `translated` is no valid pattern for them (the caller falls back to
  // English).
  std::optional<std::string> FormatAs(absl::string_view translated, absl::string_view language,
                                      const SayItem& say_item = nullptr) const;

  // A compact encoding for status payloads and back; Decode gives nullopt
  // for text Encode did not write.
  std::string Encode() const;
  static std::optional<Message> Decode(absl::string_view encoded);

  bool operator==(const Message& other) const {
    return pattern_ == other.pattern_ && args_ == other.args_ && text_ == other.text_;
  }

 private:
  friend Message Msg(absl::string_view pattern, std::vector<MessageArg> args);
  std::string pattern_;
  std::vector<MessageArg> args_;
  std::string text_;  // English
};

// A translatable message: `pattern` must be a string literal (the test of
// the catalogues reads the sources for them). A pattern ICU cannot format
// with `args` is a programming error; its English is then the pattern as
// written.
Message Msg(absl::string_view pattern, std::vector<MessageArg> args = {});

// `pattern` (ICU MessageFormat) formatted with `args` for `language`, for
// texts that keep their own catalogue of every language (the e-mail
// templates, domain/notifications/notice_templates.cc); nullopt when ICU
// refuses the pattern or the arguments.
std::optional<std::string> FormatPattern(absl::string_view pattern,
                                         const std::vector<MessageArg>& args,
                                         absl::string_view language);

// The English of `messages`, joined by `separator`.
std::string EnglishJoined(const std::vector<Message>& messages, absl::string_view separator);

// The key under which a `select` names fixed English words: "open for
// enrolment" -> "open_for_enrolment" (select keys are single words).
std::string SelectKey(absl::string_view words);

// The names of the arguments `pattern` uses ({name}, {n, plural, ...}),
// sorted, without repeats; nullopt when ICU cannot read the pattern.
std::optional<std::vector<std::string>> ArgumentNames(absl::string_view pattern);

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_MESSAGE_H_
