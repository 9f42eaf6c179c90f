#include "runtime/reconnect.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace cae::runtime {
namespace {

constexpr std::uint64_t max_backoff_ms = 2'000;

std::uint64_t ms(std::chrono::milliseconds duration) noexcept {
  return static_cast<std::uint64_t>(duration.count());
}

}  // namespace

void Reconnect::begin(std::uint64_t now, std::string reason) {
  since_ = now;
  if (!reason.empty()) last_error_ = std::move(reason);
}

void Reconnect::connected() noexcept {
  ever_connected_ = true;
  backoff_ms_ = 0;
}

std::optional<std::uint64_t> Reconnect::next_pause(std::uint64_t now) noexcept {
  const auto limit = ever_connected_ ? options_.reconnect_timeout : options_.connect_timeout;
  if (now - since_ >= ms(limit)) return std::nullopt;
  const std::uint64_t interval = ms(options_.connect_retry);
  backoff_ms_ = ever_connected_ ? std::min(max_backoff_ms, std::max(interval, backoff_ms_ * 2))
                                : interval;
  return backoff_ms_;
}

std::string Reconnect::give_up() const {
  if (ever_connected_) {
    return fmt::format("connection lost before end of stream ({}); no reconnect within {} s",
                       last_error_, static_cast<double>(ms(options_.reconnect_timeout)) / 1000.0);
  }
  return fmt::format("cannot connect within {} s: {}",
                     static_cast<double>(ms(options_.connect_timeout)) / 1000.0, last_error_);
}

}  // namespace cae::runtime
