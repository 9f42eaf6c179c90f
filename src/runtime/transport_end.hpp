// Transport ends: the one local side of a channel whose other side is outside the process
// (spec/channels.md §7). This is the seam every network and file transport plugs into.
//
// A channel with a transport is an ordinary in-memory Channel plus one TransportEnd:
//
// - an **ingress** end (…ReaderChannel classes: the channel has local readers, no local writer)
//   holds the channel's only WriterEnd and feeds it from outside. It obeys backpressure: while a
//   write's Flow is pending it reads nothing more (uv_read_stop, stop polling a file). It stops
//   accepting on stop_accepting() (a drain or a fatal error, §5 step 2, §6), closes the channel
//   normally on end-of-stream, and with an error (and a fatal error of the run) on an error
//   close or a connection lost for good.
// - an **egress** end (…WriterChannel classes: local writers, no local reader) holds the
//   channel's only ReaderEnd and sends what it takes. Its send_chunk() returns a pending Flow
//   while too much is unsent, so the reader queue fills and the local writers pause. It is
//   finished only once it has sent end-of-stream and flushed (§4); after an error close it
//   passes the error to the far side and is finished once that is flushed.
//
// The lifecycle makes one end per transport channel with make_transport_end(), calls open()
// in the open phase (bind, start connecting in the background), counts unfinished ends when it
// decides the run is finished or stalled, calls stop_accepting() when the sources stop, and
// close() at shutdown; the loop then runs the handles' close callbacks before uv_loop_close.
// Reports name the channel, as in "channel <feed> (tcp, 127.0.0.1:9000): …" (§5), through
// fail_transport(). An end is the EndHost of its WriterEnd / ReaderEnd, so the channel layer treats it
// like a processor holding that end.
//
// Adding a transport: write one file with a subclass of IngressEnd and/or EgressEnd and a
// make_…_end() function, declare it in transports.hpp and add its case to
// make_transport_end() in transports.cpp (see docs/transports.md, "Adding a transport").
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "cae/channel.hpp"
#include "model/pipeline.hpp"
#include "runtime/end_host.hpp"
#include "runtime/run.hpp"

namespace cae::runtime {

class Channel;
class ReaderEnd;
class WriterEnd;
class TransportEnd;

// What a transport end needs from its run.
class TransportServices {
 public:
  [[nodiscard]] virtual uv_loop_t* loop() noexcept = 0;
  [[nodiscard]] virtual Scheduler& scheduler() noexcept = 0;
  [[nodiscard]] virtual const Logger& logger() const noexcept = 0;
  [[nodiscard]] virtual const RunOptions& options() const noexcept = 0;
  // How reports print an IRI or blank node id (spec/arguments.md §5).
  [[nodiscard]] virtual std::string display(std::string_view iri) const = 0;
  // A fatal error of the run, reported as `channel NAME (DESCRIPTION): message`.
  virtual void transport_failed(TransportEnd& end, const std::string& message) noexcept = 0;
  // The end became finished(): the run may be over.
  virtual void transport_finished(TransportEnd& end) noexcept = 0;

 protected:
  ~TransportServices() = default;
};

class TransportEnd : public EndHost {
 public:
  enum class Side : std::uint8_t { ingress, egress };

  TransportEnd(const model::Channel& model, std::string name, TransportServices& services)
      : model_(model), name_(std::move(name)), services_(services) {}
  virtual ~TransportEnd() = default;
  TransportEnd(const TransportEnd&) = delete;
  TransportEnd& operator=(const TransportEnd&) = delete;

  [[nodiscard]] virtual Side side() const noexcept = 0;
  // Where the far side is, for reports: "127.0.0.1:9000", "ws://host:8123/", "out.txt".
  [[nodiscard]] virtual std::string address() const = 0;
  // Takes this end's place in `channel`: its writer (ingress) or its reader (egress).
  virtual void attach(Channel& channel) = 0;
  // The open phase: bind the listener, start connecting in the background, open the file.
  // Throws std::runtime_error when that fails; the run reports it naming the channel.
  virtual void open() = 0;
  // A drain or a fatal error elsewhere: an ingress end takes no more from outside, delivers
  // what it holds and closes the channel normally. Egress ends keep sending until their
  // channel closes.
  virtual void stop_accepting() noexcept {}
  // Shutdown: closes every handle (idempotent); the loop runs their close callbacks later.
  virtual void close() noexcept = 0;

