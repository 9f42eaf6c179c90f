// Token readers for IRI references, numbers and strings (see turtle_lexer.hpp).
#include <fmt/format.h>

#include "rdf/turtle_chars.hpp"
#include "rdf/turtle_lexer.hpp"

namespace cae::rdf::detail {
namespace {

constexpr int eof = TurtleLexer::end_of_input;

// IRI characters Serd refuses even though they are printable.
bool is_refused_in_iri(int c) {
  switch (c) {
    case '"':
    case '<':
    case '^':
    case '`':
    case '{':
    case '|':
    case '}':
      return true;
    default:
      return false;
  }
}

bool is_refused_escape_in_iri(std::uint32_t code) {
  return code == 0 || code == ' ' || code == '<' || code == '>';
}

}  // namespace

// N-Triples and N-Quads IRIs must be absolute: Serd checks for a scheme up to the colon.
ScanStatus TurtleLexer::iri_scheme(std::string* text) {
  if (!is_alpha(peek())) return fail();
  for (int c = peek(); c != eof; c = peek()) {
    if (c == '>' || !is_scheme_char(c)) return fail();
    append(text, c);
    skip();
    if (c == ':') return ScanStatus::ok;
  }
  return fail();
}

ScanStatus TurtleLexer::iri_ref(std::string* text) {
  if (!eat('<')) return ScanStatus::error;
  if (!fancy_ && iri_scheme(text) != ScanStatus::ok) return ScanStatus::error;
  for (;;) {
    const int c = peek();
    skip();
    if (c == '>') return ScanStatus::ok;
    if (c == '\\') {
      std::uint32_t code = 0;
      if (unicode_escape(code) != ScanStatus::ok || is_refused_escape_in_iri(code)) return fail();
      append_utf8(text, code);
    } else if (is_refused_in_iri(c) || c <= 0x20) {
      return fail();  // also the end of the text, which peek gives as -1
    } else if (is_ascii(c)) {
      append(text, c);
    } else if (std::uint32_t code = 0; utf8_rest(c, text, code) != ScanStatus::ok) {
      return ScanStatus::error;
    }
  }
}

// UCHAR, after its backslash. Serd reports code points past U+10FFFF; surrogates, which it
// lets through, cae refuses.
ScanStatus TurtleLexer::unicode_escape(std::uint32_t& code) {
  const int marker = peek();
  const int length = marker == 'U' ? 8 : marker == 'u' ? 4 : 0;
  if (length == 0) return ScanStatus::error;
  Location backslash = here();
  --backslash.col;  // the caller consumed it, on this same line
  skip();
  code = 0;
  for (int i = 0; i < length; ++i) {
    const int c = peek();
    if (!is_hex(c)) return fail();
    code = code * 16 + hex_value(c);
    skip();
  }
  if (code >= 0x110000) return fail();
  if (in_range(code, 0xD800, 0xDFFF)) {
    return refuse(backslash, fmt::format("the escape \\u{:04X} names a UTF-16 surrogate, which is "
                                         "not a character",
                                         code));
  }
  return ScanStatus::ok;
}

// ECHAR or UCHAR in a string, after its backslash.
ScanStatus TurtleLexer::string_escape() {
  switch (peek()) {
    case 't':
    case 'b':
    case 'n':
    case 'r':
    case 'f':
    case '\\':
    case '"':
    case '\'':
      skip();
      return ScanStatus::ok;
    default: {
      std::uint32_t code = 0;
      return unicode_escape(code) == ScanStatus::ok ? ScanStatus::ok : fail();
    }
  }
}

ScanStatus TurtleLexer::string() {
  const int quote = peek();
  skip();
  if (peek() == eof) return fail();
  if (peek() != quote) return short_string(quote);
  skip();
  if (peek() == eof) return fail();
  if (peek() != quote) return ScanStatus::ok;  // "" or ''
  if (!fancy_) return fail();
  skip();
  return long_string(quote);
}

ScanStatus TurtleLexer::short_string(int quote) {
  for (;;) {
    const int c = peek();
    if (c == eof || c == '\n' || c == '\r') return fail();
    skip();
    if (c == quote) return ScanStatus::ok;
    std::uint32_t code = 0;
    if (c == '\\' && string_escape() != ScanStatus::ok) return ScanStatus::error;
    if (!is_ascii(c) && utf8_rest(c, nullptr, code) != ScanStatus::ok) return ScanStatus::error;
  }
}

// Serd 0.30.16 reads the byte after a lone quote in a long string as plain text, even a
// backslash, and ends the string at the first three quotes in a row.
ScanStatus TurtleLexer::long_string(int quote) {
  for (;;) {
    int c = peek();
    if (c == eof) return fail();
    skip();
    if (c == '\\') {
      if (string_escape() != ScanStatus::ok) return ScanStatus::error;
      continue;
    }
    if (c == quote) {
      c = peek();
      skip();
      if (c == quote && peek() == quote) {
        skip();
        return ScanStatus::ok;
      }
      if (c == eof) return fail();
    }
    std::uint32_t code = 0;
    if (!is_ascii(c) && utf8_rest(c, nullptr, code) != ScanStatus::ok) return ScanStatus::error;
  }
}

ScanStatus TurtleLexer::language_tag() {
  if (!is_alpha(peek())) return fail();
  while (is_alpha(peek())) skip();
  while (peek() == '-') {
    skip();
    while (is_alpha(peek()) || is_digit(peek())) skip();
  }
  return ScanStatus::ok;
}

ScanStatus TurtleLexer::literal(bool& ate_dot) {
  if (string() != ScanStatus::ok) return ScanStatus::error;
  if (peek() == '@') {
    skip();
    return language_tag();
  }
  if (peek() == '^') {
    skip();
    if (!eat('^')) return ScanStatus::error;
    return iri(ate_dot, nullptr) == ScanStatus::ok ? ScanStatus::ok : fail();
  }
  return ScanStatus::ok;
}

ScanStatus TurtleLexer::digits(bool at_least_one) {
  bool any = false;
  for (; is_digit(peek()); skip()) any = true;
  return any || !at_least_one ? ScanStatus::ok : fail();
}

// A dot after the integer digits that no digit or exponent follows ends the statement: Serd
// has eaten it and says so in `ate_dot`.
ScanStatus TurtleLexer::number(bool& ate_dot) {
  if (peek() == '+' || peek() == '-') skip();
  if (peek() == '.') {
    skip();
    if (digits(true) != ScanStatus::ok) return ScanStatus::error;
  } else {
    if (digits(true) != ScanStatus::ok) return ScanStatus::error;
    if (peek() == '.') {
      skip();
      const int next = peek();
      if (!is_digit(next) && next != 'e' && next != 'E') {
        ate_dot = true;
        return ScanStatus::ok;
      }
      digits(false);
    }
  }
  if (peek() == 'e' || peek() == 'E') {
    skip();
    if (peek() == '+' || peek() == '-') skip();
    return digits(true);
  }
  return ScanStatus::ok;
}

}  // namespace cae::rdf::detail
