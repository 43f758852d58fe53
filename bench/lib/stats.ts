/** Latency samples (ms, float) and their percentiles. */
export class Samples {
  private values = new Float64Array(1 << 16);
  private n = 0;

  add(value: number) {
    if (this.n === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.n++] = value;
  }

  get count() {
    return this.n;
  }

  summary() {
    const sorted = this.values.slice(0, this.n).sort();
    const at = (p: number) => (this.n === 0 ? 0 : sorted[Math.min(this.n - 1, Math.floor((p / 100) * this.n))]!);
    let sum = 0;
    for (let i = 0; i < this.n; i++) sum += sorted[i]!;
    return { count: this.n, mean: this.n ? sum / this.n : 0, p50: at(50), p90: at(90), p99: at(99), p999: at(99.9), max: at(100) };
  }
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
