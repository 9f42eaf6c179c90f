// Channel settings beyond what a shape can say (spec/vocabulary.md §5, spec/channels.md §8):
// port ranges, loopback listeners, URLs, the file root, encodings, log levels, queue bounds.
#pragma once

#include "model/pipeline.hpp"
#include "resolve/end_classes.hpp"
#include "resolve/extract.hpp"

namespace cae::resolve {

class SettingsCheck {
 public:
  // `end` is the channel's network or file end class, nullptr for an in-memory channel.
  SettingsCheck(Context& context, const Walk& walk, const Shape& shape, rdf::Term channel,
                const EndClass* end)
      : context_{context}, walk_{walk}, shape_{shape}, channel_{channel}, end_{end} {}

  // Checks the settings resolved with `shape` and normalises them in place: conn:filePath
  // becomes an absolute path, rdfc:logLevel loses its upstream aliases. Returns false when a
  // problem was reported.
  bool run(model::Json& settings) const;

 private:
  bool check(const Field& field, model::Json& value, const model::Json& settings) const;
  bool check_port(const Field& field, const model::Json& value) const;
  bool check_listen_host(const Field& field, const std::string& host) const;
  bool check_http_endpoint(const Field& field, const std::string& url,
                           const model::Json& settings) const;
  bool check_file_path(const Field& field, model::Json& value) const;
  bool check_log_level(const Field& field, model::Json& value) const;
  bool check_choice(const Field& field, const std::string& value,
                    std::initializer_list<std::string_view> allowed, bool ignore_case) const;
  bool check_range(const Field& field, const model::Json& value, std::int64_t min, std::int64_t max,
                   std::string_view what) const;
  [[nodiscard]] bool is_ingress() const;
  [[nodiscard]] Location where(const Field& field) const;
  bool fail(const Field& field, const std::string& detail) const;

  Context& context_;
  const Walk& walk_;
  const Shape& shape_;
  rdf::Term channel_;
  const EndClass* end_;
};

// Moves resolved settings into `channel`: logLevel and the queue bounds into their own fields,
// the transport settings into channel.settings.
void apply_settings(model::Json settings, model::Channel& channel);

}  // namespace cae::resolve
