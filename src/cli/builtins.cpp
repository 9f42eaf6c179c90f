#include "cli/builtins.hpp"

#include "processors/builtins.hpp"

namespace cae::cli {

std::vector<std::string> builtin_processor_types() {
  return processors::builtin_types();
}

}  // namespace cae::cli
