#include "resolve/environment.hpp"

#include <unistd.h>

namespace cae::resolve {

Environment Environment::capture() {
  std::unordered_map<std::string, std::string> variables;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string_view text{*entry};
    const auto equals = text.find('=');
    if (equals == std::string_view::npos) continue;
    variables.emplace(text.substr(0, equals), text.substr(equals + 1));
  }
  return Environment{std::move(variables)};
}

const std::string* Environment::find(std::string_view name) const {
  auto found = variables_.find(std::string{name});
  if (found == variables_.end() || found->second.empty()) return nullptr;
  return &found->second;
}

}  // namespace cae::resolve
