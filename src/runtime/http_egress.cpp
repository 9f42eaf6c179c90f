// conn:HttpWriterChannel: sends each message of the channel as the body of one request
// (conn:httpMethod, POST by default) to conn:httpEndpoint, and the next only once the answer has
// come (spec/channels.md §7 "http"). The channel's close is a last request with the header
// `Cae-End-Of-Stream: ok` and an empty body, or `error` with the reason as body. An answer other
// than 2xx is fatal. Until the far side has answered once, a refused connection is retried every
// --connect-retry up to --connect-timeout; after that a failed request is fatal. A stream is
// gathered and sent as one body (libwebsockets 4.1 sends no chunked request bodies), so it is
// bound by --max-message-bytes here.
#include <array>

#include <fmt/format.h>

#include "runtime/handle.hpp"
#include "runtime/lws_context.hpp"
#include "runtime/transports.hpp"

namespace cae::runtime {
namespace {

class HttpEgress final : public EgressEnd {
 public:
  HttpEgress(const model::Channel& model, std::string name, TransportServices& services)
      : EgressEnd(model, std::move(name), services),
        url_(model.settings.value("httpEndpoint", std::string{})),
        method_(model.settings.value("httpMethod", std::string{"POST"})) {}

  [[nodiscard]] std::string address() const override { return url_; }
  void open() override;
  void close() noexcept override;

  // The protocol callback lws calls for this end's requests.
  static int callback(lws* wsi, lws_callback_reasons reason, void* user, void* in,
                      std::size_t size);

 private:
  int handle(lws* wsi, lws_callback_reasons reason, void* in, std::size_t size);
  void send() noexcept;
  void not_sent(const std::string& why) noexcept;
  int add_headers(lws* wsi, unsigned char** at, std::size_t room);
  int write_body(lws* wsi);
  void answered() noexcept;
  Flow send_chunk(Chunk chunk) override;
  void send_close(const std::optional<std::string>& error) override;
  void fail_transport(const std::string& message) noexcept override;

