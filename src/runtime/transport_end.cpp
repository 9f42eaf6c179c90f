#include "runtime/transport_end.hpp"

#include <fmt/format.h>

#include "runtime/channel.hpp"
#include "runtime/reader_end.hpp"
#include "runtime/writer_end.hpp"

namespace cae::runtime {

std::string TransportEnd::label() const {
  return fmt::format("channel {} ({}, {})", name_, model::transport_name(model_.transport),
                     address());
}

void TransportEnd::fail(Phase /*phase*/, std::string message) noexcept {
  fail_transport(message);
}

void TransportEnd::fail_transport(const std::string& message) noexcept {
  if (failed_) return;
  failed_ = true;
  services_.transport_failed(*this, message);
}

void TransportEnd::reader_done(const std::optional<std::string>& /*error*/) noexcept {
  // An egress end learns of its channel's close through its close handler.
}

void TransportEnd::set_finished() noexcept {
  if (finished_) return;
  finished_ = true;
  services_.transport_finished(*this);
}

void TransportEnd::log(LogLevel level, std::string_view message) const {
  services_.logger().write(level, name_, message);
}

void IngressEnd::attach(Channel& channel) {
  channel_ = &channel;
  writer_ = &channel.add_writer(*this);
}

void IngressEnd::end_of_stream() noexcept {
  if (finished()) return;
  try {
    writer_->close();
  } catch (const std::exception& error) {  // only allocation can fail here
    log(LogLevel::debug, error.what());
  }
  set_finished();
}

void IngressEnd::fail_transport(const std::string& message) noexcept {
  if (failed()) return;
  TransportEnd::fail_transport(message);
  try {
    writer_->close_with_error(fmt::format("{}: {}", label(), message));
  } catch (const std::exception& error) {
    log(LogLevel::debug, error.what());
  }
}

void EgressEnd::attach(Channel& channel) {
  reader_ = &channel.add_reader(*this);
  reader_->on_chunk([this](Chunk chunk) { return send_chunk(std::move(chunk)); });
  reader_->on_close([this](const std::optional<std::string>& error) {
    send_close(error);
    return Flow::done();
  });
  // Messages written before the far side is reached wait in the queue (spec §4 phase 1).
  reader_->activate();
}

void EgressEnd::fail_transport(const std::string& message) noexcept {
  if (failed()) return;
  TransportEnd::fail_transport(message);
  try {
    reader_->detach();
  } catch (const std::exception& error) {
    log(LogLevel::debug, error.what());
  }
}

std::string EgressEnd::writer_names() const {
  std::string names;
  for (const auto& id : model().writers) {
    names += fmt::format("{}{}", names.empty() ? "" : ", ", services().display(id));
  }
  return names;
}

}  // namespace cae::runtime
