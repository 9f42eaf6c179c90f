// cae:TcpReaderChannel: listens for one cae tcp writer and feeds the channel with its frames
// (spec/channels.md §7 "tcp"). While a write into the channel is pending the socket is not read,
// so the TCP window pushes back on the far writer. Frames are acknowledged once queued; a
// connection lost before end-of-stream is waited out for --reconnect-timeout, and frames the
// writer sends again are dropped by sequence number.
#include <array>
#include <functional>
#include <utility>

#include <fmt/format.h>

#include "runtime/handle.hpp"
#include "runtime/tcp_address.hpp"
#include "runtime/tcp_link.hpp"
#include "runtime/transports.hpp"
#include "runtime/writer_end.hpp"

namespace cae::runtime {
namespace {

using tcp::FrameType;

// Acknowledge at least this often while frames keep arriving (the spec's bound).
constexpr std::uint64_t ack_every = 64;

// A second connection while one is up. It may be the writer coming back over a new connection
// while the old one lingers, dead but not yet noticed: its opening decides. Reads only the
// opening, for its owner (TcpIngress::newcomer_opening).
class Newcomer final : public tcp::LinkOwner {
 public:
  using Opened = std::function<void(Newcomer&)>;
  explicit Newcomer(Opened opened) : opened_(std::move(opened)) {}
  Newcomer(const Newcomer&) = delete;
  Newcomer& operator=(const Newcomer&) = delete;
  ~Newcomer() { drop(); }

  [[nodiscard]] bool present() const noexcept { return link_ != nullptr; }
  void take(tcp::Link* link) {
    drop();  // one at a time: the latest wins
    link_ = link;
    link_->adopt(*this);
    buffer_.clear();
    link_->start_reading();
  }
  // Hands the link over; the bytes after the opening are in rest().
  tcp::Link* release_link() noexcept { return std::exchange(link_, nullptr); }
  [[nodiscard]] std::string_view opening() const noexcept { return opening_; }
  [[nodiscard]] std::string_view rest() const noexcept { return buffer_.rest(); }
  void drop() noexcept {
    if (link_ != nullptr) std::exchange(link_, nullptr)->release();
  }

 private:
  void link_connected(int /*status*/) noexcept override {}
  void link_read(const char* data, std::size_t size) noexcept override {
    try {
      buffer_.append(data, size);
      if (const auto opening = buffer_.take(tcp::opening_bytes)) {
        opening_ = std::string{*opening};
        opened_(*this);
      }
    } catch (const std::exception&) {
      drop();
    }
  }
  void link_lost(const std::string& /*reason*/) noexcept override { drop(); }
  void link_gone(tcp::Link* /*link*/) noexcept override {}

  Opened opened_;
  tcp::Link* link_ = nullptr;
  tcp::FrameBuffer buffer_;
  std::string opening_;
};

class TcpIngress final : public IngressEnd, private tcp::LinkOwner {
 public:
  TcpIngress(const model::Channel& model, std::string name, TransportServices& services)
      : IngressEnd(model, std::move(name), services), target_(tcp::target_of(model.settings)) {}

  [[nodiscard]] std::string address() const override { return target_.text(); }
  void open() override;
  void stop_accepting() noexcept override;
  void close() noexcept override;

 private:
  void fail_transport(const std::string& message) noexcept override;
  void accept() noexcept;
  void newcomer_opened(Newcomer& newcomer) noexcept;
  void drop_link() noexcept;
  void close_listener() noexcept;

  // LinkOwner
  void link_connected(int /*status*/) noexcept override {}
  void link_read(const char* data, std::size_t size) noexcept override;
  void link_lost(const std::string& reason) noexcept override;
  void link_gone(tcp::Link* link) noexcept override {
    if (finishing_ == link) finishing_ = nullptr;
  }

  void process() noexcept;
  bool take_opening();
  void take_frame(const tcp::FrameHead& head, std::string_view payload);
  Flow pass(const tcp::FrameHead& head, std::string_view payload);
  void close_frame(const tcp::FrameHead& head, std::string_view payload);
  void written(std::uint64_t sequence) noexcept;
  void send_ack() noexcept;

