#include "validate/node_id.hpp"

#include "query/query.hpp"

namespace cae::validate {

rdf::Term node_of(const rdf::Graph& graph, std::string_view id) {
  if (!id.starts_with("_:")) return graph.find_iri(id);
  return query::find_term(graph, query::Value{rdf::TermKind::blank, std::string{id.substr(2)}, {}, {}});
}

}  // namespace cae::validate
