#include "runtime/end_host.hpp"

#include <array>

namespace cae::runtime {

std::string_view phase_name(Phase phase) {
  static constexpr std::array<std::string_view, 4> names = {"open", "init", "transform", "produce"};
  return names.at(static_cast<std::size_t>(phase));
}

}  // namespace cae::runtime
