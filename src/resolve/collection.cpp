#include "resolve/collection.hpp"

#include <unordered_set>

#include <fmt/format.h>

namespace cae::resolve {
namespace {

// The one statement (cell, predicate, ?o), or a description of why there is not exactly one.
std::optional<rdf::Triple> single(const std::vector<rdf::Triple>& found, std::string_view predicate,
                                  Problem& problem) {
  if (found.size() == 1) return found.front();
  problem.message = found.empty()
                        ? fmt::format("a list cell has no {}", predicate)
                        : fmt::format("a list cell has {} {} values", found.size(), predicate);
  return std::nullopt;
}

}  // namespace

bool is_collection(const rdf::Graph& graph, const Vocabulary& vocab, rdf::Term node) {
  if (node == vocab.rdf_nil) return true;
  if (node.is_literal()) return false;
  // node rdf:first ?x   /   node rdf:rest ?x
  return graph.object(node, vocab.rdf_first).valid() || graph.object(node, vocab.rdf_rest).valid();
}

std::optional<std::vector<Value>> read_collection(const rdf::Graph& graph, const Vocabulary& vocab,
                                                  const Value& head, Problem& problem) {
  std::vector<Value> members;
  std::unordered_set<rdf::Term> visited;
  problem.where = head.where;
  for (rdf::Term cell = head.term; cell != vocab.rdf_nil;) {
    if (cell.is_literal() || !visited.insert(cell).second) {
      problem.message = cell.is_literal() ? "a list ends in a literal instead of rdf:nil"
                                          : "a list loops back on itself";
      return std::nullopt;
    }
    // cell rdf:first ?member
    const auto first = single(graph.match(cell, vocab.rdf_first, {}), "rdf:first", problem);
    if (!first) return std::nullopt;
    // cell rdf:rest ?next
    const auto rest = single(graph.match(cell, vocab.rdf_rest, {}), "rdf:rest", problem);
    if (!rest) return std::nullopt;
    members.push_back(Value{first->o, first->pos.o, head.env_key});
    cell = rest->o;
  }
  return members;
}

}  // namespace cae::resolve
