// cae:WriteFile: writes each input message to a file: all of them one after another (append),
// each replacing the last (replace), or each to a file of its own (files). Streams are written
// chunk by chunk as they arrive, so a stream of any size is written in bounded memory.
#include <array>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include <fmt/format.h>

#include "cae/processor.hpp"
#include "cae/registry.hpp"
#include "processors/failure_watch.hpp"
#include "runtime/files.hpp"

namespace cae::processors {
namespace {

enum class WriteMode : std::uint8_t { append, replace, files };

WriteMode write_mode(const std::string& name) {
  if (name == "append") return WriteMode::append;
  if (name == "replace") return WriteMode::replace;
  if (name == "files") return WriteMode::files;
  throw ArgumentError(fmt::format("mode: expected append, replace or files, found '{}'", name));
}

// `pattern` with each "{i}" replaced by `index`.
std::string file_name(std::string_view pattern, std::uint64_t index) {
  constexpr std::string_view placeholder = "{i}";
  std::string name;
  std::size_t at = 0;
  for (std::size_t found; (found = pattern.find(placeholder, at)) != std::string_view::npos;
       at = found + placeholder.size()) {
    name.append(pattern.substr(at, found - at)).append(std::to_string(index));
  }
  return name.append(pattern.substr(at));
}

class WriteFile final : public Processor {
 public:
  explicit WriteFile(Context& context)
      : Processor(context),
        input_(args().reader("input")),
        mode_(write_mode(args().string("mode"))),
        pattern_(args().string("path")),
        suffix_(Message::copy(args().string("suffix"))) {
    if (mode_ == WriteMode::files && pattern_.find("{i}") == std::string::npos) {
      throw ArgumentError("path: in files mode the path needs {i}, the message number");
    }
  }

  // Checks the path and, in append mode, creates the file now: empty if no message comes.
  Flow init() override {
    root_ = runtime::file_root(context());
    path_ = runtime::path_beneath(root_, pattern_);
    if (mode_ == WriteMode::append) {
      file_ = context().open_file_sink(path_, false);
      open_ = true;
    }
    return Flow::done();
  }

  Flow transform() override {
    input_.on_chunk([this](const Chunk& chunk) { return watched_(write(chunk)); });
    input_.on_close([this](const std::optional<std::string>&) { return watched_(close_file()); });
    return Flow::done();
  }

 private:
  Flow write(const Chunk& chunk) {
    if (chunk.first && mode_ != WriteMode::append) open_message_file();
    if (!chunk.last) return write_parts({chunk.bytes});
    ++messages_;
    const Flow written = write_parts({chunk.bytes, suffix_});
    if (mode_ == WriteMode::append) return written;
    return close_file();  // writes what is pending first
  }

  // A failed write, close or rename is a fatal error of this processor.
  void report(std::string_view error) {
    const std::string& file = mode_ == WriteMode::append ? path_ : target_;
    context().fail(fmt::format("cannot write {}: {}", file, error.empty() ? "failed" : error));
  }

  // Empty parts (the first and last chunk of a stream, an empty suffix) are left out.
  Flow write_parts(std::initializer_list<Message> parts) {
    std::array<Message, 2> present;
    std::size_t count = 0;
    for (const auto& part : parts) {
      if (!part.empty()) present.at(count++) = part;
    }
    if (count == 0) return Flow::done();
    return file_->write(std::span<const Message>{present.data(), count});
  }

  // Replace mode writes a temporary file and renames it over the target once complete, so a
  // reader of the target never sees half a message.
  void open_message_file() {
    target_ = mode_ == WriteMode::files
                  ? runtime::path_beneath(root_, file_name(pattern_, messages_))
                  : path_;
    file_ = context().open_file_sink(mode_ == WriteMode::replace ? partial_path() : target_, false);
    open_ = true;
  }

  [[nodiscard]] std::string partial_path() const { return target_ + ".cae-partial"; }

  // Ready once the file is written and closed (and, in replace mode, renamed into place).
  Flow close_file() {
    if (!open_) return Flow::done();
    open_ = false;
    const Flow finished = closed_.flow();
    file_->close().then([this](Outcome outcome) { finish_close(outcome); });
    return finished;
  }

  // The sink stays alive until the next file replaces it: this runs inside its callback.
  void finish_close(Outcome outcome) {
    std::error_code error;
    if (outcome == Outcome::done && mode_ == WriteMode::replace) {
      std::filesystem::rename(partial_path(), target_, error);
    }
    if (error) {
      closed_.fail(fmt::format("cannot rename {} into place: {}", partial_path(), error.message()));
      return;
    }
    closed_.complete(outcome);
  }

  Reader& input_;
  WriteMode mode_;
  std::string pattern_;
  Message suffix_;
  std::string root_;
  std::string path_;
  std::string target_;
  std::unique_ptr<FileSink> file_;
  bool open_ = false;
  std::uint64_t messages_ = 0;
  Promise closed_;
  FailureWatch watched_{[this](std::string_view error) { report(error); }};
};

}  // namespace

void register_write_file(Registry& registry) {
  registry.add("https://w3id.org/cae#WriteFile", make_processor<WriteFile>);
}

}  // namespace cae::processors
