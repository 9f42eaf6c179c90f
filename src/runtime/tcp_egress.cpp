// cae:TcpWriterChannel: connects to a cae tcp reader and sends the channel's messages as frames
// (spec/channels.md §7 "tcp"). Every frame is kept until the reader acknowledges it; the kept
// frames are bounded by the channel's queue bounds, so a slow far reader pauses the local
// writers. When the connection cannot be made or is lost, the end retries and then sends every
// unacknowledged frame again; the reader drops what it already had.
#include <deque>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "runtime/handle.hpp"
#include "runtime/tcp_address.hpp"
#include "runtime/tcp_link.hpp"
#include "runtime/transports.hpp"

namespace cae::runtime {
namespace {

using tcp::FrameType;

constexpr std::uint64_t max_backoff_ms = 2'000;

struct Frame {
  tcp::Header header;
  Message payload;
  std::uint64_t sequence = 0;
};

class TcpEgress final : public EgressEnd, private tcp::LinkOwner, private Task {
 public:
  TcpEgress(const model::Channel& model, std::string name, TransportServices& services)
      : EgressEnd(model, std::move(name), services), target_(tcp::target_of(model.settings)) {}

  [[nodiscard]] std::string address() const override { return target_.text(); }
  void open() override;
  void close() noexcept override;

 private:
  Flow send_chunk(Chunk chunk) override;
  void send_close(const std::optional<std::string>& error) override;
  void fail_transport(const std::string& message) noexcept override;

  void connect() noexcept;
  void retry() noexcept;
  void push(FrameType type, Message payload);
  void send_unsent() noexcept;
  // Frames pushed in one turn of the loop go out in one write.
  void run() noexcept override { send_unsent(); }
  void acknowledged(std::uint64_t sequence) noexcept;
  [[nodiscard]] bool full() const noexcept;
  void drop_link() noexcept;

  // LinkOwner
  void link_connected(int status) noexcept override;
  void link_read(const char* data, std::size_t size) noexcept override;
  void link_lost(const std::string& reason) noexcept override;
  void link_gone(tcp::Link* link) noexcept override {
    if (finishing_ == link) finishing_ = nullptr;
  }

