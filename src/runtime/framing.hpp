// How the bytes of a source (a file, standard input) become messages: the whole source as one
// message, one message per line, one message per chunk, or one stream message.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/line_splitter.hpp"
#include "cae/channel.hpp"
#include "cae/flow.hpp"
#include "cae/message.hpp"
#include "runtime/write_queue.hpp"

namespace cae::runtime {

enum class Framing : std::uint8_t { whole, lines, chunks, stream };

// The framing a mode argument names ("whole", "lines", "chunks", "stream"), if any.
std::optional<Framing> framing_named(std::string_view name);

struct FramingOptions {
  Framing framing = Framing::whole;
  bool keep_line_ends = false;      // lines: keep each line's "\n" or "\r\n"
  std::size_t max_chunk_bytes = 0;  // chunks, stream: split larger chunks; 0 keeps them whole
};

// Writes the bytes of one source after another to a Writer, framed as asked. Each call returns
// the Flow of its writes: read no more of the source until it is ready. Refers to the writer,
// which must outlive it. Loop thread only.
class Framer {
 public:
  Framer(Writer& writer, const FramingOptions& options);

  Flow begin_source();
  Flow add(const Message& chunk);
  Flow end_source();

 private:
  void add_split(const Message& chunk);

  FramingOptions options_;
  WriteQueue queue_;
  LineSplitter lines_;
  std::string whole_;  // whole: the source so far
};

}  // namespace cae::runtime
