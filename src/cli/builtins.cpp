#include "cli/builtins.hpp"

namespace cae::cli {

std::vector<std::string> builtin_processor_types() {
  return {"https://w3id.org/cae#Emit", "https://w3id.org/cae#Print"};
}

}  // namespace cae::cli
