// Measures messages per second through in-memory channels: Generate → Pass × d → sink, in one
// process, through the real runtime (runtime::run_pipeline with the built-in processors, the
// same call `cae run` makes once the document is resolved).
//
//   bench_channels [--count N] [--size BYTES] [--passes 0,1,2,4] [--repeat R]
//                  [--text-count N] [--big-count N] [--big-size BYTES] [--queue-messages M]
//
// Cases, each run --repeat times:
//   - small messages through 0, 1, 2, 4 … Pass stages (Generate with `size`: every message
//     shares one buffer, so this measures the channels, not the allocator);
//   - the same with a new buffer per message (Generate with `text` "{i}": one std::string and
//     one allocation per message), through one Pass;
//   - large messages (1 MiB) through one Pass, with a copy check: the sink compares each
//     message's data pointer with the first one's and requires that the buffer still be shared
//     with the generator (use count ≥ 2), and the byte rate is set against memcpy's.
//
// Terms: a hop is one channel; d Pass stages make d + 1 hops. "msg/s" counts messages that
// reached the sink per second of the run (open to close of the loop), on two clocks: the
// process's CPU time, which is what one core achieves even on a busy machine, and wall time;
// "hop msg/s" is the CPU rate × hops, the channel transfers per second of the one loop thread;
// "ns/hop" is its inverse. Peak RSS is the process's high-water mark during the case (reset
// before each run through /proc/self/clear_refs). The best of the --repeat runs (least CPU
// time) is shown. Exits 1 if a run fails or the sink's counts are wrong.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <time.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cae/processor.hpp"
#include "cae/registry.hpp"
#include "model/pipeline.hpp"
#include "processors/builtins.hpp"
#include "runtime/run.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using cae::Flow;
using cae::Message;

constexpr std::string_view cae_ns = "https://w3id.org/cae#";
constexpr std::string_view probe_class = "urn:cae:bench#Probe";

// What the sink saw in one run.
struct ProbeStats {
  std::uint64_t messages = 0;
  std::uint64_t bytes = 0;
  std::uint64_t moved_buffers = 0;    // messages whose data pointer differed from the first's
  std::uint64_t unshared_buffers = 0; // messages held by the sink alone (use count 1)
};

// The bench's sink: counts like cae:Count (chunk handler, nothing gathered), and checks buffer
// identity when asked: two loads and compares per message.
class Probe final : public cae::Processor {
 public:
  Probe(cae::Context& context, ProbeStats& stats, bool check)
      : Processor(context), input_(args().reader("input")), stats_(stats), check_(check) {}

  Flow transform() override {
    input_.on_chunk([this](const cae::Chunk& chunk) {
      take(chunk.bytes);
      return Flow::done();
    });
    return Flow::done();
  }

 private:
  void take(const Message& message) {
    if (stats_.messages++ == 0) first_data_ = message.data();
    stats_.bytes += message.size();
    if (check_) {
      if (message.data() != first_data_) ++stats_.moved_buffers;
      if (message.use_count() < 2) ++stats_.unshared_buffers;
    }
  }

  cae::Reader& input_;
  ProbeStats& stats_;
  bool check_;
  const char* first_data_ = nullptr;
};

struct Case {
  std::string name;
  std::uint64_t count = 0;
  std::uint64_t size = 0;      // bytes per message; 0 with a text template
  bool new_buffers = false;    // Generate with text "{i}" instead of size
  int passes = 0;
  bool check_copies = false;
};

struct Measurement {
  double seconds = 0;        // run_pipeline's wall time
  double cpu_seconds = 0;    // the process's CPU time meanwhile (the loop is one thread)
  double peak_rss_mib = 0;
  ProbeStats stats;
};

cae::model::Json writer(const std::string& channel) { return {{"writer", channel}}; }
cae::model::Json reader(const std::string& channel) { return {{"reader", channel}}; }

