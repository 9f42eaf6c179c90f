#include "validate/constraints.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <unordered_set>

#include <fmt/format.h>

#include "rdf/vocab.hpp"

namespace cae::validate {
namespace {

rdf::Term vocab(const rdf::Graph& graph, std::string_view ns, std::string_view local) {
  return graph.find_iri(fmt::format("{}{}", ns, local));
}

// Objects of (node, property); nothing when the graph has never seen the property (a default
// Term would be a wildcard).
std::vector<rdf::Term> values_of(const rdf::Graph& graph, rdf::Term node, std::string_view local) {
  const rdf::Term property = vocab(graph, rdf::ns::sh, local);
  return property ? graph.objects(node, property) : std::vector<rdf::Term>{};
}

std::optional<std::size_t> count_of(const rdf::Graph& graph, rdf::Term node,
                                    std::string_view local) {
  const auto values = values_of(graph, node, local);
  if (values.empty() || !values.front().is_literal()) return std::nullopt;
  const std::string_view text = values.front().text();
  std::size_t count = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), count);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return count;
}

// The members of an RDF collection; none when `head` is not a well-formed list.
std::optional<std::vector<rdf::Term>> list_members(const rdf::Graph& graph, rdf::Term head) {
  const rdf::Term first = vocab(graph, rdf::ns::rdf, "first");
  const rdf::Term rest = vocab(graph, rdf::ns::rdf, "rest");
  const rdf::Term nil = vocab(graph, rdf::ns::rdf, "nil");
  std::vector<rdf::Term> members;
  std::unordered_set<rdf::Term> seen;
  for (rdf::Term node = head; !(nil && node == nil); node = graph.object(node, rest)) {
    if (!node || !first || !rest || !seen.insert(node).second) return std::nullopt;
    const auto values = graph.objects(node, first);
    if (values.size() != 1) return std::nullopt;
    members.push_back(values.front());
  }
  return members;
}

std::string datatype_of(rdf::Term literal) {
  if (const rdf::Term datatype = literal.datatype()) return std::string{datatype.text()};
  if (!literal.lang().empty()) return fmt::format("{}langString", rdf::ns::rdf);
  return fmt::format("{}string", rdf::ns::xsd);
}

std::optional<double> number(rdf::Term term) {
  if (!term.is_literal()) return std::nullopt;
  std::string_view text = term.text();
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.starts_with('+')) text.remove_prefix(1);
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

// -1, 0 or 1 comparing `value` with `bound`: as numbers when both are, else as lexical forms of
// one datatype (ISO dates and times order so); none when they cannot be compared.
std::optional<int> compare(rdf::Term value, rdf::Term bound) {
  const auto a = number(value);
  const auto b = number(bound);
  if (a && b) return *a < *b ? -1 : (*a > *b ? 1 : 0);
  if (!value.is_literal() || !bound.is_literal() || datatype_of(value) != datatype_of(bound)) {
    return std::nullopt;
  }
  const int order = value.text().compare(bound.text());
  return order < 0 ? -1 : (order > 0 ? 1 : 0);
}

std::size_t code_points(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
  }));
}

struct NodeKind {
  std::string_view local;  // sh:IRI …
  std::string_view noun;
  bool iri, blank, literal;
};

constexpr std::array<NodeKind, 6> node_kinds = {{
    {"IRI", "an IRI", true, false, false},
    {"BlankNode", "a blank node", false, true, false},
    {"Literal", "a literal", false, false, true},
    {"BlankNodeOrIRI", "an IRI or blank node", true, true, false},
    {"BlankNodeOrLiteral", "a blank node or literal", false, true, true},
    {"IRIOrLiteral", "an IRI or literal", true, false, true},
}};

const NodeKind* find_node_kind(rdf::Term kind) {
  for (const auto& candidate : node_kinds) {
    if (kind.is_iri() && kind.text() == fmt::format("{}{}", rdf::ns::sh, candidate.local)) {
      return &candidate;
    }
  }
  return nullptr;
}

bool has_kind(const NodeKind& kind, rdf::Term value) {
  return (value.is_iri() && kind.iri) || (value.is_blank() && kind.blank) ||
         (value.is_literal() && kind.literal);
}

}  // namespace

Constraints Constraints::read(const rdf::Graph& graph, rdf::Term property,
                              std::vector<std::string>& problems) {
  Constraints out;
  if (auto values = values_of(graph, property, "datatype"); !values.empty())
    out.datatype_ = values.front();
  if (auto values = values_of(graph, property, "nodeKind"); !values.empty()) {
    out.node_kind_ = values.front();
    if (find_node_kind(out.node_kind_) == nullptr)
      problems.emplace_back("sh:nodeKind must be one of the six SHACL node kinds");
  }
  if (auto values = values_of(graph, property, "in"); !values.empty()) {
    out.in_ = list_members(graph, values.front());
    if (!out.in_) problems.emplace_back("sh:in must be an RDF list");
  }
  out.has_value_ = values_of(graph, property, "hasValue");
  out.read_pattern(graph, property, problems);
  for (const auto& [local, inclusive, minimum] :
       {std::tuple{"minInclusive", true, true}, std::tuple{"maxInclusive", true, false},
        std::tuple{"minExclusive", false, true}, std::tuple{"maxExclusive", false, false}}) {
    for (const rdf::Term bound : values_of(graph, property, local)) {
      out.bounds_.push_back(Bound{bound, inclusive, minimum});
    }
  }
  out.min_length_ = count_of(graph, property, "minLength");
  out.max_length_ = count_of(graph, property, "maxLength");
  return out;
}

