// cae:ReadFile: reads files, named by paths or glob patterns, one after another, and writes each
// as one message, as lines, as chunks or as one stream message. Files are read in chunks with
// backpressure, so in lines, chunks and stream modes a file of any size flows in bounded memory.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cae/processor.hpp"
#include "cae/registry.hpp"
#include "runtime/files.hpp"
#include "runtime/framing.hpp"

namespace cae::processors {
namespace {

runtime::FramingOptions file_framing(const Arguments& args) {
  const std::string mode = args.string("mode");
  const auto framing = runtime::framing_named(mode);
  if (!framing) {
    throw ArgumentError(
        fmt::format("mode: expected whole, lines, chunks or stream, found '{}'", mode));
  }
  const std::int64_t chunk_size = args.integer("chunkSize");
  if (chunk_size <= 0) throw ArgumentError("chunkSize must be positive");
  return {*framing, args.boolean("keepLineEnds"), static_cast<std::size_t>(chunk_size)};
}

class ReadFile final : public Processor {
 public:
  explicit ReadFile(Context& context)
      : Processor(context),
        output_(args().writer("output")),
        framer_(output_, file_framing(args())),
        patterns_(args().strings("path")) {}

  // Finds the files now, so that a missing one stops the run before any data flows.
  Flow init() override {
    files_ = runtime::readable_files(runtime::file_root(context()), patterns_);
    return Flow::done();
  }

  Flow produce() override {
    const Flow produced = produced_.flow();
    read_next();
    return produced;
  }

  void stop() noexcept override {
    stopped_ = true;
    if (read_) read_->stop();
  }

 private:
  void read_next() {
    if (stopped_ || next_ == files_.size()) {
      output_.close();
      produced_.complete();
      return;
    }
    const std::string& path = files_[next_++];
    try {
      source_ = context().open_file_source(path);
    } catch (const std::exception& error) {
      produced_.fail(error.what());
      return;
    }
    read_.emplace(framer_, *source_, [this, &path](const std::optional<std::string>& error) {
      if (error) {
        produced_.fail(fmt::format("cannot read {}: {}", path, *error));
        return;
      }
      // The source that calls this must not be destroyed inside its own callback.
      context().post([this] { read_next(); });
    });
    read_->start();
  }

  Writer& output_;
  runtime::Framer framer_;
  std::vector<std::string> patterns_;
  std::vector<std::string> files_;
  std::size_t next_ = 0;
  std::unique_ptr<ByteSource> source_;
  std::optional<runtime::FramedSource> read_;
  bool stopped_ = false;
  Promise produced_;
};

}  // namespace

void register_read_file(Registry& registry) {
  registry.add("https://w3id.org/cae#ReadFile", make_processor<ReadFile>);
}

}  // namespace cae::processors
