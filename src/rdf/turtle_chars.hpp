// Character classes of the Turtle family, as Serd tests them. Internal to the position scan.
#pragma once

#include <cstdint>
#include <string>

namespace cae::rdf::detail {

inline constexpr bool in_range(std::uint32_t c, std::uint32_t low, std::uint32_t high) {
  return c >= low && c <= high;
}

// The byte tests take what TurtleLexer::peek returns: a byte, or -1 at the end of the text.
inline constexpr bool is_alpha(int c) {
  return in_range(static_cast<std::uint32_t>(c), 'A', 'Z') ||
         in_range(static_cast<std::uint32_t>(c), 'a', 'z');
}
inline constexpr bool is_digit(int c) { return in_range(static_cast<std::uint32_t>(c), '0', '9'); }
inline constexpr bool is_hex(int c) {
  const auto u = static_cast<std::uint32_t>(c);
  return is_digit(c) || in_range(u, 'A', 'F') || in_range(u, 'a', 'f');
}
inline constexpr bool is_ascii(int c) { return c >= 0 && c < 0x80; }
inline constexpr bool is_scheme_char(int c) {
  return is_alpha(c) || is_digit(c) || c == '+' || c == '-' || c == '.' || c == ':';
}
inline constexpr std::uint32_t hex_value(int c) {
  return is_digit(c) ? static_cast<std::uint32_t>(c - '0')
                     : static_cast<std::uint32_t>((c | 0x20) - 'a' + 10);
}

// Appends a byte to an optional text.
inline void append(std::string* text, int c) {
  if (text != nullptr) text->push_back(static_cast<char>(c));
}

// Appends a code point, UTF-8 encoded, to an optional text.
inline void append_utf8(std::string* text, std::uint32_t code) {
  if (text == nullptr) return;
  if (code < 0x80) {
    text->push_back(static_cast<char>(code));
    return;
  }
  const unsigned length = code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  const std::uint32_t lead_mark = length == 2 ? 0xC0 : length == 3 ? 0xE0 : 0xF0;
  std::string bytes(length, '\0');
  for (unsigned i = length - 1; i > 0; --i) {
    bytes[i] = static_cast<char>(0x80U | (code & 0x3FU));
    code >>= 6U;
  }
  bytes[0] = static_cast<char>(lead_mark | code);
  *text += bytes;
}

}  // namespace cae::rdf::detail
