#include "rdf/term.hpp"

#include "rdf/owners.hpp"

namespace cae::rdf {

TermKind Term::kind() const {
  switch (sord_node_get_type(node_)) {
    case SORD_URI: return TermKind::iri;
    case SORD_BLANK: return TermKind::blank;
    case SORD_LITERAL: return TermKind::literal;
  }
  return TermKind::literal;
}

std::string_view Term::text() const {
  if (node_ == nullptr) return {};
  std::size_t bytes = 0;
  const auto* text = sord_node_get_string_counted(node_, &bytes);
  return {reinterpret_cast<const char*>(text), bytes};
}

Term Term::datatype() const {
  if (node_ == nullptr) return {};
  return Term{sord_node_get_datatype(node_)};
}

std::string_view Term::lang() const {
  if (node_ == nullptr) return {};
  const char* lang = sord_node_get_language(node_);
  return lang == nullptr ? std::string_view{} : std::string_view{lang};
}

}  // namespace cae::rdf
