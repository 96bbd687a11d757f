// Multiples and remainders (ghost): the nonlinear facts flexpage placement rests on, each proved with explicit
// quotients so that the solver's nonlinear reasoning stays small. Verified with nonlinear arithmetic on
// (spec/Mapping/Arith/dfyconfig.toml); callers are verified with it off and use only these statements.
module MappingArith {
  lemma LemmaModRange(x: int, S: int)
    requires S > 0
    ensures 0 <= x % S < S
  {
  }

  lemma LemmaMulGe(k: int, S: int)
    requires k >= 1 && S > 0
    ensures k * S >= S
  {
  }

  lemma LemmaMulMod(q: int, S: int)
    requires S > 0
    ensures (q * S) % S == 0
  {
    var d := (q * S) / S;
    var m := (q * S) % S;
    assert q * S == d * S + m && 0 <= m < S;
    assert (q - d) * S == m;
    if q - d >= 1 {
      LemmaMulGe(q - d, S);
    } else if q - d <= -1 {
      LemmaMulGe(d - q, S);
      assert (d - q) * S == -m;
    }
  }

  // Rounding down to a multiple of S: o - o % S is a multiple of S, between o - S and o.
  lemma LemmaModDown(o: int, S: int)
    requires S > 0 && o >= 0
    ensures 0 <= o % S < S && (o - o % S) % S == 0 && 0 <= o - o % S <= o
  {
    assert o == (o / S) * S + o % S;
    assert o - o % S == (o / S) * S;
    LemmaMulMod(o / S, S);
  }

  // The S-aligned block holding o ends inside [0, B) when S divides B.
  lemma LemmaBlockInside(o: int, S: int, B: int)
    requires S > 0 && 0 <= o < B && B % S == 0
    ensures o - o % S + S <= B
  {
    var q := o / S;
    var Q := B / S;
    assert o == q * S + o % S;
    assert B == Q * S;
    assert q < Q by {
      if q >= Q {
        assert q * S >= Q * S;
      }
    }
    assert (q + 1) * S <= Q * S;
  }

  lemma LemmaAddAligned(x: int, y: int, S: int)
    requires S > 0 && x % S == 0 && y % S == 0
    ensures (x + y) % S == 0
  {
    assert x == (x / S) * S;
    assert y == (y / S) * S;
    assert x + y == (x / S + y / S) * S;
    LemmaMulMod(x / S + y / S, S);
  }

  // A multiple of B is a multiple of every divisor S of B.
  lemma LemmaAlignedDivides(x: int, S: int, B: int)
    requires S > 0 && B > 0 && x % B == 0 && B % S == 0
    ensures x % S == 0
  {
    assert x == (x / B) * B;
    assert B == (B / S) * S;
    assert x == ((x / B) * (B / S)) * S;
    LemmaMulMod((x / B) * (B / S), S);
  }
}
