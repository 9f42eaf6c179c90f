// One connection to the HTTP reader (http_ingress.cpp): a libuv TCP stream whose requests
// nodejs/http-parser cuts out, one at a time. After each request the parser pauses and the
// socket is not read until the owner's answer is written, so requests on a connection are taken
// and answered in order (keep-alive) and a pending write into the channel holds the far writer
// back. Like tcp::Link, a Connection lives on the heap and frees itself in its close callback;
// after release() it calls its owner no more.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <http_parser.h>
#include <uv.h>

namespace cae::runtime::http {

class Connection;

// A request whose headers have arrived.
struct RequestHead {
  http_method method = HTTP_GET;
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
  // The value of header `name` (lower case), empty when absent.
  [[nodiscard]] std::string header(std::string_view name) const;
};

class ConnectionOwner {
 public:
  // Returns 0 to take the request's body, else the status to answer once its body has been
  // read and dropped.
  virtual int request_began(Connection& connection, const RequestHead& head) noexcept = 0;
  // A piece of the body of a request being taken. Returns 0 to go on, else the status to answer
  // at once before closing the connection.
  virtual int request_body(Connection& connection, std::string_view data) noexcept = 0;
  // The body of a request being taken is whole: answer() it once it is taken.
  virtual void request_complete(Connection& connection) noexcept = 0;
  // An answer has been written (or could not be).
  virtual void answered(Connection& connection) noexcept = 0;
  // The far side closed the connection or it broke; its memory is freed later.
  virtual void connection_gone(Connection& connection) noexcept = 0;

 protected:
  ~ConnectionOwner() = default;
};

class Connection {
 public:
  // A connection accepted from `server`; null when it cannot be made.
  static Connection* accept(uv_stream_t* server, ConnectionOwner& owner);

  // Answers the current request with `status` and no body; then reads the next request, or
  // closes when the client asked for that or `close_after` is set.
  void answer(int status, bool close_after = false);
  // Closes at once; the owner hears nothing more.
  void release() noexcept;

 private:
  explicit Connection(ConnectionOwner& owner);
  static const http_parser_settings settings;
  static int on_message_begin(http_parser* parser);
  static int on_header_field(http_parser* parser, const char* at, std::size_t size);
  static int on_header_value(http_parser* parser, const char* at, std::size_t size);
  static int on_headers_complete(http_parser* parser);
  static int on_body(http_parser* parser, const char* at, std::size_t size);
  static int on_message_complete(http_parser* parser);

  int start_reading() noexcept;
  void parse(std::string_view data) noexcept;
  void written(int status) noexcept;
  void lost() noexcept;
  void close() noexcept;

  uv_tcp_t tcp_{};  // its data points at this Connection
  http_parser parser_{};
  ConnectionOwner* owner_;  // null once released or gone
  RequestHead head_;
  bool in_value_ = false;   // the last header piece was a value: a field piece starts a header
  int refusal_ = 0;         // the status answered to the current request without taking it
  bool answering_ = false;  // an answer is being written
  bool close_after_ = false;
  bool closing_ = false;
  std::string held_;  // bytes read past the current request, parsed once it is answered
  std::vector<char> buffer_;
};

}  // namespace cae::runtime::http
