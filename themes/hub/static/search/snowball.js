// Snowball stemmer runtime after frostem's snowball_env.rs, for stem-*.js
// (snowballstem/snowball@81dd074aaf2e16c104285df3a488b76ab69f6ce6). Positions
// count UTF-16 units but move by whole code points, as Rust's UTF-8 ones move
// by whole chars; among tables are looked up longest entry first, which is
// what Snowball's binary search over them finds.
// Copyright (c) 2001 Dr Martin Porter, 2004-2005 Richard Boulton, 2013 Yoshiki
// Shibukawa, 2006-2025 Olly Betts. BSD-3-Clause, see LICENSE-SNOWBALL.txt.
export function a(w, r) {
  const m = new Map();
  let n = 0;
  w.split(" ").forEach((s, i) => {
    m.set(s, r.map ? r[i] : r);
    n = Math.max(n, s.length);
  });
  return { m, n };
}
const lo = (s, i) => (s.charCodeAt(i) & 64512) == 56320;
export class Z {
  constructor(s) {
    this.s = s;
    this.c = this.lb = this.bra = this.ket = 0;
    this.l = s.length;
  }
  in(g) { return g.includes(this.s[this.c]); }
  nc() { this.c += lo(this.s, this.c + 1) ? 2 : 1; }
  pc() { this.c -= lo(this.s, this.c - 1) ? 2 : 1; }
  hop(n) {
    let c = this.c;
    for (; n > 0; n--) {
      if (c >= this.l) return false;
      c += lo(this.s, c + 1) ? 2 : 1;
    }
    this.c = c;
    return true;
  }
  hopb(n) {
    let c = this.c;
    for (; n > 0; n--) {
      if (c <= this.lb) return false;
      c -= lo(this.s, c - 1) ? 2 : 1;
    }
    this.c = c;
    return true;
  }
  eq(t) {
    if (this.c >= this.l || !this.s.startsWith(t, this.c)) return false;
    this.c += t.length;
    return true;
  }
  eqb(t) {
    if (this.c - this.lb < t.length || !this.s.startsWith(t, this.c - t.length)) return false;
    this.c -= t.length;
    return true;
  }
  ig(g) { return this.c < this.l && this.in(g) && (this.nc(), true); }
  og(g) { return this.c < this.l && !this.in(g) && (this.nc(), true); }
  igb(g) { return this.b(g, true); }
  ogb(g) { return this.b(g, false); }
  b(g, i) {
    if (this.c <= this.lb) return false;
    const c = this.c;
    this.pc();
    if (this.in(g) == i) return true;
    this.c = c;
    return false;
  }
  gi(g) { return this.g(g, false); }
  go(g) { return this.g(g, true); }
  g(g, i) {
    for (; this.c < this.l; this.nc()) if (this.in(g) == i) return true;
    return false;
  }
  gib(g) { return this.gb(g, false); }
  gob(g) { return this.gb(g, true); }
  gb(g, i) {
    while (this.c > this.lb) {
      const c = this.c;
      this.pc();
      if (this.in(g) == i) return (this.c = c), true;
    }
    return false;
  }
  fa(A) {
    for (let n = Math.min(A.n, this.l - this.c); n >= 0; n--) {
      const r = A.m.get(this.s.slice(this.c, this.c + n));
      if (r !== undefined) return (this.c += n), r;
    }
    return 0;
  }
  fab(A) {
    for (let n = Math.min(A.n, this.c - this.lb); n >= 0; n--) {
      const r = A.m.get(this.s.slice(this.c - n, this.c));
      if (r !== undefined) return (this.c -= n), r;
    }
    return 0;
  }
  rep(b, k, t) {
    const d = t.length - (k - b);
    this.s = this.s.slice(0, b) + t + this.s.slice(k);
    this.l += d;
    if (this.c >= k) this.c += d;
    else if (this.c > b) this.c = b;
    return d;
  }
  sf(t) {
    this.rep(this.bra, this.ket, t);
    this.ket = this.bra + t.length;
  }
  sd() { this.sf(""); }
  ins(b, k, t) {
    const d = this.rep(b, k, t);
    if (b <= this.bra) this.bra += d;
    if (b <= this.ket) this.ket += d;
  }
  st() { return this.s.slice(this.bra, this.ket); }
}
