// conn:WsReaderChannel: a WebSocket server on conn:wsHost:conn:wsPort that takes one writer
// connection at a time and feeds the channel with what it sends (spec/channels.md §7 "ws", §8).
//
// - A cae writer offers the `cae.v1` subprotocol (lws_context.hpp) and sends the tcp
//   transport's frames: they are acknowledged once the channel has taken them, frames sent
//   again after a reconnect are dropped by sequence number, and a connection lost before end
//   of stream is waited out for --reconnect-timeout. The end of stream is delivered once its
//   ack is written, so the writer always learns that it arrived.
// - Any other writer speaks plain WebSocket: a message that arrives as one frame is a plain
//   message, a fragmented one a stream, one chunk per fragment. A Close with status 1000 or
//   none is end-of-stream, 1011 an error close; any other end is a lost connection, which is
//   fatal, since messages in flight may be gone.
//
// While a write into the channel is pending the socket is not read (lws_rx_flow_control), so
// TCP pushes back on the far writer.
#include <array>
#include <deque>

#include <fmt/format.h>

#include "runtime/handle.hpp"
#include "runtime/lws_context.hpp"
#include "runtime/tcp_wire.hpp"
#include "runtime/transports.hpp"
#include "runtime/writer_end.hpp"

namespace cae::runtime {
namespace {

// What the far writer sent, in order, waiting for the channel to take it.
struct Step {
  enum class Kind : std::uint8_t { message, begin, chunk, end, end_of_stream, error };
  Kind kind = Kind::message;
  Message bytes;
  std::string reason;          // of an error
  std::uint64_t sequence = 0;  // of its cae.v1 frame; 0 in plain WebSocket
};

constexpr std::uint16_t going_away = 1001;
constexpr std::uint16_t too_big = 1009;
// cae.v1: acknowledge at least this often while frames keep arriving (as the tcp transport).
constexpr std::uint64_t ack_every = 64;

class WsIngress final : public IngressEnd {
 public:
  WsIngress(const model::Channel& model, std::string name, TransportServices& services)
      : IngressEnd(model, std::move(name), services),
        host_(model.settings.value("wsHost", std::string{"127.0.0.1"})),
        port_(model.settings.value("wsPort", 0)) {}

  [[nodiscard]] std::string address() const override {
    return fmt::format("ws://{}:{}/", host_.find(':') == std::string::npos
                                          ? host_ : fmt::format("[{}]", host_), port_);
  }
  void open() override;
  void stop_accepting() noexcept override;
  void close() noexcept override;

  // The protocol callback lws calls for every connection of this end's context.
  static int callback(lws* wsi, lws_callback_reasons reason, void* user, void* in,
                      std::size_t size);

 private:
  int handle(lws* wsi, lws_callback_reasons reason, void* in, std::size_t size);
  bool admit(lws* wsi);
  int receive(lws* wsi, const char* data, std::size_t size);
  int refuse_too_big(lws* wsi, std::uint64_t size);
  int receive_frames(lws* wsi, const char* data, std::size_t size);
  bool take_opening(std::string_view opening);
  void take_frame(const tcp::FrameHead& head, std::string_view payload);
  void taken(std::uint64_t sequence) noexcept;
  int write_control(lws* wsi);
  void wait_for_writer() noexcept;
  void peer_closed(const unsigned char* data, std::size_t size);
  void connection_closed(lws* wsi);
  void push(Step step);
  void pump() noexcept;
  Flow pass(Step& step);
  void hang_up(std::uint16_t status, std::string reason) noexcept;
  void fail_transport(const std::string& message) noexcept override;

  std::string host_;
  int port_;
  libws::Context context_;
  lws* wsi_ = nullptr;         // the writer's connection, once its handshake is done
  std::string frame_;          // the frame being received
  bool in_stream_ = false;     // between the first and the last fragment of a message
  std::deque<Step> steps_;
  bool waiting_ = false;       // a write into the channel is pending
  bool ended_ = false;         // the far side closed, or this end stopped: take nothing more
  bool over_ = false;          // end-of-stream delivered, failed or closed
  std::optional<std::pair<std::uint16_t, std::string>> hang_up_;  // Close frame to send
  bool hung_up_ = false;       // this end sent its Close frame

