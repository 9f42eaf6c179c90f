// Cuts a byte stream that arrives in chunks into lines. A line ends at "\n"; a "\r" just before
// that "\n" belongs to the line end too, so CRLF text splits like LF text. A lone "\r" is an
// ordinary byte. The last line needs no line end: finish() emits it.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace cae {

class LineSplitter {
 public:
  // Receives one line; the view is valid during the call only.
  using LineSink = std::function<void(std::string_view line)>;

  // With keep_line_ends, each line keeps its "\n" or "\r\n" as it was in the input.
  explicit LineSplitter(bool keep_line_ends = false) : keep_line_ends_{keep_line_ends} {}

  // Emits every line completed by `chunk`, in order. Lines inside one chunk are passed as views
  // of it without copying; only a line that spans chunks is gathered, so memory holds at most
  // the longest line.
  void feed(std::string_view chunk, const LineSink& sink);

  // Emits the last line if the input did not end with a line end, and starts over.
  void finish(const LineSink& sink);

 private:
  void emit(std::string_view line_with_end, const LineSink& sink) const;

  bool keep_line_ends_;
  std::string partial_;  // the beginning of a line whose end has not arrived yet
};

}  // namespace cae
