#include "resolve/datatypes.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>

namespace cae::resolve {
namespace {

using model::Json;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::string_view trim(std::string_view text) {
  constexpr std::string_view space = " \t\r\n";
  const auto begin = text.find_first_not_of(space);
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(space) - begin + 1);
}

// Skips digits from `at`; returns how many there were.
std::size_t skip_digits(std::string_view text, std::size_t& at) {
  const std::size_t start = at;
  while (at < text.size() && is_digit(text[at])) ++at;
  return at - start;
}

// XSD decimal or double syntax: [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?
bool is_decimal_or_double(std::string_view text) {
  std::size_t at = 0;
  if (at < text.size() && (text[at] == '+' || text[at] == '-')) ++at;
  std::size_t digits = skip_digits(text, at);
  if (at < text.size() && text[at] == '.') {
    ++at;
    digits += skip_digits(text, at);
  }
  if (digits == 0) return false;
  if (at < text.size() && (text[at] == 'e' || text[at] == 'E')) {
    ++at;
    if (at < text.size() && (text[at] == '+' || text[at] == '-')) ++at;
    if (skip_digits(text, at) == 0) return false;
  }
  return at == text.size();
}

// [+-]? digits
bool is_integer_syntax(std::string_view text) {
  std::size_t at = !text.empty() && (text[0] == '+' || text[0] == '-') ? 1 : 0;
  return skip_digits(text, at) > 0 && at == text.size();
}

std::optional<Json> to_integer(std::string_view lexical, bool bits32, std::string& why) {
  std::string_view text = trim(lexical);
  if (!is_integer_syntax(text)) return std::nullopt;
  if (text.front() == '+') text.remove_prefix(1);
  std::int64_t number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  const bool fits = error == std::errc{} && end == text.data() + text.size() &&
                    (!bits32 || (number >= std::numeric_limits<std::int32_t>::min() &&
                                 number <= std::numeric_limits<std::int32_t>::max()));
  if (!fits) {
    why = bits32 ? "outside the 32-bit range" : "outside the 64-bit range";
    return std::nullopt;
  }
  return Json(number);
}

std::optional<Json> to_real(std::string_view lexical, std::string& why) {
  std::string_view text = trim(lexical);
  if (!is_decimal_or_double(text)) return std::nullopt;
  // strtod (the "C" locale: cae never sets another) overflows to infinity and rounds values
  // too small to zero, which is what a reader of the lexical form expects.
  const std::string copy{text};
  const double number = std::strtod(copy.c_str(), nullptr);
  if (!std::isfinite(number)) {
    why = "too large for a double";
    return std::nullopt;
  }
  return Json(number);
}

std::optional<Json> to_boolean(std::string_view lexical) {
  const std::string_view text = trim(lexical);
  if (text == "true" || text == "1") return Json(true);
  if (text == "false" || text == "0") return Json(false);
  return std::nullopt;
}

Json iri_object(std::string_view iri) {
  return Json{{"iri", std::string{iri}}};
}

Json raw_literal(const Vocabulary& vocab, rdf::Term datatype, rdf::Term literal) {
  Json out{{"literal", std::string{literal.text()}}};
  rdf::Term type = literal.datatype();
  if (!literal.lang().empty()) type = vocab.rdf_lang_string;
  if (!type) type = datatype;  // a plain literal takes the field's datatype
  out["datatype"] = std::string{type.text()};
  if (!literal.lang().empty()) out["lang"] = std::string{literal.lang()};
  return out;
}

std::optional<Json> convert_literal(const Vocabulary& vocab, rdf::Term datatype, rdf::Term value,
                                    std::string& why) {
  const std::string_view lexical = value.text();
  if (datatype == vocab.xsd_string) return Json(std::string{lexical});
  if (datatype == vocab.xsd_integer || datatype == vocab.xsd_long) {
    return to_integer(lexical, false, why);
  }
  if (datatype == vocab.xsd_int) return to_integer(lexical, true, why);
  if (datatype == vocab.xsd_double || datatype == vocab.xsd_float ||
      datatype == vocab.xsd_decimal) {
    return to_real(lexical, why);
  }
  if (datatype == vocab.xsd_boolean) return to_boolean(lexical);
  if (datatype == vocab.xsd_iri || datatype == vocab.xsd_any_uri) {
    if (!is_absolute_iri(lexical)) return std::nullopt;
    return iri_object(lexical);
  }
  return raw_literal(vocab, datatype, value);
}

std::optional<Json> convert_iri(const Vocabulary& vocab, rdf::Term datatype, rdf::Term value) {
  if (datatype == vocab.xsd_string) return Json(std::string{value.text()});
  const bool numeric_or_boolean = datatype == vocab.xsd_integer || datatype == vocab.xsd_long ||
                                  datatype == vocab.xsd_int || datatype == vocab.xsd_double ||
                                  datatype == vocab.xsd_float || datatype == vocab.xsd_decimal ||
                                  datatype == vocab.xsd_boolean;
  if (numeric_or_boolean) return std::nullopt;
  return iri_object(value.text());
}

}  // namespace

std::optional<Json> convert_datatype(const Vocabulary& vocab, rdf::Term datatype, rdf::Term value,
                                     std::string& why) {
  if (value.is_literal()) return convert_literal(vocab, datatype, value, why);
  if (value.is_iri()) return convert_iri(vocab, datatype, value);
  return std::nullopt;  // a blank node never fits a datatype
}

bool is_absolute_iri(std::string_view text) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  if (std::isalpha(static_cast<unsigned char>(text[0])) == 0) return false;
  for (std::size_t i = 1; i < colon; ++i) {
    const char c = text[i];
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '+' && c != '-' && c != '.') {
      return false;
    }
  }
  return true;
}

}  // namespace cae::resolve
