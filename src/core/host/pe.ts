/** The CPU an .exe is built for, from its PE header (the IMAGE_FILE_HEADER Machine field). */

export type Machine = 'x86' | 'x64' | 'arm64';

const MACHINES: Record<number, Machine> = { 0x014c: 'x86', 0x8664: 'x64', 0xaa64: 'arm64' };

/** `bytes` are the first bytes of the file (the PE header is within the first few hundred). */
export function peMachine(bytes: Uint8Array): Machine | undefined {
  if (bytes.length < 0x40 || bytes[0] !== 0x4d || bytes[1] !== 0x5a) return undefined;
  const peOffset = readU32(bytes, 0x3c);
  if (peOffset + 6 > bytes.length) return undefined;
  if (bytes[peOffset] !== 0x50 || bytes[peOffset + 1] !== 0x45 || bytes[peOffset + 2] !== 0 || bytes[peOffset + 3] !== 0) return undefined;
  return MACHINES[bytes[peOffset + 4]! | (bytes[peOffset + 5]! << 8)];
}

function readU32(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}
