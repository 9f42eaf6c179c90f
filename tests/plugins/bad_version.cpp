// A library built for a future version of the plugin API: cae must refuse it before calling
// its entry point.
#include "cae/plugin.hpp"

CAE_PLUGIN_EXPORT std::uint32_t cae_plugin_api_version() noexcept {
  return cae::plugin_api_version + 1;
}

CAE_PLUGIN_EXPORT int cae_plugin_register(cae::PluginRegistrar* /*registrar*/) noexcept {
  __builtin_trap();  // never called
}
