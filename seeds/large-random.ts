/**
 * The large-data generator's randomness: a small, fast, seeded generator (sfc32, seeded through
 * splitmix32), so that the same arguments give the same city, byte for byte. Streams are keyed
 * (a name and a number), so one case's draws never depend on how many another case made.
 */

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A 32-bit hash of a string (FNV-1a), to key streams by name. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h >>> 0;
}

const HEX = '0123456789abcdef';

export class Rng {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  /** The stream `name`/`n` of the generator seeded with `seed`. */
  constructor(seed: number, name: string, n = 0) {
    const mix = splitmix32((seed ^ hash32(name)) + Math.imul(n, 0x27d4eb2d));
    this.#a = mix();
    this.#b = mix();
    this.#c = mix();
    this.#d = mix();
    for (let i = 0; i < 12; i++) this.u32();
  }

  u32(): number {
    const t = (((this.#a + this.#b) >>> 0) + this.#d) >>> 0;
    this.#d = (this.#d + 1) >>> 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) >>> 0;
    this.#c = ((this.#c << 21) | (this.#c >>> 11)) >>> 0;
    this.#c = (this.#c + t) >>> 0;
    return t;
  }

  /** [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A number in [min, max). */
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** One of the values, with probability proportional to its weight. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of choices) total += w;
    let x = this.next() * total;
    for (const [value, w] of choices) {
      x -= w;
      if (x < 0) return value;
    }
    return choices[choices.length - 1]![0];
  }

  /** `k` distinct items, in their original order. */
  sample<T>(items: readonly T[], k: number): T[] {
    const chosen = new Set<number>();
    while (chosen.size < Math.min(k, items.length)) chosen.add(Math.floor(this.next() * items.length));
    return [...chosen].sort((x, y) => x - y).map((i) => items[i]!);
  }

  hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += HEX[this.u32() & 15];
    return s;
  }

  /**
   * An RFC 9562 UUID: version 7 (time-ordered, so rows made in time order land near each other in
   * an index) when `ms` is given, version 4 otherwise.
   */
  uuid(ms?: number): string {
    const head = ms === undefined ? this.hex(12) : Math.floor(ms).toString(16).padStart(12, '0').slice(-12);
    const version = ms === undefined ? '4' : '7';
    const variant = HEX[8 + (this.u32() & 3)];
    return `${head.slice(0, 8)}-${head.slice(8, 12)}-${version}${this.hex(3)}-${variant}${this.hex(3)}-${this.hex(12)}`;
  }
}
