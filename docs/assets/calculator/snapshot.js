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
