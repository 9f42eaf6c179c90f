// An in-memory channel (spec/channels.md §2–§3): FIFO, fan-out to one bounded queue per
// reader, fan-in from any number of writers, close after the last message, close with an
// error, cancellation when every reader has detached. Writers that meet a full queue are
// parked with their one pending message and admitted in order as room appears.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runtime/end_host.hpp"
#include "runtime/entry_queue.hpp"

namespace cae::runtime {

class ReaderEnd;
class WriterEnd;

struct ChannelCounts {
  std::uint64_t messages = 0;  // whole messages and streams accepted
  std::uint64_t bytes = 0;     // their bytes, chunks included
};

class Channel {
 public:
  // `name` is how logs print the id.
  Channel(std::string id, std::string name, QueueBounds bounds, ChannelEnv& env);
  ~Channel();
  Channel(const Channel&) = delete;
  Channel& operator=(const Channel&) = delete;

  ReaderEnd& add_reader(EndHost& host);
  WriterEnd& add_writer(EndHost& host);
  // rdfc:logLevel: one log line per message and at close, at `level`.
  void log_messages(LogLevel level) { message_log_ = level; }

  [[nodiscard]] const std::string& id() const noexcept { return id_; }
  [[nodiscard]] const std::string& name() const noexcept { return name_; }
  [[nodiscard]] const QueueBounds& bounds() const noexcept { return bounds_; }
  [[nodiscard]] bool closed() const noexcept { return closed_; }
  [[nodiscard]] const ChannelCounts& counts() const noexcept { return counts_; }
  [[nodiscard]] std::size_t reader_count() const noexcept { return readers_.size(); }
  // Entries queued across the reader queues.
  [[nodiscard]] std::uint64_t queued() const noexcept;
  // The longest any one reader queue has been, in entries: backpressure keeps it at the bound.
  [[nodiscard]] std::size_t peak_queue() const noexcept;

  // Completes once every reader queue is empty, that is once each live reader has taken all
  // that was written so far (conn:waitHandled); ready at once when they are. One wait at a time.
  Flow all_taken();

  // Ends the channel at once: queued and parked messages are dropped and counted, nothing more
  // is delivered. Returns the messages dropped.
  std::uint64_t abort();

  // For the ends.
  Flow offer(WriterEnd& writer, Entry&& entry);
  void writer_closed(WriterEnd& writer);
  void writer_failed(WriterEnd& writer, const std::string& error);
  void entry_taken() {
    if (!waiting_.empty()) admit_waiting();
    if (all_taken_.pending()) check_all_taken();
  }
  void reader_detached(ReaderEnd& reader);

 private:
  [[nodiscard]] bool all_have_room(std::size_t size) const noexcept;
  [[nodiscard]] bool must_wait(const WriterEnd& writer, std::size_t size) const noexcept;
  bool offer_simple(Entry& entry);
  void accept(WriterEnd& writer, Entry&& entry);
  void admit_waiting();
  void release_waiting(Outcome outcome);
  void close_readers(const std::optional<std::string>& error);
  void log_entry(const WriterEnd& writer, const Entry& entry);
  void check_all_taken();

  std::string id_;
  std::string name_;
  QueueBounds bounds_;
  ChannelEnv& env_;
  std::vector<std::unique_ptr<ReaderEnd>> readers_;
  std::vector<std::unique_ptr<WriterEnd>> writers_;
  std::vector<ReaderEnd*> live_;     // readers that have not detached: the fan-out
  std::vector<WriterEnd*> waiting_;  // parked writers, in arrival order
  WriterEnd* streaming_ = nullptr;   // the writer whose stream is open
  std::size_t open_writers_ = 0;
  bool closed_ = false;
  std::optional<std::string> error_;  // set by a close with an error
  std::optional<LogLevel> message_log_;
  ChannelCounts counts_;
  std::uint64_t sequence_ = 0;  // for message logging
  Promise all_taken_;
};

}  // namespace cae::runtime