// The resolved pipeline `cae run` would build from the equivalent document.
cae::model::Pipeline make_pipeline(const Case& c) {
  cae::model::Pipeline pipeline;
  pipeline.iri = "urn:cae:bench";
  const auto add = [&](std::string id, std::string type, cae::model::Json arguments) {
    pipeline.processors.push_back(cae::model::Processor{
        std::move(id), std::move(type), "https://w3id.org/cae#CppRunner", std::move(arguments),
        {}, {}, {}, {}});
  };
  cae::model::Json generate = {{"count", c.count}, {"intervalMs", 0}, {"output", writer("c0")}};
  if (c.new_buffers) {
    generate["text"] = "{i}";
  } else {
    generate["size"] = c.size;
  }
  add("urn:cae:bench:generate", fmt::format("{}Generate", cae_ns), generate);
  for (int i = 1; i <= c.passes; ++i) {
    add(fmt::format("urn:cae:bench:pass{}", i), fmt::format("{}Pass", cae_ns),
        {{"input", reader(fmt::format("c{}", i - 1))}, {"output", writer(fmt::format("c{}", i))}});
  }
  add("urn:cae:bench:sink", std::string{probe_class},
      {{"input", reader(fmt::format("c{}", c.passes))}});
  for (int i = 0; i <= c.passes; ++i) {
    cae::model::Channel channel;
    channel.id = fmt::format("c{}", i);
    channel.writers = {pipeline.processors[static_cast<std::size_t>(i)].id};
    channel.readers = {pipeline.processors[static_cast<std::size_t>(i) + 1].id};
    pipeline.channels.push_back(std::move(channel));
  }
  return pipeline;
}

// Linux: writing 5 to clear_refs resets VmHWM, so each run reports its own peak.
void reset_peak_rss() {
  std::ofstream{"/proc/self/clear_refs"} << "5";
}

// CPU time of the whole process: the loop thread plus libuv's (idle) thread pool.
double cpu_now() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

double peak_rss_mib() {
  std::ifstream status{"/proc/self/status"};
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with("VmHWM:")) return std::stod(line.substr(6)) / 1024.0;
  }
  return 0;
}

std::optional<Measurement> run_once(const Case& c, const cae::runtime::RunOptions& options) {
  Measurement out;
  const bool check = c.check_copies;
  cae::Registry registry;
  cae::processors::register_builtins(registry);
  registry.add(std::string{probe_class}, [&out, check](cae::Context& context) {
    return std::make_unique<Probe>(context, out.stats, check);
  });
  const cae::model::Pipeline pipeline = make_pipeline(c);

  reset_peak_rss();
  const double cpu_start = cpu_now();
  const auto start = Clock::now();
  const auto result = cae::runtime::run_pipeline(pipeline, registry, options);
  out.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  out.cpu_seconds = cpu_now() - cpu_start;
  out.peak_rss_mib = peak_rss_mib();

  if (result.exit_code != 0) {
    fmt::print(stderr, "{}: run failed: {} {}\n", c.name,
               result.error ? result.error->message : std::string{}, result.summary);
    return std::nullopt;
  }
  const std::uint64_t expected_bytes = c.new_buffers ? out.stats.bytes : c.count * c.size;
  if (out.stats.messages != c.count || out.stats.bytes != expected_bytes) {
    fmt::print(stderr, "{}: the sink saw {} messages and {} bytes, expected {} and {}\n", c.name,
               out.stats.messages, out.stats.bytes, c.count, expected_bytes);
    return std::nullopt;
  }
  return out;
}

// memcpy bandwidth on buffers of `size` bytes, in bytes per CPU second: the rate a path that
// copied each message once would be bounded by.
double memcpy_bandwidth(std::size_t size) {
  std::vector<char> from(size, 'x');
  std::vector<char> to(size);
  const std::uint64_t rounds = std::max<std::uint64_t>(1, (std::uint64_t{2} << 30) / size);
  const double start = cpu_now();
  for (std::uint64_t i = 0; i < rounds; ++i) {
    std::memcpy(to.data(), from.data(), size);
    // Keeps the copy from being optimised away.
    asm volatile("" : : "r"(to.data()) : "memory");
  }
  const double seconds = cpu_now() - start;
  return static_cast<double>(rounds * size) / seconds;
}

std::string si(double value) {
  if (value >= 1e9) return fmt::format("{:.2f} G", value / 1e9);
  if (value >= 1e6) return fmt::format("{:.2f} M", value / 1e6);
  if (value >= 1e3) return fmt::format("{:.2f} k", value / 1e3);
  return fmt::format("{:.0f} ", value);
}

struct Row {
  Case c;
  std::vector<Measurement> runs;  // sorted, fastest first
};

constexpr std::string_view row_format =
    "{:<31} {:>4} {:>9} {:>7} {:>8} {:>8} {:>12} {:>12} {:>12} {:>6} {:>7}\n";

void print_header() {
  fmt::print(row_format, "case", "hops", "messages", "bytes", "cpu ms", "wall ms", "cpu msg/s",
             "wall msg/s", "hop msg/s", "ns/hop", "RSS MiB");
}

