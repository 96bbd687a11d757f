// An array of a newtype whose witness is not 0: zero-filling would be unsound, so the post-processor rejects it.
module NonZeroWitness {
  newtype Odd = x: int | 0 <= x < 0x100 && x % 2 == 1 witness 1

  class Holder {
    const odds: array<Odd>
    constructor(n: Odd) { odds := new Odd[n]; }
  }
}
