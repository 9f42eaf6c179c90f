#include "runtime/log.hpp"

#include <array>

#include <fmt/format.h>

namespace cae::runtime {

std::string_view level_name(LogLevel level) {
  static constexpr std::array<std::string_view, 5> names = {"error", "warn", "info", "debug",
                                                            "trace"};
  return names.at(static_cast<std::size_t>(level));
}

std::optional<LogLevel> parse_level(std::string_view text) {
  static constexpr std::array<std::pair<std::string_view, LogLevel>, 8> levels = {{
      {"error", LogLevel::error},
      {"warn", LogLevel::warn},
      {"info", LogLevel::info},
      {"http", LogLevel::info},
      {"debug", LogLevel::debug},
      {"verbose", LogLevel::debug},
      {"trace", LogLevel::trace},
      {"silly", LogLevel::trace},
  }};
  for (const auto& [name, level] : levels) {
    if (name == text) return level;
  }
  return std::nullopt;
}

void Logger::write(LogLevel level, std::string_view who, std::string_view message) const {
  if (!admits(level)) return;
  raw(fmt::format("{}: {}: {}\n", who.empty() ? "cae" : who, level_name(level), message));
}

void Logger::raw(std::string_view line) const {
  if (sink_) sink_(line);
}

}  // namespace cae::runtime
