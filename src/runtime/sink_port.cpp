#include "runtime/sink_port.hpp"

#include <stdexcept>

namespace cae::runtime {

SinkPort::~SinkPort() {
  stream_.unwait(*this);
  scheduler_.cancel(*this);
}

Flow SinkPort::failed_flow(const std::string& reason) {
  Flow flow = promise_.flow();
  promise_.fail(reason);
  return flow;
}

Flow SinkPort::write(std::span<const Message> parts) {
  if (promise_.pending()) {
    throw std::logic_error("write on a byte sink while the previous write is pending");
  }
  if (stream_.error()) return failed_flow(*stream_.error());
  if (stream_.write(parts)) return Flow::done();
  phase_ = host_.phase();
  stream_.wait(*this);
  return promise_.flow();
}

void SinkPort::run() noexcept {
  run_guarded(host_, phase_, [this] {
    if (stream_.error()) {
      promise_.fail(*stream_.error());
    } else {
      promise_.complete();
    }
  });
}

Flow FileSinkPort::write(std::span<const Message> parts) {
  if (stream_->closed()) throw std::logic_error("write on a closed file sink");
  return port_.write(parts);
}

Flow FileSinkPort::close() {
  stream_->close();  // a file stream writes what is queued, then closes at once
  Flow flow = closing_.flow();
  if (stream_->error()) {
    closing_.fail(*stream_->error());
  } else {
    closing_.complete();
  }
  return flow;
}

}  // namespace cae::runtime
