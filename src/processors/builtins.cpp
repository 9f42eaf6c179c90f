#include "processors/builtins.hpp"

namespace cae::processors {

// Each defined in the source file of the same stem.
void register_convert_rdf(Registry& registry);
void register_count(Registry& registry);
void register_emit(Registry& registry);
void register_generate(Registry& registry);
void register_log(Registry& registry);
void register_pass(Registry& registry);
void register_print(Registry& registry);
void register_read_file(Registry& registry);
void register_run_command(Registry& registry);
void register_split_lines(Registry& registry);
void register_stdin(Registry& registry);
void register_write_file(Registry& registry);

void register_builtins(Registry& registry) {
  register_convert_rdf(registry);
  register_count(registry);
  register_emit(registry);
  register_generate(registry);
  register_log(registry);
  register_pass(registry);
  register_print(registry);
  register_read_file(registry);
  register_run_command(registry);
  register_split_lines(registry);
  register_stdin(registry);
  register_write_file(registry);
}

bool starts_programs(std::string_view class_iri) {
  return class_iri == "https://w3id.org/cae#RunCommand";
}

std::vector<std::string> builtin_types() {
  Registry registry;
  register_builtins(registry);
  return registry.classes();
}

}  // namespace cae::processors
