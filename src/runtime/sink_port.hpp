// One processor's way into an OutputStream: a ByteSink whose pending Flow completes as that
// processor's code. Standard output gives each processor its own port on the shared stream;
// a file sink owns its stream.
#pragma once

#include <memory>

#include "cae/io.hpp"
#include "runtime/end_host.hpp"
#include "runtime/output_stream.hpp"

namespace cae::runtime {

class SinkPort : public ByteSink, private Task {
 public:
  SinkPort(OutputStream& stream, EndHost& host, Scheduler& scheduler) noexcept
      : stream_(stream), host_(host), scheduler_(scheduler) {}
  ~SinkPort() override;
  SinkPort(const SinkPort&) = delete;
  SinkPort& operator=(const SinkPort&) = delete;

  Flow write(std::span<const Message> parts) override;
  using ByteSink::write;

 protected:
  // A Flow that is already failed with the stream's error.
  Flow failed_flow(const std::string& reason);

 private:
  void run() noexcept override;

  OutputStream& stream_;
  EndHost& host_;
  Scheduler& scheduler_;
  Promise promise_;
  Phase phase_ = Phase::transform;
};

// A file opened for a processor (Context::open_file_sink).
class FileSinkPort final : public FileSink {
 public:
  FileSinkPort(std::unique_ptr<OutputStream> stream, EndHost& host, Scheduler& scheduler)
      : stream_(std::move(stream)), port_(*stream_, host, scheduler) {}
  ~FileSinkPort() override { stream_->close(); }

  Flow write(std::span<const Message> parts) override;
  Flow close() override;

 private:
  std::unique_ptr<OutputStream> stream_;
  SinkPort port_;
  Promise closing_;
};

}  // namespace cae::runtime