  tcp::Target target_;
  Handle<uv_tcp_t> listener_;
  Handle<uv_timer_t> reconnect_timer_;
  tcp::Link* link_ = nullptr;
  tcp::Link* finishing_ = nullptr;  // sending its last bytes; released at shutdown
  tcp::FrameBuffer buffer_;
  std::string stream_id_;      // of the stream being received; empty before the first writer
  bool opened_ = false;        // the current connection's opening has arrived
  bool waiting_ = false;       // a write into the channel is pending
  bool over_ = false;          // end-of-stream, error close, drain or failure: accept nothing
  std::uint64_t handed_ = 0;   // last sequence number given to the channel
  std::uint64_t queued_ = 0;   // last sequence number the channel has taken
  std::uint64_t acked_ = 0;    // last sequence number acknowledged on this connection
  std::string lost_reason_;
  Newcomer newcomer_{[this](Newcomer& newcomer) { newcomer_opened(newcomer); }};
};

void TcpIngress::open() {
  sockaddr_storage bind_to{};
  tcp::resolve(services().loop(), target_, bind_to);
  uv_tcp_init(services().loop(), listener_.get());
  listener_.initialized();
  listener_.get()->data = this;
  uv_timer_init(services().loop(), reconnect_timer_.get());
  reconnect_timer_.initialized();
  reconnect_timer_.get()->data = this;
  int status = uv_tcp_bind(listener_.get(), reinterpret_cast<const sockaddr*>(&bind_to), 0);
  if (status == 0) {
    status = uv_listen(reinterpret_cast<uv_stream_t*>(listener_.get()), 8,
                       [](uv_stream_t* server, int result) {
                         if (result == 0) static_cast<TcpIngress*>(server->data)->accept();
                       });
  }
  if (status != 0) {
    throw std::runtime_error(
        fmt::format("cannot listen on {}: {}", address(), uv_strerror(status)));
  }
  log(LogLevel::debug, fmt::format("listening on {}", address()));
}

void TcpIngress::accept() noexcept {
  tcp::Link* link = tcp::Link::make(services().loop(), *this);
  if (link == nullptr) return;
  if (uv_accept(reinterpret_cast<uv_stream_t*>(listener_.get()), link->stream()) != 0 || over_) {
    link->release();
    return;
  }
  if (link_ != nullptr) {
    // One writer connection at a time (spec/channels.md §7), unless this is the writer back.
    newcomer_.take(link);
    return;
  }
  link_ = link;
  buffer_.clear();
  opened_ = false;
  acked_ = 0;
  if (!waiting_) link_->start_reading();
}

void TcpIngress::link_read(const char* data, std::size_t size) noexcept {
  try {
    buffer_.append(data, size);
  } catch (const std::exception& error) {
    fail_transport(error.what());
    return;
  }
  process();
}

// Takes frames until the buffer runs dry or a write into the channel has to wait, then
// acknowledges what the channel has taken.
void TcpIngress::process() noexcept {
  try {
    while (link_ != nullptr && !waiting_ && !over_) {
      if (!opened_) {
        if (!take_opening()) break;
        continue;
      }
      if (const auto head = buffer_.peek();
          head && head->type == FrameType::message && head->length > options().max_message_bytes) {
        fail_transport(fmt::format("the writer sent a message of {} bytes, above "
                                   "--max-message-bytes ({} bytes)",
                                   head->length, options().max_message_bytes));
        return;
      }
      const auto frame = buffer_.next();
      if (!frame) break;
      take_frame(frame->first, frame->second);
    }
  } catch (const std::exception& error) {
    fail_transport(error.what());
    return;
  }
  if (link_ != nullptr && !waiting_ && queued_ > acked_) send_ack();
}

// The writer of the unfinished stream came back on a new connection: the old one is dead and
// gives way. Anyone else is refused.
void TcpIngress::newcomer_opened(Newcomer& newcomer) noexcept {
  const std::string_view opening = newcomer.opening();
  if (over_ || stream_id_.empty() || !opening.starts_with(tcp::magic) ||
      opening.substr(tcp::magic.size()) != stream_id_) {
    log(LogLevel::warn, "refused a connection: a writer is already connected");
    newcomer.drop();
    return;
  }
  log(LogLevel::info, "the writer came back on a new connection; dropping the old one");
  const std::string rest{newcomer.rest()};
  tcp::Link* link = newcomer.release_link();
  drop_link();
  link_ = link;
  link_->adopt(*this);
  buffer_.clear();
  opened_ = true;
  acked_ = 0;
  uv_timer_stop(reconnect_timer_.get());
  if (waiting_) link_->stop_reading();
  send_ack();  // tells the writer where to resume
  link_read(rest.data(), rest.size());
}

bool TcpIngress::take_opening() {
  const auto opening = buffer_.take(tcp::opening_bytes);
  if (!opening) return false;
  if (!opening->starts_with(tcp::magic)) {
    fail_transport(fmt::format("the peer is not a cae tcp writer: it opened with {:?} instead "
                               "of \"CAE1\"",
                               opening->substr(0, tcp::magic.size())));
    return false;
  }
  const std::string id{opening->substr(tcp::magic.size())};
  if (!stream_id_.empty() && id != stream_id_) {
    // Another writer while a stream is unfinished: its stream is not this one.
    log(LogLevel::warn, "refused a writer with another stream id while a stream is unfinished");
    drop_link();
    return false;
  }
  if (stream_id_.empty()) log(LogLevel::debug, "a writer connected");
  else log(LogLevel::info, "the writer reconnected; resuming the stream");
  stream_id_ = id;
  opened_ = true;
  uv_timer_stop(reconnect_timer_.get());
  send_ack();  // tells the writer where to resume
  return true;
}

void TcpIngress::take_frame(const tcp::FrameHead& head, std::string_view payload) {
  const tcp::Arrival arrival = tcp::arrival_of(head, handed_);
  if (arrival == tcp::Arrival::again) return;  // sent again after a reconnect: already taken
  if (arrival != tcp::Arrival::next) {
    fail_transport(tcp::arrival_error(arrival, head, handed_));
    return;
  }
  handed_ = head.sequence;
  if (head.type == FrameType::end_of_stream || head.type == FrameType::error_close) {
    close_frame(head, payload);
    return;
  }
  const Flow flow = pass(head, payload);
  if (flow.ready()) {
    written(head.sequence);
    return;
  }
  waiting_ = true;
  if (link_ != nullptr) link_->stop_reading();
  flow.then([this, sequence = head.sequence](Outcome) {
    waiting_ = false;
    written(sequence);
    if (link_ != nullptr) link_->start_reading();
    process();
  });
}

Flow TcpIngress::pass(const tcp::FrameHead& head, std::string_view payload) {
  switch (head.type) {
    case FrameType::message: return writer().write(Message::copy(payload));
    case FrameType::stream_begin: return writer().begin_stream();
    case FrameType::chunk: return writer().write_chunk(Message::copy(payload));
    default: return writer().end_stream();
  }
}

void TcpIngress::close_frame(const tcp::FrameHead& head, std::string_view payload) {
  over_ = true;
  queued_ = head.sequence;
  send_ack();
  const std::string reason{payload};
  if (link_ != nullptr) {
    finishing_ = std::exchange(link_, nullptr);
    finishing_->finish();  // the ack goes out before the connection closes
  }
  close_listener();
  if (head.type == FrameType::end_of_stream) {
    log(LogLevel::debug, "end of stream");
    end_of_stream();
  } else {
    fail_transport(fmt::format("the writer closed the stream with an error: {}", reason));
  }
}

void TcpIngress::written(std::uint64_t sequence) noexcept {
  queued_ = sequence;
  if (link_ != nullptr && queued_ - acked_ >= ack_every) send_ack();
}

void TcpIngress::send_ack() noexcept {
  if (link_ == nullptr) return;
  acked_ = queued_;
  link_->send(tcp::encode_header(FrameType::ack, queued_, 0), Message{});
}

void TcpIngress::link_lost(const std::string& reason) noexcept {
  drop_link();
  // Before a stream began there is nothing to resume: wait for a writer as at the start.
  if (over_ || stream_id_.empty()) return;
  lost_reason_ = reason;
  log(LogLevel::warn, fmt::format("connection lost ({}); waiting for the writer to reconnect",
                                  reason));
  const auto timeout = static_cast<std::uint64_t>(options().reconnect_timeout.count());
  uv_timer_start(
      reconnect_timer_.get(),
      [](uv_timer_t* timer) {
        auto* self = static_cast<TcpIngress*>(timer->data);
        self->fail_transport(fmt::format("connection lost before end of stream ({}); the writer "
                                         "did not reconnect within --reconnect-timeout",
                                         self->lost_reason_));
      },
      timeout, 0);
}

void TcpIngress::drop_link() noexcept {
  if (link_ == nullptr) return;
  link_->release();
  link_ = nullptr;
  buffer_.clear();
}

void TcpIngress::close_listener() noexcept {
  newcomer_.drop();
  listener_.close();
  reconnect_timer_.close();
}

void TcpIngress::stop_accepting() noexcept {
  if (over_ || failed()) return;
  over_ = true;
  drop_link();
  close_listener();
  end_of_stream();
}

void TcpIngress::fail_transport(const std::string& message) noexcept {
  over_ = true;
  IngressEnd::fail_transport(message);
  drop_link();
  close_listener();
}

void TcpIngress::close() noexcept {
  if (finishing_ != nullptr) std::exchange(finishing_, nullptr)->release();
  over_ = true;
  drop_link();
  close_listener();
  set_closed();
}

}  // namespace

std::unique_ptr<TransportEnd> make_tcp_ingress(const model::Channel& model, std::string name,
                                               TransportServices& services) {
  return std::make_unique<TcpIngress>(model, std::move(name), services);
}

}  // namespace cae::runtime
