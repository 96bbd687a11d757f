// Constructs whose generated C# carries boilerplate the post-processor must strip (or reject).
module Boilerplate {
  newtype u8 = x: int | 0 <= x < 0x100
  newtype u32 = x: int | 0 <= x < 0x1_0000_0000

  class Node {
    var value: u32
    constructor() {}
  }

  class Store {
    const nodes: array<Node?>
    const grid: array2<u32>
    const flags: array<bool>
    const size: u32  // `grid.Length0 as u32` would compile through BigInteger: keep sizes in native fields
    var count: u32

    constructor(n: u32)
      requires 0 < n
      ensures size == n && grid.Length0 == n as int && grid.Length1 == n as int
    {
      size := n;
      nodes := new Node?[n];
      grid := new u32[n, n];
      flags := new bool[n];
      count := 0;
    }

    method Put(i: u32, v: u32) returns (ok: bool)
      requires grid.Length0 == size as int && grid.Length1 == size as int
      modifies grid
    {
      if i >= size { return false; }
      grid[i, i] := v;
      return true;
    }
  }
}
