// How cae writes IRIs and literals for people: the style of its messages (spec/arguments.md §5),
// which is also valid Turtle once the document's base and prefixes are declared.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "query/value.hpp"
#include "rdf/loader.hpp"

namespace cae::query {

using Prefixes = std::vector<std::pair<std::string, std::string>>;  // (name, namespace IRI)

// The prefixes of a document that queries may use undeclared and results are written with: the
// entry file's own, then those of spec/vocabulary.md §1 whose names the file does not declare.
Prefixes known_prefixes(const rdf::LoadedDocument& document);

class Names {
 public:
  // Names IRIs under `base_dir` (a directory IRI ending in '/') relatively, others with the
  // longest matching prefix, else in full.
  Names(std::string base_dir, Prefixes prefixes);
  explicit Names(const rdf::LoadedDocument& document);

  // `<name>` below the base directory, `prefix:local`, else `<iri>`.
  [[nodiscard]] std::string iri(std::string_view iri) const;
  // An IRI as above, a blank node as `_:label`, a literal in Turtle form: `"text"`, `"text"@en`,
  // bare integers, decimals and booleans, else `"lexical"^^datatype`.
  [[nodiscard]] std::string term(const Value& value) const;

  // Which of the prefixes `iri()` has used so far, in declaration order, and whether it has
  // written a relative IRI: what a Turtle document of the output must declare.
  [[nodiscard]] Prefixes used_prefixes() const;
  [[nodiscard]] bool used_base() const { return used_base_; }
  [[nodiscard]] const std::string& base_dir() const { return base_dir_; }

 private:
  std::string base_dir_;
  Prefixes prefixes_;
  mutable std::vector<bool> used_;
  mutable bool used_base_ = false;
};

// A literal's lexical form as a Turtle / N-Triples string, quotes included.
std::string quoted(std::string_view text);
// N-Triples form of a term: `<iri>`, `_:label`, `"text"`, `"text"@en`, `"lex"^^<datatype>`.
std::string ntriples(const Value& value);

}  // namespace cae::query
