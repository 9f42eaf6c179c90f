// A shared library that is not a cae plugin: it has no entry point.
extern "C" __attribute__((visibility("default"))) int cae_test_not_a_plugin() {
  return 42;
}
