// Run-time log lines on stderr (through a sink the command line provides; library code never
// writes to stderr itself): "WHO: LEVEL: MESSAGE", WHO being a processor or channel name.
#pragma once

#include <functional>
#include <optional>
#include <string_view>

#include "cae/context.hpp"

namespace cae::runtime {

std::string_view level_name(LogLevel level);
// error, warn, info, debug, trace, and the RDF-Connect spellings http, verbose, silly.
std::optional<LogLevel> parse_level(std::string_view text);

class Logger {
 public:
  using Sink = std::function<void(std::string_view line)>;

  Logger(LogLevel threshold, Sink sink) : threshold_(threshold), sink_(std::move(sink)) {}

  [[nodiscard]] bool admits(LogLevel level) const noexcept { return level <= threshold_; }
  // Writes one line when the threshold admits it; `who` defaults to "cae".
  void write(LogLevel level, std::string_view who, std::string_view message) const;
  // Writes one line regardless of the threshold: reports and statistics.
  void raw(std::string_view line) const;

 private:
  LogLevel threshold_;
  Sink sink_;
};

}  // namespace cae::runtime
