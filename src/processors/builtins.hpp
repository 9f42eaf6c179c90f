// The processor classes built into cae (spec/vocabulary.md §4): one explicit list, so that the
// runtime, argument resolution and `cae processors` agree on what is built in.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cae/registry.hpp"

namespace cae::processors {

// Registers the factory of every built-in processor class.
void register_builtins(Registry& registry);

// The class IRIs of the built-in processors, in byte order.
std::vector<std::string> builtin_types();

// True for the built-in classes that start programs (cae:RunCommand): they run only with the
// operator's permission (--allow-exec).
bool starts_programs(std::string_view class_iri);

}  // namespace cae::processors
