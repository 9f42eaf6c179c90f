// RAII owners for Rasqal and Raptor objects. Internal to src/sparql, the only code that includes
// rasqal.h. Every owner is a move-only unique_ptr, so no object is freed twice.
#pragma once

#include <memory>

#include <rasqal.h>

namespace cae::sparql {

template <auto Free>
struct Deleter {
  template <typename T>
  void operator()(T* object) const noexcept {
    Free(object);
  }
};

using WorldPtr = std::unique_ptr<rasqal_world, Deleter<rasqal_free_world>>;
using QueryPtr = std::unique_ptr<rasqal_query, Deleter<rasqal_free_query>>;
using ResultsPtr = std::unique_ptr<rasqal_query_results, Deleter<rasqal_free_query_results>>;
using LiteralPtr = std::unique_ptr<rasqal_literal, Deleter<rasqal_free_literal>>;
using UriPtr = std::unique_ptr<raptor_uri, Deleter<raptor_free_uri>>;

}  // namespace cae::sparql
