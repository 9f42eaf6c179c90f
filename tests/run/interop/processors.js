// Test processors for @rdfc/js-runner 1.0.0. The runner calls each exported function with the
// arguments its FnO mapping (processors.ttl) puts in position; a returned function is called once
// every channel is set up.
import { appendFileSync, writeFileSync } from "node:fs";

// Sends "message 0" ... "message COUNT-1" on `output`, each after the previous was accepted, then
// ends the writer (over WebSocket the runner turns that into a normal Close).
export function numbered(count, output) {
  return async () => {
    for (let i = 0; i < count; i++) {
      await output.push(`message ${i}`);
    }
    await output.end();
  };
}

// Appends every message of `input` as one line to the file at `path`, so the test can watch the
// file grow; the runner's WebSocket and HTTP readers never report an end, so nothing marks one.
export function record(input, path) {
  writeFileSync(path, "");
  input.data((message) => {
    appendFileSync(path, `${message}\n`);
  });
}
