// conn:WsWriterChannel: a WebSocket client that connects to conn:wsUrl and sends the channel's
// messages (spec/channels.md §7 "ws"). It offers the `cae.v1` subprotocol (lws_context.hpp):
//
// - With a cae reader (`cae.v1`) it sends the tcp transport's frames, each kept until the reader
//   acknowledges it; the kept frames are bounded by the channel's queue bounds, so a slow far
//   reader pauses the local writers. A connection lost without a Close frame is made again
//   with growing pauses for up to --reconnect-timeout, and every kept frame goes again (the
//   reader drops what it already had). Once the reader has acknowledged the end of stream the
//   end sends a Close frame with status 1000.
// - With any other peer it speaks plain WebSocket: a plain message as one binary message, a
//   stream as one fragmented message, one fragment per chunk; the channel's close as a Close
//   frame with status 1000, or 1011 and the reason after an error close. One chunk is in flight
//   at a time and the next is taken only once lws may write again. A lost connection is fatal.
//
// Until the far side is reached (retried every --connect-retry up to --connect-timeout) the
// chunk the reader handed over waits here and the channel's queue fills.
#include <array>
#include <deque>

#include <fmt/format.h>

#include "runtime/handle.hpp"
#include "runtime/lws_context.hpp"
#include "runtime/reconnect.hpp"
#include "runtime/tcp_outbox.hpp"
#include "runtime/transports.hpp"

namespace cae::runtime {
namespace {

using CloseFrame = std::pair<std::uint16_t, std::string>;

// cae.v1: frames are packed into WebSocket messages of about this size.
constexpr std::size_t batch_bytes = 256 * 1024;

class WsEgress final : public EgressEnd {
 public:
  WsEgress(const model::Channel& model, std::string name, TransportServices& services)
      : EgressEnd(model, std::move(name), services),
        url_(model.settings.value("wsUrl", std::string{})),
        reconnect_(services.options()) {}

  [[nodiscard]] std::string address() const override { return url_; }
  void open() override;
  void close() noexcept override;

  // The protocol callback lws calls for this end's connection.
  static int callback(lws* wsi, lws_callback_reasons reason, void* user, void* in,
                      std::size_t size);

 private:
  enum class Mode : std::uint8_t { unknown, plain, v1 };

  int handle(lws* wsi, lws_callback_reasons reason, void* in, std::size_t size);
  void connect() noexcept;
  void not_connected(const std::string& why) noexcept;
  void retry() noexcept;
  void established(lws* wsi);
  void adopt_v1();
  void peer_closing(const unsigned char* data, std::size_t size);
  void closed() noexcept;
  int writeable(lws* wsi);
  int write_plain(lws* wsi);
  int write_frames(lws* wsi);
  void received(const char* data, std::size_t size);
  Flow send_chunk(Chunk chunk) override;
  Flow keep(Chunk chunk);
  void send_close(const std::optional<std::string>& error) override;
  void fail_transport(const std::string& message) noexcept override;
  void want_write() noexcept;

  std::string url_;
  libws::Url target_;
  libws::Context context_;
  Handle<uv_timer_t> retry_timer_;
  Reconnect reconnect_;
  lws* wsi_ = nullptr;
  bool established_ = false;
  Mode mode_ = Mode::unknown;  // known once the first connection is up
  bool offer_v1_ = true;       // dropped for a server that answers no subprotocol at all
  bool answered_v1_ = false;   // the server took cae.v1 in the handshake being made

  // Plain WebSocket, and everything before the first connection.
  std::deque<Chunk> pending_;  // at most one chunk: the one the reader handed over last
  Promise sent_;               // completes when that chunk is written
  bool in_stream_ = false;     // a stream's first fragment went out

  // cae.v1
  std::string stream_id_;
  bool opening_sent_ = false;  // on this connection
  tcp::Outbox outbox_;
  tcp::FrameBuffer acks_;
  Promise room_;               // completes when the kept frames drop below the bounds

