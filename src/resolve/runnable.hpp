// Which classes cae can run (spec/vocabulary.md §4), and why the others cannot.
#pragma once

#include <string>
#include <unordered_map>

#include "resolve/context.hpp"

namespace cae::resolve {

class Runnability {
 public:
  explicit Runnability(const Context& context) : context_{context} {}

  // True when `cls` has cae:cppImplementationOf rdfc:Processor and is either built in or names
  // exactly one cae:library.
  bool runnable(rdf::Term cls);
  // True when `cls` has cae:cppImplementationOf rdfc:Processor, runnable or not.
  [[nodiscard]] bool declared_cpp(rdf::Term cls) const;
  // Why `cls` cannot run, e.g. "ex:Foo is a JavaScript processor".
  [[nodiscard]] std::string explain(rdf::Term cls) const;

 private:
  const Context& context_;
  std::unordered_map<rdf::Term, bool> known_;
};

// The message of an unknown-type error for a processor none of whose `types` is runnable.
std::string no_runnable_type(const Context& context, const Runnability& runnability,
                             rdf::Term processor, const std::vector<rdf::Term>& types);

}  // namespace cae::resolve