  tcp::Target target_;
  sockaddr_storage address_{};
  std::string stream_id_;
  Handle<uv_timer_t> retry_timer_;
  tcp::Link* link_ = nullptr;
  tcp::Link* finishing_ = nullptr;  // sending its last bytes; released at shutdown
  bool connected_ = false;
  bool ever_connected_ = false;
  std::uint64_t down_since_ = 0;  // loop time when the last connection attempt series began
  std::uint64_t backoff_ms_ = 0;
  std::string last_error_;
  tcp::FrameBuffer acks_;
  std::deque<Frame> unacked_;      // in sequence order
  std::uint64_t unacked_bytes_ = 0;
  std::size_t sent_ = 0;           // frames at the front of unacked_ sent on this connection
  std::uint64_t next_sequence_ = 1;
  std::uint64_t close_sequence_ = 0;  // of the end-of-stream or error-close frame, once sent
  Promise room_;                   // completes when the kept frames drop below the bounds
};

void TcpEgress::open() {
  tcp::resolve(services().loop(), target_, address_);
  stream_id_.resize(tcp::stream_id_bytes);
  if (uv_random(nullptr, nullptr, stream_id_.data(), stream_id_.size(), 0, nullptr) != 0) {
    throw std::runtime_error("cannot make a random stream id");
  }
  uv_timer_init(services().loop(), retry_timer_.get());
  retry_timer_.initialized();
  retry_timer_.get()->data = this;
  down_since_ = uv_now(services().loop());
  connect();  // in the background: writes queue meanwhile (spec/channels.md §4 phase 1)
}

void TcpEgress::connect() noexcept {
  link_ = tcp::Link::make(services().loop(), *this);
  if (link_ == nullptr) {
    fail_transport("cannot make a socket");
    return;
  }
  const int status = link_->connect(reinterpret_cast<const sockaddr*>(&address_));
  if (status != 0) link_connected(status);
}

void TcpEgress::link_connected(int status) noexcept {
  if (status != 0) {
    last_error_ = uv_strerror(status);
    drop_link();
    retry();
    return;
  }
  connected_ = true;
  if (ever_connected_) log(LogLevel::info, "reconnected; sending unacknowledged frames again");
  ever_connected_ = true;
  backoff_ms_ = 0;
  acks_.clear();
  sent_ = 0;
  if (link_->start_reading() != 0) {
    link_lost("cannot read the connection");
    return;
  }
  link_->send_raw(std::string{tcp::magic} + stream_id_);
  send_unsent();
}

// Another attempt after a pause, unless the time allowed since the link went down is over.
void TcpEgress::retry() noexcept {
  const std::uint64_t waited = uv_now(services().loop()) - down_since_;
  const auto limit = ever_connected_ ? options().reconnect_timeout : options().connect_timeout;
  if (waited >= static_cast<std::uint64_t>(limit.count())) {
    const double seconds = static_cast<double>(limit.count()) / 1000.0;
    fail_transport(ever_connected_
                       ? fmt::format("connection lost before end of stream ({}); no reconnect "
                                     "within {} s",
                                     last_error_, seconds)
                       : fmt::format("cannot connect within {} s: {}", seconds, last_error_));
    return;
  }
  // The first connection is tried every retry interval; a lost one with growing pauses.
  const auto interval = static_cast<std::uint64_t>(options().connect_retry.count());
  backoff_ms_ = ever_connected_ ? std::min(max_backoff_ms, std::max(interval, backoff_ms_ * 2))
                                : interval;
  uv_timer_start(
      retry_timer_.get(), [](uv_timer_t* timer) { static_cast<TcpEgress*>(timer->data)->connect(); },
      backoff_ms_, 0);
}

void TcpEgress::link_lost(const std::string& reason) noexcept {
  drop_link();
  if (finished() || failed()) return;
  log(LogLevel::warn, fmt::format("connection lost ({}); reconnecting", reason));
  last_error_ = reason;
  down_since_ = uv_now(services().loop());
  retry();
}

void TcpEgress::drop_link() noexcept {
  connected_ = false;
  if (link_ == nullptr) return;
  link_->release();
  link_ = nullptr;
}

Flow TcpEgress::send_chunk(Chunk chunk) {
  const std::uint64_t limit = options().max_message_bytes;
  if (chunk.first && chunk.last) {
    if (chunk.bytes.size() > limit) {
      fail_transport(fmt::format("a message of {} bytes from {} is above --max-message-bytes "
                                 "({} bytes); send it as a stream (begin_stream, write_chunk, "
                                 "end_stream), which has no size limit",
                                 chunk.bytes.size(), writer_names(), limit));
      return Flow::done();
    }
    push(FrameType::message, std::move(chunk.bytes));
  } else if (chunk.first) {
    push(FrameType::stream_begin, Message{});
  } else if (chunk.last) {
    push(FrameType::stream_end, Message{});
  } else if (chunk.bytes.size() <= limit) {
    push(FrameType::chunk, std::move(chunk.bytes));
  } else {
    // A chunk travels in frames the far reader accepts.
    for (std::size_t at = 0; at < chunk.bytes.size(); at += limit) {
      push(FrameType::chunk, Message::copy(chunk.bytes.text().substr(at, limit)));
    }
  }
  return full() ? room_.flow() : Flow::done();
}

void TcpEgress::send_close(const std::optional<std::string>& error) {
  if (failed()) return;
  close_sequence_ = next_sequence_;
  push(error ? FrameType::error_close : FrameType::end_of_stream,
       error ? Message::copy(*error) : Message{});
}

void TcpEgress::push(FrameType type, Message payload) {
  const std::uint64_t sequence = next_sequence_++;
  const auto length = static_cast<std::uint32_t>(payload.size());
  unacked_bytes_ += payload.size();
  unacked_.push_back(Frame{tcp::encode_header(type, sequence, length), std::move(payload),
                           sequence});
  if (connected_) services().scheduler().schedule(*this);
}

void TcpEgress::send_unsent() noexcept {
  if (!connected_ || link_ == nullptr || sent_ >= unacked_.size()) return;
  try {
    std::vector<tcp::Header> headers;
    std::vector<Message> payloads;
    headers.reserve(unacked_.size() - sent_);
    payloads.reserve(unacked_.size() - sent_);
    for (; sent_ < unacked_.size(); ++sent_) {
      headers.push_back(unacked_[sent_].header);
      payloads.push_back(unacked_[sent_].payload);
    }
    link_->send(std::move(headers), std::move(payloads));
  } catch (const std::exception& error) {  // only allocation can fail here
    fail_transport(error.what());
  }
}

bool TcpEgress::full() const noexcept {
  const QueueBounds bounds{model().queue.messages.value_or(options().queue.messages),
                           model().queue.bytes.value_or(options().queue.bytes)};
  return unacked_.size() >= bounds.messages || unacked_bytes_ >= bounds.bytes;
}

void TcpEgress::link_read(const char* data, std::size_t size) noexcept {
  try {
    acks_.append(data, size);
    while (link_ != nullptr) {
      const auto frame = acks_.next();
      if (!frame) break;
      if (frame->first.type != FrameType::ack) {
        fail_transport(fmt::format("the reader sent a frame of type {}, expected acks (7) only",
                                   static_cast<int>(frame->first.type)));
        return;
      }
      acknowledged(frame->first.sequence);
    }
  } catch (const std::exception& error) {
    fail_transport(error.what());
  }
}

void TcpEgress::acknowledged(std::uint64_t sequence) noexcept {
  while (!unacked_.empty() && unacked_.front().sequence <= sequence) {
    unacked_bytes_ -= unacked_.front().payload.size();
    unacked_.pop_front();
    if (sent_ > 0) --sent_;
  }
  if (close_sequence_ != 0 && sequence >= close_sequence_) {
    // The far reader has the end of the stream: nothing is left to resend.
    drop_link();
    retry_timer_.close();
    set_finished();
    return;
  }
  if (room_.pending() && !full()) room_.complete();
}

// The far reader learns of the failure from an error close when the connection is up (spec
// §7: a writer that fails sends an error close); else from the lost connection.
void TcpEgress::fail_transport(const std::string& message) noexcept {
  if (failed()) return;
  if (connected_ && link_ != nullptr && close_sequence_ == 0) {
    try {
      close_sequence_ = next_sequence_;
      push(FrameType::error_close, Message::copy(fmt::format("{}: {}", label(), message)));
      send_unsent();
    } catch (const std::exception& error) {
      log(LogLevel::debug, error.what());
    }
  }
  if (link_ != nullptr) {
    finishing_ = std::exchange(link_, nullptr);
    finishing_->finish();  // sends what is queued, then closes
  }
  connected_ = false;
  if (retry_timer_.is_open()) uv_timer_stop(retry_timer_.get());
  EgressEnd::fail_transport(message);
  unacked_.clear();
  unacked_bytes_ = 0;
  room_.complete(Outcome::failed);
}

void TcpEgress::close() noexcept {
  services().scheduler().cancel(*this);
  if (finishing_ != nullptr) std::exchange(finishing_, nullptr)->release();
  drop_link();
  retry_timer_.close();
  set_closed();
}

}  // namespace

std::unique_ptr<TransportEnd> make_tcp_egress(const model::Channel& model, std::string name,
                                              TransportServices& services) {
  return std::make_unique<TcpEgress>(model, std::move(name), services);
}

}  // namespace cae::runtime