  std::optional<CloseFrame> close_;  // Close frame to send
  bool close_sent_ = false;
  std::string peer_close_;     // why the far side closed first, for the report
  bool closing_ = false;       // close() has begun
};

const std::array<lws_protocols, 3> protocols{{
    {libws::plain_protocol, &WsEgress::callback, 0, 0, 0, nullptr, 0},
    {libws::v1_protocol, &WsEgress::callback, 0, 0, 0, nullptr, 0},
    {nullptr, nullptr, 0, 0, 0, nullptr, 0},
}};

void WsEgress::open() {
  target_ = libws::parse_url(url_);
  context_.open(services().loop(), protocols.data(), this, std::nullopt, target_.tls);
  uv_timer_init(services().loop(), retry_timer_.get());
  retry_timer_.initialized();
  retry_timer_.get()->data = this;
  reconnect_.begin(uv_now(services().loop()));
  connect();  // in the background: writes queue meanwhile (spec/channels.md §4 phase 1)
}

void WsEgress::connect() noexcept {
  lws_client_connect_info info{};
  info.context = context_.get();
  info.address = target_.host.c_str();
  info.port = target_.port;
  info.path = target_.path.c_str();
  info.host = target_.host.c_str();
  info.protocol = offer_v1_ ? libws::offer_v1 : nullptr;
  info.local_protocol_name = libws::plain_protocol;
  info.ssl_connection = target_.tls ? LCCSCF_USE_SSL : 0;
  info.pwsi = &wsi_;
  if (lws_client_connect_via_info(&info) == nullptr && wsi_ == nullptr && !failed()) {
    // lws may already have reported the failure through the callback, which retries.
    if (!uv_is_active(retry_timer_.base())) not_connected("cannot start a connection");
  }
}

void WsEgress::not_connected(const std::string& why) noexcept {
  wsi_ = nullptr;
  if (offer_v1_ && why.find("PROTOCOL") != std::string::npos) {
    // A server that ignores subprotocols: lws refuses its answer to an offer. Offer nothing.
    offer_v1_ = false;
    connect();
    return;
  }
  reconnect_.failed(why);
  retry();
}

// Another attempt after a pause, unless the time allowed is over (reconnect.hpp).
void WsEgress::retry() noexcept {
  const auto pause = reconnect_.next_pause(uv_now(services().loop()));
  if (!pause) {
    fail_transport(reconnect_.give_up());
    return;
  }
  uv_timer_start(
      retry_timer_.get(), [](uv_timer_t* timer) { static_cast<WsEgress*>(timer->data)->connect(); },
      *pause, 0);
}

int WsEgress::callback(lws* wsi, lws_callback_reasons reason, void* /*user*/, void* in,
                       std::size_t size) {
  switch (reason) {
    case LWS_CALLBACK_CLIENT_CONNECTION_ERROR:
    case LWS_CALLBACK_CLIENT_FILTER_PRE_ESTABLISH:
    case LWS_CALLBACK_CLIENT_ESTABLISHED:
    case LWS_CALLBACK_CLIENT_WRITEABLE:
    case LWS_CALLBACK_CLIENT_RECEIVE:
    case LWS_CALLBACK_WS_PEER_INITIATED_CLOSE:
    case LWS_CALLBACK_CLIENT_CLOSED:
      return libws::owner_of<WsEgress>(wsi)->handle(wsi, reason, in, size);
    default:
      // Among them the destroy callbacks lws makes after the owner is gone (lws_context.hpp).
      return 0;
  }
}

int WsEgress::handle(lws* wsi, lws_callback_reasons reason, void* in, std::size_t size) {
  if (closing_) return 0;  // lws_context_destroy() closing the connection at shutdown
  try {
    switch (reason) {
      case LWS_CALLBACK_CLIENT_CONNECTION_ERROR:
        if (alive()) {
          not_connected(in != nullptr ? std::string{static_cast<const char*>(in)}
                                      : std::string{"connection refused"});
        }
        return 0;
      case LWS_CALLBACK_CLIENT_FILTER_PRE_ESTABLISH:
        // The handshake's headers are gone by CLIENT_ESTABLISHED.
        answered_v1_ = libws::answered_v1(wsi);
        return 0;
      case LWS_CALLBACK_CLIENT_ESTABLISHED: established(wsi); return 0;
      case LWS_CALLBACK_CLIENT_WRITEABLE: return writeable(wsi);
      case LWS_CALLBACK_CLIENT_RECEIVE:
        if (mode_ == Mode::v1 && !failed()) received(static_cast<const char*>(in), size);
        return 0;
      case LWS_CALLBACK_WS_PEER_INITIATED_CLOSE:
        peer_closing(static_cast<const unsigned char*>(in), size);
        return 0;
      case LWS_CALLBACK_CLIENT_CLOSED: closed(); return 0;
      default: return 0;
    }
  } catch (const std::exception& error) {  // no exception may cross into lws
    fail_transport(error.what());
    return -1;
  }
}

void WsEgress::established(lws* wsi) {
  wsi_ = wsi;
  established_ = true;
  peer_close_.clear();
  const Mode mode = answered_v1_ ? Mode::v1 : Mode::plain;
  if (mode_ == Mode::v1 && mode != Mode::v1) {
    fail_transport("the reader came back without the cae.v1 subprotocol: the stream cannot resume");
    return;
  }
  if (mode_ == Mode::v1) {
    log(LogLevel::info, "reconnected; sending unacknowledged frames again");
  } else {
    log(LogLevel::debug, fmt::format("connected to {} ({})", url_,
                                     mode == Mode::v1 ? "cae.v1" : "plain WebSocket"));
  }
  if (mode_ == Mode::unknown && mode == Mode::v1) adopt_v1();
  mode_ = mode;
  reconnect_.connected();
  opening_sent_ = false;
  acks_.clear();
  outbox_.rewind();
  want_write();
}

// What waited for the first connection becomes the first frames of the stream.
void WsEgress::adopt_v1() {
  stream_id_.resize(tcp::stream_id_bytes);
  if (uv_random(nullptr, nullptr, stream_id_.data(), stream_id_.size(), 0, nullptr) != 0) {
    throw std::runtime_error("cannot make a random stream id");
  }
  for (Chunk& chunk : pending_) (void)outbox_.push_chunk(std::move(chunk), options().max_message_bytes);
  pending_.clear();
  if (close_) {
    outbox_.push_close(close_->first == 1000 ? std::nullopt : std::optional{close_->second});
    close_.reset();
  }
  sent_.complete();
}

void WsEgress::peer_closing(const unsigned char* data, std::size_t size) {
  if (close_sent_) return;  // the answer to this end's own Close
  const int status = size >= 2 ? data[0] << 8 | data[1] : 0;
  peer_close_ = fmt::format(" (the reader closed with status {}{})", status,
                            size > 2 ? fmt::format(": {}", std::string_view{
                                           reinterpret_cast<const char*>(data) + 2, size - 2})
                                     : std::string{});
}

void WsEgress::closed() noexcept {
  wsi_ = nullptr;
  if (!established_) return;  // a failed attempt: CLIENT_CONNECTION_ERROR retries
  established_ = false;
  if (close_sent_) {
    log(LogLevel::debug, "closed");
    set_finished();
    return;
  }
  if (mode_ == Mode::v1 && peer_close_.empty() && !failed()) {
    // Lost, not closed by the reader: cae.v1 resumes the stream on a new connection.
    log(LogLevel::warn, "connection lost; reconnecting");
    reconnect_.begin(uv_now(services().loop()), "the connection was lost");
    retry();
    return;
  }
  fail_transport(fmt::format("connection lost before end of stream{}", peer_close_));
}

// lws calls this only when the socket has taken what was written before.
int WsEgress::writeable(lws* wsi) {
  if (mode_ == Mode::v1 && !close_) return write_frames(wsi);
  if (!pending_.empty()) return write_plain(wsi);
  if (close_ && !close_sent_) {
    close_sent_ = true;
    if (!libws::write_close(wsi, close_->first, close_->second)) return -1;
  }
  return 0;
}

// Writes the chunk the reader handed over as a message or a fragment of one.
int WsEgress::write_plain(lws* wsi) {
  Chunk chunk = std::move(pending_.front());
  pending_.pop_front();
  if (chunk.first && !chunk.last) {
    // A stream's opening marker has nothing to send: its first fragment carries the first chunk.
    in_stream_ = false;
  } else {
    const bool plain = chunk.first && chunk.last;
    const auto kind = lws_write_ws_flags(LWS_WRITE_BINARY, plain || !in_stream_ ? 1 : 0,
                                         chunk.last ? 1 : 0);
    in_stream_ = !plain && !chunk.last;
    // lws needs LWS_PRE writable bytes before the payload for the frame header.
    std::string buffer(LWS_PRE + chunk.bytes.size(), '\0');
    std::copy_n(chunk.bytes.data(), chunk.bytes.size(), buffer.data() + LWS_PRE);
    auto* payload = reinterpret_cast<unsigned char*>(buffer.data() + LWS_PRE);
    if (lws_write(wsi, payload, chunk.bytes.size(), static_cast<lws_write_protocol>(kind)) < 0) {
      return -1;  // lws closes the connection: reported by closed()
    }
  }
  sent_.complete();  // the reader may hand over the next chunk at once
  return 0;
}

// cae.v1: the opening on a new connection, then the kept frames not sent yet, packed into
// messages of about batch_bytes (the reader reads frames, not messages): one write for many
// small frames.
int WsEgress::write_frames(lws* wsi) {
  libws::Outgoing message;
  if (!opening_sent_) {
    opening_sent_ = true;
    message.append(tcp::magic);
    message.append(stream_id_);
  }
  while (outbox_.has_unsent() && message.size() < batch_bytes) {
    const tcp::Frame& frame = outbox_.take_unsent();
    message.append({frame.header.data(), frame.header.size()});
    message.append(frame.payload.text());
  }
  if (message.size() > 0 && !message.write(wsi)) return -1;  // closed() reconnects
  if (outbox_.has_unsent()) lws_callback_on_writable(wsi);
  return 0;
}

// cae.v1: the reader's acks.
void WsEgress::received(const char* data, std::size_t size) {
  acks_.append(data, size);
  while (const auto frame = acks_.next()) {
    if (frame->first.type != tcp::FrameType::ack) {
      fail_transport(fmt::format("the reader sent a frame of type {}, expected acks (7) only",
                                 static_cast<int>(frame->first.type)));
      return;
    }
    if (outbox_.acknowledge(frame->first.sequence)) {
      // The reader has the end of the stream: nothing is left to resend.
      close_.emplace(1000, std::string{});
      want_write();
      return;
    }
  }
  if (room_.pending() && !outbox_.full(queue_bounds())) room_.complete();
}

Flow WsEgress::send_chunk(Chunk chunk) {
  if (failed()) return Flow::failed();
  if (chunk.first && chunk.last && chunk.bytes.size() > options().max_message_bytes) {
    fail_transport(fmt::format("{} wrote a message of {} bytes, above --max-message-bytes ({} "
                               "bytes); write it as a stream instead",
                               writer_names(), chunk.bytes.size(), options().max_message_bytes));
    return Flow::failed();
  }
  if (mode_ == Mode::v1) return keep(std::move(chunk));
  pending_.push_back(std::move(chunk));
  want_write();
  return sent_.flow();
}

Flow WsEgress::keep(Chunk chunk) {
  (void)outbox_.push_chunk(std::move(chunk), options().max_message_bytes);  // size checked
  want_write();
  return outbox_.full(queue_bounds()) ? room_.flow() : Flow::done();
}

void WsEgress::send_close(const std::optional<std::string>& error) {
  if (failed()) return;
  if (mode_ == Mode::v1) {
    outbox_.push_close(error);
  } else if (!close_) {
    close_.emplace(error ? 1011 : 1000, error.value_or(std::string{}));
  }
  want_write();
}

void WsEgress::want_write() noexcept {
  if (wsi_ != nullptr && established_) lws_callback_on_writable(wsi_);
}

void WsEgress::fail_transport(const std::string& message) noexcept {
  if (failed()) return;
  pending_.clear();
  outbox_.clear();
  if (retry_timer_.is_open()) uv_timer_stop(retry_timer_.get());
  EgressEnd::fail_transport(message);
  sent_.fail(message);
  room_.fail(message);
  // The far reader learns of the failure through an error close (spec/channels.md §7).
  if (!close_) close_.emplace(1011, message);
  want_write();
}

void WsEgress::close() noexcept {
  closing_ = true;
  pending_.clear();
  retry_timer_.close();
  wsi_ = nullptr;
  context_.close();
  set_closed();
}

}  // namespace

std::unique_ptr<TransportEnd> make_ws_egress(const model::Channel& model, std::string name,
                                             TransportServices& services) {
  return std::make_unique<WsEgress>(model, std::move(name), services);
}

}  // namespace cae::runtime
