#include "resolve/runnable.hpp"

#include <fmt/format.h>

namespace cae::resolve {

bool Runnability::runnable(rdf::Term cls) {
  if (auto known = known_.find(cls); known != known_.end()) return known->second;
  const auto& options = context_.options;
  const bool builtin = options.is_builtin && options.is_builtin(cls.text());
  // cls cae:library ?library
  const bool one_library = context_.graph.objects(cls, context_.vocab.cae_library).size() == 1;
  const bool result = declared_cpp(cls) && (builtin || one_library);
  known_.emplace(cls, result);
  return result;
}

bool Runnability::declared_cpp(rdf::Term cls) const {
  const auto& vocab = context_.vocab;
  // cls cae:cppImplementationOf rdfc:Processor
  return context_.graph.contains(cls, vocab.cae_cpp_implementation_of, vocab.rdfc_processor_class);
}

std::string Runnability::explain(rdf::Term cls) const {
  const auto& graph = context_.graph;
  const auto& vocab = context_.vocab;
  const std::string name = context_.naming.term(cls);
  if (declared_cpp(cls)) {
    const auto libraries = graph.objects(cls, vocab.cae_library).size();
    if (libraries == 0) return fmt::format("{} is not built in and names no cae:library", name);
    return fmt::format("{} names {} cae:library values, expected one", name, libraries);
  }
  const std::pair<rdf::Term, const char*> languages[] = {
      {vocab.rdfc_js_implementation_of, "JavaScript"},
      {vocab.rdfc_py_implementation_of, "Python"},
      {vocab.rdfc_java_implementation_of, "Java"}};
  for (const auto& [property, language] : languages) {
    // cls rdfc:jsImplementationOf ?x
    if (graph.object(cls, property)) return fmt::format("{} is a {} processor", name, language);
  }
  // cls a js:JsProcess
  if (graph.contains(cls, vocab.rdf_type, vocab.js_js_process)) {
    return fmt::format("{} is a JavaScript processor (js:JsProcess)", name);
  }
  return fmt::format("{} is not a processor class cae knows", name);
}

std::string no_runnable_type(const Context& context, const Runnability& runnability,
                             rdf::Term processor, const std::vector<rdf::Term>& types) {
  std::string why;
  for (const rdf::Term type : types) {
    why += fmt::format("{}{}", why.empty() ? "" : "; ", runnability.explain(type));
  }
  if (types.empty()) why = "it has no rdf:type";
  return fmt::format(
      "processor {} has no type cae can run: {}; cae runs classes declared "
      "cae:cppImplementationOf rdfc:Processor that are built in or name one "
      "cae:library (import the file that defines the class)",
      context.naming.term(processor), why);
}

}  // namespace cae::resolve
