#include "rdf/turtle_lexer.hpp"

#include "rdf/turtle_chars.hpp"

namespace cae::rdf::detail {
namespace {

constexpr int eof = TurtleLexer::end_of_input;

// The characters a backslash may escape in a local name (PN_LOCAL_ESC).
bool is_local_escapable(int c) {
  return c > 0 && std::string_view{"!#$%&'()*+,-./;=?@_~"}.find(static_cast<char>(c)) !=
                      std::string_view::npos;
}

// Serd takes the length of a UTF-8 sequence from its first byte alone.
unsigned utf8_length(int lead) {
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 0;
}

// Turtle's PN_CHARS beyond ASCII.
bool is_name_code(std::uint32_t code) {
  return is_name_start_code(code) || code == 0xB7 || in_range(code, 0x300, 0x36F) ||
         in_range(code, 0x203F, 0x2040);
}

}  // namespace

bool is_name_start_code(std::uint32_t c) {
  return in_range(c, 0xC0, 0xD6) || in_range(c, 0xD8, 0xF6) || in_range(c, 0xF8, 0x2FF) ||
         in_range(c, 0x370, 0x37D) || in_range(c, 0x37F, 0x1FFF) || in_range(c, 0x200C, 0x200D) ||
         in_range(c, 0x2070, 0x218F) || in_range(c, 0x2C00, 0x2FEF) ||
         in_range(c, 0x3001, 0xD7FF) || in_range(c, 0xF900, 0xFDCF) ||
         in_range(c, 0xFDF0, 0xFFFD) || in_range(c, 0x10000, 0xEFFFF);
}

TurtleLexer::TurtleLexer(std::string_view text, std::uint32_t file, bool fancy)
    : text_{text}, file_{file}, fancy_{fancy} {}

int TurtleLexer::peek() const {
  return pos_ < text_.size() ? static_cast<unsigned char>(text_[pos_]) : eof;
}

void TurtleLexer::skip() {
  if (pos_ >= text_.size()) return;
  if (text_[pos_] == '\n') {
    ++line_;
    col_ = 1;
  } else {
    ++col_;
  }
  ++pos_;
}

Location TurtleLexer::here() const { return Location{file_, line_, col_}; }

ScanStatus TurtleLexer::fail() {
  failed_ = true;
  return ScanStatus::error;
}

ScanStatus TurtleLexer::refuse(Location where, std::string message) {
  if (!refusal_) refusal_ = ScanRefusal{where, std::move(message)};
  return fail();
}

ScanStatus TurtleLexer::skip_byte_order_mark() {
  if (peek() != 0xEF) return ScanStatus::ok;
  skip();
  for (const int expected : {0xBB, 0xBF}) {
    if (peek() != expected) return fail();
    skip();
  }
  return ScanStatus::ok;
}

void TurtleLexer::skip_ws() {
  for (;;) {
    const int c = peek();
    if (c == '\t' || c == '\n' || c == '\r' || c == ' ') {
      skip();
    } else if (c == '#') {
      // A comment runs to the end of the line; Serd also stops it at a NUL byte.
      for (int k = peek(); k != '\n' && k != '\r' && k != eof && k != 0; k = peek()) skip();
    } else {
      return;
    }
  }
}

bool TurtleLexer::peek_delim(int delim) {
  skip_ws();
  return peek() == delim;
}

bool TurtleLexer::eat_delim(int delim) {
  if (!peek_delim(delim)) return false;
  skip();
  skip_ws();
  return true;
}

bool TurtleLexer::eat(int byte) {
  if (peek() != byte) {
    fail();
    return false;
  }
  skip();
  return true;
}

ScanStatus TurtleLexer::eat_word(std::string_view word) {
  for (const char c : word) {
    if (!eat(static_cast<unsigned char>(c))) return ScanStatus::error;
  }
  return ScanStatus::ok;
}

// The rest of a multi-byte character whose first byte `lead` was consumed.
ScanStatus TurtleLexer::utf8_rest(int lead, std::string* text, std::uint32_t& code) {
  const unsigned length = utf8_length(lead);
  if (length == 0) return fail();
  append(text, lead);
  code = static_cast<std::uint32_t>(lead) & ((1U << (8 - length)) - 1);
  for (unsigned i = 1; i < length; ++i) {
    const int c = peek();
    if (c == eof || (c & 0x80) == 0) return fail();
    append(text, c);
    code = (code << 6U) | (static_cast<std::uint32_t>(c) & 0x3FU);
    skip();
  }
  return ScanStatus::ok;
}

ScanStatus TurtleLexer::name_start_char(std::string* text) {
  const int c = peek();
  if (is_alpha(c)) {
    append(text, c);
    skip();
    return ScanStatus::ok;
  }
  if (c == eof || is_ascii(c)) return ScanStatus::failure;
  skip();
  std::uint32_t code = 0;
  if (utf8_rest(c, text, code) != ScanStatus::ok) return ScanStatus::error;
  return is_name_start_code(code) ? ScanStatus::ok : fail();
}

ScanStatus TurtleLexer::name_char(std::string* text) {
  const int c = peek();
  if (is_alpha(c) || is_digit(c) || c == '_' || c == '-') {
    append(text, c);
    skip();
    return ScanStatus::ok;
  }
  if (c == eof || is_ascii(c)) return ScanStatus::failure;
  skip();
  std::uint32_t code = 0;
  if (utf8_rest(c, text, code) != ScanStatus::ok) return ScanStatus::error;
  return is_name_code(code) ? ScanStatus::ok : fail();
}

ScanStatus TurtleLexer::name_prefix(std::string& text) {
  if (name_start_char(&text) != ScanStatus::ok) return ScanStatus::failure;
  return name_prefix_tail(text);
}

ScanStatus TurtleLexer::name_prefix_tail(std::string& text) {
  for (int c = peek(); c != 0; c = peek()) {
    if (c == '.') {
      text.push_back('.');
      skip();
    } else if (name_char(&text) != ScanStatus::ok) {
      break;
    }
  }
  // Serd looks at the last byte kept; with nothing kept, the byte it finds is never a dot.
  if (!text.empty() && text.back() == '.' && name_char(&text) != ScanStatus::ok) return fail();
  return ScanStatus::ok;
}

ScanStatus TurtleLexer::prefixed_name(bool read_prefix, bool& ate_dot, std::string& text) {
  if (read_prefix && name_prefix(text) == ScanStatus::error) return ScanStatus::error;
  if (peek() != ':') return ScanStatus::failure;
  text.push_back(':');
  skip();
  return local_name(ate_dot) == ScanStatus::error ? ScanStatus::error : ScanStatus::ok;
}

// PLX: a percent-encoded byte or a backslash escape.
ScanStatus TurtleLexer::local_escape() {
  if (peek() == '%') {
    skip();
    for (int i = 0; i < 2; ++i) {
      if (!is_hex(peek())) return fail();
      skip();
    }
    return ScanStatus::ok;
  }
  if (peek() == '\\') {
    skip();
    if (!is_local_escapable(peek())) return fail();
    skip();
    return ScanStatus::ok;
  }
  return ScanStatus::failure;
}

// The part of a prefixed name after the colon. A final unescaped dot is not part of the name
// but the end of the statement; Serd has consumed it all the same and says so in `ate_dot`.
ScanStatus TurtleLexer::local_name(bool& ate_dot) {
  const int first = peek();
  if (is_digit(first) || first == ':' || first == '_') {
    skip();
  } else {
    const ScanStatus escaped = local_escape();
    if (escaped == ScanStatus::error) return ScanStatus::error;
    if (escaped == ScanStatus::failure && name_start_char(nullptr) != ScanStatus::ok) {
      return ScanStatus::failure;
    }
  }
  bool trailing_dot = false;
  ScanStatus status = ScanStatus::ok;
  for (int c = peek(); c != 0; c = peek()) {
    if (c == '.' || c == ':') {
      skip();
    } else {
      const ScanStatus escaped = local_escape();
      if (escaped == ScanStatus::error) return ScanStatus::error;
      if (escaped == ScanStatus::failure && (status = name_char(nullptr)) != ScanStatus::ok) {
        break;
      }
    }
    trailing_dot = c == '.';
  }
  if (trailing_dot) ate_dot = true;
  return status == ScanStatus::error ? ScanStatus::error : ScanStatus::ok;
}

ScanStatus TurtleLexer::blank_label(bool& ate_dot) {
  skip();  // '_'
  if (!eat(':')) return ScanStatus::error;
  const int first = peek();
  if (is_digit(first) || first == '_') {
    skip();
  } else if (name_char(nullptr) != ScanStatus::ok) {
    return fail();
  }
  bool ends_with_dot = false;
  for (int c = peek(); c != 0; c = peek()) {
    if (c == '.') {
      skip();
      ends_with_dot = true;
    } else if (name_char(nullptr) != ScanStatus::ok) {
      break;
    } else {
      ends_with_dot = false;
    }
  }
  // Only the last of several final dots ends the statement; the others stay in the label.
  if (ends_with_dot && name_char(nullptr) != ScanStatus::ok) ate_dot = true;
  return ScanStatus::ok;
}

ScanStatus TurtleLexer::iri(bool& ate_dot, std::string* text) {
  if (peek() == '<') return iri_ref(text);
  std::string scratch;
  return prefixed_name(true, ate_dot, text != nullptr ? *text : scratch);
}

}  // namespace cae::rdf::detail
