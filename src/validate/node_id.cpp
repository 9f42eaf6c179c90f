#include "validate/node_id.hpp"

namespace cae::validate {

rdf::Term NodeIds::find(std::string_view id) {
  if (!id.starts_with("_:")) return graph_.find_iri(id);
  if (!indexed_) {
    for (const auto& triple : graph_.statements()) {
      for (const rdf::Term term : {triple.s, triple.o}) {
        if (term.is_blank()) blanks_.try_emplace(graph_.blank_label(term), term);
      }
    }
    indexed_ = true;
  }
  const auto found = blanks_.find(std::string{id});
  return found != blanks_.end() ? found->second : rdf::Term{};
}

}  // namespace cae::validate
