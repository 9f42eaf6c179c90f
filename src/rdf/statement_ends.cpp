#include "rdf/statement_ends.hpp"

#include <array>

namespace cae::rdf::detail {
namespace {

// The bytes that matter between terms in Turtle and TriG; all others are skipped in bulk.
constexpr std::array<bool, 256> top_level_bytes = [] {
  std::array<bool, 256> table{};
  for (const unsigned char c : std::string_view{"<\"'#\\.[({])}"}) table[c] = true;
  return table;
}();

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

StatementEnds::StatementEnds(Syntax syntax)
    : line_based_{syntax == Syntax::ntriples || syntax == Syntax::nquads} {}

void StatementEnds::drop(std::size_t length) {
  pos_ -= length;
  end_ -= length;
}

std::size_t StatementEnds::scan(std::string_view text) {
  if (line_based_) return scan_lines(text);
  bool more = true;
  while (more && pos_ < text.size()) {
    switch (state_) {
      case State::top: more = step_top(text); break;
      case State::short_string:
      case State::long_string: more = step_string(text); break;
      case State::iri: step_iri(text); break;
      case State::comment: step_comment(text); break;
      case State::invalid: pos_ = text.size(); break;
    }
  }
  if (state_ == State::invalid) end_ = pos_ = text.size();
  return end_;
}

// Cuts before the last line end, so that the rest always starts with white space.
std::size_t StatementEnds::scan_lines(std::string_view text) {
  for (std::size_t at = text.size(); at > pos_; --at) {
    const char c = text[at - 1];
    if (c == '\n' || c == '\r') {
      end_ = at - 1;
      break;
    }
  }
  pos_ = text.size();
  return end_;
}

bool StatementEnds::step_top(std::string_view text) {
  while (pos_ < text.size() && !top_level_bytes[static_cast<unsigned char>(text[pos_])]) ++pos_;
  if (pos_ == text.size()) return false;
  const char c = text[pos_];
  // Every case that decides on the bytes after `c` waits until they have arrived.
  const std::size_t ahead = text.size() - pos_ - 1;
  switch (c) {
    case '<': state_ = State::iri; break;
    case '#': state_ = State::comment; break;
    case '"':
    case '\'':
      if (ahead < 2) return false;
      quote_ = c;
      if (text[pos_ + 1] == c && text[pos_ + 2] == c) {
        state_ = State::long_string;
        pos_ += 2;
      } else if (text[pos_ + 1] == c) {
        ++pos_;  // an empty string
      } else {
        state_ = State::short_string;
      }
      break;
    case '\\':  // an escaped character in a name
      if (ahead < 1) return false;
      ++pos_;
      break;
    case '.':
      if (ahead < 1) return false;
      if (depth_ == 0 && is_space(text[pos_ + 1])) end_ = pos_ + 1;
      break;
    case '[':
    case '(':
    case '{': ++depth_; break;
    default:  // a closing bracket
      if (depth_ == 0) {
        state_ = State::invalid;
        return true;
      }
      if (c == '}' && depth_ == 1) {
        if (ahead < 1) return false;
        if (is_space(text[pos_ + 1])) end_ = pos_ + 1;
      }
      --depth_;
      break;
  }
  ++pos_;
  return true;
}

// IRIs make up much of a typical document, so they get a loop of their own.
void StatementEnds::step_iri(std::string_view text) {
  while (pos_ < text.size()) {
    const auto c = static_cast<unsigned char>(text[pos_++]);
    if (c == '>') {
      state_ = State::top;
      return;
    }
    // A raw space or control character is never part of an IRI: Serd stops there.
    if (c <= 0x20) {
      state_ = State::invalid;
      return;
    }
  }
}

void StatementEnds::step_comment(std::string_view text) {
  while (pos_ < text.size()) {
    const char c = text[pos_++];
    if (c == '\n' || c == '\r') {
      state_ = State::top;
      return;
    }
  }
}

bool StatementEnds::step_string(std::string_view text) {
  const bool long_string = state_ == State::long_string;
  while (pos_ < text.size()) {
    const char c = text[pos_];
    if (c == '\\') {
      if (pos_ + 1 == text.size()) return false;
      pos_ += 2;
    } else if (c == quote_) {
      if (!long_string) {
        ++pos_;
        state_ = State::top;
        return true;
      }
      if (text.size() - pos_ < 3) return false;
      if (text[pos_ + 1] == c && text[pos_ + 2] == c) {
        pos_ += 3;
        state_ = State::top;
        return true;
      }
      ++pos_;
    } else if (!long_string && (c == '\n' || c == '\r')) {
      state_ = State::invalid;  // Serd: "line end in short string"
      return true;
    } else {
      ++pos_;
    }
  }
  return false;
}

}  // namespace cae::rdf::detail
