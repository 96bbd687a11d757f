// A datatype that only ghost code uses (a snapshot for an invariant): Dafny still compiles it, the post-processor
// removes it, and the compiled method that the ghost code talks about stays.
module GhostOnlyDatatype {
  newtype u32 = x: int | 0 <= x < 0x1_0000_0000
  datatype Snapshot = Snapshot(words: seq<u32>, count: u32)
  ghost predicate Fits(s: Snapshot) { |s.words| == s.count as int }
  lemma FitsEmpty() ensures Fits(Snapshot([], 0)) {}
  method Count(a: array<u32>) returns (c: u32)
    requires a.Length < 0x1_0000_0000
    ensures Fits(Snapshot(a[..], c))
  {
    c := a.Length as u32;
  }
}