  // cae.v1
  bool v1_ = false;            // the current connection speaks it
  tcp::FrameBuffer buffer_;
  std::string stream_id_;      // of the stream being received; empty before the first writer
  bool opened_ = false;        // the current connection's opening has arrived
  std::uint64_t handed_ = 0;   // last sequence number turned into a step
  std::uint64_t queued_ = 0;   // last sequence number the channel has taken
  std::uint64_t acked_ = 0;    // last sequence number acknowledged
  bool ack_due_ = false;       // an ack is to be written (also right after an opening)
  bool end_due_ = false;       // end of stream, to deliver once its ack is written
  Handle<uv_timer_t> reconnect_timer_;
};

// The first is the default, for writers that offer no subprotocol.
const std::array<lws_protocols, 3> protocols{{
    {"cae-ws-reader", &WsIngress::callback, 0, 0, 0, nullptr, 0},
    {libws::v1_protocol, &WsIngress::callback, 0, 0, 0, nullptr, 0},
    {nullptr, nullptr, 0, 0, 0, nullptr, 0},
}};

void WsIngress::open() {
  uv_timer_init(services().loop(), reconnect_timer_.get());
  reconnect_timer_.initialized();
  reconnect_timer_.get()->data = this;
  context_.open(services().loop(), protocols.data(), this, libws::Listen{host_, port_});
  log(LogLevel::debug, fmt::format("listening on {}", address()));
}

int WsIngress::callback(lws* wsi, lws_callback_reasons reason, void* /*user*/, void* in,
                        std::size_t size) {
  switch (reason) {
    case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION:
    case LWS_CALLBACK_ESTABLISHED:
    case LWS_CALLBACK_RECEIVE:
    case LWS_CALLBACK_WS_PEER_INITIATED_CLOSE:
    case LWS_CALLBACK_SERVER_WRITEABLE:
    case LWS_CALLBACK_CLOSED:
      return libws::owner_of<WsIngress>(wsi)->handle(wsi, reason, in, size);
    case LWS_CALLBACK_HTTP:
      return -1;  // a plain HTTP request: this port only speaks WebSocket
    default:
      // Among them the destroy callbacks lws makes after the owner is gone (lws_context.hpp).
      return 0;
  }
}

int WsIngress::handle(lws* wsi, lws_callback_reasons reason, void* in, std::size_t size) {
  try {
    switch (reason) {
      case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION: return admit(wsi) ? 0 : 1;
      case LWS_CALLBACK_ESTABLISHED:
        wsi_ = wsi;
        v1_ = libws::speaks_v1(wsi);
        opened_ = false;
        buffer_.clear();
        log(LogLevel::debug, fmt::format("a writer connected ({})",
                                         v1_ ? "cae.v1" : "plain WebSocket"));
        return 0;
      case LWS_CALLBACK_RECEIVE: return receive(wsi, static_cast<const char*>(in), size);
      case LWS_CALLBACK_WS_PEER_INITIATED_CLOSE:
        if (wsi == wsi_) peer_closed(static_cast<const unsigned char*>(in), size);
        return 0;
      case LWS_CALLBACK_SERVER_WRITEABLE: return wsi == wsi_ ? write_control(wsi) : 0;
      case LWS_CALLBACK_CLOSED: connection_closed(wsi); return 0;
      default: return 0;
    }
  } catch (const std::exception& error) {  // no exception may cross into lws
    fail_transport(error.what());
    return -1;
  }
}

// One writer at a time, and never a web page: a handshake with an Origin header is refused
// (spec/channels.md §8).
bool WsIngress::admit(lws* wsi) {
  if (lws_hdr_total_length(wsi, WSI_TOKEN_ORIGIN) > 0) {
    log(LogLevel::warn, "refused a connection with an Origin header (web pages may not write)");
    return false;
  }
  if (wsi_ != nullptr || ended_ || over_) {
    log(LogLevel::warn, "refused a connection: a writer is already connected or has ended");
    return false;
  }
  if (!stream_id_.empty() && !libws::speaks_v1(wsi)) {
    log(LogLevel::warn, "refused a plain WebSocket writer while a cae.v1 stream is unfinished");
    return false;
  }
  return true;
}

int WsIngress::refuse_too_big(lws* wsi, std::uint64_t size) {
  // The Close goes out now, not from the writeable callback: the run is about to end.
  ended_ = true;
  hung_up_ = true;
  libws::write_close(wsi, too_big, "message too large");
  fail_transport(fmt::format("the writer sent a message of {}{} bytes, above --max-message-bytes "
                             "({} bytes)",
                             v1_ ? "" : "more than ", v1_ ? size : options().max_message_bytes,
                             options().max_message_bytes));
  return -1;
}

int WsIngress::receive(lws* wsi, const char* data, std::size_t size) {
  if (wsi != wsi_ || ended_) return 0;
  if (v1_) return receive_frames(wsi, data, size);
  if (frame_.size() + size > options().max_message_bytes) return refuse_too_big(wsi, 0);
  frame_.append(data, size);
  // lws hands a frame over in pieces; the frame is whole when nothing of it remains.
  if (lws_remaining_packet_payload(wsi) > 0) return 0;
  const bool last = lws_is_final_fragment(wsi) != 0;
  Message bytes{std::exchange(frame_, std::string{})};
  if (!in_stream_ && last) {
    push({Step::Kind::message, std::move(bytes), {}});
    return 0;
  }
  if (!in_stream_) push({Step::Kind::begin, {}, {}});
  in_stream_ = !last;
  push({Step::Kind::chunk, std::move(bytes), {}});
  if (last) push({Step::Kind::end, {}, {}});
  return 0;
}

// cae.v1: the bytes of the writer's opening and frames, in whatever pieces lws hands over.
int WsIngress::receive_frames(lws* wsi, const char* data, std::size_t size) {
  buffer_.append(data, size);
  while (wsi_ == wsi && !ended_ && !over_) {
    if (!opened_) {
      const auto opening = buffer_.take(tcp::opening_bytes);
      if (!opening) break;
      if (!take_opening(*opening)) return -1;
      continue;
    }
    if (const auto head = buffer_.peek(); head && head->type == tcp::FrameType::message &&
                                          head->length > options().max_message_bytes) {
      return refuse_too_big(wsi, head->length);
    }
    const auto frame = buffer_.next();
    if (!frame) break;
    take_frame(frame->first, frame->second);
  }
  return 0;
}

bool WsIngress::take_opening(std::string_view opening) {
  if (!opening.starts_with(tcp::magic)) {
    fail_transport(fmt::format("the writer spoke cae.v1 but opened with {:?} instead of \"CAE1\"",
                               opening.substr(0, tcp::magic.size())));
    return false;
  }
  const std::string id{opening.substr(tcp::magic.size())};
  if (!stream_id_.empty() && id != stream_id_) {
    log(LogLevel::warn, "refused a writer with another stream id while a stream is unfinished");
    return false;
  }
  if (!stream_id_.empty()) log(LogLevel::info, "the writer reconnected; resuming the stream");
  stream_id_ = id;
  opened_ = true;
  uv_timer_stop(reconnect_timer_.get());
  ack_due_ = true;  // tells the writer where to resume
  lws_callback_on_writable(wsi_);
  return true;
}

void WsIngress::take_frame(const tcp::FrameHead& head, std::string_view payload) {
  using tcp::FrameType;
  const tcp::Arrival arrival = tcp::arrival_of(head, handed_);
  if (arrival == tcp::Arrival::again) return;  // sent again after a reconnect: already taken
  if (arrival != tcp::Arrival::next) {
    fail_transport(tcp::arrival_error(arrival, head, handed_));
    return;
  }
  handed_ = head.sequence;
  Step step{Step::Kind::message, {}, {}, head.sequence};
  switch (head.type) {
    case FrameType::message: step.bytes = Message::copy(payload); break;
    case FrameType::stream_begin: step.kind = Step::Kind::begin; break;
    case FrameType::chunk:
      step.kind = Step::Kind::chunk;
      step.bytes = Message::copy(payload);
      break;
    case FrameType::stream_end: step.kind = Step::Kind::end; break;
    case FrameType::end_of_stream: step.kind = Step::Kind::end_of_stream; break;
    default:
      step.kind = Step::Kind::error;
      step.reason = fmt::format("the writer closed the stream with an error: {}", payload);
      ended_ = true;
  }
  push(std::move(step));
}

// cae.v1: the channel has taken the frame `sequence` (0: a plain WebSocket step).
void WsIngress::taken(std::uint64_t sequence) noexcept {
  if (sequence == 0) return;
  queued_ = sequence;
  if (queued_ - acked_ >= ack_every && wsi_ != nullptr) {
    ack_due_ = true;
    lws_callback_on_writable(wsi_);
  }
}

// The writer's connection may write: an ack (cae.v1), then a Close frame this end owes.
int WsIngress::write_control(lws* wsi) {
  if (ack_due_ && opened_) {
    ack_due_ = false;
    acked_ = queued_;
    const tcp::Header ack = tcp::encode_header(tcp::FrameType::ack, queued_, 0);
    libws::Outgoing message;
    message.append({ack.data(), ack.size()});
    if (!message.write(wsi)) return -1;
    if (end_due_) {
      end_due_ = false;
      over_ = true;
      log(LogLevel::debug, "end of stream");
      end_of_stream();
    }
    if (hang_up_) lws_callback_on_writable(wsi);  // one write per callback
    return 0;
  }
  if (hang_up_) {
    hung_up_ = true;
    if (!libws::write_close(wsi, hang_up_->first, hang_up_->second)) return -1;
    hang_up_.reset();
  }
  return 0;
}

// A Close from the writer: its status says how the stream ended (spec/channels.md §7 "ws").
void WsIngress::peer_closed(const unsigned char* data, std::size_t size) {
  if (hung_up_ || ended_) return;  // the answer to this end's own Close
  // cae.v1 ends streams with frames; of its Close frames only an error close says something.
  if (v1_ && (size < 2 || (data[0] << 8 | data[1]) != 1011)) return;
  ended_ = true;
  const int status = size >= 2 ? data[0] << 8 | data[1] : 0;
  const std::string reason = size > 2 ? std::string(reinterpret_cast<const char*>(data) + 2,
                                                    size - 2)
                                      : std::string{};
  if ((status == 0 || status == 1000) && !in_stream_) {
    push({Step::Kind::end_of_stream, {}, {}});
  } else if (status == 1011) {
    push({Step::Kind::error, {}, fmt::format("the writer closed the stream with an error: {}",
                                             reason)});
  } else {
    push({Step::Kind::error, {},
          fmt::format("the writer closed the connection with status {}{} before end of stream",
                      status, reason.empty() ? std::string{} : fmt::format(" ({})", reason))});
  }
}

void WsIngress::connection_closed(lws* wsi) {
  if (wsi != wsi_) return;  // a refused handshake
  wsi_ = nullptr;
  if (ended_ || over_) return;
  if (v1_ && !stream_id_.empty()) {
    wait_for_writer();
    return;
  }
  ended_ = true;
  push({Step::Kind::error, {}, "connection lost before end of stream"});
}

// cae.v1: a lost connection is waited out; the writer comes back and resends.
void WsIngress::wait_for_writer() noexcept {
  log(LogLevel::warn, "connection lost; waiting for the writer to reconnect");
  uv_timer_start(
      reconnect_timer_.get(),
      [](uv_timer_t* timer) {
        static_cast<WsIngress*>(timer->data)
            ->fail_transport("connection lost before end of stream; the writer did not "
                             "reconnect within --reconnect-timeout");
      },
      static_cast<std::uint64_t>(options().reconnect_timeout.count()), 0);
}

void WsIngress::push(Step step) {
  steps_.push_back(std::move(step));
  pump();
}

// Hands the steps to the channel in order until a write has to wait; the socket is not read
// while it waits.
void WsIngress::pump() noexcept {
  try {
    while (!waiting_ && !over_ && !steps_.empty()) {
      Step step = std::move(steps_.front());
      steps_.pop_front();
      if (step.kind == Step::Kind::end_of_stream && step.sequence != 0) {
        // cae.v1: the ack goes out first (write_control delivers the end of stream), on this
        // connection or on the writer's next one.
        queued_ = step.sequence;
        end_due_ = true;
        ack_due_ = true;
        if (wsi_ != nullptr) lws_callback_on_writable(wsi_);
        return;
      }
      if (step.kind == Step::Kind::end_of_stream) {
        over_ = true;
        log(LogLevel::debug, "end of stream");
        end_of_stream();
        return;
      }
      if (step.kind == Step::Kind::error) {
        fail_transport(step.reason);
        return;
      }
      const Flow flow = pass(step);
      if (flow.ready()) {
        taken(step.sequence);
        continue;
      }
      waiting_ = true;
      if (wsi_ != nullptr) lws_rx_flow_control(wsi_, 0);
      flow.then([this, sequence = step.sequence](Outcome) {
        waiting_ = false;
        taken(sequence);
        if (wsi_ != nullptr && !ended_) lws_rx_flow_control(wsi_, 1);
        pump();
      });
    }
    if (v1_ && steps_.empty() && queued_ > acked_ && wsi_ != nullptr) {
      ack_due_ = true;  // idle: acknowledge what the channel took
      lws_callback_on_writable(wsi_);
    }
  } catch (const std::exception& error) {
    fail_transport(error.what());
  }
}

Flow WsIngress::pass(Step& step) {
  switch (step.kind) {
    case Step::Kind::message: return writer().write(std::move(step.bytes));
    case Step::Kind::begin: return writer().begin_stream();
    case Step::Kind::chunk: return writer().write_chunk(std::move(step.bytes));
    default: return writer().end_stream();
  }
}

// Sends a Close frame with `status` once the connection may write.
void WsIngress::hang_up(std::uint16_t status, std::string reason) noexcept {
  ended_ = true;
  if (wsi_ == nullptr || hung_up_ || hang_up_) return;
  hang_up_.emplace(status, std::move(reason));
  lws_rx_flow_control(wsi_, 0);
  lws_callback_on_writable(wsi_);
}

void WsIngress::stop_accepting() noexcept {
  if (ended_ || over_ || failed()) return;
  hang_up(going_away, "the reader is shutting down");
  // What arrived is delivered first, then the channel closes normally.
  try {
    push({Step::Kind::end_of_stream, {}, {}});
  } catch (const std::exception& error) {
    fail_transport(error.what());
  }
}

void WsIngress::fail_transport(const std::string& message) noexcept {
  if (over_) return;
  over_ = true;
  ended_ = true;
  steps_.clear();
  hang_up(1011, message);
  if (reconnect_timer_.is_open()) uv_timer_stop(reconnect_timer_.get());
  IngressEnd::fail_transport(message);
}

void WsIngress::close() noexcept {
  reconnect_timer_.close();
  over_ = true;
  ended_ = true;
  steps_.clear();
  wsi_ = nullptr;
  context_.close();
  set_closed();
}

}  // namespace

std::unique_ptr<TransportEnd> make_ws_ingress(const model::Channel& model, std::string name,
                                              TransportServices& services) {
  return std::make_unique<WsIngress>(model, std::move(name), services);
}

}  // namespace cae::runtime
