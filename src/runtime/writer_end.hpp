// The writing end of a channel held by one processor. A write that meets a full queue parks
// its message in the end; when the channel admits it, the end's resume Task completes the
// write's Flow as the processor's own code, so exceptions in its continuation fail it.
#pragma once

#include "cae/channel.hpp"
#include "runtime/end_host.hpp"
#include "runtime/entry_queue.hpp"

namespace cae::runtime {

class Channel;

class WriterEnd final : public Writer, private Task {
 public:
  WriterEnd(Channel& channel, EndHost& host, ChannelEnv& env) noexcept
      : channel_(channel), host_(host), env_(env) {}

  [[nodiscard]] std::string_view channel() const noexcept override;
  Flow write(Message message) override;
  Flow begin_stream() override;
  Flow write_chunk(Message chunk) override;
  Flow end_stream() override;
  void close() override;
  void fail(std::string error) override;
  void forward_close(const std::optional<std::string>& error) override;
  [[nodiscard]] bool closed() const noexcept override { return closed_; }

  [[nodiscard]] EndHost& host() const noexcept { return host_; }
  // Closes with an error without making it this processor's failure: used when an error
  // travels downstream and when the processor itself failed.
  void close_with_error(const std::string& error);

  // For the channel.
  [[nodiscard]] bool parked() const noexcept { return parked_; }
  [[nodiscard]] std::size_t parked_size() const noexcept { return pending_.bytes.size(); }
  [[nodiscard]] bool close_requested() const noexcept { return closed_; }
  Flow park(Entry entry);
  Entry unpark() noexcept;
  // Completes the parked write with `outcome` from a Task.
  void resume(Outcome outcome) noexcept;

 private:
  Flow send(Entry entry);
  void run() noexcept override;

  Channel& channel_;
  EndHost& host_;
  ChannelEnv& env_;
  Promise promise_;
  Entry pending_;
  Outcome outcome_ = Outcome::done;
  Phase write_phase_ = Phase::produce;  // the phase whose code is waiting for the write
  bool parked_ = false;
  bool closed_ = false;
  bool in_stream_ = false;
};

}  // namespace cae::runtime
