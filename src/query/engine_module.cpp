// Finds and loads the SPARQL engine module once per process. It stays loaded until the process
// ends: results and the engine's statics must outlive every query.
#include <dlfcn.h>
#include <unistd.h>

#include <array>
#include <filesystem>
#include <mutex>

#include <fmt/format.h>

#include "query/engine.hpp"
#include "query/module_dir.hpp"

namespace cae::query {
namespace {

namespace fs = std::filesystem;

constexpr const char* module_name = "cae-sparql.so";

const Engine* linked_engine = nullptr;

// The directory of the running executable: in a build tree, the module is built beside `cae`.
fs::path executable_dir() {
  std::array<char, 4096> buffer{};
  const ssize_t size = ::readlink("/proc/self/exe", buffer.data(), buffer.size() - 1);
  if (size <= 0) return {};
  return fs::path{std::string{buffer.data(), static_cast<std::size_t>(size)}}.parent_path();
}

// Beside the executable (a build tree), else the installed module; the latter is reported when
// neither exists.
std::string module_path() {
  const fs::path dir = executable_dir();
  std::error_code error;
  if (!dir.empty() && fs::exists(dir / module_name, error)) return (dir / module_name).string();
  return (fs::path{installed_module_dir} / module_name).string();
}

EngineOrError load() {
  const std::string path = module_path();
  // RTLD_NOW: a module with unresolved symbols fails here, with their names, not mid-query.
  void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    return {nullptr, fmt::format("cannot load the SPARQL engine module {}: {}", path, ::dlerror())};
  }
  auto* entry = reinterpret_cast<const Engine* (*)()>(::dlsym(handle, engine_entry_symbol));
  const Engine* engine = entry == nullptr ? nullptr : entry();
  if (engine == nullptr) {
    ::dlclose(handle);
    return {nullptr, fmt::format("the SPARQL engine module {} has no {}: it was built for another "
                                 "version of cae",
                                 path, engine_entry_symbol)};
  }
  return {engine, {}};
}

}  // namespace

void use_engine(const Engine& engine) { linked_engine = &engine; }

EngineOrError engine() {
  if (linked_engine != nullptr) return {linked_engine, {}};
  static std::once_flag once;
  static EngineOrError loaded;
  std::call_once(once, [] { loaded = load(); });
  return loaded;
}

}  // namespace cae::query
