// The unit tests run queries with src/sparql linked in, not with the module `cae` loads: the
// test binary is not beside the module, and the tests are about the engine, not about finding it.
#include "query/engine.hpp"

namespace {

const bool linked = [] {
  cae::query::use_engine(*cae_sparql_engine_1());
  return true;
}();

}  // namespace
