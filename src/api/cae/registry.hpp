// Processor factories by class IRI. The runtime instantiates each processor of a pipeline from
// the registry it is given: cae's built-ins come from one explicit list
// (src/processors/builtins.cpp); tests build their own registries.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "cae/processor.hpp"

namespace cae {

using Factory = std::function<std::unique_ptr<Processor>(Context& context)>;

// The factory of a processor class constructible from its Context.
template <typename P>
std::unique_ptr<Processor> make_processor(Context& context) {
  return std::make_unique<P>(context);
}

class Registry {
 public:
  // Registers `factory` for `class_iri`; a class registered twice is a programming error.
  void add(std::string class_iri, Factory factory) {
    const auto [it, added] = factories_.emplace(std::move(class_iri), std::move(factory));
    if (!added) throw std::logic_error("processor class registered twice: " + it->first);
  }

  [[nodiscard]] const Factory* find(std::string_view class_iri) const {
    const auto it = factories_.find(class_iri);
    return it == factories_.end() ? nullptr : &it->second;
  }

  // Registered class IRIs in byte order.
  [[nodiscard]] std::vector<std::string> classes() const {
    std::vector<std::string> out;
    out.reserve(factories_.size());
    for (const auto& entry : factories_) out.push_back(entry.first);
    return out;
  }

 private:
  std::map<std::string, Factory, std::less<>> factories_;
};

}  // namespace cae
