// conn:HttpReaderChannel: an HTTP server on conn:httpEndpoint's host and conn:httpPort that
// takes one message per POST or PUT request body (spec/channels.md §7 "http", §8). The answer,
// conn:responseCode, goes out once the channel has taken the message, so a full queue delays it
// and the far writer, which waits for each answer, slows down. A request with the header
// `Cae-End-Of-Stream: ok` and an empty body ends the stream; `error` closes it with the body as
// the reason. Later requests get 410, other methods 405, bodies above --max-message-bytes 413
// (and the run fails). A body may come with a Content-Length or chunked; a request with neither
// has an empty body (RFC 9112 §6.3) and is an empty message. Requests are parsed by
// http-parser (http_connection.hpp), several in turn on one connection.
//
// A cae writer numbers its requests (`Cae-Stream`, `Cae-Sequence`) and sends one again when its
// answer is lost: a request whose number this end has already taken from that stream is
// answered at once and not taken again. While a request is being taken, another gets 503,
// which a cae writer retries.
#include <charconv>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "runtime/channel.hpp"
#include "runtime/handle.hpp"
#include "runtime/http_connection.hpp"
#include "runtime/tcp_address.hpp"
#include "runtime/transports.hpp"
#include "runtime/writer_end.hpp"

namespace cae::runtime {
namespace {

enum class Marker : std::uint8_t { none, end_of_stream, error };

// The request being taken: one at a time, since writers wait for each answer.
struct Request {
  http::Connection* connection = nullptr;
  std::uint64_t ticket = 0;  // tells a late callback whether this is still its request
  Marker marker = Marker::none;
  std::string body;
  std::string stream;          // its Cae-Stream
  std::uint64_t sequence = 0;  // its Cae-Sequence; 0 without one
};

// conn:httpEndpoint on an ingress end is a host or an http:// URL; only its host is used here.
// (libwebsockets.h, which has a URL parser, cannot be included beside http_parser.h: both
// define enum http_status.)
std::string listen_host(const model::Json& settings) {
  const std::string setting = settings.value("httpEndpoint", std::string{"127.0.0.1"});
  std::string_view endpoint = setting;
  if (!endpoint.starts_with("http://")) return setting;
  endpoint.remove_prefix(std::string_view{"http://"}.size());
  endpoint = endpoint.substr(0, endpoint.find('/'));
  // "[::1]:8080" keeps its brackets; "host:8080" loses its port.
  const std::size_t port = endpoint.rfind(':');
  if (port != std::string_view::npos && endpoint.find(']', port) == std::string_view::npos) {
    endpoint = endpoint.substr(0, port);
  }
  return std::string{endpoint};
}

Marker marker_of(const std::string& value) {
  if (value == "ok") return Marker::end_of_stream;
  return value == "error" ? Marker::error : Marker::none;
}

class HttpIngress final : public IngressEnd, private http::ConnectionOwner {
 public:
  HttpIngress(const model::Channel& model, std::string name, TransportServices& services)
      : IngressEnd(model, std::move(name), services),
        host_(listen_host(model.settings)),
        port_(model.settings.value("httpPort", 0)),
        response_(model.settings.value("responseCode", 200)),
        wait_handled_(model.settings.value("waitHandled", false)) {}

  [[nodiscard]] std::string address() const override {
    return fmt::format("http://{}/", tcp::Target{host_, port_}.text());
  }
  void open() override;
  void stop_accepting() noexcept override;
  void close() noexcept override;

 private:
  void accept() noexcept;
  // http::ConnectionOwner
  int request_began(http::Connection& connection, const http::RequestHead& head) noexcept override;
  int request_body(http::Connection& connection, std::string_view data) noexcept override;
  void request_complete(http::Connection& connection) noexcept override;
  void answered(http::Connection& connection) noexcept override;
  void connection_gone(http::Connection& connection) noexcept override;

  int begin(http::Connection& connection, const http::RequestHead& head);
  bool taken_before(const Request& request);
  void take();
  void respond(std::uint64_t ticket) noexcept;
  void deliver_end() noexcept;
  void fail_transport(const std::string& message) noexcept override;

