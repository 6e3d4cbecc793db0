// The build's memory snapshot is stored without its zero pages (build_scripts/sitebuild/runtime.py,
// `sparse`): the memory's size, the runs of non-zero bytes (offset, length), then their bytes.
export function unpack(buffer) {
  const [size, count] = new Uint32Array(buffer, 0, 2);
  const runs = new Uint32Array(buffer, 8, 2 * count);
  const memory = new Uint8Array(size); // zeroed
  let at = 8 + runs.byteLength;
  for (let i = 0; i < runs.length; i += 2) {
    memory.set(new Uint8Array(buffer, at, runs[i + 1]), runs[i]);
    at += runs[i + 1];
  }
  if (at !== buffer.byteLength) throw new Error(`snapshot: ${buffer.byteLength} bytes, its runs account for ${at}`);
  return memory;
}