  [[nodiscard]] const model::Channel& model() const noexcept { return model_; }
  // "channel <feed> (tcp, 127.0.0.1:9000)": how reports name this end.
  [[nodiscard]] std::string label() const;
  [[nodiscard]] bool finished() const noexcept { return finished_; }
  [[nodiscard]] bool failed() const noexcept { return failed_; }

  // EndHost: the channel's ends run this transport's code.
  [[nodiscard]] std::string_view name() const noexcept override { return name_; }
  [[nodiscard]] bool alive() const noexcept override { return !failed_ && !closed_; }
  [[nodiscard]] Phase phase() const noexcept override { return phase_; }
  Phase enter(Phase phase) noexcept override { return std::exchange(phase_, phase); }
  void fail(Phase phase, std::string message) noexcept override;
  void reader_done(const std::optional<std::string>& error) noexcept override;

 protected:
  // A transport failure: reported once as a fatal error of the run naming the channel.
  // Subclasses then release what they hold; ingress ends close the channel with the error.
  virtual void fail_transport(const std::string& message) noexcept;
  // Done: nothing more to send or receive (see the file comment).
  void set_finished() noexcept;
  void set_closed() noexcept { closed_ = true; }
  [[nodiscard]] TransportServices& services() const noexcept { return services_; }
  [[nodiscard]] const RunOptions& options() const noexcept { return services_.options(); }
  // The channel's queue bounds: its own cae:queueMessages / cae:queueBytes, else the run's.
  [[nodiscard]] QueueBounds queue_bounds() const noexcept {
    return {model_.queue.messages.value_or(options().queue.messages),
            model_.queue.bytes.value_or(options().queue.bytes)};
  }
  void log(LogLevel level, std::string_view message) const;

 private:
  const model::Channel& model_;
  std::string name_;  // the channel id as reports print it
  TransportServices& services_;
  Phase phase_ = Phase::open;
  bool finished_ = false;
  bool failed_ = false;
  bool closed_ = false;
};

// Feeds the channel from outside through its one WriterEnd.
class IngressEnd : public TransportEnd {
 public:
  using TransportEnd::TransportEnd;
  [[nodiscard]] Side side() const noexcept final { return Side::ingress; }
  void attach(Channel& channel) final;

 protected:
  [[nodiscard]] WriterEnd& writer() const noexcept { return *writer_; }
  [[nodiscard]] Channel& channel() const noexcept { return *channel_; }
  // End-of-stream from the far side: closes the channel normally; the end is finished.
  void end_of_stream() noexcept;
  // Closes the channel with `message` as a fatal error of the run (error close from the far
  // side, connection lost for good, I/O error).
  void fail_transport(const std::string& message) noexcept override;

 private:
  Channel* channel_ = nullptr;
  WriterEnd* writer_ = nullptr;
};

// Sends the channel's messages outside; its ReaderEnd takes chunks (a plain message is one
// chunk, first and last) and the close.
class EgressEnd : public TransportEnd {
 public:
  using TransportEnd::TransportEnd;
  [[nodiscard]] Side side() const noexcept final { return Side::egress; }
  void attach(Channel& channel) final;

 protected:
  // One chunk to send. A pending Flow: take nothing more until it is ready (too much unsent).
  virtual Flow send_chunk(Chunk chunk) = 0;
  // The channel closed (`error` set after an error close): send end-of-stream or the error
  // close, flush, then call set_finished().
  virtual void send_close(const std::optional<std::string>& error) = 0;
  // The names of the channel's local writers, for reports such as the size limit's.
  [[nodiscard]] std::string writer_names() const;
  // Also detaches the reader: what is queued is discarded and the local writers' writes
  // complete as cancelled, so they stop (spec/channels.md §5 step 3).
  void fail_transport(const std::string& message) noexcept override;

 private:
  ReaderEnd* reader_ = nullptr;
};

}  // namespace cae::runtime