  std::string host_;
  int port_;
  int response_;
  bool wait_handled_;  // answer once every local reader has taken the message
  Handle<uv_tcp_t> listener_;
  std::vector<http::Connection*> connections_;
  Request request_;
  std::uint64_t tickets_ = 0;
  std::string stream_;            // Cae-Stream of the last numbered request
  std::uint64_t last_taken_ = 0;  // the highest Cae-Sequence taken from that stream
  bool ended_ = false;    // end-of-stream, an error close, a drain or a failure: answer 410
  bool end_due_ = false;  // end of stream taken, to deliver once its answer is out
};

void HttpIngress::open() {
  sockaddr_storage bind_to{};
  tcp::resolve(services().loop(), tcp::Target{host_, port_}, bind_to);
  uv_tcp_init(services().loop(), listener_.get());
  listener_.initialized();
  listener_.get()->data = this;
  int status = uv_tcp_bind(listener_.get(), reinterpret_cast<const sockaddr*>(&bind_to), 0);
  if (status == 0) {
    status = uv_listen(reinterpret_cast<uv_stream_t*>(listener_.get()), 64,
                       [](uv_stream_t* server, int result) {
                         if (result == 0) static_cast<HttpIngress*>(server->data)->accept();
                       });
  }
  if (status != 0) {
    throw std::runtime_error(
        fmt::format("cannot listen on {}: {}", address(), uv_strerror(status)));
  }
  log(LogLevel::debug, fmt::format("listening on {}", address()));
}

void HttpIngress::accept() noexcept {
  auto* server = reinterpret_cast<uv_stream_t*>(listener_.get());
  http::Connection* connection = http::Connection::accept(server, *this);
  if (connection == nullptr) return;
  try {
    connections_.push_back(connection);
  } catch (const std::exception&) {
    connection->release();
  }
}

int HttpIngress::request_began(http::Connection& connection,
                               const http::RequestHead& head) noexcept {
  try {
    return begin(connection, head);
  } catch (const std::exception& error) {
    fail_transport(error.what());
    return 500;
  }
}

int HttpIngress::begin(http::Connection& connection, const http::RequestHead& head) {
  if (head.method != HTTP_POST && head.method != HTTP_PUT) return 405;
  Request numbered{};
  numbered.stream = head.header("cae-stream");
  const std::string number = head.header("cae-sequence");
  if (std::from_chars(number.data(), number.data() + number.size(), numbered.sequence).ec !=
      std::errc{}) {
    numbered.sequence = 0;
  }
  if (taken_before(numbered)) return response_;
  if (ended_) return 410;
  if (request_.connection != nullptr) return 503;  // one request at a time
  numbered.connection = &connection;
  numbered.ticket = ++tickets_;
  numbered.marker = marker_of(head.header("cae-end-of-stream"));
  request_ = std::move(numbered);
  return 0;
}

// A numbered request this end took before: its answer was lost and the writer sent it again.
bool HttpIngress::taken_before(const Request& request) {
  if (request.sequence == 0 || request.stream != stream_ || request.sequence > last_taken_) {
    return false;
  }
  log(LogLevel::info, fmt::format("request {} came again; answered without taking it twice",
                                  request.sequence));
  return true;
}

int HttpIngress::request_body(http::Connection& connection, std::string_view data) noexcept {
  if (&connection != request_.connection) return 500;
  if (request_.body.size() + data.size() > options().max_message_bytes) {
    fail_transport(fmt::format("the writer sent a message above --max-message-bytes ({} bytes)",
                               options().max_message_bytes));
    request_ = Request{};
    return 413;
  }
  try {
    request_.body.append(data);
  } catch (const std::exception& error) {
    fail_transport(error.what());
    return 500;
  }
  return 0;
}

void HttpIngress::request_complete(http::Connection& connection) noexcept {
  if (&connection != request_.connection) {  // dropped meanwhile by a failure
    connection.answer(410);
    return;
  }
  try {
    take();
  } catch (const std::exception& error) {
    fail_transport(error.what());
    connection.answer(500, true);
  }
}

void HttpIngress::take() {
  if (request_.sequence != 0) {
    // Taken from here on, even if the answer never reaches the writer.
    stream_ = request_.stream;
    last_taken_ = request_.sequence;
  }
  if (request_.marker == Marker::end_of_stream) {
    // Delivered once the answer is out (or the connection gone), so that the run does not end
    // before the writer has heard that its end of stream arrived.
    ended_ = true;
    end_due_ = true;
    respond(request_.ticket);
    return;
  }
  if (request_.marker == Marker::error) {
    const std::string reason = std::move(request_.body);
    respond(request_.ticket);
    fail_transport(fmt::format("the writer closed the stream with an error: {}", reason));
    return;
  }
  const Flow flow = writer().write(Message{std::exchange(request_.body, std::string{})});
  // The answer waits while the write does: that is this transport's backpressure.
  flow.then([this, ticket = request_.ticket](Outcome) {
    if (!wait_handled_) {
      respond(ticket);
      return;
    }
    // One request at a time: with the queues empty, every reader has taken this message.
    if (request_.ticket == ticket) {
      channel().all_taken().then([this, ticket](Outcome) { respond(ticket); });
    }
  });
}

// Answers the request `ticket` unless its connection went away meanwhile.
void HttpIngress::respond(std::uint64_t ticket) noexcept {
  if (request_.ticket != ticket || request_.connection == nullptr) return;
  request_.connection->answer(response_);
}

void HttpIngress::answered(http::Connection& connection) noexcept {
  if (&connection != request_.connection) return;  // a refusal
  request_ = Request{};
  deliver_end();
}

void HttpIngress::connection_gone(http::Connection& connection) noexcept {
  std::erase(connections_, &connection);
  if (&connection != request_.connection) return;
  request_ = Request{};
  deliver_end();  // a writer that missed the answer sends the request again
}

void HttpIngress::deliver_end() noexcept {
  if (!end_due_) return;
  end_due_ = false;
  log(LogLevel::debug, "end of stream");
  end_of_stream();
}

void HttpIngress::stop_accepting() noexcept {
  if (ended_ || failed()) return;
  ended_ = true;
  end_of_stream();
}

void HttpIngress::fail_transport(const std::string& message) noexcept {
  ended_ = true;
  IngressEnd::fail_transport(message);
}

void HttpIngress::close() noexcept {
  ended_ = true;
  request_ = Request{};
  for (http::Connection* connection : std::exchange(connections_, {})) connection->release();
  listener_.close();
  set_closed();
}

}  // namespace

std::unique_ptr<TransportEnd> make_http_ingress(const model::Channel& model, std::string name,
                                                TransportServices& services) {
  return std::make_unique<HttpIngress>(model, std::move(name), services);
}

}  // namespace cae::runtime
