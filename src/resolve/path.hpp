// SHACL property paths (spec/arguments.md §2.1): reading them from the graph, evaluating them
// from a focus node, and printing them in SPARQL notation for messages.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rdf/graph.hpp"
#include "resolve/naming.hpp"
#include "resolve/value.hpp"
#include "resolve/vocabulary.hpp"

namespace cae::resolve {

struct Path {
  enum class Kind : std::uint8_t {
    predicate,     // an IRI
    identity,      // ( ): the focus node itself
    sequence,      // ( p1 p2 ... )
    inverse,       // [ sh:inversePath q ]
    alternative,   // [ sh:alternativePath ( q1 q2 ... ) ]
    zero_or_more,  // [ sh:zeroOrMorePath q ]
    one_or_more,   // [ sh:oneOrMorePath q ]
    zero_or_one,   // [ sh:zeroOrOnePath q ]
  };
  Kind kind = Kind::identity;
  rdf::Term predicate;      // for Kind::predicate
  std::vector<Path> parts;  // the members of a sequence or alternative, else the one operand
};

// Reads the path written at `node` (located at `where`). Anything that is not a SHACL path is
// reported in `problem`.
std::optional<Path> read_path(const rdf::Graph& graph, const Vocabulary& vocab, rdf::Term node,
                              Location where, Problem& problem);

// The values of `path` from `focus`, ordered as spec §2.1 says, duplicates removed keeping the
// first. Each value is located where the triple that reached it writes it.
std::vector<Value> evaluate(const rdf::Graph& graph, const Path& path, const Value& focus);

// `ex:p`, `^ex:p`, `ex:a/ex:b`, `ex:a|ex:b`, `ex:p*`, `ex:p+`, `ex:p?`; `()` for the identity.
std::string sparql(const Path& path, const Naming& naming);

}  // namespace cae::resolve
