// The entry point of a plugin library: a shared library that cae loads (uv_dlopen) when a
// pipeline names it as the cae:library of a processor class, and that registers one or more
// processor classes.
//
// A plugin defines its entry point with CAE_PLUGIN, once per library:
//
//   CAE_PLUGIN(registrar) {
//     registrar.add<Reverse>("http://example.org/Reverse");
//     registrar.add<Repeat>("http://example.org/Repeat");
//   }
//
// cae first calls cae_plugin_api_version() and refuses a library built against another API
// version than its own, before any C++ type crosses the boundary; then it calls
// cae_plugin_register() once. The library stays loaded until the run has ended and every
// processor and factory it made is destroyed. Plugins and cae must be built by compatible C++
// compilers and standard libraries (the API passes std::string and std::function).
#pragma once

#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

#include "cae/registry.hpp"

namespace cae {

// Raised whenever a change to the public headers (cae/*.hpp) breaks plugins built before it.
inline constexpr std::uint32_t plugin_api_version = 1;

// What a plugin's entry point registers its classes with. Owned by cae, valid during the call.
class PluginRegistrar {
 public:
  // Registers `factory` for `class_iri`. A class registered twice, or already built into cae,
  // makes the library fail to load.
  virtual void add(std::string_view class_iri, Factory factory) = 0;

  template <typename P>
  void add(std::string_view class_iri) {
    add(class_iri, make_processor<P>);
  }

  // Makes the library fail to load with `reason` (also what an exception from the entry point
  // does).
  virtual void refuse(std::string_view reason) = 0;

 protected:
  ~PluginRegistrar() = default;
};

namespace detail {
// Runs a plugin's registration so that no exception leaves the C entry point.
inline int guarded_register(PluginRegistrar* registrar, void (*body)(PluginRegistrar&)) noexcept {
  try {
    body(*registrar);
    return 0;
  } catch (const std::exception& error) {
    registrar->refuse(error.what());
  } catch (...) {
    registrar->refuse("unknown exception");
  }
  return 1;
}
}  // namespace detail

}  // namespace cae

// The two symbols cae looks up, by these names.
extern "C" {
using cae_plugin_api_version_fn = std::uint32_t() noexcept;
using cae_plugin_register_fn = int(cae::PluginRegistrar*) noexcept;
}

#define CAE_PLUGIN_EXPORT extern "C" __attribute__((visibility("default")))

// Defines the entry point; the braces that follow are its body, with `registrar` a
// cae::PluginRegistrar&.
#define CAE_PLUGIN(registrar)                                                            \
  static void cae_plugin_body(cae::PluginRegistrar& registrar);                          \
  CAE_PLUGIN_EXPORT std::uint32_t cae_plugin_api_version() noexcept {                    \
    return cae::plugin_api_version;                                                      \
  }                                                                                      \
  CAE_PLUGIN_EXPORT int cae_plugin_register(cae::PluginRegistrar* registrar_) noexcept { \
    return cae::detail::guarded_register(registrar_, cae_plugin_body);                   \
  }                                                                                      \
  static void cae_plugin_body(cae::PluginRegistrar& registrar)
