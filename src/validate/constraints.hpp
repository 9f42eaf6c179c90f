// The SHACL Core value constraints of one property shape that argument resolution ignores
// (spec/vocabulary.md §7): value type (sh:datatype as the literal's own datatype, sh:nodeKind),
// sh:in, sh:hasValue, sh:pattern, sh:min/maxInclusive, sh:min/maxExclusive, sh:min/maxLength.
// Counts (sh:minCount, sh:maxCount) are checked by resolution itself.
#pragma once

#include <functional>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "base/diagnostic.hpp"
#include "rdf/graph.hpp"

namespace cae::validate {

// How a message writes a term: `<name>`, `prefix:local`, `"literal"`.
using TermName = std::function<std::string(rdf::Term)>;

struct Violation {
  Severity severity = Severity::error;
  rdf::Term value;      // the offending value; no term when a required value is absent
  std::string message;  // "expected …, found …"
};

class Constraints {
 public:
  // Reads the constraints written on `property` (a sh:property node). A constraint cae cannot
  // use (an sh:in that is not a list, a pattern that does not compile) is added to `problems`.
  static Constraints read(const rdf::Graph& graph, rdf::Term property,
                          std::vector<std::string>& problems);

  // Every violation among `values` (the values of the property's path at one focus node).
  [[nodiscard]] std::vector<Violation> check(const std::vector<rdf::Term>& values,
                                             const TermName& name) const;
  [[nodiscard]] bool empty() const;

 private:
  struct Bound {
    rdf::Term value;
    bool inclusive = true;
    bool minimum = true;
  };
  struct Pattern {
    std::regex regex;
    std::string text;  // as written, for messages
  };

  void read_pattern(const rdf::Graph& graph, rdf::Term property,
                    std::vector<std::string>& problems);
  [[nodiscard]] std::optional<Violation> check_value(rdf::Term value, const TermName& name) const;
  [[nodiscard]] std::optional<std::string> type_problem(rdf::Term value, const TermName& name,
                                                        Severity& severity) const;
  [[nodiscard]] std::optional<std::string> text_problem(rdf::Term value,
                                                        const TermName& name) const;
  [[nodiscard]] std::optional<std::string> range_problem(rdf::Term value,
                                                         const TermName& name) const;

  rdf::Term datatype_;
  rdf::Term node_kind_;
  std::optional<std::vector<rdf::Term>> in_;
  std::vector<rdf::Term> has_value_;
  std::optional<Pattern> pattern_;
  std::vector<Bound> bounds_;
  std::optional<std::size_t> min_length_;
  std::optional<std::size_t> max_length_;
};

}  // namespace cae::validate
