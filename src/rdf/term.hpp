// Terms of a loaded graph, as plain handles: nothing outside src/rdf sees Serd or Sord.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

#include "base/diagnostic.hpp"

struct SordNodeImpl;

namespace cae::rdf {

enum class TermKind : std::uint8_t { iri, blank, literal };

// A non-owning handle to a node interned in a Graph. It stays valid as long as that Graph lives.
// Two terms are equal when they are the same node. A default Term is "no term": a wildcard in
// queries and the result of a lookup that found nothing.
class Term {
 public:
  Term() = default;
  explicit Term(const SordNodeImpl* node) : node_{node} {}

  [[nodiscard]] bool valid() const { return node_ != nullptr; }
  explicit operator bool() const { return valid(); }
  [[nodiscard]] TermKind kind() const;
  [[nodiscard]] bool is_iri() const { return valid() && kind() == TermKind::iri; }
  [[nodiscard]] bool is_blank() const { return valid() && kind() == TermKind::blank; }
  [[nodiscard]] bool is_literal() const { return valid() && kind() == TermKind::literal; }

  // IRI text, internal blank label, or literal lexical form.
  [[nodiscard]] std::string_view text() const;
  // Literal datatype (no term for plain and language-tagged literals) and language tag.
  [[nodiscard]] Term datatype() const;
  [[nodiscard]] std::string_view lang() const;

  [[nodiscard]] const SordNodeImpl* node() const { return node_; }
  friend bool operator==(Term a, Term b) { return a.node_ == b.node_; }

 private:
  const SordNodeImpl* node_ = nullptr;
};

// Where the three terms of a statement were written.
struct TriplePos {
  Location s;
  Location p;
  Location o;
};

struct Triple {
  Term s;
  Term p;
  Term o;
  TriplePos pos;
};

}  // namespace cae::rdf

template <>
struct std::hash<cae::rdf::Term> {
  std::size_t operator()(cae::rdf::Term t) const noexcept {
    return std::hash<const void*>{}(t.node());
  }
};
