// Plugin libraries (spec/vocabulary.md §4): the cae:library of a processor class, loaded with
// the loop's own dynamic loading (uv_dlopen) and asked, through the versioned entry point of
// cae/plugin.hpp, to register its classes. Whether a library may be loaded at all is decided
// before this (cli/run_permissions.hpp).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.hpp"
#include "cae/registry.hpp"
#include "model/pipeline.hpp"

namespace cae::runtime {

// Why the library at `path` may not be loaded when plugins may come only from `plugin_dirs`
// (spec/channels.md §8): it is not beneath one of them (following symbolic links), not a
// regular file, or writable by group or others. Nullopt when it may.
std::optional<std::string> plugin_refusal(const std::string& path,
                                          const std::vector<std::string>& plugin_dirs);

// The libraries loaded for one run. Destroy it after the registry its libraries filled and after
// every processor they made: their code lives in the libraries.
class PluginLibraries {
 public:
  PluginLibraries();
  ~PluginLibraries();
  PluginLibraries(const PluginLibraries&) = delete;
  PluginLibraries& operator=(const PluginLibraries&) = delete;

  // Loads the library at `path` (an absolute path), once, and adds the classes it registers to
  // `registry`. Returns why it cannot: not loadable, no entry point, another API version, a
  // class registered twice, or a refusal from the library itself.
  std::optional<std::string> load(const std::string& path, Registry& registry);

 private:
  struct Library;
  std::optional<std::string> open(const std::string& path, Registry& registry);

  std::vector<std::unique_ptr<Library>> libraries_;
  std::map<std::string, std::optional<std::string>> tried_;  // by path: the outcome
};

// Loads the library of every processor of `pipeline` that has one and checks that it registered
// the processor's class. The first problem becomes the run's report: "processor <p> (ex:Foo)
// failed in open: …" at the cae:library triple.
std::optional<Diagnostic> load_plugins(const model::Pipeline& pipeline, Registry& registry,
                                       PluginLibraries& libraries,
                                       const std::function<std::string(std::string_view)>& display);

}  // namespace cae::runtime
