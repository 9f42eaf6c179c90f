#include "base/line_splitter.hpp"

namespace cae {

void LineSplitter::feed(std::string_view chunk, const LineSink& sink) {
  std::size_t end = chunk.find('\n');
  if (end == std::string_view::npos) {
    partial_.append(chunk);
    return;
  }
  if (!partial_.empty()) {
    partial_.append(chunk.substr(0, end + 1));
    emit(partial_, sink);
    partial_.clear();
  } else {
    emit(chunk.substr(0, end + 1), sink);
  }
  std::size_t start = end + 1;
  while ((end = chunk.find('\n', start)) != std::string_view::npos) {
    emit(chunk.substr(start, end + 1 - start), sink);
    start = end + 1;
  }
  partial_.append(chunk.substr(start));
}

void LineSplitter::finish(const LineSink& sink) {
  if (partial_.empty()) return;
  const std::string last = std::move(partial_);
  partial_.clear();
  sink(last);
}

void LineSplitter::emit(std::string_view line_with_end, const LineSink& sink) const {
  if (keep_line_ends_) {
    sink(line_with_end);
    return;
  }
  line_with_end.remove_suffix(1);
  if (line_with_end.ends_with('\r')) line_with_end.remove_suffix(1);
  sink(line_with_end);
}

}  // namespace cae
