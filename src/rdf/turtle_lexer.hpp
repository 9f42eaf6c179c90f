// The tokens of Turtle, TriG, N-Triples and N-Quads exactly as Serd 0.30.16 reads them: where
// each token ends and whether Serd accepts it. The position scan (positions.cpp) walks the
// document with this lexer and must consume byte for byte what Serd consumes, or its statements
// would drift out of step with Serd's. Internal to src/rdf.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/diagnostic.hpp"
#include "rdf/positions.hpp"

namespace cae::rdf::detail {

// Mirrors Serd's statuses: success, "nothing of that kind here" (SERD_FAILURE), and an error.
enum class ScanStatus : std::uint8_t { ok, failure, error };

// Whether a code point may start a name (Turtle's PN_CHARS_BASE, without the ASCII letters).
bool is_name_start_code(std::uint32_t code);

// A cursor over the document text with Serd's token readers. Every read stops at the end of
// the text; none reads past it. Once Serd would report a syntax error, `failed()` is true: the
// scan ends there, since Serd's statements after an error never reach a graph that is used.
class TurtleLexer {
 public:
  static constexpr int end_of_input = -1;

  // `fancy` is Serd's name for the Turtle/TriG grammar (directives, abbreviations, long
  // strings) as opposed to the line-based N-Triples/N-Quads one.
  TurtleLexer(std::string_view text, std::uint32_t file, bool fancy);

  [[nodiscard]] int peek() const;  // the next byte, or end_of_input
  void skip();                     // consumes one byte, counting lines
  [[nodiscard]] Location here() const;
  [[nodiscard]] std::size_t offset() const { return pos_; }
  [[nodiscard]] bool at_end() const { return pos_ >= text_.size(); }
  [[nodiscard]] bool fancy() const { return fancy_; }
  [[nodiscard]] bool failed() const { return failed_; }
  // Records that Serd reports an error here; returns ScanStatus::error for `return fail();`.
  ScanStatus fail();
  // Records text that cae refuses although Serd reads it, and ends the scan like an error.
  ScanStatus refuse(Location where, std::string message);
  [[nodiscard]] std::optional<ScanRefusal> take_refusal() { return std::move(refusal_); }

  ScanStatus skip_byte_order_mark();
  void skip_ws();               // white space and comments
  bool peek_delim(int delim);   // skips white space, then looks for `delim`
  bool eat_delim(int delim);    // the same, consuming `delim` and the white space after it
  bool eat(int byte);           // consumes `byte`, or fails
  ScanStatus eat_word(std::string_view word);

  // Token readers. `text`, when given, receives the bytes Serd keeps of a name or IRI, as far as
  // the scan needs them (keywords such as `a`, `true`, `PREFIX`); `ate_dot` is set when a token
  // swallowed the '.' that ends the statement, as Serd's grammar allows.
  ScanStatus iri(bool& ate_dot, std::string* text);  // IRIREF or prefixed name
  ScanStatus iri_ref(std::string* text);
  ScanStatus prefixed_name(bool read_prefix, bool& ate_dot, std::string& text);
  ScanStatus name_prefix(std::string& text);
  ScanStatus name_prefix_tail(std::string& text);
  ScanStatus name_start_char(std::string* text);
  ScanStatus blank_label(bool& ate_dot);
  ScanStatus number(bool& ate_dot);
  ScanStatus literal(bool& ate_dot);  // a string with its language tag or datatype

 private:
  ScanStatus name_char(std::string* text);
  ScanStatus local_name(bool& ate_dot);
  ScanStatus local_escape();
  ScanStatus utf8_rest(int lead, std::string* text, std::uint32_t& code);
  ScanStatus unicode_escape(std::uint32_t& code);
  ScanStatus string_escape();
  ScanStatus string();
  ScanStatus short_string(int quote);
  ScanStatus long_string(int quote);
  ScanStatus language_tag();
  ScanStatus digits(bool at_least_one);
  ScanStatus iri_scheme(std::string* text);

  std::string_view text_;
  std::size_t pos_ = 0;
  std::uint32_t file_;
  std::uint32_t line_ = 1;
  std::uint32_t col_ = 1;
  bool fancy_;
  bool failed_ = false;
  std::optional<ScanRefusal> refusal_;
};

}  // namespace cae::rdf::detail