  std::string url_;
  std::string method_;
  libws::Url target_;
  libws::Context context_;
  Handle<uv_timer_t> retry_timer_;
  std::uint64_t started_ = 0;  // loop time of the first attempt
  bool answered_once_ = false;
  lws* wsi_ = nullptr;         // the request in flight
  std::string body_;           // its body
  std::string marker_;         // its Cae-End-Of-Stream value, empty for a message
  int status_ = 0;             // the answer's status
  bool busy_ = false;          // a request is in flight or waits for a retry
  bool connected_ = false;     // the request in flight has reached the far side
  std::string stream_;         // a stream being gathered
  Promise sent_;               // completes when the far side has answered the request
  bool closing_ = false;       // close() has begun
};

const std::array<lws_protocols, 2> protocols{{
    {"cae-http-writer", &HttpEgress::callback, 0, 0, 0, nullptr, 0},
    {nullptr, nullptr, 0, 0, 0, nullptr, 0},
}};

void HttpEgress::open() {
  target_ = libws::parse_url(url_);
  context_.open(services().loop(), protocols.data(), this, std::nullopt, target_.tls);
  uv_timer_init(services().loop(), retry_timer_.get());
  retry_timer_.initialized();
  retry_timer_.get()->data = this;
  started_ = uv_now(services().loop());
}

// Starts the request for body_ and marker_.
void HttpEgress::send() noexcept {
  busy_ = true;
  connected_ = false;
  status_ = 0;
  lws_client_connect_info info{};
  info.context = context_.get();
  info.address = target_.host.c_str();
  info.port = target_.port;
  info.path = target_.path.c_str();
  info.host = target_.host.c_str();
  info.method = method_.c_str();
  info.protocol = protocols[0].name;
  info.ssl_connection = target_.tls ? LCCSCF_USE_SSL : 0;
  info.pwsi = &wsi_;
  if (lws_client_connect_via_info(&info) == nullptr && wsi_ == nullptr &&
      !uv_is_active(retry_timer_.base()) && !failed()) {
    not_sent("cannot start a request");
  }
}

// Before the far side has ever answered it may not be up yet: try again after --connect-retry
// until --connect-timeout. Later, a request that cannot be made is fatal.
void HttpEgress::not_sent(const std::string& why) noexcept {
  wsi_ = nullptr;
  const std::uint64_t waited = uv_now(services().loop()) - started_;
  const auto limit = options().connect_timeout;
  if (answered_once_) {
    fail_transport(fmt::format("request failed: {}", why));
    return;
  }
  if (waited >= static_cast<std::uint64_t>(limit.count())) {
    fail_transport(fmt::format("cannot connect within {} s: {}",
                               static_cast<double>(limit.count()) / 1000.0, why));
    return;
  }
  uv_timer_start(
      retry_timer_.get(), [](uv_timer_t* timer) { static_cast<HttpEgress*>(timer->data)->send(); },
      static_cast<std::uint64_t>(options().connect_retry.count()), 0);
}

int HttpEgress::callback(lws* wsi, lws_callback_reasons reason, void* /*user*/, void* in,
                         std::size_t size) {
  switch (reason) {
    case LWS_CALLBACK_CLIENT_CONNECTION_ERROR:
    case LWS_CALLBACK_CLIENT_APPEND_HANDSHAKE_HEADER:
    case LWS_CALLBACK_CLIENT_HTTP_WRITEABLE:
    case LWS_CALLBACK_ESTABLISHED_CLIENT_HTTP:
    case LWS_CALLBACK_RECEIVE_CLIENT_HTTP:
    case LWS_CALLBACK_COMPLETED_CLIENT_HTTP:
    case LWS_CALLBACK_CLOSED_CLIENT_HTTP:
      return libws::owner_of<HttpEgress>(wsi)->handle(wsi, reason, in, size);
    default:
      // Among them the destroy callbacks lws makes after the owner is gone (lws_context.hpp).
      return 0;
  }
}

int HttpEgress::handle(lws* wsi, lws_callback_reasons reason, void* in, std::size_t size) {
  if (closing_) return 0;  // lws_context_destroy() dropping the request at shutdown
  try {
    switch (reason) {
      case LWS_CALLBACK_CLIENT_CONNECTION_ERROR:
        if (busy_ && !failed()) {
          not_sent(in != nullptr ? std::string{static_cast<const char*>(in)}
                                 : std::string{"connection refused"});
        }
        return 0;
      case LWS_CALLBACK_CLIENT_APPEND_HANDSHAKE_HEADER:
        return add_headers(wsi, static_cast<unsigned char**>(in), size);
      case LWS_CALLBACK_CLIENT_HTTP_WRITEABLE: return write_body(wsi);
      case LWS_CALLBACK_ESTABLISHED_CLIENT_HTTP:
        connected_ = true;
        status_ = static_cast<int>(lws_http_client_http_response(wsi));
        return 0;
      case LWS_CALLBACK_RECEIVE_CLIENT_HTTP: {
        // The answer's body says nothing cae needs; lws wants it read all the same.
        std::array<char, LWS_PRE + 1024> buffer{};
        char* at = buffer.data() + LWS_PRE;
        int room = static_cast<int>(buffer.size() - LWS_PRE);
        return lws_http_client_read(wsi, &at, &room) < 0 ? -1 : 0;
      }
      case LWS_CALLBACK_COMPLETED_CLIENT_HTTP: answered(); return 0;
      case LWS_CALLBACK_CLOSED_CLIENT_HTTP:
        // Failed attempts end in CLIENT_CONNECTION_ERROR instead; lws clears wsi_ itself.
        if (busy_ && connected_ && !failed()) {
          fail_transport(status_ == 0 ? std::string{"the connection closed before an answer"}
                                      : fmt::format("the answer ({}) was cut off", status_));
        }
        return 0;
      default: return 0;
    }
  } catch (const std::exception& error) {  // no exception may cross into lws
    fail_transport(error.what());
    return -1;
  }
}

int HttpEgress::add_headers(lws* wsi, unsigned char** at, std::size_t room) {
  unsigned char* end = *at + room;
  const std::string length = std::to_string(body_.size());
  if (lws_add_http_header_by_token(wsi, WSI_TOKEN_HTTP_CONTENT_LENGTH,
                                   reinterpret_cast<const unsigned char*>(length.data()),
                                   static_cast<int>(length.size()), at, end) != 0) {
    return -1;
  }
  if (!marker_.empty() &&
      lws_add_http_header_by_name(wsi, reinterpret_cast<const unsigned char*>("Cae-End-Of-Stream:"),
                                  reinterpret_cast<const unsigned char*>(marker_.data()),
                                  static_cast<int>(marker_.size()), at, end) != 0) {
    return -1;
  }
  if (!body_.empty()) {
    lws_client_http_body_pending(wsi, 1);
    lws_callback_on_writable(wsi);
  }
  return 0;
}

int HttpEgress::write_body(lws* wsi) {
  if (body_.empty()) return 0;
  std::string buffer(LWS_PRE, '\0');
  buffer += body_;
  lws_client_http_body_pending(wsi, 0);
  auto* payload = reinterpret_cast<unsigned char*>(buffer.data() + LWS_PRE);
  return lws_write(wsi, payload, body_.size(), LWS_WRITE_HTTP_FINAL) < 0 ? -1 : 0;
}

void HttpEgress::answered() noexcept {
  busy_ = false;
  connected_ = false;
  wsi_ = nullptr;
  if (status_ < 200 || status_ > 299) {
    fail_transport(fmt::format("the reader answered {}", status_));
    return;
  }
  answered_once_ = true;
  body_.clear();
  if (!marker_.empty()) {
    log(LogLevel::debug, "end of stream sent");
    set_finished();
    return;
  }
  sent_.complete();
}

Flow HttpEgress::send_chunk(Chunk chunk) {
  if (failed()) return Flow::failed();
  const bool plain = chunk.first && chunk.last;
  if (!plain) {
    stream_.append(chunk.bytes.data(), chunk.bytes.size());
    if (stream_.size() > options().max_message_bytes) {
      fail_transport(fmt::format("{} wrote a stream above --max-message-bytes ({} bytes): over "
                                 "http a stream goes as one request body",
                                 writer_names(), options().max_message_bytes));
      return Flow::failed();
    }
    if (!chunk.last) return Flow::done();
  } else if (chunk.bytes.size() > options().max_message_bytes) {
    fail_transport(fmt::format("{} wrote a message of {} bytes, above --max-message-bytes ({} "
                               "bytes)",
                               writer_names(), chunk.bytes.size(), options().max_message_bytes));
    return Flow::failed();
  }
  body_ = plain ? std::string{chunk.bytes.data(), chunk.bytes.size()}
                : std::exchange(stream_, std::string{});
  marker_.clear();
  const Flow answer = sent_.flow();  // armed first: send() may fail at once
  send();
  return answer;
}

void HttpEgress::send_close(const std::optional<std::string>& error) {
  body_ = error.value_or(std::string{});
  marker_ = error ? "error" : "ok";
  send();
}

void HttpEgress::fail_transport(const std::string& message) noexcept {
  if (failed()) return;
  busy_ = false;
  EgressEnd::fail_transport(message);
  sent_.fail(message);
}

void HttpEgress::close() noexcept {
  closing_ = true;
  retry_timer_.close();
  wsi_ = nullptr;
  context_.close();
  set_closed();
}

}  // namespace

std::unique_ptr<TransportEnd> make_http_egress(const model::Channel& model, std::string name,
                                               TransportServices& services) {
  return std::make_unique<HttpEgress>(model, std::move(name), services);
}

}  // namespace cae::runtime
