#include "resolve/naming.hpp"

#include <algorithm>
#include <cctype>
#include <regex>

#include <fmt/format.h>

#include "rdf/vocab.hpp"

namespace cae::resolve {
namespace {

bool is_local_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' || c == '.';
}

// The subset of Turtle's PN_LOCAL that needs no escaping.
bool plain_local_name(std::string_view local) {
  if (local.empty()) return true;
  if (local.front() == '-' || local.front() == '.' || local.back() == '.') return false;
  return std::all_of(local.begin(), local.end(), is_local_char);
}

bool matches(std::string_view text, const std::regex& pattern) {
  return std::regex_match(text.begin(), text.end(), pattern);
}

// Turtle writes these datatypes without quotes when the lexical form fits the shorthand.
bool has_shorthand(std::string_view datatype, std::string_view lexical) {
  static const std::regex integer{"[+-]?[0-9]+"};
  static const std::regex decimal{"[+-]?[0-9]*\\.[0-9]+"};
  static const std::regex dbl{"[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)[eE][+-]?[0-9]+"};
  const std::string xsd{rdf::ns::xsd};
  if (datatype == xsd + "integer") return matches(lexical, integer);
  if (datatype == xsd + "decimal") return matches(lexical, decimal);
  if (datatype == xsd + "double") return matches(lexical, dbl);
  if (datatype == xsd + "boolean") return lexical == "true" || lexical == "false";
  return false;
}

}  // namespace

Naming::Naming(const rdf::Graph& graph, std::string_view entry_iri,
               std::vector<std::pair<std::string, std::string>> prefixes)
    : graph_{graph}, entry_iri_{entry_iri}, prefixes_{std::move(prefixes)} {
  const auto slash = entry_iri.rfind('/');
  if (slash != std::string_view::npos) entry_dir_ = entry_iri.substr(0, slash + 1);
}

std::string Naming::iri(std::string_view iri) const {
  if (!entry_dir_.empty() && iri.starts_with(entry_dir_) && iri.size() > entry_dir_.size()) {
    return fmt::format("<{}>", iri.substr(entry_dir_.size()));
  }
  const std::pair<std::string, std::string>* best = nullptr;
  for (const auto& prefix : prefixes_) {
    const std::string& ns = prefix.second;
    if (ns.empty() || !iri.starts_with(ns) || !plain_local_name(iri.substr(ns.size()))) continue;
    if (best == nullptr || ns.size() > best->second.size()) best = &prefix;
  }
  if (best != nullptr) return fmt::format("{}:{}", best->first, iri.substr(best->second.size()));
  return fmt::format("<{}>", iri);
}

std::string Naming::term(rdf::Term term) const {
  if (!term) return "nothing";
  switch (term.kind()) {
    case rdf::TermKind::iri: return iri(term.text());
    case rdf::TermKind::blank: return graph_.blank_label(term);
    case rdf::TermKind::literal: return literal(term);
  }
  return {};
}

std::string Naming::id(rdf::Term node) const {
  return node.is_blank() ? graph_.blank_label(node) : std::string{node.text()};
}

std::string Naming::expand(std::string_view written) const {
  if (written.size() >= 2 && written.front() == '<' && written.back() == '>') {
    written = written.substr(1, written.size() - 2);
  }
  if (written.starts_with('#')) {
    return fmt::format("{}{}", std::string_view{entry_iri_}.substr(0, entry_iri_.find('#')),
                       written);
  }
  const auto colon = written.find(':');
  if (colon == std::string_view::npos) return fmt::format("{}{}", entry_dir_, written);
  const std::string_view name = written.substr(0, colon);
  for (const auto& [prefix, ns] : prefixes_) {
    if (prefix == name) return fmt::format("{}{}", ns, written.substr(colon + 1));
  }
  return std::string{written};
}

std::string Naming::literal(rdf::Term literal) const {
  const rdf::Term datatype = literal.datatype();
  if (datatype && has_shorthand(datatype.text(), literal.text())) {
    return std::string{literal.text()};
  }
  std::string out = turtle_string(literal.text());
  if (!literal.lang().empty()) return fmt::format("{}@{}", out, literal.lang());
  if (datatype && datatype.text() != fmt::format("{}string", rdf::ns::xsd)) {
    out += "^^" + iri(datatype.text());
  }
  return out;
}

std::string with_article(std::string_view noun) {
  // Prefixed names of the W3C vocabularies are read letter by letter: "an xsd:integer".
  const bool vowel_sound =
      !noun.empty() &&
      (std::string_view{"aeiouAEIOU"}.find(noun.front()) != std::string_view::npos ||
       noun.starts_with("xsd:") || noun.starts_with("rdf") || noun.starts_with("sh:"));
  return fmt::format("{} {}", vowel_sound ? "an" : "a", noun);
}

std::string turtle_string(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: out += c;
    }
  }
  out += '"';
  return out;
}

}  // namespace cae::resolve
