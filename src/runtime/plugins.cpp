#include "runtime/plugins.hpp"

#include <sys/stat.h>
#include <uv.h>

#include <filesystem>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cae/plugin.hpp"

namespace cae::runtime {
namespace {

// Collects what a library registers, so that a library that fails adds nothing.
class Registrar final : public PluginRegistrar {
 public:
  void add(std::string_view class_iri, Factory factory) override {
    entries_.emplace_back(std::string{class_iri}, std::move(factory));
  }
  void refuse(std::string_view reason) override {
    if (!refusal_) refusal_ = std::string{reason};
  }

  // Adds the entries to `registry`, or none of them with the reason.
  std::optional<std::string> commit(Registry& registry, int status) {
    if (refusal_) return fmt::format("the library refused to load: {}", *refusal_);
    if (status != 0) return fmt::format("its cae_plugin_register returned {}", status);
    for (std::size_t i = 0; i < entries_.size(); ++i) {
      const std::string& iri = entries_[i].first;
      bool twice = registry.find(iri) != nullptr;
      for (std::size_t j = 0; j < i; ++j) twice = twice || entries_[j].first == iri;
      if (twice) return fmt::format("it registers <{}>, which is already registered", iri);
    }
    for (auto& [iri, factory] : entries_) registry.add(iri, std::move(factory));
    return std::nullopt;
  }

 private:
  std::vector<std::pair<std::string, Factory>> entries_;
  std::optional<std::string> refusal_;
};

namespace fs = std::filesystem;

// The canonical form of `path` (symbolic links followed), or empty when it does not exist.
fs::path canonical_or_empty(const std::string& path) {
  std::error_code error;
  fs::path out = fs::canonical(path, error);
  return error ? fs::path{} : out;
}

bool beneath(const fs::path& path, const fs::path& dir) {
  const fs::path relative = path.lexically_relative(dir);
  return !relative.empty() && *relative.begin() != ".." && relative != ".";
}

bool in_any(const fs::path& real, const std::vector<std::string>& dirs) {
  if (real.empty()) return false;
  for (const auto& dir : dirs) {
    const fs::path real_dir = canonical_or_empty(dir);
    if (!real_dir.empty() && beneath(real, real_dir)) return true;
  }
  return false;
}

}  // namespace

std::optional<std::string> plugin_refusal(const std::string& path,
                                          const std::vector<std::string>& plugin_dirs) {
  if (plugin_dirs.empty()) {
    return std::string{"cae loads libraries only from directories given with --plugin-dir DIR"};
  }
  const fs::path real = canonical_or_empty(path);
  if (!in_any(real, plugin_dirs)) {
    return fmt::format(
        "it is not in a --plugin-dir directory ({}); pass --plugin-dir with the "
        "directory that holds it",
        fmt::join(plugin_dirs, ", "));
  }
  struct stat info {};
  if (::stat(real.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) {
    return std::string{"it is not a regular file"};
  }
  if ((info.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
    return fmt::format(
        "it is writable by group or others, so others could change the code cae "
        "runs (chmod go-w {})",
        display_path(real.string()));
  }
  return std::nullopt;
}

struct PluginLibraries::Library {
  uv_lib_t handle{};
};

PluginLibraries::PluginLibraries() = default;

PluginLibraries::~PluginLibraries() {
  for (auto& library : libraries_) uv_dlclose(&library->handle);
}

std::optional<std::string> PluginLibraries::load(const std::string& path, Registry& registry) {
  auto tried = tried_.find(path);
  if (tried == tried_.end()) tried = tried_.emplace(path, open(path, registry)).first;
  return tried->second;
}

std::optional<std::string> PluginLibraries::open(const std::string& path, Registry& registry) {
  auto library = std::make_unique<Library>();
  if (uv_dlopen(path.c_str(), &library->handle) != 0) {
    std::string reason = uv_dlerror(&library->handle);
    uv_dlclose(&library->handle);  // frees the error message
    return reason;
  }
  const auto symbol = [&](const char* name) -> void* {
    void* address = nullptr;
    return uv_dlsym(&library->handle, name, &address) == 0 ? address : nullptr;
  };
  auto* version = reinterpret_cast<cae_plugin_api_version_fn*>(symbol("cae_plugin_api_version"));
  auto* entry = reinterpret_cast<cae_plugin_register_fn*>(symbol("cae_plugin_register"));
  std::optional<std::string> problem;
  if (version == nullptr || entry == nullptr) {
    problem = fmt::format(
        "it has no cae_plugin_{} symbol: it is not a cae plugin (define its "
        "entry point with CAE_PLUGIN from cae/plugin.hpp)",
        version == nullptr ? "api_version" : "register");
  } else if (const std::uint32_t built_for = version(); built_for != plugin_api_version) {
    problem = fmt::format(
        "it was built for version {} of the cae plugin API, and this cae "
        "has version {}: rebuild it against this cae's headers",
        built_for, plugin_api_version);
  } else {
    Registrar registrar;
    const int status = entry(&registrar);
    problem = registrar.commit(registry, status);
  }
  if (problem) {
    uv_dlclose(&library->handle);
    return problem;
  }
  libraries_.push_back(std::move(library));
  return std::nullopt;
}

std::optional<Diagnostic> load_plugins(
    const model::Pipeline& pipeline, Registry& registry, PluginLibraries& libraries,
    const std::function<std::string(std::string_view)>& display) {
  for (const auto& processor : pipeline.processors) {
    if (processor.library.empty()) continue;
    std::optional<std::string> problem = libraries.load(processor.library, registry);
    if (!problem && registry.find(processor.type) == nullptr) {
      problem = fmt::format("it does not register {}", display(processor.type));
    }
    if (!problem) continue;
    return Diagnostic{
        Severity::error,
        Code::runtime,
        processor.library_where,
        fmt::format("processor {} ({}) failed in open: cannot load its library {}: {}",
                    display(processor.id), display(processor.type), display_path(processor.library),
                    *problem),
        {}};
  }
  return std::nullopt;
}

}  // namespace cae::runtime
