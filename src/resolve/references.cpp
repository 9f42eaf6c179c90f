#include "resolve/references.hpp"

#include <unordered_set>

namespace cae::resolve {

std::vector<std::pair<rdf::Term, Location>> named_iris(const rdf::Graph& graph, rdf::Term node,
                                                       rdf::Term rdf_type) {
  std::vector<std::pair<rdf::Term, Location>> out;
  std::vector<rdf::Term> todo{node};
  std::unordered_set<rdf::Term> visited{node};
  while (!todo.empty()) {
    const rdf::Term subject = todo.back();
    todo.pop_back();
    // subject ?p ?o
    for (const auto& triple : graph.match(subject, {}, {})) {
      if (triple.p == rdf_type) continue;
      if (triple.o.is_blank() && visited.insert(triple.o).second) todo.push_back(triple.o);
      if (triple.o.is_iri() && visited.insert(triple.o).second)
        out.emplace_back(triple.o, triple.pos.o);
    }
  }
  return out;
}

}  // namespace cae::resolve
