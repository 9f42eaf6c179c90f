// When an egress end tries again to reach its far side, and when it gives up (spec/channels.md
// §7: reconnect with backoff). Shared by the tcp, ws and http egress ends, which own the timer
// and the connection; this holds only the arithmetic and the reports.
//
// Before the first connection every attempt follows the previous one after --connect-retry, up
// to --connect-timeout since the first. After a connection was lost the pauses grow (doubling
// from --connect-retry up to 2 s) for up to --reconnect-timeout since the loss.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "runtime/run.hpp"

namespace cae::runtime {

class Reconnect {
 public:
  explicit Reconnect(const RunOptions& options) : options_(options) {}

  // An attempt series begins: at open (`now` is the loop time), or when a connection is lost.
  void begin(std::uint64_t now, std::string reason = {});
  // An attempt failed with `reason`.
  void failed(std::string reason) { last_error_ = std::move(reason); }
  // A connection is up: the next loss starts a reconnect series with short pauses again.
  void connected() noexcept;
  [[nodiscard]] bool ever_connected() const noexcept { return ever_connected_; }

  // The pause before the next attempt in ms, or nothing when the time allowed is over.
  [[nodiscard]] std::optional<std::uint64_t> next_pause(std::uint64_t now) noexcept;
  // The report once next_pause() gave nothing: "cannot connect within 30 s: connection refused".
  [[nodiscard]] std::string give_up() const;

 private:
  const RunOptions& options_;
  bool ever_connected_ = false;
  std::uint64_t since_ = 0;  // loop time when the series began
  std::uint64_t backoff_ms_ = 0;
  std::string last_error_;
};

}  // namespace cae::runtime
