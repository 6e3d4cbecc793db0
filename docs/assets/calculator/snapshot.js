// The build's memory snapshot is stored without its zero pages (build_scripts/sitebuild/runtime.py,
// `sparse`): little-endian uint32s, the memory's size, the number of runs, each run's offset and
// length; then the runs' bytes.
export function unpack(buffer) {
  const view = new DataView(buffer);
  const [size, count] = [view.getUint32(0, true), view.getUint32(4, true)];
  const memory = new Uint8Array(size); // zeroed
  let at = 8 + 8 * count;
  for (let i = 0; i < count; i += 1) {
    const [offset, length] = [view.getUint32(8 + 8 * i, true), view.getUint32(12 + 8 * i, true)];
    memory.set(new Uint8Array(buffer, at, length), offset);
    at += length;
  }
  if (at !== buffer.byteLength) throw new Error(`snapshot: ${buffer.byteLength} bytes, its runs account for ${at}`);
  return memory;
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