void print_row(const Row& row) {
  const Measurement& best = row.runs.front();
  const double hops = row.c.passes + 1;
  const double count = static_cast<double>(row.c.count);
  const double cpu_rate = count / best.cpu_seconds;
  fmt::print(row_format, row.c.name, row.c.passes + 1, row.c.count,
             row.c.new_buffers ? std::string{"text"} : std::to_string(row.c.size),
             fmt::format("{:.1f}", best.cpu_seconds * 1e3), fmt::format("{:.1f}", best.seconds * 1e3),
             si(cpu_rate) + "/s", si(count / best.seconds) + "/s", si(cpu_rate * hops) + "/s",
             fmt::format("{:.1f}", 1e9 / (cpu_rate * hops)),
             fmt::format("{:.1f}", best.peak_rss_mib));
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Messages per second through cae's in-memory channels (Generate → Pass × d → sink)"};
  std::uint64_t count = 10'000'000;
  std::uint64_t size = 16;
  std::vector<int> passes = {0, 1, 2, 4};
  int repeat = 3;
  std::optional<std::uint64_t> text_count;
  std::uint64_t big_count = 100'000;
  std::uint64_t big_size = 1 << 20;
  std::uint64_t queue_messages = 256;
  app.add_option("--count,-n", count, "Small messages per run")->capture_default_str();
  app.add_option("--size,-s", size, "Bytes per small message")->capture_default_str();
  app.add_option("--passes,-p", passes, "Pass stages between Generate and the sink, one case each")
      ->delimiter(',')
      ->capture_default_str();
  app.add_option("--repeat,-r", repeat, "Runs per case")->check(CLI::PositiveNumber)->capture_default_str();
  app.add_option("--text-count", text_count,
                 "Messages in the new-buffer-each case (default: --count; 0: skip it)");
  app.add_option("--big-count", big_count, "Large messages in the copy-check case (0: skip it)")
      ->capture_default_str();
  app.add_option("--big-size", big_size, "Bytes per large message")->capture_default_str();
  app.add_option("--queue-messages", queue_messages, "Reader queue bound in messages")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  cae::runtime::RunOptions options;
  options.queue.messages = queue_messages;
  options.log_level = cae::LogLevel::warn;
  options.log_sink = [](std::string_view line) { fmt::print(stderr, "{}", line); };

  std::vector<Case> cases;
  for (const int d : passes) {
    cases.push_back({fmt::format("small, {} pass", d), count, size, false, d, false});
  }
  if (text_count.value_or(count) > 0) {
    cases.push_back({"small, new buffer each, 1 pass", text_count.value_or(count), 0, true, 1, false});
  }
  if (big_count > 0) {
    cases.push_back({fmt::format("{} KiB, 1 pass", big_size >> 10), big_count, big_size, false,
                     1, true});
  }

  print_header();
  std::vector<Row> rows;
  for (const Case& c : cases) {
    Row row{c, {}};
    for (int i = 0; i < repeat; ++i) {
      auto measured = run_once(c, options);
      if (!measured) return 1;
      row.runs.push_back(*measured);
    }
    std::sort(row.runs.begin(), row.runs.end(),
              [](const Measurement& a, const Measurement& b) {
                return a.cpu_seconds < b.cpu_seconds;
              });
    print_row(row);
    std::fflush(stdout);
    rows.push_back(std::move(row));
  }

  if (big_count > 0) {
    const Row& big = rows.back();
    const Measurement& best = big.runs.front();
    const double bytes_per_s = static_cast<double>(best.stats.bytes) / best.cpu_seconds;
    const double copy_rate = memcpy_bandwidth(big_size);
    fmt::print("\ncopy check, {} messages of {} bytes through 2 hops:\n", big.c.count, big_size);
    fmt::print("  payload moved {}B per CPU second; memcpy of such buffers {}B/s ({:.0f}x)\n",
               si(bytes_per_s), si(copy_rate), bytes_per_s / copy_rate);
    std::uint64_t moved = 0;
    std::uint64_t unshared = 0;
    for (const auto& run : big.runs) {
      moved += run.stats.moved_buffers;
      unshared += run.stats.unshared_buffers;
    }
    fmt::print("  messages at the sink with another data pointer than the first: {}\n", moved);
    fmt::print("  messages at the sink not sharing the generator's buffer: {}\n", unshared);
    if (moved != 0 || unshared != 0) {
      fmt::print("  FAILED: a message was copied on the way\n");
      return 1;
    }
    fmt::print("  no copy: every message arrived as the generator's one buffer\n");
  }
  return 0;
}
