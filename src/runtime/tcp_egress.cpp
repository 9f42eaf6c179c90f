// cae:TcpWriterChannel: connects to a cae tcp reader and sends the channel's messages as frames
// (spec/channels.md §7 "tcp"). Every frame is kept until the reader acknowledges it; the kept
// frames are bounded by the channel's queue bounds, so a slow far reader pauses the local
// writers. When the connection cannot be made or is lost, the end retries and then sends every
// unacknowledged frame again; the reader drops what it already had.
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "runtime/handle.hpp"
#include "runtime/reconnect.hpp"
#include "runtime/tcp_address.hpp"
#include "runtime/tcp_link.hpp"
#include "runtime/tcp_outbox.hpp"
#include "runtime/transports.hpp"

namespace cae::runtime {
namespace {

using tcp::FrameType;

class TcpEgress final : public EgressEnd, private tcp::LinkOwner, private Task {
 public:
  TcpEgress(const model::Channel& model, std::string name, TransportServices& services)
      : EgressEnd(model, std::move(name), services),
        target_(tcp::target_of(model.settings)),
        reconnect_(services.options()) {}

  [[nodiscard]] std::string address() const override { return target_.text(); }
  void open() override;
  void close() noexcept override;

 private:
  Flow send_chunk(Chunk chunk) override;
  void send_close(const std::optional<std::string>& error) override;
  void fail_transport(const std::string& message) noexcept override;

  void connect() noexcept;
  void retry() noexcept;
  void send_unsent() noexcept;
  // Frames pushed in one turn of the loop go out in one write.
  void run() noexcept override { send_unsent(); }
  void acknowledged(std::uint64_t sequence) noexcept;
  [[nodiscard]] bool full() const noexcept;
  void kept() noexcept;
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
  Reconnect reconnect_;
  tcp::FrameBuffer acks_;
  tcp::Outbox outbox_;
  Promise room_;  // completes when the kept frames drop below the bounds
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
  reconnect_.begin(uv_now(services().loop()));
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
    reconnect_.failed(uv_strerror(status));
    drop_link();
    retry();
    return;
  }
  connected_ = true;
  if (reconnect_.ever_connected()) {
    log(LogLevel::info, "reconnected; sending unacknowledged frames again");
  }
  reconnect_.connected();
  acks_.clear();
  outbox_.rewind();
  if (link_->start_reading() != 0) {
    link_lost("cannot read the connection");
    return;
  }
  link_->send_raw(std::string{tcp::magic} + stream_id_);
  send_unsent();
}

// Another attempt after a pause, unless the time allowed since the link went down is over.
void TcpEgress::retry() noexcept {
  const auto pause = reconnect_.next_pause(uv_now(services().loop()));
  if (!pause) {
    fail_transport(reconnect_.give_up());
    return;
  }
  uv_timer_start(
      retry_timer_.get(), [](uv_timer_t* timer) { static_cast<TcpEgress*>(timer->data)->connect(); },
      *pause, 0);
}

void TcpEgress::link_lost(const std::string& reason) noexcept {
  drop_link();
  if (finished() || failed()) return;
  log(LogLevel::warn, fmt::format("connection lost ({}); reconnecting", reason));
  reconnect_.begin(uv_now(services().loop()), reason);
  retry();
}

void TcpEgress::drop_link() noexcept {
  connected_ = false;
  if (link_ == nullptr) return;
  link_->release();
  link_ = nullptr;
}

Flow TcpEgress::send_chunk(Chunk chunk) {
  const std::uint64_t size = chunk.bytes.size();
  if (!outbox_.push_chunk(std::move(chunk), options().max_message_bytes)) {
    fail_transport(fmt::format("a message of {} bytes from {} is above --max-message-bytes "
                               "({} bytes); send it as a stream (begin_stream, write_chunk, "
                               "end_stream), which has no size limit",
                               size, writer_names(), options().max_message_bytes));
    return Flow::done();
  }
  kept();
  return full() ? room_.flow() : Flow::done();
}

void TcpEgress::send_close(const std::optional<std::string>& error) {
  if (failed()) return;
  outbox_.push_close(error);
  kept();
}

// Frames kept in one turn of the loop go out in one write.
void TcpEgress::kept() noexcept {
  if (connected_) services().scheduler().schedule(*this);
}

void TcpEgress::send_unsent() noexcept {
  if (!connected_ || link_ == nullptr || !outbox_.has_unsent()) return;
  try {
    std::vector<tcp::Header> headers;
    std::vector<Message> payloads;
    while (outbox_.has_unsent()) {
      const tcp::Frame& frame = outbox_.take_unsent();
      headers.push_back(frame.header);
      payloads.push_back(frame.payload);
    }
    link_->send(std::move(headers), std::move(payloads));
  } catch (const std::exception& error) {  // only allocation can fail here
    fail_transport(error.what());
  }
}

bool TcpEgress::full() const noexcept {
  return outbox_.full(queue_bounds());
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
  if (outbox_.acknowledge(sequence)) {
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
  if (connected_ && link_ != nullptr && !outbox_.closing()) {
    try {
      outbox_.push_close(fmt::format("{}: {}", label(), message));
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
  outbox_.clear();
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
