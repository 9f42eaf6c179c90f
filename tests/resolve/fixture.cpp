#include "fixture.hpp"

#include <algorithm>
#include <fstream>
#include <random>

#include <fmt/format.h>

namespace cae::test {

model::Json Resolution::arguments(std::string_view id) const {
  const model::Processor* processor = pipeline.find_processor(id);
  return processor == nullptr ? model::Json::object() : processor->arguments;
}

std::string Resolution::arguments_text(std::string_view id) const {
  return arguments(id).dump();
}

std::string compact(std::string_view json) {
  return model::Json::parse(json).dump();
}

resolve::ResolveOptions options_with_builtins(std::initializer_list<std::string_view> builtins) {
  resolve::ResolveOptions options;
  options.is_builtin =
      [list = std::vector<std::string>(builtins.begin(), builtins.end())](std::string_view iri) {
        return std::find(list.begin(), list.end(), iri) != list.end();
      };
  options.file_root = "/demo";
  return options;
}

Resolution resolve_text(std::string_view body, const resolve::ResolveOptions& options,
                        std::string_view name) {
  Resolution out;
  const std::string text = fmt::format("{}{}", example_prefixes, body);
  out.document = rdf::load_text(text, name, out.diagnostics);
  if (!out.diagnostics.has_errors()) {
    out.pipeline = resolve::resolve_pipeline(out.document, options, out.diagnostics);
  }
  out.diagnostics.sort();
  return out;
}

Resolution resolve_example(std::string_view body,
                           const std::unordered_map<std::string, std::string>& environment) {
  auto options = options_with_builtins({"http://ex.org/P", "http://ex.org/Q"});
  options.environment = resolve::Environment{environment};
  // Declared after the body, so that line N of the body is line N + 1 of the document.
  const std::string text = fmt::format(
      "{}\nex:P cae:cppImplementationOf rdfc:Processor; cae:library <libex.so>.\n", body);
  return resolve_text(text, options);
}

TempDir::TempDir() {
  std::random_device random;
  path_ = std::filesystem::temp_directory_path() / fmt::format("cae-test-{:x}", random());
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::filesystem::path TempDir::write(std::string_view name, std::string_view text) const {
  const auto file = path_ / name;
  std::filesystem::create_directories(file.parent_path());
  std::ofstream{file} << text;
  return file;
}

Resolution resolve_file(const std::filesystem::path& path, const resolve::ResolveOptions& options) {
  Resolution out;
  out.document = rdf::load_document(path.string(), out.diagnostics);
  if (!out.diagnostics.has_errors()) {
    out.pipeline = resolve::resolve_pipeline(out.document, options, out.diagnostics);
  }
  out.diagnostics.sort();
  return out;
}

}  // namespace cae::test
