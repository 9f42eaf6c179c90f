// The processor classes built into cae: they run without a cae:library (spec/vocabulary.md §4).
#pragma once

#include <string>
#include <vector>

namespace cae::cli {

// The class IRIs of the built-in processors, as argument resolution needs them.
std::vector<std::string> builtin_processor_types();

}  // namespace cae::cli
