// The process environment as argument resolution sees it: read once, at start (spec §2.4).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

namespace cae::resolve {

class Environment {
 public:
  Environment() = default;
  explicit Environment(std::unordered_map<std::string, std::string> variables)
      : variables_{std::move(variables)} {}

  // A copy of the current process environment.
  static Environment capture();

  // The value of `name` when it is set and not empty, else nullptr.
  [[nodiscard]] const std::string* find(std::string_view name) const;

 private:
  std::unordered_map<std::string, std::string> variables_;
};

}  // namespace cae::resolve
