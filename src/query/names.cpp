#include "query/names.hpp"

#include <algorithm>
#include <array>
#include <regex>

#include <fmt/format.h>

#include "rdf/vocab.hpp"

namespace cae::query {
namespace {

constexpr std::string_view xsd_integer = "http://www.w3.org/2001/XMLSchema#integer";
constexpr std::string_view xsd_decimal = "http://www.w3.org/2001/XMLSchema#decimal";
constexpr std::string_view xsd_boolean = "http://www.w3.org/2001/XMLSchema#boolean";

// A local name cae can write after `prefix:` without escapes.
bool plain_local_name(std::string_view local) {
  const bool chars_ok = std::all_of(local.begin(), local.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.';
  });
  return chars_ok && !local.starts_with('.') && !local.starts_with('-') && !local.ends_with('.');
}

// Whether Turtle can write the literal bare, as a number or boolean.
bool bare_literal(const Value& value) {
  static const std::regex integer{"[+-]?[0-9]+"};
  static const std::regex decimal{"[+-]?[0-9]*\\.[0-9]+"};
  if (value.datatype == xsd_integer) return std::regex_match(value.text, integer);
  if (value.datatype == xsd_decimal) return std::regex_match(value.text, decimal);
  if (value.datatype == xsd_boolean) return value.text == "true" || value.text == "false";
  return false;
}

}  // namespace

Prefixes known_prefixes(const rdf::LoadedDocument& document) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 10> well_known = {{
      {"rdfc", rdf::ns::rdfc},
      {"cae", rdf::ns::cae},
      {"conn", rdf::ns::conn},
      {"js", rdf::ns::js},
      {"rdfl", rdf::ns::rdfl},
      {"sh", rdf::ns::sh},
      {"rdf", rdf::ns::rdf},
      {"rdfs", rdf::ns::rdfs},
      {"owl", rdf::ns::owl},
      {"xsd", rdf::ns::xsd},
  }};
  Prefixes out = document.prefixes;
  for (const auto& entry : well_known) {
    const bool declared = std::any_of(
        out.begin(), out.end(), [&](const auto& prefix) { return prefix.first == entry.first; });
    if (!declared) out.emplace_back(entry.first, entry.second);
  }
  return out;
}

Names::Names(std::string base_dir, Prefixes prefixes)
    : base_dir_{std::move(base_dir)}, prefixes_{std::move(prefixes)}, used_(prefixes_.size()) {}

Names::Names(const rdf::LoadedDocument& document)
    : Names{document.entry_iri.substr(0, document.entry_iri.rfind('/') + 1),
            known_prefixes(document)} {}

std::string Names::iri(std::string_view iri) const {
  if (iri.starts_with(base_dir_) && iri.size() > base_dir_.size()) {
    used_base_ = true;
    return fmt::format("<{}>", iri.substr(base_dir_.size()));
  }
  std::size_t best = prefixes_.size();
  for (std::size_t i = 0; i < prefixes_.size(); ++i) {
    const std::string& ns = prefixes_[i].second;
    if (!ns.empty() && iri.starts_with(ns) && plain_local_name(iri.substr(ns.size())) &&
        (best == prefixes_.size() || ns.size() > prefixes_[best].second.size())) {
      best = i;
    }
  }
  if (best == prefixes_.size()) return fmt::format("<{}>", iri);
  used_[best] = true;
  return fmt::format("{}:{}", prefixes_[best].first, iri.substr(prefixes_[best].second.size()));
}

std::string Names::term(const Value& value) const {
  switch (value.kind) {
    case rdf::TermKind::iri: return iri(value.text);
    case rdf::TermKind::blank: return "_:" + value.text;
    case rdf::TermKind::literal: break;
  }
  if (!value.lang.empty()) return fmt::format("{}@{}", quoted(value.text), value.lang);
  if (value.datatype.empty()) return quoted(value.text);
  if (bare_literal(value)) return value.text;
  return fmt::format("{}^^{}", quoted(value.text), iri(value.datatype));
}

Prefixes Names::used_prefixes() const {
  Prefixes out;
  for (std::size_t i = 0; i < prefixes_.size(); ++i) {
    if (used_[i]) out.push_back(prefixes_[i]);
  }
  return out;
}

std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04X}", static_cast<unsigned>(c));
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string ntriples(const Value& value) {
  switch (value.kind) {
    case rdf::TermKind::iri: return fmt::format("<{}>", value.text);
    case rdf::TermKind::blank: return "_:" + value.text;
    case rdf::TermKind::literal: break;
  }
  if (!value.lang.empty()) return fmt::format("{}@{}", quoted(value.text), value.lang);
  if (value.datatype.empty()) return quoted(value.text);
  return fmt::format("{}^^<{}>", quoted(value.text), value.datatype);
}

}  // namespace cae::query
