// How the bytes of a source (a file, standard input) become messages: the whole source as one
// message, one message per line, one message per chunk, or one stream message.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "base/line_splitter.hpp"
#include "cae/channel.hpp"
#include "cae/flow.hpp"
#include "cae/io.hpp"
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

// Writes the bytes of one source after another to a Writer, framed as asked. The calls queue
// writes; flush() makes them and returns their Flow: read no more of the source until it is
// ready. Refers to the writer, which must outlive it. Loop thread only.
class Framer {
 public:
  Framer(Writer& writer, const FramingOptions& options);

  void begin_source();
  void add(const Message& chunk);
  void end_source();
  Flow flush() { return queue_.flush(); }

 private:
  void add_split(const Message& chunk);

  FramingOptions options_;
  WriteQueue queue_;
  LineSplitter lines_;
  std::string whole_;  // whole: the source so far
};

// Reads one ByteSource through a Framer: the source's bytes become framed messages, read no
// faster than they are written. Refers to both, which must outlive it.
class FramedSource {
 public:
  // Called once: with the source's error, or with nullopt when it ended, was stopped, or every
  // reader of the output went away. Calling it may destroy this object.
  using Done = std::function<void(const std::optional<std::string>& error)>;

  FramedSource(Framer& framer, ByteSource& source, Done done)
      : framer_{framer}, source_{source}, done_{std::move(done)} {}

  void start();
  void stop() { source_.stop(); }

 private:
  Flow add(const Message& chunk);
  void end(const std::optional<std::string>& error);

  Framer& framer_;
  ByteSource& source_;
  Done done_;
};

}  // namespace cae::runtime
