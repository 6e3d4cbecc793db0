// The build's memory snapshot is stored without its zero pages (build_scripts/sitebuild/runtime.py,
// `sparse`): little-endian uint32s, the memory's size, the number of runs, each run's offset and
// length (in order, not overlapping, not empty); then the runs' bytes. Unpacked as it arrives: `memory` (zeroed,
// of the size in the header) at once, so that Pyodide compiles its runtime meanwhile; `written` once
// every run is in it, not before.
export function unpacking(body) {
  let sized;
  const memory = new Promise((resolve, reject) => { sized = { resolve, reject }; });
  const reader = body.getReader();
  const written = unpack(reader, (into) => sized.resolve(into)).catch((error) => {
    reader.cancel(error).catch(() => {});
    throw error;
  });
  written.catch((error) => sized.reject(error)); // failed before its size was known: no memory either
  return { memory, written };
}

async function unpack(reader, sized) {
  const word = (bytes, i) => new DataView(bytes.buffer, bytes.byteOffset).getUint32(4 * i, true);
  let head = new Uint8Array(8); // the size and the count, then the whole header
  let [got, runs, into, run, filled] = [0, null, null, 0, 0];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    let chunk = value;
    got += chunk.length;
    while (!runs && chunk.length) {
      const at = got - chunk.length;
      const part = chunk.subarray(0, head.length - at);
      head.set(part, at);
      chunk = chunk.subarray(part.length);
      if (at + part.length < head.length) continue;
      if (head.length === 8) { // the count known: the header's length
        if (word(head, 1) > word(head, 0)) throw new Error("snapshot: its header is damaged");
        const whole = new Uint8Array(8 + 8 * word(head, 1));
        whole.set(head);
        head = whole;
        if (head.length > 8) continue;
      }
      runs = header(head, word);
      into = new Uint8Array(word(head, 0));
      sized(into);
    }
    while (runs && chunk.length && run < runs.length) {
      const [offset, length] = runs[run];
      const part = chunk.subarray(0, length - filled);
      into.set(part, offset + filled);
      filled += part.length;
      chunk = chunk.subarray(part.length);
      if (filled === length) [run, filled] = [run + 1, 0];
    }
  }
  if (!runs) throw new Error(`snapshot: ${got} bytes, too few for its header`);
  const expected = runs.reduce((sum, [, length]) => sum + length, head.length);
  if (got !== expected) throw new Error(`snapshot: ${got} bytes, its header accounts for ${expected}`);
}

// Each run's offset and length, checked: in order, not overlapping, not empty, within the memory.
function header(head, word) {
  const runs = Array.from({ length: word(head, 1) }, (_, i) => [word(head, 2 + 2 * i), word(head, 3 + 2 * i)]);
  let end = 0;
  for (const [offset, length] of runs) {
    if (offset < end || length === 0 || offset + length > word(head, 0)) throw new Error("snapshot: its header is damaged");
    end = offset + length;
  }
  return runs;
}

// Which of the build's snapshots this engine can restore, or none. Python's memory holds function pointers:
// slots of Emscripten's function table, laid out as the runtime starts. JavaScriptCore gives a function a
// module exports and the same function read from its table as two objects, so Emscripten's reuse of slots
// misses and the table is laid out otherwise than in V8 and SpiderMonkey (a Chromium snapshot restored there
// fails: "call_indirect to a signature that does not match"). Without wasm-gc, or where Pyodide takes the
// device for iOS, its call trampoline takes no slot: no snapshot was made for that, so it boots.
const EXPORTED_AND_IN_TABLE = new Uint8Array([ // (func $f) (table 1 funcref) (elem $f) (export "f" $f) (export "t" table)
  0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 4, 4, 1, 112, 0, 1, 7, 9, 2, 1, 102, 0, 0, 1, 116, 1, 0,
  9, 7, 1, 0, 65, 0, 11, 1, 0, 10, 4, 1, 2, 0, 11]);
const GC_TYPE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 3, 1, 95, 0]); // (type (struct)): valid with wasm-gc
export function snapshotFor(params) {
  const ios = /iPad|iPhone|iPod/.test(navigator.userAgent) // as Pyodide's emscripten_trampoline.c decides
    || (navigator.platform === "MacIntel" && navigator.maxTouchPoints !== undefined && navigator.maxTouchPoints > 1);
  if (ios || !WebAssembly.validate(GC_TYPE)) return null;
  const { exports } = new WebAssembly.Instance(new WebAssembly.Module(EXPORTED_AND_IN_TABLE));
  return params.get(exports.f === exports.t.get(0) ? "snapshot" : "snapshotJsc");
}
