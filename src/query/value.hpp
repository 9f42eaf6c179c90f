// RDF terms as they come out of a query: plain values that outlive the query engine.
#pragma once

#include <string>

#include "rdf/term.hpp"

namespace cae::query {

struct Value {
  rdf::TermKind kind = rdf::TermKind::iri;
  std::string text;      // IRI, blank node label without "_:", or lexical form
  std::string datatype;  // literal datatype IRI; empty for simple and language-tagged literals
  std::string lang;      // literal language tag

  friend bool operator==(const Value&, const Value&) = default;
};

}  // namespace cae::query