void Constraints::read_pattern(const rdf::Graph& graph, rdf::Term property,
                               std::vector<std::string>& problems) {
  const auto patterns = values_of(graph, property, "pattern");
  if (patterns.empty()) return;
  auto options = std::regex::ECMAScript;
  for (const rdf::Term flags : values_of(graph, property, "flags")) {
    if (flags.text().find('i') != std::string_view::npos) options |= std::regex::icase;
  }
  const std::string text{patterns.front().text()};
  try {
    pattern_ = Pattern{std::regex{text, options}, text};
  } catch (const std::regex_error&) {
    problems.push_back(fmt::format("sh:pattern \"{}\" is not a regular expression", text));
  }
}

bool Constraints::empty() const {
  return !datatype_ && !node_kind_ && !in_ && has_value_.empty() && !pattern_ && bounds_.empty() &&
         !min_length_ && !max_length_;
}

std::vector<Violation> Constraints::check(const std::vector<rdf::Term>& values,
                                          const TermName& name) const {
  std::vector<Violation> out;
  for (const rdf::Term value : values) {
    if (auto violation = check_value(value, name)) out.push_back(std::move(*violation));
  }
  for (const rdf::Term wanted : has_value_) {
    if (std::find(values.begin(), values.end(), wanted) == values.end()) {
      out.push_back(Violation{Severity::error,
                              {},
                              fmt::format("expected the value {}, found {}", name(wanted),
                                          values.empty() ? "no value" : "other values")});
    }
  }
  return out;
}

std::optional<Violation> Constraints::check_value(rdf::Term value, const TermName& name) const {
  Severity severity = Severity::error;
  if (auto problem = type_problem(value, name, severity)) {
    return Violation{severity, value, std::move(*problem)};
  }
  if (in_ && std::find(in_->begin(), in_->end(), value) == in_->end()) {
    std::vector<std::string> allowed;
    for (const rdf::Term member : *in_) allowed.push_back(name(member));
    return Violation{
        Severity::error, value,
        fmt::format("expected one of {}, found {}", fmt::join(allowed, ", "), name(value))};
  }
  auto problem = text_problem(value, name);
  if (!problem) problem = range_problem(value, name);
  if (problem) return Violation{Severity::error, value, std::move(*problem)};
  return std::nullopt;
}

// sh:nodeKind is an error; a literal whose own datatype is not sh:datatype only a warning,
// since resolution reads the lexical form and accepts it.
std::optional<std::string> Constraints::type_problem(rdf::Term value, const TermName& name,
                                                     Severity& severity) const {
  if (const NodeKind* kind = node_kind_ ? find_node_kind(node_kind_) : nullptr;
      kind != nullptr && !has_kind(*kind, value)) {
    return fmt::format("expected {}, found {}", kind->noun, name(value));
  }
  if (datatype_ && value.is_literal() && datatype_of(value) != datatype_.text()) {
    severity = Severity::warning;
    return fmt::format("expected a literal typed {}, found {}", name(datatype_), name(value));
  }
  return std::nullopt;
}

std::optional<std::string> Constraints::text_problem(rdf::Term value, const TermName& name) const {
  if (!pattern_ && !min_length_ && !max_length_) return std::nullopt;
  if (value.is_blank()) return fmt::format("expected a literal or IRI, found {}", name(value));
  const std::string text{value.text()};
  if (pattern_ && !std::regex_search(text, pattern_->regex)) {
    return fmt::format("expected a value matching /{}/, found {}", pattern_->text, name(value));
  }
  const std::size_t length = code_points(text);
  if (min_length_ && length < *min_length_) {
    return fmt::format("expected at least {} characters, found {} ({})", *min_length_, name(value),
                       length);
  }
  if (max_length_ && length > *max_length_) {
    return fmt::format("expected at most {} characters, found {} ({})", *max_length_, name(value),
                       length);
  }
  return std::nullopt;
}

std::optional<std::string> Constraints::range_problem(rdf::Term value, const TermName& name) const {
  for (const auto& bound : bounds_) {
    const auto order = compare(value, bound.value);
    const char* relation =
        bound.minimum ? (bound.inclusive ? ">=" : ">") : (bound.inclusive ? "<=" : "<");
    const bool holds = order && (bound.minimum ? (*order > 0 || (bound.inclusive && *order == 0))
                                               : (*order < 0 || (bound.inclusive && *order == 0)));
    if (!holds) {
      return fmt::format("expected a value {} {}, found {}", relation, name(bound.value),
                         name(value));
    }
  }
  return std::nullopt;
}

}  // namespace cae::validate
